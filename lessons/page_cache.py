"""The page caches: whole responses for anonymous visitors, and found routes for everyone.

Both keep their entries in the ``PAGES`` namespace of lessons/caching.py (the one caching
mechanism: versioned keys, invalidation declared in one place), so publishing,
unpublishing, moving or deleting any page, or changing a privacy setting, retires every
cached page and route at once (the outline of a course and the home page depend on more
than one page).

Only responses that a page opts into are stored (``mark_cacheable``), only 200s without
cookies, and never previews. Signed-in users always get a fresh page; lesson bodies are
still cached per published revision for them (see the lesson template).
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from wagtail import hooks
from wagtail.models import Page

from .caching import PAGES, local_cache_alias

HEADER = "X-Page-Cache"
__all__ = ["PAGES", "content_version", "local_cache_alias", "mark_cacheable"]


def content_version(request=None) -> str:
    """The pages' current version (read once per request): part of fragment keys."""
    return PAGES.version(request)


def mark_cacheable(request) -> None:
    request.page_cache_allowed = True


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _address(host: str, path: str) -> str:
    return hashlib.sha256(f"{host}{path}".encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return self.get_response(request)
        address = _address(request.get_host(), request.get_full_path())
        cached = PAGES.get("page", address, request=request)
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
            PAGES.set(response, "page", address, request=request)
        return response


class PageRouteCacheMiddleware:
    """Serve pages already found once without Wagtail's site look-up and tree walk.

    Wagtail's serve view finds the page for a path (``Page.route_for_request``), then runs
    the ``on_serve_page`` and ``before_serve_page`` hooks and ``page.serve()``. When that
    view is about to run for a ``GET`` or ``HEAD`` whose route is in the cache, this
    middleware's ``process_view`` does the same with the cached route (``serve_found``),
    so no Wagtail attribute is written; after a 200 served by Wagtail, it stores the route
    Wagtail found (``Page.route_for_request`` again, which Wagtail answers from the
    request). Only pages whose class sets ``cache_route = True`` are kept
    (lessons/hooks.py). The cached page carries what it memoised while it was served (its
    course, the outline, its view restrictions), so serving it again costs no query for
    any of those; what each user may see is still checked when the page is served.

    Put it after every middleware with a ``process_view`` that must see page requests
    (the first-log-in password change, CSRF): a hit answers from here.
    """

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the models loaded

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        response = self.get_response(request)
        path = request.__dict__.pop("_lessons_route_miss", None)
        if path is not None and response.status_code == 200:
            route = Page.route_for_request(request, path)  # what Wagtail found, kept on the request
            if route is not None and getattr(route[0], "cache_route", False):
                PAGES.set(route, "route", _route_address(request), request=request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        cached = PAGES.get("route", _route_address(request), request=request)
        if cached is None:
            request._lessons_route_miss = view_args[0] if view_args else view_kwargs["path"]
            return None
        page, args, kwargs = cached
        return serve_found(request, page, args, kwargs)


def _route_address(request) -> str:
    return _address(request.get_host(), request.path)


def serve_found(request, page, args, kwargs):
    """What Wagtail's serve view does once it has found the page (wagtail/views.py)."""
    from wagtail.views import serve_chain

    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
