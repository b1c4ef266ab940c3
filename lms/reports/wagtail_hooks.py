"""The reports in the Wagtail admin: the home page panels, the "Reports" menu entries
and their URLs, and the plan editor. Everything needs lms_reports.view_reports (the plan
editor needs the plan line permissions too)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.admin.permissions import CentreModelPolicy

from . import urls
from .models import VIEW_REPORTS, PlanLine

# A centre's staff act on its lines; the province role reads every line.
register_permission_policy(PlanLine, CentreModelPolicy(PlanLine))
from .panels import TrainingDashboardPanel  # noqa: E402 (after the policy)
from .views import REPORTS  # noqa: E402
from .viewsets import PlanViewSet  # noqa: E402


class ReportingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_REPORTS)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("training-reports/", include(urls, namespace="lms_reports"))]


@hooks.register("register_admin_viewset")
def register_plan_viewset():
    return PlanViewSet()


@hooks.register("construct_homepage_panels")
def add_training_dashboard(request, panels):
    if request.user.has_perm(VIEW_REPORTS):
        panels.append(TrainingDashboardPanel(user=request.user))


def _menu_item(label, url_name, icon, order):
    @hooks.register("register_reports_menu_item")
    def register():
        return ReportingMenuItem(label, reverse(url_name), icon_name=icon, order=order)

    return register


_menu_item(_("Annual report"), "lms_reports:annual", "doc-full", 900)
_menu_item(_("Centres compared"), "lms_reports:centres", "site", 899)
for _order, _report in enumerate(REPORTS, start=901):
    _menu_item(_report.page_title, f"lms_reports:{_report.url_name}", "table", _order)


@hooks.register("register_reports_menu_item")
def register_plan_menu_item():
    return ReportingMenuItem(
        _("Training plan"), reverse("lms_reports_plan:index"), icon_name="list-ol", order=950
    )
