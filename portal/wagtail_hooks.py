"""The centre's identity in the admin's help menu: our own Vietnamese editor guide
instead of Wagtail's English one and its release notes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import EditorGuideView


@hooks.register("register_admin_urls")
def editor_guide_url():
    return [path("editor-guide/", EditorGuideView.as_view(), name="portal_editor_guide")]


@hooks.register("construct_help_menu")
def our_editor_guide(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.append(
        MenuItem(
            _("Editor guide"),
            reverse("portal_editor_guide"),
            icon_name="help",
            order=1100,
            name="editor-guide",
        )
    )
