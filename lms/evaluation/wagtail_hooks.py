"""The "Lecturer evaluation" menu of the Wagtail admin, the survey results report, and
the survey panel of the learner's dashboard."""

from types import SimpleNamespace

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.admin.permissions import CentreModelPolicy
from lms.hooks import DASHBOARD_PANELS, ENROLMENT_COLUMNS, DashboardPanels

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


@hooks.register(ENROLMENT_COLUMNS)
def open_survey_columns(page):
    """The survey open now for the enrolment's class (its id and closing date) and how
    many of the class's lecturers this enrolment has still to answer about: the
    dashboard's survey panel then needs no query of its own."""
    if page != "dashboard":
        return {}
    from lms.models import ClassLecturer

    from .models import Survey, SurveyReceipt

    survey = Survey.objects.accepting().filter(training_class_id=OuterRef("training_class_id"))
    waiting = ClassLecturer.objects.filter(training_class_id=OuterRef("training_class_id")).exclude(
        Exists(
            SurveyReceipt.objects.filter(
                lecturer=OuterRef("pk"), enrolment=OuterRef(OuterRef("pk"))
            )
        )
    )
    return {
        "open_survey": Subquery(survey.values("pk")[:1]),
        "open_survey_closes_on": Subquery(survey.values("closes_on")[:1]),
        "open_survey_waiting": Subquery(
            waiting.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
            output_field=IntegerField(),
        ),
    }


@hooks.register(DASHBOARD_PANELS)
def survey_panel(request, enrolments, known):
    """The open surveys of the learner's classes, at the top of the dashboard: from the
    columns above when the enrolments carry them (no query), else asked for."""
    from .views import dashboard_panel

    if all(hasattr(e, "open_survey") for e in enrolments):
        pending = [
            (
                SimpleNamespace(pk=e.open_survey, closes_on=e.open_survey_closes_on),
                e,
                e.open_survey_waiting or 0,
            )
            for e in enrolments
            if e.open_survey is not None
        ]
        if not pending:
            return None
        html = render_to_string(
            "lms_evaluation/dashboard_panel.html", {"pending": pending}, request=request
        )
        return DashboardPanels(page=[html])
    return DashboardPanels(page=[dashboard_panel(request)])
