"""The "Certificates" menu in the Wagtail admin (see admin.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.access import is_staff_member
from lms.hooks import DASHBOARD_PANELS, ROSTER_COLUMNS

from . import admin, panels  # noqa: I001  (after the models, like lms.wagtail_hooks)
from .models import CertificateSettings, CompletionRule

for _model in (CompletionRule, CertificateSettings):
    register_permission_policy(_model, admin.StaffPolicy(_model))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return admin.CertificatesMenu()


@hooks.register("register_admin_urls")
def register_urls():
    register = admin.RegisterView.as_view()
    results = admin.RegisterView.as_view(results_only=True)
    return [
        path("certificates/register/", register, name="lms_certificates_register"),
        path(
            "certificates/register/results/",
            results,
            name="lms_certificates_register_results",
        ),
        path(
            "certificates/class/<int:class_id>/issue/",
            admin.issue_class_view,
            name="lms_certificates_issue_class",
        ),
        path(
            "certificates/<int:record_id>/revoke/",
            admin.revoke_view,
            name="lms_certificates_revoke",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return StaffMenuItem(
        _("Certificate register"),
        reverse("lms_certificates_register"),
        icon_name="list-ol",
        order=261,
    )


hooks.register(DASHBOARD_PANELS, panels.dashboard_panels)
hooks.register(ROSTER_COLUMNS, panels.roster_column)
