"""Walk the Wagtail admin as one user, GET only, and list the English strings of Django's
and Wagtail's catalogues that reach the screen untranslated.

The screens are found, not listed: the sidebar menu (its JSON props), every link of every
screen visited, every admin URL without arguments from the URL resolver, the edit view of
one page of each page type, and for each listing one search and one filter. A URL shape
(view name and its non-numeric arguments) is visited once, so the walk stays bounded while
a new screen, model or page type is covered as soon as it exists.

Used by tests/test_admin_vietnamese.py; runnable by hand against a seeded database:
    DATABASE_URL=... .venv/bin/python -m tests.admin_crawl canbo giangvien
"""

import contextlib
import json
import re
from collections import deque
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import django
import wagtail
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment, NavigableString
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

ADMIN = "/admin/"
MAX_SCREENS = 700

# Strings written the same in Vietnamese: abbreviations and names.
SAME_IN_VIETNAMESE = {
    "OK",
    "URL",
    "ID",
    "Email",
    "Slug",
    "PDF",
    "CSV",
    "XLSX",
    "HTML",
    "Wagtail",
    "Emoji",
    "GIF",
    "JPEG",
    "PNG",
    "WebP",
    "AVIF",
    "SVG",
    "ICO",
    "Tiếng Việt",
    "English",
    "Google",
    "YouTube",
    "Facebook",
    "Twitter",
    "iframe",
    "Alt",
    "SMS",
    "Excel",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "%",
}

# A Python None rendered by a template (a hidden counter), not the msgid "None".
SAME_IN_VIETNAMESE.add("None")

# Screens that change something on GET, serve files, or leave the admin.
SKIP = re.compile(
    r"/logout/|/jsi18n/|/api/|/preview/|/view_draft/|/serve/|/download/|/export/|"
    r"[?&]export=|/revisions/\d+/view/|/unpublish/|/lock/|/unlock/|/workflow/action/|"
    r"/failwhale/|/collect|/multiple/add/|/usage/|/history/\d+|/sse|/ping|/autosave"
)
# A parameter that only pages or sorts a listing makes no new screen.
NOISE_PARAMS = {"p", "ordering", "next", "_", "page"}


def _site_packages(module) -> Path:
    return Path(module.__file__).resolve().parent


@cache
def english_msgids() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """Every msgid of Django's and Wagtail's catalogues: plain strings, and patterns for
    those with placeholders ("Page %(page_number)s of %(num_pages)s")."""
    files = [
        *_site_packages(wagtail).glob("**/locale/en/LC_MESSAGES/*.po"),
        *_site_packages(django).glob("**/locale/en/LC_MESSAGES/*.po"),
    ]
    plain, patterns = set(), set()
    placeholder = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")
    for path in files:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for msgid in ids:
                text = " ".join(str(msgid).split())
                if not text or text in SAME_IN_VIETNAMESE:
                    continue
                if "%" in text and "%%" in text:
                    text = text.replace("%%", "%")
                if placeholder.search(text):
                    literal = placeholder.sub(" ", text)
                    # Only patterns with English words of their own: "%(a)s: %(b)s" says
                    # nothing about the language.
                    if len(re.findall(r"[A-Za-z]{3,}", literal)) == 0:
                        continue
                    parts = placeholder.split(text)
                    regex = "(?:.+?)".join(re.escape(part) for part in parts)
                    patterns.add(regex)
                elif re.search(r"[A-Za-z]{2,}", text):
                    plain.add(text)
    compiled = tuple(re.compile(regex, re.S) for regex in sorted(patterns))
    return frozenset(plain), compiled


def english(text: str) -> bool:
    plain, patterns = english_msgids()
    text = " ".join(text.split())
    if not text or text in SAME_IN_VIETNAMESE:
        return False
    if text in plain or text.rstrip(":…. ") in plain or text.rstrip("…") in plain:
        return True
    # A time span inside a translated sentence ("49 minutes trước").
    if re.search(r"\b\d+\s(?:minute|hour|day|week|month|year)s?\b", text):
        return True
    if len(text) > 300 or not re.search(r"[A-Za-z]{3,}", text):
        return False
    # Placeholders filled with Vietnamese still leave English around them
    # ("Editing Bài học: Lịch sử Đảng").
    return any(pattern.fullmatch(text) for pattern in patterns)


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in {"label", "title", "text", "description", "helpText", "help_text"} or (
                isinstance(item, dict | list)
            ):
                yield from _json_strings(item)
            elif isinstance(item, str) and " " in item and not item.startswith(("/", "http")):
                yield item
    elif isinstance(value, list):
        # A bare word in a list is an identifier (a block's field name), not a label.
        for item in value:
            if not isinstance(item, str) or " " in item:
                yield from _json_strings(item)


def texts_of(html: str):
    """What a person can read or hear: text, titles, placeholders, aria labels, and the
    strings of the JSON props the admin's scripts render (sidebar, config)."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            try:
                data = json.loads(script.string or "null")
            except ValueError:
                continue
            yield from _json_strings(data)
        script.decompose()
    for node in soup.find_all(["style"]):
        node.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            text = " ".join(node.split())
            if text:
                yield text
    for element in soup.find_all(True):
        for attribute in ("title", "placeholder", "aria-label", "alt", "data-w-tooltip-content"):
            value = element.get(attribute)
            if isinstance(value, str) and value.strip():
                yield value
        is_button = element.name == "input" and element.get("type") in {"submit", "button"}
        if is_button and element.get("value"):
            yield element["value"]
        for attribute, value in element.attrs.items():
            if attribute.startswith("data-") and isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    yield from _json_strings(json.loads(value))
        # Text split over inline elements ("Page <b>1</b> of 3").
        if element.name in {"p", "span", "label", "button", "a", "h1", "h2", "h3", "li", "th"}:
            text = " ".join(element.get_text(" ", strip=True).split())
            if text and len(text) <= 120:
                yield text


def shape(path: str) -> str | None:
    """The screen a URL shows: its view name and non-numeric arguments."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    words = [str(v) for v in list(match.args) + list(match.kwargs.values())]
    words = [w for w in words if not re.fullmatch(r"[\d,]+|[0-9a-f-]{20,}", w)]
    page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
    if page_id:
        words.append(_page_type(int(page_id)))
    query = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    query = [k for k in query if k not in NOISE_PARAMS]
    return "|".join([match.view_name or match.route, *words, *query])


@cache
def _page_type(page_id: int) -> str:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    return page.content_type.model if page else "?"


def resolver_screens() -> list[str]:
    """Every admin URL the resolver knows that takes no argument."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                full = prefix + route
                if "<" in full or "(?P" in full or "\\" in full:
                    continue
                full = full.lstrip("^").replace("$", "")
                if full.startswith(ADMIN.strip("/")):
                    found.append("/" + full)

    walk(get_resolver().url_patterns, "")
    return found


def links_of(html: str, menu: bool = True):
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.find_all("a", href=True):
        yield anchor["href"]
    for element in soup.find_all(True):
        for attribute in ("data-url", "data-w-swap-src-value", "data-href"):
            if element.get(attribute):
                yield element[attribute]
    for script in soup.find_all("script", type="application/json"):
        yield from re.findall(r'"url":\s*"([^"]+)"', script.string or "")
    # One search and one filter of each listing.
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        action = form.get("action") or ""
        if not action.startswith(ADMIN):
            continue
        if form.find("input", attrs={"name": "q"}):
            yield f"{action}?q=a"
        for select in form.find_all("select"):
            options = [o.get("value") for o in select.find_all("option") if o.get("value")]
            if select.get("name") and options:
                yield f"{action}?{urlencode({select['name']: options[0]})}"
                break
        for box in form.find_all("input", attrs={"type": ["checkbox", "radio"]}):
            if box.get("name") and box.get("value") and box.get("name") != "q":
                yield f"{action}?{urlencode({box['name']: box['value']})}"
                break


def walk(client, extra_seeds=()):
    """Visit the admin as the client's user. Returns {english string: [screens]} and the
    list of screens visited."""
    _page_type.cache_clear()
    seeds = [ADMIN, *extra_seeds, *resolver_screens()]
    queue = deque(seeds)
    seen_shapes, visited, found = set(), [], {}
    while queue and len(visited) < MAX_SCREENS:
        url = queue.popleft()
        url = url.split("#")[0]
        if not url.startswith(ADMIN) or SKIP.search(url):
            continue
        key = shape(url)
        if key is None or key in seen_shapes:
            continue
        seen_shapes.add(key)
        response = client.get(url, HTTP_ACCEPT="text/html")
        if response.status_code >= 500:
            found.setdefault(f"<server error {response.status_code}>", []).append(url)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if "json" in kind:
            try:
                html = json.loads(response.content).get("html") or ""
            except (ValueError, AttributeError):
                continue
        elif "html" in kind:
            html = response.content.decode()
        else:
            continue
        visited.append(url)
        for text in texts_of(html):
            if english(text):
                found.setdefault(" ".join(text.split()), []).append(url)
        for link in links_of(html):
            if link.startswith(ADMIN):
                queue.append(link)
    return found, visited


def one_edit_per_page_type():
    from wagtail.models import Page

    seeds = []
    for content_type in set(Page.objects.values_list("content_type", flat=True)):
        page = Page.objects.filter(content_type=content_type, depth__gt=1).first()
        if page:
            seeds.append(f"/admin/pages/{page.pk}/edit/")
    return seeds


def report(found) -> str:
    lines = []
    for text, urls in sorted(found.items()):
        lines.append(f"  {text!r}  ({len(urls)}x, e.g. {urls[0]})")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a tool for the translator
    import os
    import sys

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    for username in sys.argv[1:]:
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        found, visited = walk(client, one_edit_per_page_type())
        print(f"== {username}: {len(visited)} screens, {len(found)} English strings")
        print(report(found))
        Path(f"/tmp/visited-{username}.txt").write_text("\n".join(visited))
