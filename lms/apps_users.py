"""Wagtail's users app with the centres on the user forms (``lms.admin.users``).

Optional: list ``"lms.apps_users.LmsUsersAppConfig"`` in ``INSTALLED_APPS`` instead of
``"wagtail.users"``. It is Wagtail's users app (same name, label and templates), only
with another ``user_viewset``, the user screens' permission policy narrowed to the
editor's centres (``lms.admin.permissions.PeoplePolicy``) and bulk actions that keep to
them. This module imports nothing else at the top, because Django reads it while the app
registry is still being filled."""

from wagtail.users.apps import WagtailUsersAppConfig


class LmsUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "lms.admin.users.UserViewSet"

    def ready(self):
        super().ready()  # registers Wagtail's policies for users and groups
        from django.contrib.auth import get_user_model
        from wagtail import hooks
        from wagtail.permissions import register_permission_policy

        from .admin.permissions import PeoplePolicy
        from .admin.users import BULK_ACTIONS

        User = get_user_model()
        register_permission_policy(User, PeoplePolicy(User))
        for action in BULK_ACTIONS:
            # Wagtail registers its own of the same type with order 0; the registry keeps
            # the last one of a type, so ours come after.
            hooks.register("register_bulk_action", action, order=1)
