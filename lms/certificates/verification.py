"""The public verification address of a certificate, and the per-client rate limit."""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from lms import links

# Look-ups per client per window.
RATE_LIMIT = 30
RATE_WINDOW = 60  # seconds


def verify_path(code: str) -> str:
    with override(settings.LANGUAGE_CODE):
        return reverse("lms:certificate_verify", args=[code])


def verify_url(record) -> str:
    """Absolute (PUBLIC_BASE_URL, lms.links), in the site's default language: printed in
    the QR code, it must stay."""
    return links.absolute(verify_path(record.code))


def client_key(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request) -> bool:
    """Count this look-up; True once the client made more than RATE_LIMIT in the window."""
    key = f"lms-cert-verify:{client_key(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT
