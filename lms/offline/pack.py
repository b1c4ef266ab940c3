"""The class pack: what a phone keeps to study a class offline.

Its manifest lists, each with a version and its size in bytes: the learner's dashboard,
the class path (outline and schedule), the course page, every published lesson, quiz
and essay page of the course, the images those pages show (the renditions they use,
at phone width), the stylesheet and scripts, and the offline page. A page's version is
its live (latest published) revision, so the service worker fetches again only what
changed; the dashboard and the class path change with the learner's progress and the
schedule, so their version includes the day and the sessions.

Sizes are measured by rendering each page as the learner would get it, once per
content version (the manifest is cached under a digest of every version it names).
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lessons.models import course_contents

from ..models import ClassSession

STATIC_FILES = ("portal/site.css", "portal/site.js", "lms/progress.js", "lms/offline.js")
CACHE_SECONDS = 24 * 60 * 60
_MEDIA = re.compile(r'(?:src|srcset)="([^"]+)"')


@lru_cache(maxsize=64)
def _static_file(name: str, mtime: float) -> tuple[str, int]:
    found = finders.find(name)
    if not isinstance(found, str):
        raise FileNotFoundError(name)
    data = Path(found).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12], len(data)


def static_entries() -> list[dict]:
    """The learner site's stylesheet and scripts: URL, content version, size."""
    entries = []
    for name in STATIC_FILES:
        path = finders.find(name)
        if path is None:
            continue
        version, size = _static_file(name, Path(path).stat().st_mtime)
        entries.append({"url": staticfiles_storage.url(name), "version": version, "bytes": size})
    return entries


def static_version() -> str:
    """One digest of the learner site's static files: the service worker's version."""
    return _digest(entry["version"] for entry in static_entries())


def _digest(parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


# The widest image a phone picks from a srcset: 360 CSS pixels at a density of 2. A wider
# screen offline gets the widest rendition kept (the service worker's media fallback).
PHONE_WIDTH_PX = 720


def media_urls(html: str) -> list[str]:
    """Images under MEDIA_URL that a page's HTML shows at phone width: each src, and the
    srcset candidates up to PHONE_WIDTH_PX wide."""
    urls = []
    for value in _MEDIA.findall(html):
        for candidate in value.split(","):
            url, _space, descriptor = candidate.strip().partition(" ")
            wide = descriptor.strip()[:-1] if descriptor.strip().endswith("w") else ""
            if wide.isdigit() and int(wide) > PHONE_WIDTH_PX:
                continue
            if url.startswith(settings.MEDIA_URL) and url not in urls:
                urls.append(url)
    return urls


def _media_size(url: str) -> int:
    try:
        return default_storage.size(unquote(url[len(settings.MEDIA_URL) :]))
    except (OSError, NotImplementedError):
        return 0


def _render(request, view, *args) -> str:
    response = view(request, *args)
    if hasattr(response, "render"):
        response.render()
    return response.content.decode() if response.status_code == 200 else ""


def build(request, enrolment) -> dict:
    """The class pack's manifest for the enrolled learner: see the module's doc."""
    from ..learning import class_path, dashboard
    from .pages import offline_page

    training_class = enrolment.training_class
    course = training_class.course
    pages = course_contents([course])[course.pk]
    sessions = list(
        ClassSession.objects.filter(training_class=training_class).values_list(
            "pk", "date", "starts_at", "ends_at", "venue"
        )
    )
    statics = static_entries()
    own = _digest([timezone.localdate(), sessions, course.live_revision_id])
    versions = [(page.pk, page.live_revision_id) for page in pages]
    digest = _digest([training_class.pk, get_language(), own, versions, statics])
    key = f"lms:offline-pack:{digest}"
    manifest = cache.get(key)
    if manifest is None:
        entries = [
            {"url": reverse("lms:dashboard"), "version": own, "html": _render(request, dashboard)},
            {
                "url": reverse("lms:class_path", args=[training_class.pk]),
                "version": own,
                "html": _render(request, class_path, training_class.pk),
            },
            {
                "url": course.url,
                "version": str(course.live_revision_id),
                "html": _render(request, course.specific.serve),
            },
        ]
        entries += [
            {
                "url": page.url,
                "version": str(page.live_revision_id),
                "html": _render(request, page.specific.serve),
            }
            for page in pages
        ]
        entries.append(
            {
                "url": reverse("lms:offline"),
                "version": own,
                "html": _render(request, offline_page),
            }
        )
        images = []
        for entry in entries:
            html = entry.pop("html")
            entry["bytes"] = len(html.encode())
            images += [url for url in media_urls(html) if url not in images]
        entries += [{"url": url, "version": "1", "bytes": _media_size(url)} for url in images]
        entries += statics
        manifest = {
            "class": training_class.pk,
            "version": digest,
            "entries": entries,
            "bytes": sum(entry["bytes"] for entry in entries),
        }
        cache.set(key, manifest, CACHE_SECONDS)
    return {**manifest, "size_text": size_text(manifest["bytes"])}


def size_text(size: int) -> str:
    """ "khoảng 820 KB" / "khoảng 1,2 MB": what the learner reads before downloading."""
    if size >= 1024 * 1024:
        return _("about %(size)s MB") % {"size": number_format(size / 1024 / 1024, 1)}
    return _("about %(size)s KB") % {"size": max(1, round(size / 1024))}
