"""Whole-response cache for anonymous visitors of published course pages.

A lesson is read far more often than it is published. For a visitor without a session,
the page is the same for everyone, so the rendered response is kept in the cache under
a key that includes a content version; publishing, unpublishing, moving or deleting any
page, or changing a privacy setting, bumps the version and so retires every cached page
at once (the outline of a course and the home page depend on more than one page).

The version must live in a cache that every process shares (Redis, or the file cache
of the embedded default), or a publish in one process would not reach the others. What
is stored under a version never changes, so it may live in a faster cache local to the
process: the "local" cache when the site configures one (the portal does), else the
default cache. Each request reads the version once.

Only responses that a page opts into are stored (``mark_cacheable``), only 200s without
cookies, and never previews. Signed-in users always get a fresh page; lesson bodies are
still cached per published revision for them (see the lesson template).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache, caches

VERSION_KEY = "lessons:page-cache-version"
TIMEOUT = 60 * 60
HEADER = "X-Page-Cache"
LOCAL_ALIAS = "local"


def local_cache_alias() -> str:
    """Where entries stored under a version go: see the module's docstring."""
    return LOCAL_ALIAS if LOCAL_ALIAS in settings.CACHES else "default"


def local_cache():
    return caches[local_cache_alias()]


def content_version(request=None) -> str:
    """The current content version, read once per request."""
    if request is not None:
        if not hasattr(request, "_lessons_content_version"):
            request._lessons_content_version = content_version()
        return request._lessons_content_version
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


def _key(kind: str, version: str, host: str, path: str) -> str:
    address = f"{host}{path}".encode()
    return f"lessons:{kind}:{version}:{hashlib.sha256(address).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return self.get_response(request)
        key = _key("page", content_version(request), request.get_host(), request.get_full_path())
        cached = local_cache().get(key)
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
            local_cache().set(key, response, TIMEOUT)
        return response


class PageRouteCacheMiddleware:
    """Skip Wagtail's site look-up and tree walk for pages already found once.

    Wagtail keeps the result of both on the request (``request._wagtail_site`` and
    ``request._wagtail_route_for_request``) and only computes them when missing; this
    middleware fills them from the cache, under the content version, so a publish
    anywhere finds pages afresh. The cached page carries what it memoised while it was
    served (its course, the outline, its view restrictions), so serving it again costs
    no query for any of those. Used for every visitor, signed in or not; what each may
    see is still checked when the page is served. Only pages whose class sets
    ``cache_route = True`` are kept (lessons/hooks.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        version = content_version(request)
        key = _key("route", version, request.get_host(), request.path)
        cached = local_cache().get(key)
        if cached is not None:
            request._wagtail_site, request._wagtail_route_for_request = cached
            return self.get_response(request)
        response = self.get_response(request)
        route = getattr(request, "_wagtail_route_for_request", None)
        if (
            route is not None
            and getattr(route[0], "cache_route", False)
            and response.status_code == 200
        ):
            local_cache().set(key, (request._wagtail_site, route), TIMEOUT)
        return response
