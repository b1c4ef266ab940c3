"""Parse HTML and list whatever could run script: the XSS tests' one oracle."""

import re
from html.parser import HTMLParser

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "img",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "frame",
    "frameset",
    "applet",
    "video",
    "audio",
    "source",
    "textarea",
    "select",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "isindex",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "to"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_INVISIBLE = re.compile(
    r"[\s\x00-\x20\x7f-\xa0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


class _Collector(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS or (self.allowed_tags and tag not in self.allowed_tags):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}@{name}")
            if name == "style":
                self.problems.append(f"{tag}@style")
            if name in URL_ATTRIBUTES:
                url = _INVISIBLE.sub("", value or "").lower()
                if not url.startswith(SAFE_SCHEMES):
                    self.problems.append(f"{tag}@{name}={value!r}")

    handle_startendtag = handle_starttag


def problems(html: str, allowed_tags=None) -> list[str]:
    collector = _Collector(set(allowed_tags) if allowed_tags else None)
    collector.feed(html)
    collector.close()
    return collector.problems


class _PageCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.problems.append("<script> not from /static/")
        if tag in {"iframe", "object", "embed", "svg", "math", "img", "base", "style"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}@{name}")
            url = _INVISIBLE.sub("", value or "").lower()
            favicon = tag == "link" and value == "data:,"  # the site's empty favicon
            dangerous = url.startswith(("javascript:", "vbscript:", "data:"))
            if name in URL_ATTRIBUTES and dangerous and not favicon:
                self.problems.append(f"{tag}@{name}={value!r}")

    handle_startendtag = handle_starttag


def page_problems(html: str) -> list[str]:
    """A whole page: only the site's own scripts, no handlers, no styles, no
    script-carrying addresses anywhere."""
    collector = _PageCollector()
    collector.feed(html)
    collector.close()
    return collector.problems


BODY = re.compile(r'<div class="body">(.*?)</div>', re.S)


def post_bodies(html: str) -> list[str]:
    return BODY.findall(html)
