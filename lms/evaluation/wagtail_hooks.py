"""The "Lecturer evaluation" menu of the Wagtail admin, the survey results report, and
the survey panel of the learner's dashboard."""

from django.db.models import Exists, OuterRef
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.hooks import DASHBOARD_PANELS, ENROLMENT_COLUMNS, DashboardPanels

from .admin_views import ObservationPolicy, results_permission
from .models import Observation

register_permission_policy(Observation, ObservationPolicy(Observation))

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


@hooks.register(ENROLMENT_COLUMNS)
def open_survey_column(page):
    """Whether the enrolment's class has a survey open now (the dashboard's only)."""
    if page != "dashboard":
        return {}
    from .models import Survey

    return {
        "open_survey": Exists(
            Survey.objects.accepting().filter(training_class_id=OuterRef("training_class_id"))
        )
    }


@hooks.register(DASHBOARD_PANELS)
def survey_panel(request, enrolments, known):
    """The open surveys of the learner's classes, at the top of the dashboard: no query
    when the dashboard's own query found none open."""
    from .views import dashboard_panel

    if all(getattr(e, "open_survey", None) is False for e in enrolments):
        return None

    return DashboardPanels(page=[dashboard_panel(request)])
