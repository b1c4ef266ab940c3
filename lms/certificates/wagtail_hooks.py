"""The "Certificates" menu in the Wagtail admin (see admin.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.access import in_scope, is_staff_member
from lms.hooks import DASHBOARD_PANELS, ENROLMENT_COLUMNS, ROSTER_COLUMNS

from . import admin, panels, printing  # noqa: I001  (after the models, like lms.wagtail_hooks)
from .models import CertificateSettings, CompletionRule, PaperworkSettings

# Centre settings are their centre's; a course's rules (no class) are shared by every
# centre, a class's rules are its centre's.
register_permission_policy(
    CompletionRule,
    admin.StaffPolicy(CompletionRule, centre_path="training_class__centre", unassigned=True),
)
for _model in (CertificateSettings, PaperworkSettings):
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
            "certificates/register/book/",
            printing.register_book,
            name="lms_certificates_register_book",
        ),
        path(
            "certificates/class/<int:class_id>/results/",
            printing.results_sheet,
            name="lms_certificates_results_sheet",
        ),
        path(
            "certificates/class/<int:class_id>/notice/<int:organisation_id>/",
            printing.results_notice,
            name="lms_certificates_results_notice",
        ),
        path(
            "certificates/class/<int:class_id>/decision/opening/",
            printing.opening_decision,
            name="lms_certificates_opening_decision",
        ),
        path(
            "certificates/class/<int:class_id>/decision/completion/",
            printing.completion_decision,
            name="lms_certificates_completion_decision",
        ),
        path(
            "certificates/<int:record_id>/revoke/",
            admin.revoke_view,
            name="lms_certificates_revoke",
        ),
        path(
            "certificates/<int:record_id>/reissue/",
            admin.reissue_view,
            name="lms_certificates_reissue",
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
hooks.register(ENROLMENT_COLUMNS, panels.enrolment_columns)
hooks.register("lms_class_documents", printing.class_documents)


@hooks.register("lms_class_actions")
def issue_certificates_action(request, training_class):
    """ "Issue certificates" on the class itself (class list and edit page), for staff."""
    if not is_staff_member(request.user) or not in_scope(request.user, training_class.centre_id):
        return []
    return [
        {
            "label": _("Issue certificates"),
            "url": reverse("lms_certificates_issue_class", args=[training_class.pk]),
            "icon_name": "doc-full-inverse",
        }
    ]
