"""The "Lecturer evaluation" menu of the Wagtail admin, the survey results report, and
the survey panel of the learner's dashboard."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.admin.permissions import CentreModelPolicy
from lms.hooks import DASHBOARD_PANELS, DashboardPanels

from .admin_views import ObservationPolicy, results_permission
from .models import Observation, Survey

register_permission_policy(Observation, ObservationPolicy(Observation))
register_permission_policy(Survey, CentreModelPolicy(Survey, centre_path="training_class__centre"))

from .admin_views import EvaluationMenu, SurveyCommentsView, SurveyResultsView  # noqa: E402


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationMenu()


@hooks.register("register_admin_urls")
def register_results_url():
    return [
        path(
            "evaluation/results/",
            SurveyResultsView.as_view(),
            name="lms_evaluation_results",
        ),
        path(
            "evaluation/results/<int:survey_id>/<int:lecturer_id>/comments/",
            SurveyCommentsView.as_view(),
            name="lms_evaluation_comments",
        ),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return results_permission(request.user) is not None


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(
        _("Lecturer survey results"),
        reverse_lazy("lms_evaluation_results"),
        icon_name="list-ul",
        order=800,
    )


@hooks.register(DASHBOARD_PANELS)
def survey_panel(request, enrolments, known):
    """The open surveys of the learner's classes, at the top of the dashboard."""
    from .views import dashboard_panel

    return DashboardPanels(page=[dashboard_panel(request)])
