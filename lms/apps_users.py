"""Wagtail's users app with the centres on the user forms (``lms.admin.users``).

Optional: list ``"lms.apps_users.LmsUsersAppConfig"`` in ``INSTALLED_APPS`` instead of
``"wagtail.users"``. It is Wagtail's users app (same name, label and templates), only
with another ``user_viewset``; this module imports nothing else, because Django reads it
while the app registry is still being filled."""

from wagtail.users.apps import WagtailUsersAppConfig


class LmsUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "lms.admin.users.UserViewSet"
