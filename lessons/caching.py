"""The one caching mechanism of the plugin: versioned namespaces, and a memo per request.

**Across requests: a versioned namespace.** Everything kept in the cache lives in a
namespace (``Namespace``) whose entries are keyed ``<namespace>:<version>:<parts>``. The
version is a timestamp kept in the ``default`` cache, which every process shares (Redis,
or a file cache); a change that could make any entry wrong replaces the version
(``bump()``), which retires every entry of the namespace at once. A lost version (evicted,
cache restarted) becomes a new one, never an old one, so a retired entry cannot come back.
What is stored under a version never changes, so the entries may live in a faster cache
local to the process: the ``local`` alias when the site defines one, else ``default``.
Each request reads a namespace's version once.

What invalidates a namespace is declared with it (``invalidated_by``: a function listing
signals with their senders) and connected here, by ``Namespace.connect()`` from the owning app's
``ready()``; nothing else bumps a version, except bulk changes that send no signal (they
call ``bump()`` themselves, e.g. the enrolment import).

The namespaces (docs/developers.md, "Caching", lists keys and lifetimes):

- ``PAGES`` (this module): anonymous responses, found page routes, the lesson's cached
  fragments. Invalidated by publishing, unpublishing, moving or deleting a page, a change
  of a page's privacy (view restrictions), a site, or the Programs list.
- ``lms.access.ACCESS``: a learner's current enrolment in a course. Invalidated by saving
  or deleting an enrolment, a class or a class lecturer.

**Within a request: ``remember()``.** Answers computed for one request (e.g. "may this
user read this course?") are remembered on the object that lives as long as the request
(the user object Django's permission API hands around, or the request), under a key, and
never stored in the cache.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.functional import LazyObject, empty

LOCAL_ALIAS = "local"
MEMO_ATTRIBUTE = "_vuntrong_memo"  # on a request or a user: {key: value}

T = TypeVar("T")


def local_cache_alias() -> str:
    """Where entries stored under a version go: see the module's docstring."""
    return LOCAL_ALIAS if LOCAL_ALIAS in settings.CACHES else "default"


def remember(holder, key, compute: Callable[[], T]) -> T:
    """``compute()``, remembered on ``holder`` (a request, or a user object) under ``key``.

    ``request.user`` is a lazy object: the memo goes on the user it wraps, which is what
    ``user.has_perm()`` hands to the permission backends."""
    if isinstance(holder, LazyObject):
        if holder._wrapped is empty:
            holder._setup()
        holder = holder._wrapped
    memo = holder.__dict__.setdefault(MEMO_ATTRIBUTE, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class Namespace:
    """A family of cache entries retired together. See the module's docstring."""

    def __init__(
        self,
        name: str,
        *,
        timeout: int,
        invalidated_by: Callable[[], Iterable[tuple]],
    ):
        self.name = name
        self.timeout = timeout
        self.version_key = f"{name}:version"
        # A function giving [(signal, sender or None)], called by connect() once the
        # models are loaded.
        self.invalidated_by = invalidated_by

    def __repr__(self) -> str:
        return f"Namespace({self.name!r})"

    # --- the version ---------------------------------------------------------------

    def version(self, request=None) -> str:
        """The current version; read once per request when a request is given."""
        if request is not None:
            return remember(request, ("version", self.name), self.version)
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, _new_version(), timeout=None)
            version = cache.get(self.version_key)
        return str(version)

    def bump(self, **kwargs) -> None:
        """Retire every entry of the namespace (a signal receiver, or call it directly)."""
        cache.set(self.version_key, _new_version(), timeout=None)

    def connect(self) -> None:
        """Connect ``bump`` to every signal in ``invalidated_by``; from ``AppConfig.ready``."""
        for number, (signal, sender) in enumerate(self.invalidated_by()):
            signal.connect(
                self.bump,
                sender=sender,
                weak=False,
                dispatch_uid=f"vuntrong.caching.{self.name}.{number}",
            )

    # --- the entries -----------------------------------------------------------------

    def key(self, *parts, request=None) -> str:
        return ":".join([self.name, self.version(request), *map(str, parts)])

    def get(self, *parts, request=None) -> Any:
        return caches[local_cache_alias()].get(self.key(*parts, request=request))

    def set(self, value, *parts, request=None, timeout: int | None = None) -> None:
        caches[local_cache_alias()].set(
            self.key(*parts, request=request),
            value,
            self.timeout if timeout is None else timeout,
        )


def _new_version() -> str:
    return f"{time.time_ns():x}"


def _page_signals() -> list[tuple]:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    return [
        (page_published, None),
        (page_unpublished, None),
        (post_page_move, None),
        (post_delete, Page),
        # A page's privacy: the view restrictions a cached page carries (get_view_restrictions).
        (post_save, PageViewRestriction),
        (post_delete, PageViewRestriction),
        (post_save, Site),
        (post_save, "lessons.ProgramType"),
        (post_delete, "lessons.ProgramType"),
    ]


# Anonymous responses, found routes and lesson fragments: lessons/page_cache.py, models.py.
PAGES = Namespace("lessons:pages", timeout=60 * 60, invalidated_by=_page_signals)
