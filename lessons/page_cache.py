"""Whole-response cache for anonymous visitors of published course pages.

A lesson is read far more often than it is published. For a visitor without a session,
the page is the same for everyone, so the rendered response is kept in the cache under
a key that includes a content version; publishing, unpublishing, moving or deleting any
page, or changing a privacy setting, bumps the version and so retires every cached page
at once (the outline of a course and the home page depend on more than one page).

The version must live in a cache that every process shares (Redis, or the file cache
of the embedded default), or a publish in one process would not reach the others.

Only responses that a page opts into are stored (``mark_cacheable``), only 200s without
cookies, and never previews. Signed-in users always get a fresh page; lesson bodies are
still cached per published revision for them (see the lesson template).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "lessons:page-cache-version"
TIMEOUT = 60 * 60
HEADER = "X-Page-Cache"


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A lost version (evicted, cache restarted) becomes a new one, never an old one,
        # so no page cached under an earlier version can come back.
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version(**kwargs) -> None:
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def _new_version() -> str:
    return f"{time.time_ns():x}"


def mark_cacheable(request) -> None:
    request.page_cache_allowed = True


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request, version: str) -> str:
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"lessons:page:{version}:{hashlib.sha256(address).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return self.get_response(request)
        key = _key(request, content_version())
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if (
            getattr(request, "page_cache_allowed", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            response[HEADER] = "miss"
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, TIMEOUT)
        return response
