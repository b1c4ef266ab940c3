"""Labels of Wagtail's that are translated once per process, made lazy.

Wagtail builds each admin viewset's form classes (with their chooser widgets) and its
breadcrumbs when the admin's URLs are first loaded, i.e. in the language of the first
admin request after a restart. Three spots in Wagtail 8.0 translate eagerly there:
AdminPageChooser adds "(Course)" to "Choose a page" with a string concatenation,
AdminSnippetChooser fills "Choose %(object)s" with `%`, and SnippetViewSet's breadcrumbs
use `gettext`. An admin who chose English in their account would so freeze "Choose a
page (Course)" or "Home" for everyone working in Vietnamese after them (and a Vietnamese
first request would give an English-preferring admin Vietnamese). These wrappers put
back lazy strings, translated when each request renders them. Applied in
PortalConfig.ready()."""

from functools import wraps

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, gettext_lazy

_SNIPPET_TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def _interpolated(message: str, name) -> str:
    # Wagtail's own msgids, looked up in its catalogue when rendered.
    return gettext(message) % {"object": name}


_interpolated_lazy = lazy(_interpolated, str)


def _page_chooser_init(init):
    @wraps(init)
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        from wagtail.models import Page

        if len(self.target_models) == 1 and self.target_models[0] is not Page:
            base = kwargs.get("choose_one_text", type(self).choose_one_text)
            name = capfirst(self.target_models[0]._meta.verbose_name)
            self.choose_one_text = format_lazy("{} ({})", base, name)

    return __init__


def _snippet_chooser_init(init):
    @wraps(init)
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        name = self.model._meta.verbose_name
        for attribute, message in _SNIPPET_TEXTS.items():
            if attribute not in kwargs:  # a text given by the caller stays as given
                setattr(self, attribute, _interpolated_lazy(message, name))

    return __init__


def _snippet_breadcrumbs(self):
    """SnippetViewSet.breadcrumbs_items of Wagtail 8.0, with lazy labels."""
    breadcrumbs = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
    if (
        getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
        or not self.get_menu_item_is_registered()
    ):
        breadcrumbs.append(
            {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
        )
    return breadcrumbs


def register() -> None:
    from wagtail.admin.widgets import AdminPageChooser
    from wagtail.snippets.views.snippets import SnippetViewSet
    from wagtail.snippets.widgets import AdminSnippetChooser

    if getattr(AdminPageChooser.__init__, "_lazy_labels", False):
        return
    AdminPageChooser.__init__ = _page_chooser_init(AdminPageChooser.__init__)
    AdminSnippetChooser.__init__ = _snippet_chooser_init(AdminSnippetChooser.__init__)
    SnippetViewSet.breadcrumbs_items = property(_snippet_breadcrumbs)
    AdminPageChooser.__init__._lazy_labels = True
