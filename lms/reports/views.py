"""The report screens: Wagtail report views (filters, pagination, XLSX and CSV export)
over the SQL figures of ``figures.py``, and the annual report with its plan."""

from itertools import islice

from django.contrib import messages
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import multigetattr

from lms import participation as discussion
from lms.models import Enrolment

from . import figures
from .filters import ReportFilterSet
from .layout import number, percent
from .scoping import require_reporting


class PercentColumn(Column):
    def get_value(self, instance):
        return percent(super().get_value(instance))


def _rounded(value):
    return round(value, 1) if value is not None else None


class TrainingReport(ReportView):
    """A report over the training figures; subclasses name ``rows(filters)``, the columns
    and the export fields."""

    filterset_class = ReportFilterSet
    header_icon = "table"
    paginate_by = 50
    url_name = ""
    percent_fields: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        require_reporting(request)
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            **{
                field: {self.FORMAT_CSV: _rounded, self.FORMAT_XLSX: _rounded}
                for field in self.percent_fields
            },
        }

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        # Without a year chosen, a report shows the current year; an explicitly empty
        # year shows every year.
        data.setdefault("year", str(timezone.localdate().year))
        return {"data": data, "request": self.request}

    @cached_property
    def filters_invalid(self) -> bool:
        return not self.filters.is_valid()

    def get_filtered_queryset(self):
        if self.filters_invalid:
            if not self.results_only and not self.is_export:
                messages.warning(self.request, self.invalid_message)
            return self.rows(figures.Filters()).none()
        return self.rows(self.filters.to_filters())

    invalid_message = gettext_lazy(
        "Some filters have values that do not exist or make no sense (see the filters); "
        "the report is empty. Correct them or clear the filters."
    )

    @cached_property
    def no_results_message(self):
        if self.filters_invalid:
            return self.invalid_message
        return _("Nothing matches these filters.")

    @property
    def index_url_name(self):
        return f"lms_reports:{self.url_name}"

    @property
    def index_results_url_name(self):
        return f"lms_reports:{self.url_name}_results"

    def get_filename(self):
        return f"{self.url_name}-{timezone.localdate():%Y-%m-%d}"

    def rows(self, filters):
        raise NotImplementedError

    def decorate(self, rows: list) -> list:
        """Per-page additions (a page of rows, or a chunk of an export)."""
        return rows

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:
            return object_list
        return self.decorate(list(object_list))

    def to_row_dict(self, item):
        """As Wagtail's, but a dotted field with an empty link exports as an empty cell:
        a learner without an organisation (the importer allows it) gave a 500."""
        return {field: _dotted(item, field) for field in self.list_export}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Read from the database in chunks rather than loaded whole.
        return super().as_spreadsheet(_Chunked(queryset, self.decorate), spreadsheet_format)


def _dotted(item, field):
    """Wagtail's ``multigetattr``, one step at a time, stopping at an empty link."""
    value = item
    for part in field.split("."):
        if value is None:
            return ""
        value = multigetattr(value, part)
    return value


class _Chunked:
    def __init__(self, rows, decorate, size=2000):
        self.rows, self.decorate, self.size = rows, decorate, size
        self.model = getattr(rows, "model", None)

    def __iter__(self):
        source = (
            self.rows.iterator(chunk_size=self.size)
            if isinstance(self.rows, QuerySet)
            else iter(self.rows)
        )
        while chunk := list(islice(source, self.size)):
            yield from self.decorate(chunk)


class ClassCompletionReport(TrainingReport):
    page_title = gettext_lazy("Completion by class")
    url_name = "class_completion"
    percent_fields = ("rate",)
    columns = [
        Column("title", label=gettext_lazy("Class")),
        Column("year", label=gettext_lazy("Year")),
        Column("program", label=gettext_lazy("Program"), accessor="course.program.name"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("enrolled", label=gettext_lazy("Enrolled")),
        Column("completed", label=gettext_lazy("Completed")),
        PercentColumn("rate", label=gettext_lazy("Completion rate")),
    ]
    list_export = [
        "title",
        "year",
        "course.program.name",
        "get_status_display",
        "enrolled",
        "completed",
        "rate",
    ]
    export_headings = {
        "title": gettext_lazy("Class"),
        "year": gettext_lazy("Year"),
        "course.program.name": gettext_lazy("Program"),
        "get_status_display": gettext_lazy("Status"),
        "enrolled": gettext_lazy("Enrolled"),
        "completed": gettext_lazy("Completed"),
        "rate": gettext_lazy("Completion rate (%)"),
    }

    def rows(self, filters):
        return figures.class_completion(filters)


class OrganisationCompletionReport(TrainingReport):
    page_title = gettext_lazy("Completion by organisation")
    url_name = "organisation_completion"
    percent_fields = ("rate",)
    columns = [
        Column("name", label=gettext_lazy("Organisation"), accessor="indented_name"),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("enrolled", label=gettext_lazy("Enrolled (with sub-organisations)")),
        Column("completed", label=gettext_lazy("Completed")),
        PercentColumn("rate", label=gettext_lazy("Completion rate")),
    ]
    list_export = ["name", "get_kind_display", "depth", "enrolled", "completed", "rate"]
    export_headings = {
        "name": gettext_lazy("Organisation"),
        "get_kind_display": gettext_lazy("Kind"),
        "depth": gettext_lazy("Level"),
        "enrolled": gettext_lazy("Enrolled (with sub-organisations)"),
        "completed": gettext_lazy("Completed"),
        "rate": gettext_lazy("Completion rate (%)"),
    }

    def rows(self, filters):
        return figures.organisation_completion(filters)


LEARNER_COLUMNS = [
    Column("learner", label=gettext_lazy("Learner"), accessor="learner.full_name"),
    Column("organisation", label=gettext_lazy("Organisation"), accessor="learner.organisation"),
    Column("class", label=gettext_lazy("Class"), accessor="training_class.title"),
]
LEARNER_EXPORT = ["learner.full_name", "learner.organisation.name", "training_class.title"]
LEARNER_HEADINGS = {
    "learner.full_name": gettext_lazy("Learner"),
    "learner.organisation.name": gettext_lazy("Organisation"),
    "training_class.title": gettext_lazy("Class"),
}


class NotCompletedReport(TrainingReport):
    page_title = gettext_lazy("Learners who have not completed")
    url_name = "not_completed"
    percent_fields = ("attendance_rate",)
    columns = [
        *LEARNER_COLUMNS,
        Column("lessons_done", label=gettext_lazy("Required lessons done")),
        Column("lessons_required", label=gettext_lazy("Required lessons")),
        PercentColumn("attendance_rate", label=pgettext_lazy("attendance rate", "Attendance")),
        Column("quizzes_passed", label=gettext_lazy("Quizzes passed")),
        Column("quizzes", label=gettext_lazy("Quizzes")),
    ]
    list_export = [
        *LEARNER_EXPORT,
        "lessons_done",
        "lessons_required",
        "present",
        "held",
        "attendance_rate",
        "quizzes_passed",
        "quizzes",
    ]
    export_headings = {
        **LEARNER_HEADINGS,
        "lessons_done": gettext_lazy("Required lessons done"),
        "lessons_required": gettext_lazy("Required lessons"),
        "present": gettext_lazy("Sessions attended"),
        "held": gettext_lazy("Sessions held"),
        "attendance_rate": gettext_lazy("Attendance (%)"),
        "quizzes_passed": gettext_lazy("Quizzes passed"),
        "quizzes": gettext_lazy("Quizzes"),
    }

    def rows(self, filters):
        return figures.not_completed(filters)


class AttendanceReport(TrainingReport):
    page_title = pgettext_lazy("attendance rate", "Attendance")
    url_name = "attendance"
    percent_fields = ("rate",)
    columns = [
        *LEARNER_COLUMNS,
        Column("present", label=gettext_lazy("Present")),
        Column("excused", label=gettext_lazy("Excused")),
        Column("absent", label=gettext_lazy("Absent")),
        Column("held", label=gettext_lazy("Sessions held")),
        PercentColumn("rate", label=pgettext_lazy("attendance rate", "Attendance")),
    ]
    list_export = [*LEARNER_EXPORT, "present", "excused", "absent", "held", "rate"]
    export_headings = {
        **LEARNER_HEADINGS,
        "present": gettext_lazy("Present"),
        "excused": gettext_lazy("Excused"),
        "absent": gettext_lazy("Absent"),
        "held": gettext_lazy("Sessions held"),
        "rate": gettext_lazy("Attendance (%)"),
    }

    def rows(self, filters):
        return figures.attendance(filters)


class QuizResultsReport(TrainingReport):
    page_title = gettext_lazy("Quiz results")
    url_name = "quiz_results"
    percent_fields = ("average",)
    columns = [
        Column("quiz", label=gettext_lazy("Quiz"), accessor="quiz__title"),
        Column("class", label=gettext_lazy("Class"), accessor="class_title"),
        Column("learners", label=gettext_lazy("Learners who attempted")),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("graded", label=gettext_lazy("Graded")),
        Column(
            "average",
            label=gettext_lazy("Average grade"),
            accessor=lambda row: number(row["average"], 2),
        ),
        Column("best", label=gettext_lazy("Best grade")),
        Column("passed", label=gettext_lazy("Learners who passed")),
    ]
    list_export = [
        "quiz__title",
        "class_title",
        "learners",
        "attempts",
        "graded",
        "average",
        "best",
        "passed",
    ]
    export_headings = {
        "quiz__title": gettext_lazy("Quiz"),
        "class_title": gettext_lazy("Class"),
        "learners": gettext_lazy("Learners who attempted"),
        "attempts": gettext_lazy("Attempts"),
        "graded": gettext_lazy("Graded"),
        "average": gettext_lazy("Average grade"),
        "best": gettext_lazy("Best grade"),
        "passed": gettext_lazy("Learners who passed"),
    }

    def rows(self, filters):
        return figures.quiz_results(filters)

    def decorate(self, rows):
        return figures.class_titles(rows)


class ParticipationReport(TrainingReport):
    page_title = gettext_lazy("Discussion participation")
    url_name = "participation"
    columns = [*LEARNER_COLUMNS, Column("posts", label=gettext_lazy("Posts"))]
    list_export = [*LEARNER_EXPORT, "posts"]
    export_headings = {**LEARNER_HEADINGS, "posts": gettext_lazy("Posts")}

    def rows(self, filters):
        return figures.participation(filters)

    def decorate(self, rows):
        # Counted per page (or export chunk) by whichever app runs discussions.
        counts = discussion.counts(Enrolment.objects.filter(pk__in=[row.pk for row in rows]))
        for row in rows:
            row.posts = counts.get(row.pk, 0)
        return rows


REPORTS = [
    ClassCompletionReport,
    OrganisationCompletionReport,
    NotCompletedReport,
    AttendanceReport,
    QuizResultsReport,
    ParticipationReport,
]


# The annual report and the province's comparison live in ``yearly``; kept importable here.
from .yearly import annual_figures, annual_report, display_rows  # noqa: E402, F401
