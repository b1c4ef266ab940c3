"""The installable learner app: the service worker, the web app manifest, the offline
page, and the class pack's manifest (docs/developers.md, "Learning offline")."""

import json
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import override
from django.views.decorators.http import require_GET

from ..models import Enrolment, TrainingClass
from . import pack
from .pages import offline_page  # noqa: F401  (lms.offline.urls)

THEME_COLOUR = "#a3111b"  # --accent in portal/static/portal/site.css
BACKGROUND_COLOUR = "#ffffff"
ICON_SIZES = (192, 512)
# Never answered by the service worker: the admin, documents (checked per request), the
# log-in and log-out, health checks, the service worker itself and the sync endpoint.
NETWORK_ONLY = ("/admin/", "/documents/", "/accounts/", "/en/accounts/", "/healthz", "/sw.js")
# Nor any path containing these: staff pages outside the admin (the roster, the log-in
# slips with their one-time passwords) are never kept on a phone.
NETWORK_ONLY_PARTS = ("/roster/", "/learn/enrolment/", "/unlock/")


def user_key(user) -> str:
    """The name of the account's page cache on the phone: not the user id itself."""
    if not user.is_authenticated:
        return ""
    return salted_hmac("lms.offline.user", str(user.pk)).hexdigest()[:16]


@require_GET
def service_worker(request):
    """/sw.js: at the site's root so its scope covers /learn/ and the course pages; it
    leaves the admin alone (NETWORK_ONLY). Its text changes with the static files, so a
    new stylesheet or script installs a new worker with a new static cache."""
    with override(settings.LANGUAGE_CODE):
        offline_url = reverse("lms:offline")
        sync_url = reverse("lms:offline_sync")
    config = {
        "version": pack.static_version(),
        "static": [entry["url"] for entry in pack.static_entries()],
        "offline": offline_url,
        "networkOnly": [*NETWORK_ONLY, sync_url],
        "networkOnlyParts": list(NETWORK_ONLY_PARTS),
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
    }
    script = render_to_string("lms/offline/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def web_manifest(request):
    with override(settings.LANGUAGE_CODE):
        start_url = reverse("lms:dashboard")
    manifest = {
        "name": "Vun Trồng",
        "short_name": "Vun Trồng",
        "lang": "vi",
        "start_url": start_url,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {
                "src": staticfiles_storage.url(f"lms/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in ICON_SIZES
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_GET
def class_pack(request, class_id):
    """The class pack's manifest (lms/offline/pack.py), for a learner of the class."""
    enrolment = (
        Enrolment.objects.filter(
            learner__user=request.user,
            training_class_id=class_id,
            status=Enrolment.Status.ACTIVE,
            training_class__status__in=TrainingClass.READABLE_STATUSES,
        )
        .select_related("training_class__course")
        .first()
    )
    if enrolment is None:
        raise Http404
    return JsonResponse(pack.build(request, enrolment), json_dumps_params={"ensure_ascii": False})


def clears_site_data(view):
    """Log-out on a shared phone: the browser forgets the pages kept for offline reading
    and the queued progress of the account that leaves (Clear-Site-Data)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST":
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    return wrapper
