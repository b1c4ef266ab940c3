"""Links that leave the site: the certificate's QR code and printed address, e-mails,
log-in slips. All are built from one setting, PUBLIC_BASE_URL (from the environment),
never from the request's host or the Wagtail Site's host name (which says "localhost"
until someone edits it). ``check --deploy`` refuses a missing or local address
(``lms.checks``)."""

from urllib.parse import urlsplit

from django.conf import settings

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104


def base_url() -> str:
    return (getattr(settings, "PUBLIC_BASE_URL", "") or "").strip().rstrip("/")


def absolute(path: str) -> str:
    """``path`` (from reverse()) as an address that works from anywhere."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{base_url()}/{path.lstrip('/')}"


def is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost")
