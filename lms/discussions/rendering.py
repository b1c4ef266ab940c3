"""From what a learner typed to HTML that is safe to show.

Input is a small Markdown subset (see docs/discussions.md):

- paragraphs separated by a blank line; a single line break is kept as a line break;
- ``**bold**`` and ``*italics*`` (or ``_italics_``), ``\\`code\\```;
- lists: lines starting with ``- `` / ``* `` (bulleted) or ``1. `` (numbered);
- quotes: lines starting with ``> `` (what the "Quote" link inserts);
- links: ``[text](https://...)`` and bare addresses (``https://...``, ``www...``, e-mail).

Anything else, HTML included, is shown as the text the author typed: the source is
HTML-escaped before any markup is added. The result then goes through ``sanitise()``,
the one function that knows about bleach (pinned, no further releases): swapping the
library means rewriting that function only.
"""

import html
import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter, build_url_re

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "code", "ul", "ol", "li", "blockquote", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"
# A link is kept only when its address starts with one of these, in plain ASCII: no
# relative addresses, nothing a browser could read as another scheme.
SAFE_HREF = re.compile(r"^(?:https?://[^\s\x00-\x20\x7f-\x9f]+|mailto:[^\s\x00-\x20\x7f-\x9f]+)$")


def _link_attributes(attrs, new=False):
    """Linkify callback, run on every link (typed or found in text): keep only safe
    addresses and give each the same rel."""
    href = attrs.get((None, "href"), "")
    if new and "@" in href and not href.startswith(("http://", "https://", "mailto:")):
        href = "mailto:" + href
    if not SAFE_HREF.match(href) or not href.isascii():
        return None  # the text stays, the link goes
    attrs[(None, "href")] = href
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_link_attributes],
            url_re=build_url_re(protocols=["http", "https"]),
            parse_email=True,
            skip_tags={"code"},
        )
    ],
)


def sanitise(fragment: str) -> str:
    """The one sanitising pass: allow-listed tags, attributes and URL schemes, no
    ``style``, comments dropped, bare addresses made into links, every link
    ``rel="nofollow noopener ugc"`` (bleach's Cleaner with its LinkifyFilter)."""
    return _cleaner.clean(fragment)


# Characters that are invisible or reorder text: dropped from the source before
# rendering, so "java\u200bscript:" and right-to-left tricks cannot hide anything.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean_source(source: str) -> str:
    """What we keep of what the author typed: line breaks normalised, invisible and
    control characters removed, trailing space trimmed."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", source).strip()


_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def _inline(escaped: str) -> str:
    """Inline markup on text that is already HTML-escaped."""
    codes: list[str] = []

    def keep_code(match):
        codes.append(match.group(1))
        return f"\x00{len(codes) - 1}\x00"

    links: list[str] = []

    def keep_link(match):
        links.append(match.group(2))
        return f"\x01{len(links) - 1}\x01{match.group(1)}\x02"

    text = _CODE.sub(keep_code, escaped)
    text = _LINK.sub(keep_link, text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    text = re.sub(r"\x01(\d+)\x01", lambda m: f'<a href="{links[int(m.group(1))]}">', text)
    text = text.replace("\x02", "</a>")
    return re.sub(r"\x00(\d+)\x00", lambda m: f"<code>{codes[int(m.group(1))]}</code>", text)


_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}&gt; ?(.*)$")
MAX_QUOTE_DEPTH = 3


def _kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _QUOTE.match(line):
        return "quote"
    if _BULLET.match(line):
        return "ul"
    if _NUMBER.match(line):
        return "ol"
    return "p"


def _content(pattern: re.Pattern[str], line: str) -> str:
    """The line without its marker ("&gt;", "-", "1."); ``_kind`` matched it already."""
    match = pattern.match(line)
    assert match is not None, line
    return match.group(1)


def _blocks(lines: list[str], depth: int = 0) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        kind = _kind(lines[index])
        if kind == "quote" and depth >= MAX_QUOTE_DEPTH:
            kind = "p"
        group = []
        while index < len(lines) and _kind(lines[index]) == kind:
            group.append(lines[index])
            index += 1
        if kind == "blank":
            continue
        if kind == "quote":
            inner = [_content(_QUOTE, line) for line in group]
            out.append("<blockquote>" + "".join(_blocks(inner, depth + 1)) + "</blockquote>")
        elif kind in ("ul", "ol"):
            pattern = _BULLET if kind == "ul" else _NUMBER
            items = "".join(f"<li>{_inline(_content(pattern, line))}</li>" for line in group)
            out.append(f"<{kind}>{items}</{kind}>")
        else:
            out.append("<p>" + "<br>".join(_inline(line.strip()) for line in group) + "</p>")
    return out


def render(source: str) -> str:
    """HTML for a post's source: the Markdown subset, then ``sanitise()``."""
    escaped = html.escape(clean_source(source), quote=True)
    return sanitise("".join(_blocks(escaped.split("\n"))))


def quote(author: str, source: str) -> str:
    """The source a "Quote" link puts in the reply box."""
    lines = clean_source(source).split("\n")
    return "\n".join([f"> **{author}:**", *(f"> {line}" for line in lines)]) + "\n\n"
