"""Permission names in the reader's language, on Wagtail's group form.

Django stores a permission's name once, when it creates the row: "Can add page" built in
English from the model's raw verbose_name, or the English source of the model's
``Meta.permissions`` entry. The row is the same whichever language reads it (and stays as
Django writes it), so the name is made here, when it is shown: Django's default actions
from a translatable pattern and the model's translated verbose_name ("Được thêm trang"),
a custom permission from its ``Meta.permissions`` entry (marked for translation in the
model, or Wagtail's own such as "Can access Wagtail admin", whose Vietnamese is in
``portal/locale``), anything else through the catalogues.

``register()`` (``PortalConfig.ready``) gives the names to Wagtail 8.0's group form:
its ``{% format_permissions %}`` tag (the "Object permissions" and "Other permissions"
tables) is registered again around Wagtail's own function, and the page-permission rows
label their checkboxes with ``permission_name`` instead of ``str(permission)``
("Wagtail core | trang | Can add page"). tests/test_permission_names.py fails if
an upgrade moves either spot.
"""

from functools import wraps

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Django's default actions: the whole name, and the name in a row that names the model.
DEFAULT_ACTIONS = {
    "add": (_("Can add %(model)s"), _("Can add")),
    "change": (_("Can change %(model)s"), _("Can change")),
    "delete": (_("Can delete %(model)s"), _("Can delete")),
    "view": (_("Can view %(model)s"), _("Can view")),
}


def _default_action(permission: Permission) -> str | None:
    model = permission.content_type.model_class()
    if model is None:
        return None
    for action in model._meta.default_permissions:
        if action in DEFAULT_ACTIONS and permission.codename == get_permission_codename(
            action, model._meta
        ):
            return action
    return None


def permission_name(permission: Permission) -> str:
    """The permission's name in the active language."""
    model = permission.content_type.model_class()
    if model is None:  # a stale row of a removed model
        return gettext(permission.name)
    action = _default_action(permission)
    if action is not None:
        return str(DEFAULT_ACTIONS[action][0]) % {"model": model._meta.verbose_name}
    for codename, name in model._meta.permissions:
        if codename == permission.codename:
            return str(name) if isinstance(name, Promise) else gettext(name)
    return gettext(permission.name)


def permission_action_name(permission: Permission) -> str:
    """The name in a row headed by the model: "Được xem" for Django's view permission,
    the whole name for a custom one (Wagtail 8.0 cuts the model's name off the end of
    the English, which leaves "Can see every class" of "Can see every class observation",
    a string no catalogue holds)."""
    action = _default_action(permission)
    if action is not None:
        return str(DEFAULT_ACTIONS[action][1])
    return permission_name(permission)


def _named(context: dict) -> dict:
    """Wagtail's format_permissions context with the names in the active language. The
    Permission objects are the tag's own, fetched for this rendering."""
    for row in context["object_perms"]:
        for entry in row.values():
            if isinstance(entry, dict) and isinstance(entry.get("perm"), Permission):
                entry["perm"].name = permission_name(entry["perm"])
        for custom in row["custom"]:
            custom["name"] = permission_action_name(custom["perm"])
    for permission, _checkbox in context["other_perms"]:
        permission.name = permission_name(permission)
    return context


def register() -> None:
    from wagtail.users.forms import PagePermissionsForm
    from wagtail.users.templatetags import wagtailusers_tags

    wagtails = wagtailusers_tags.format_permissions

    @wraps(wagtails)
    def format_permissions(permission_bound_field):
        return _named(wagtails(permission_bound_field))

    wagtailusers_tags.register.inclusion_tag(
        "wagtailusers/groups/includes/formatted_permissions.html"
    )(format_permissions)
    PagePermissionsForm.base_fields["permissions"].label_from_instance = permission_name
