"""The centre's own Vietnamese editor guide, shown inside the admin (help menu, dashboard).

The guide is docs/editor-guide.md, rendered on the server from a small Markdown subset
(headings, paragraphs, lists, bold, code), so it works offline and needs no dependency."""

import html
import re
from functools import cache

from django.conf import settings
from django.http import Http404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = settings.BASE_DIR / "docs" / "editor-guide.md"


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)


def markdown_to_html(source: str) -> str:
    """Headings (#, ##), paragraphs, "- " and "1. " lists, **bold** and `code`."""
    out, paragraph, list_tag, item = [], [], None, []

    def flush_item():
        if item:
            out.append(f"<li>{_inline(' '.join(item))}</li>")
            item.clear()

    def flush():
        nonlocal list_tag
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        flush_item()
        if list_tag:
            out.append(f"</{list_tag}>")
            list_tag = None

    for line in source.splitlines():
        stripped = line.strip()
        bullet = re.match(r"^(-|\d+\.)\s+(.*)$", stripped)
        if not stripped:
            flush()
        elif heading := re.match(r"^(#{1,3})\s+(.*)$", stripped):
            flush()
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet:
            tag = "ul" if bullet.group(1) == "-" else "ol"
            if paragraph or list_tag != tag:
                flush()
                out.append(f"<{tag}>")
                list_tag = tag
            flush_item()
            item.append(bullet.group(2))
        elif list_tag and line.startswith(" "):
            item.append(stripped)
        else:
            if list_tag:
                flush()
            paragraph.append(stripped)
    flush()
    return "\n".join(out)


@cache
def _rendered(mtime: float) -> str:
    source = GUIDE.read_text(encoding="utf-8")
    # The file's own title is the page's header.
    source = re.sub(r"^# .*\n", "", source, count=1)
    return markdown_to_html(source)


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        # The screen's own title after "Home", not "Home" alone as its header.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        if not GUIDE.exists():
            raise Http404
        context = super().get_context_data(**kwargs)
        context["guide"] = mark_safe(_rendered(GUIDE.stat().st_mtime))  # noqa: S308 - escaped above
        return context
