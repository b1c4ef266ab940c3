"""Short outages answer like a product: while PostgreSQL or Redis is unreachable (a
restart, a fail-over) a request gets a short Vietnamese "busy, try again in a few
seconds" page with status 503 and Retry-After, not a bare 500. Django calls handler500
inside the ``except`` block of the failed request, so the exception is at hand."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 5

OUTAGES: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    OUTAGES += (RedisConnectionError, RedisTimeoutError)
except ImportError:  # pragma: no cover - redis is an optional dependency
    pass


def is_outage(exc: BaseException | None) -> bool:
    """The exception, or one it was raised from, says a service is unreachable."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OUTAGES):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if not is_outage(sys.exc_info()[1]):
        return defaults.server_error(request, template_name)
    message = _("The system is busy, please try again in a few seconds.")
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"error": message, "retry": True}, status=503)
    else:
        # No request context: the context processors might need the database.
        body = render_to_string("503.html", {"message": message})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
