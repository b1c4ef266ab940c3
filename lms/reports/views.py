"""The report screens: Wagtail report views (filters, pagination, XLSX and CSV export)
over the SQL figures of ``figures.py``, and the annual report with its plan."""

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Field:
    """One field of a report, declared once: ``name`` is what the export reads (a dotted
    path or a row key), ``label`` the column's heading on screen and in the export
    (``heading`` when the export's differs, e.g. with "(%)"). ``screen``: what the column
    shows if not ``name`` (a path or a function of the row), None for an export-only field;
    ``column``: the column's name on screen; ``percent``: shown as a percentage, exported
    rounded to 0.1 (``rounded`` alone: exported rounded)."""

    name: str
    label: object
    screen: object = ""
    column: str = ""
    percent: bool = False
    rounded: bool = False
    heading: object = None

    def as_column(self) -> Column:
        column_class = PercentColumn if self.percent else Column
        accessor = self.screen or self.name
        return column_class(self.column or self.name, label=self.label, accessor=accessor)


RATE = Field(
    "rate",
    gettext_lazy("Completion rate"),
    percent=True,
    heading=gettext_lazy("Completion rate (%)"),
)


class TrainingReport(ReportView):
    """A report over the training figures; subclasses name ``rows(filters)`` and their
    ``fields``, from which the columns, the export's fields and headings are built."""

    filterset_class = ReportFilterSet
    header_icon = "table"
    table_classname = "listing lms-scroll-x"  # sideways on a phone, not cut off
    paginate_by = 50
    url_name = ""
    fields: list[Field] = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = cls.__dict__.get("fields")
        if fields:
            cls.columns = [field.as_column() for field in fields if field.screen is not None]
            cls.list_export = [field.name for field in fields]
            cls.export_headings = {field.name: field.heading or field.label for field in fields}
            cls.percent_fields = tuple(
                field.name for field in fields if field.percent or field.rounded
            )

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
    fields = [
        Field("title", gettext_lazy("Class")),
        Field("year", gettext_lazy("Year")),
        Field("course.program.name", gettext_lazy("Program"), column="program"),
        Field("get_status_display", gettext_lazy("Status"), column="status"),
        Field("enrolled", gettext_lazy("Enrolled")),
        Field("completed", gettext_lazy("Completed")),
        RATE,
        Field("centre.name", gettext_lazy("Centre"), column="centre"),
    ]

    def rows(self, filters):
        return figures.class_completion(filters).select_related("centre")


class OrganisationCompletionReport(TrainingReport):
    page_title = gettext_lazy("Completion by organisation")
    url_name = "organisation_completion"
    fields = [
        Field("name", gettext_lazy("Organisation"), screen="indented_name"),
        Field("get_kind_display", gettext_lazy("Kind"), column="kind"),
        Field("depth", gettext_lazy("Level"), screen=None),
        Field("enrolled", gettext_lazy("Enrolled (with sub-organisations)")),
        Field("completed", gettext_lazy("Completed")),
        RATE,
    ]

    def rows(self, filters):
        return figures.organisation_completion(filters)


LEARNER_FIELDS = [
    Field("learner.full_name", gettext_lazy("Learner"), column="learner"),
    Field(
        "learner.organisation.name",
        gettext_lazy("Organisation"),
        column="organisation",
        screen="learner.organisation",
    ),
    Field("training_class.title", gettext_lazy("Class"), column="class"),
]
ATTENDANCE = pgettext_lazy("attendance rate", "Attendance")


class NotCompletedReport(TrainingReport):
    page_title = gettext_lazy("Learners who have not completed")
    url_name = "not_completed"
    fields = [
        *LEARNER_FIELDS,
        Field("lessons_done", gettext_lazy("Required lessons done")),
        Field("lessons_required", gettext_lazy("Required lessons")),
        Field("present", gettext_lazy("Sessions attended"), screen=None),
        Field("held", gettext_lazy("Sessions held"), screen=None),
        Field("attendance_rate", ATTENDANCE, percent=True, heading=gettext_lazy("Attendance (%)")),
        Field("quizzes_passed", gettext_lazy("Quizzes passed")),
        Field("quizzes", gettext_lazy("Quizzes")),
    ]

    def rows(self, filters):
        return figures.not_completed(filters)


class AttendanceReport(TrainingReport):
    page_title = ATTENDANCE
    url_name = "attendance"
    fields = [
        *LEARNER_FIELDS,
        Field("present", gettext_lazy("Present")),
        Field("excused", gettext_lazy("Excused")),
        Field("absent", gettext_lazy("Absent")),
        Field("held", gettext_lazy("Sessions held")),
        Field("rate", ATTENDANCE, percent=True, heading=gettext_lazy("Attendance (%)")),
    ]

    def rows(self, filters):
        return figures.attendance(filters)


class QuizResultsReport(TrainingReport):
    page_title = gettext_lazy("Quiz results")
    url_name = "quiz_results"
    fields = [
        Field("quiz__title", gettext_lazy("Quiz"), column="quiz"),
        Field("class_title", gettext_lazy("Class"), column="class"),
        Field("learners", gettext_lazy("Learners who attempted")),
        Field("attempts", gettext_lazy("Attempts")),
        Field("graded", gettext_lazy("Graded")),
        Field(
            "average",
            gettext_lazy("Average grade"),
            screen=lambda row: number(row["average"], 2),
            rounded=True,
        ),
        Field("best", gettext_lazy("Best grade")),
        Field("passed", gettext_lazy("Learners who passed")),
    ]

    def rows(self, filters):
        return figures.quiz_results(filters)

    def decorate(self, rows):
        return figures.class_titles(rows)


class ParticipationReport(TrainingReport):
    page_title = gettext_lazy("Discussion participation")
    url_name = "participation"
    fields = [*LEARNER_FIELDS, Field("posts", gettext_lazy("Posts"))]

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
