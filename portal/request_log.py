"""One log line per request for the people who run the server, and the request id on
every log line written while the request runs (errors included).

    request_id=4f2c… user=17 method=POST path=/accounts/login/ status=302 duration_ms=41

The id comes from the proxy's X-Request-ID header when it is a plain token (nginx:
``proxy_set_header X-Request-ID $request_id;``), otherwise a new one; it is returned in
the response's X-Request-ID header, so a learner's complaint with a screenshot of an error
page leads to the line. Never logged: the query string, the body (passwords, answers),
cookies, and the token in a password-reset link.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
# URL keyword arguments whose values are secrets (Django's password-reset confirmation).
SECRET_KWARGS = {"token", "uidb64"}

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
log = logging.getLogger("portal.requests")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request), for formatters."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request_id = request_id_var.get()
            request = getattr(record, "request", None)
            if request_id == "-" and request is not None:
                # Django logs a 5xx response after the middleware returned.
                request_id = getattr(request, "META", {}).get(META_KEY, "-")
            record.request_id = request_id
        return True


def request_id_from(request) -> str:
    given = request.headers.get(HEADER, "")
    return given if ACCEPTED_ID.match(given) else uuid.uuid4().hex


def user_id(request) -> str:
    """The signed-in user's id, read from the session only if the request already loaded
    it: the log line costs no query."""
    session = getattr(request, "session", None)
    if session is None or not getattr(session, "accessed", False):
        return "-"
    return str(session.get(SESSION_KEY) or "-")


def logged_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    path = request.path
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_KWARGS and value:
                path = path.replace(str(value), "…")
    return path


class RequestLogMiddleware:
    """First in MIDDLEWARE, so it times everything, the page cache's answers included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        # The request carries the id it is logged under, as if the proxy had sent it.
        request.META[META_KEY] = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[HEADER] = request_id
            return response
        finally:
            log.info(
                "request_id=%s user=%s method=%s path=%s status=%s duration_ms=%d",
                request_id,
                user_id(request),
                request.method,
                logged_path(request),
                status,
                (time.monotonic() - started) * 1000,
            )
            request_id_var.reset(token)


def sentry_before_send(event, hint):
    """Tag each error report with the request id, and drop the request body, cookies and
    query string sentry-sdk may have gathered."""
    event.setdefault("tags", {})["request_id"] = request_id_var.get()
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string"):
            request.pop(key, None)
    return event
