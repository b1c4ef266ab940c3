"""Quiz reports for lecturers and staff in the Wagtail admin, built on Wagtail's report
views (filters, pagination, CSV and XLSX export):

- the quizzes, with how many attempts were made and their average grade;
- a quiz's attempts, one row each, with the learner, class, state, times and grade;
- a quiz's per-question statistics (``quizzes.statistics``).

Readers need ``quizzes.change_answer`` (the graders' permission) and see only the
attempts they may review (``access.reviewable``: a lecturer, their own classes).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from .. import access
from ..models import Attempt, QuizPage
from ..statistics import question_statistics
from .views import GRADE_PERMISSION, GraderMenuItem

NAMESPACE = "quizzes_reports"


class ReaderRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(GRADE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QuizListReport(ReaderRequiredMixin, ReportView):
    page_title = _("Quiz results")
    header_icon = "list-ul"
    index_url_name = f"{NAMESPACE}:index"
    index_results_url_name = f"{NAMESPACE}:index_results"
    default_ordering = "title"
    list_export = ["title", "attempt_count", "graded_count", "average_score"]
    export_headings = {
        "title": _("Quiz"),
        "attempt_count": _("Attempts"),
        "graded_count": _("Graded"),
        "average_score": _("Average grade (of 10)"),
    }

    def get_base_queryset(self):
        contexts = access.reviewable_contexts(self.request.user)
        mine = Q() if contexts is None else Q(attempts__context__in=contexts)
        graded = mine & Q(attempts__state=Attempt.State.GRADED)
        return QuizPage.objects.annotate(
            attempt_count=Count("attempts", filter=mine & ~Q(attempts__state="in_progress")),
            graded_count=Count("attempts", filter=graded),
            average_score=Avg("attempts__score", filter=graded),
        ).filter(attempt_count__gt=0)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Quiz"),
                get_url=lambda quiz: reverse(f"{NAMESPACE}:attempts", args=[quiz.pk]),
                sort_key="title",
            ),
            Column("attempt_count", label=_("Attempts"), sort_key="attempt_count"),
            Column("graded_count", label=_("Graded"), sort_key="graded_count"),
            Column(
                "average_score",
                label=_("Average grade (of 10)"),
                accessor=lambda quiz: _number(quiz.average_score),
                sort_key="average_score",
            ),
            TitleColumn(
                "statistics",
                label=_("Questions"),
                accessor=lambda quiz: _("Statistics"),
                get_url=lambda quiz: reverse(f"{NAMESPACE}:questions", args=[quiz.pk]),
            ),
        ]


def _number(value):
    return "" if value is None else round(float(value), 2)


class QuizScopedMixin(ReaderRequiredMixin):
    """A report about one quiz: its id is in the URL."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.quiz.pk])

    def get_page_subtitle(self):
        return self.quiz.title

    def attempts(self):
        return access.reviewable(self.request.user, Attempt.objects.filter(quiz=self.quiz))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": str(QuizListReport.page_title)},
            {"url": "", "label": self.quiz.title},
        ]


class AttemptsReport(QuizScopedMixin, ReportView):
    page_title = _("Attempts")
    header_icon = "list-ul"
    index_url_name = f"{NAMESPACE}:attempts"
    index_results_url_name = f"{NAMESPACE}:attempts_results"
    default_ordering = "user__username"
    list_export = [
        "learner_name",
        "user.username",
        "context_label",
        "number",
        "get_state_display",
        "started_at",
        "submitted_at",
        "offline_mark",
        "points",
        "max_points",
        "score",
    ]
    export_headings = {
        "learner_name": _("Learner"),
        "user.username": _("Username"),
        "context_label": _("Class"),
        "number": _("Attempt"),
        "get_state_display": _("State"),
        "started_at": _("Started"),
        "submitted_at": _("Submitted"),
        "points": _("Points"),
        "max_points": _("Out of"),
        "score": _("Grade (of 10)"),
        "offline_mark": _("Completed offline"),
    }

    def get_base_queryset(self):
        return self.attempts().exclude(state=Attempt.State.IN_PROGRESS).select_related("user")

    @cached_property
    def columns(self):
        return [
            Column("learner_name", label=_("Learner"), sort_key="user__username"),
            Column(
                "context",
                label=_("Class"),
                accessor=lambda attempt: getattr(attempt, "context_label", attempt.context),
                sort_key="context",
            ),
            Column("number", label=_("Attempt"), sort_key="number"),
            Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            Column("score", label=_("Grade (of 10)"), sort_key="score"),
            Column(
                "offline_mark",
                label=_("Completed offline"),
                sort_key="completed_offline",
            ),
        ]

    def decorate_paginated_queryset(self, attempts):
        attempts = list(attempts)
        labels = access.context_labels(attempt.context for attempt in attempts)
        for attempt in attempts:
            attempt.context_label = labels.get(attempt.context, attempt.context)
            # Answers or the submission waited on the learner's phone for a connection.
            attempt.offline_mark = gettext("Completed offline") if attempt.completed_offline else ""
        return attempts

    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(
                _("Question statistics"),
                url=reverse(f"{NAMESPACE}:questions", args=[self.quiz.pk]),
                icon_name="list-ul",
            ),
        ]


class QuestionsReport(QuizScopedMixin, ReportView):
    page_title = _("Question statistics")
    header_icon = "list-ul"
    index_url_name = f"{NAMESPACE}:questions"
    index_results_url_name = f"{NAMESPACE}:questions_results"
    default_ordering = None
    paginate_by = 200
    list_export = ["name", "kind", "answered", "facility_percent", "discrimination_rounded"]
    export_headings = {
        "name": _("Question"),
        "kind": _("Type"),
        "answered": _("Graded answers"),
        "facility_percent": _("Share correct (%)"),
        "discrimination_rounded": _("Discrimination"),
    }

    def get_queryset(self):
        return question_statistics(self.attempts())

    @cached_property
    def columns(self):
        return [
            Column("name", label=_("Question")),
            Column("kind", label=_("Type")),
            Column("answered", label=_("Graded answers")),
            Column("facility_percent", label=_("Share correct (%)")),
            Column("discrimination_rounded", label=_("Discrimination")),
        ]


class QuizReportsViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "quizzes/reports"
    icon = "list-ul"
    menu_label = _("Quiz results")
    menu_order = 400
    menu_item_class = GraderMenuItem

    def get_urlpatterns(self):
        patterns = []
        for route, view, name in (
            ("", QuizListReport, "index"),
            ("<int:quiz_id>/", AttemptsReport, "attempts"),
            ("<int:quiz_id>/questions/", QuestionsReport, "questions"),
        ):
            patterns.append(path(route, view.as_view(), name=name))
            patterns.append(
                path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results")
            )
        return patterns
