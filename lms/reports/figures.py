"""The figures of every report and dashboard panel, computed in SQL.

Each function returns a queryset (or one aggregated row) so that a view can paginate it
and an export can stream it; nothing here loops over enrolments in Python. Withdrawn
enrolments are not counted anywhere: a participation is an active enrolment.

``Filters`` carries the choices of the report forms; ``enrolments(filters)`` is the one
place that turns them into SQL conditions.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractMonth, NullIf
from django.utils import timezone

from lessons.models import LessonPage, ProgramType
from lms.models import (
    Attendance,
    ClassSession,
    Enrolment,
    LessonProgress,
    Organisation,
    TrainingClass,
)
from quizzes.models import Attempt, QuizPage

from .models import PlanLine

ACTIVE = Enrolment.Status.ACTIVE
# A class "opened" once it left the plan and was not cancelled.
OPENED = [
    TrainingClass.Status.OPEN,
    TrainingClass.Status.IN_SESSION,
    TrainingClass.Status.FINISHED,
]


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    program: int | None = None
    training_class: int | None = None
    venue: str = ""
    organisation: Organisation | None = None
    category: str = ""


def class_q(filters: Filters, prefix: str = "") -> Q:
    """Conditions on the class (``prefix`` leads from the queried model to the class)."""
    q = Q()
    if filters.year:
        q &= Q(**{f"{prefix}year": filters.year})
    if filters.program:
        q &= Q(**{f"{prefix}course__program_id": filters.program})
    if filters.training_class:
        q &= Q(**{f"{prefix}pk": filters.training_class})
    if filters.venue:
        q &= Q(**{f"{prefix}venue_kind": filters.venue})
    return q


def learner_q(filters: Filters, prefix: str = "") -> Q:
    """Conditions on the learner; an organisation includes its sub-organisations (a
    prefix of the tree path)."""
    q = Q()
    if filters.organisation is not None:
        q &= Q(**{f"{prefix}organisation__path__startswith": filters.organisation.path})
    if filters.category:
        q &= Q(**{f"{prefix}category": filters.category})
    return q


def enrolments(filters: Filters) -> QuerySet:
    """The active enrolments the filters select."""
    return Enrolment.objects.filter(
        class_q(filters, "training_class__"), learner_q(filters, "learner__"), status=ACTIVE
    )


def _rate(done: str, total: str):
    """done / total in per cent, NULL when total is 0 (division happens in SQL)."""
    return Cast(F(done), FloatField()) * 100 / NullIf(Cast(F(total), FloatField()), Value(0.0))


def _count(queryset: QuerySet) -> Subquery:
    """A correlated COUNT(*) of ``queryset`` as a subquery (0 when nothing matches)."""
    counted = queryset.order_by().annotate(_g=Value(1)).values("_g").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


# --- Completion by class ----------------------------------------------------------------


def class_completion(filters: Filters) -> QuerySet:
    """Classes with ``enrolled``, ``completed`` and ``rate`` (per cent); with a learner
    filter, only the learners it selects are counted and empty classes are left out."""
    counted = Q(enrolments__status=ACTIVE) & learner_q(filters, "enrolments__learner__")
    classes = (
        TrainingClass.objects.filter(class_q(filters))
        .annotate(
            enrolled=Count("enrolments", filter=counted),
            completed=Count(
                "enrolments", filter=counted & Q(enrolments__completed_at__isnull=False)
            ),
        )
        .annotate(rate=_rate("completed", "enrolled"))
        .select_related("course__program")
        .order_by("-year", "title", "pk")
    )
    if filters.organisation is not None or filters.category:
        classes = classes.filter(enrolled__gt=0)
    return classes


# --- Completion by organisation ---------------------------------------------------------


def organisation_completion(filters: Filters) -> QuerySet:
    """Organisations with the enrolments of their members and of every sub-organisation's
    members (the tree path is a prefix): ``enrolled``, ``completed``, ``rate``. Only
    organisations with at least one counted enrolment."""
    selected = enrolments(filters).filter(learner__organisation__path__startswith=OuterRef("path"))
    organisations = Organisation.objects.all()
    if filters.organisation is not None:
        organisations = organisations.filter(path__startswith=filters.organisation.path)
    return (
        organisations.annotate(
            enrolled=_count(selected),
            completed=_count(selected.filter(completed_at__isnull=False)),
        )
        .filter(enrolled__gt=0)
        .annotate(rate=_rate("completed", "enrolled"))
        .order_by("path")
    )


def weakest_organisations(year: int, limit: int = 5, minimum: int = 5) -> QuerySet:
    """The organisations whose own members completed least this year (one GROUP BY):
    the party cells whose members are behind. ``minimum`` enrolments to be ranked."""
    return (
        Enrolment.objects.filter(
            status=ACTIVE, training_class__year=year, learner__organisation__isnull=False
        )
        .values("learner__organisation", "learner__organisation__name")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
        .filter(enrolled__gte=minimum)
        .annotate(rate=_rate("completed", "enrolled"))
        .order_by("rate", "-enrolled", "learner__organisation__name")[:limit]
    )


# --- Learners: what is missing, attendance, quizzes, discussion -------------------------


def learner_progress(filters: Filters, today: date | None = None) -> QuerySet:
    """Enrolments with what completion asks of them, each figure a subquery:
    ``lessons_done``/``lessons_required`` (published required lessons), ``present``/
    ``held`` (sessions up to today) and ``attendance_rate`` (per cent), ``quizzes_passed``/
    ``quizzes`` (a graded attempt in this class at the quiz's pass mark or above)."""
    today = today or timezone.localdate()
    course_path = OuterRef("training_class__course__path")
    course_depth = OuterRef("training_class__course__depth")
    required = LessonPage.objects.live().filter(
        required=True, path__startswith=course_path, depth=course_depth + 1
    )
    done = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"),
        completed_at__isnull=False,
        lesson__required=True,
        lesson__live=True,
    )
    held = ClassSession.objects.filter(training_class=OuterRef("training_class"), date__lte=today)
    present = Attendance.objects.filter(
        enrolment=OuterRef("pk"), status=Attendance.Status.PRESENT, session__date__lte=today
    )
    quizzes = QuizPage.objects.live().filter(path__startswith=course_path)
    passed = Attempt.objects.filter(
        user=OuterRef(OuterRef("learner__user")),
        quiz=OuterRef("pk"),
        context=Concat(
            Value("class:"), Cast(OuterRef(OuterRef("training_class_id")), output_field=CharField())
        ),
        state=Attempt.State.GRADED,
        score__gte=OuterRef("pass_mark"),
    )
    return (
        enrolments(filters)
        .select_related("learner__organisation", "training_class")
        .annotate(
            lessons_done=_count(done),
            lessons_required=_count(required),
            present=_count(present),
            held=_count(held),
            quizzes=_count(quizzes),
            quizzes_passed=_count(quizzes.filter(Exists(passed))),
        )
        .annotate(attendance_rate=_rate("present", "held"))
        .order_by("training_class__year", "training_class__title", "learner__full_name", "pk")
    )


def not_completed(filters: Filters, today: date | None = None) -> QuerySet:
    return learner_progress(filters, today).filter(completed_at__isnull=True)


def attendance(filters: Filters, today: date | None = None) -> QuerySet:
    """Enrolments with ``present``, ``excused``, ``absent`` (recorded marks), ``held``
    (sessions up to today) and ``rate`` (present over held, per cent)."""
    today = today or timezone.localdate()
    marks = Attendance.objects.filter(enrolment=OuterRef("pk"), session__date__lte=today)
    held = ClassSession.objects.filter(training_class=OuterRef("training_class"), date__lte=today)
    return (
        enrolments(filters)
        .select_related("learner__organisation", "training_class")
        .annotate(
            present=_count(marks.filter(status=Attendance.Status.PRESENT)),
            excused=_count(marks.filter(status=Attendance.Status.EXCUSED)),
            absent=_count(marks.filter(status=Attendance.Status.ABSENT)),
            held=_count(held),
        )
        .annotate(rate=_rate("present", "held"))
        .order_by("training_class__year", "training_class__title", "learner__full_name", "pk")
    )


def quiz_results(filters: Filters) -> QuerySet:
    """Per quiz and class (attempt context "class:<id>"): ``learners`` who attempted,
    ``attempts``, ``graded``, ``average`` grade, ``best`` grade and ``passed`` learners."""
    classes = (
        TrainingClass.objects.filter(class_q(filters))
        .annotate(context=Concat(Value("class:"), Cast("pk", output_field=CharField())))
        .values("context")
    )
    attempts = Attempt.objects.filter(context__in=classes).exclude(state=Attempt.State.ABANDONED)
    learner = learner_q(filters, "user__learner_profile__")
    if learner:
        attempts = attempts.filter(learner)
    class_title = (
        TrainingClass.objects.annotate(
            context=Concat(Value("class:"), Cast("pk", output_field=CharField()))
        )
        .filter(context=OuterRef("context"))
        .values("title")[:1]
    )
    graded = Q(state=Attempt.State.GRADED)
    return (
        attempts.values("quiz", "quiz__title", "context")
        .annotate(
            learners=Count("user", distinct=True),
            attempts=Count("pk"),
            graded=Count("pk", filter=graded),
            average=Avg("score", filter=graded),
            best=Max("score", filter=graded),
            passed=Count("user", distinct=True, filter=graded & Q(score__gte=F("quiz__pass_mark"))),
            class_title=Subquery(class_title),
        )
        .order_by("context", "quiz__title", "quiz")
    )


def participation(filters: Filters) -> QuerySet:
    """Enrolments, for the discussion counts that ``lms.participation`` adds per page."""
    return (
        enrolments(filters)
        .select_related("learner__organisation", "training_class")
        .order_by("training_class__year", "training_class__title", "learner__full_name", "pk")
    )


# --- Annual report: plan and actual per program -----------------------------------------


def annual(year: int, venue: str = "") -> QuerySet:
    """Programs with the year's plan and actual figures, in one query:
    ``plan_classes``, ``plan_learners``, ``classes`` (opened), ``enrolled``,
    ``completed`` (of the year's classes), ``certificates`` (completions dated in the
    year, whatever the class's year), ``classes_share`` and ``learners_share`` (per cent
    of plan). Programs with neither plan nor activity are left out."""
    venue_q = Q(venue_kind=venue) if venue else Q()
    plan = PlanLine.objects.filter(venue_q, year=year, program=OuterRef("pk")).order_by()
    plan_classes = plan.values("program").annotate(n=Sum("classes")).values("n")
    plan_learners = plan.values("program").annotate(n=Sum("learners")).values("n")
    classes = TrainingClass.objects.filter(
        venue_q, year=year, course__program=OuterRef("pk"), status__in=OPENED
    )
    enrolled = Enrolment.objects.filter(
        status=ACTIVE,
        training_class__year=year,
        training_class__course__program=OuterRef("pk"),
        **({"training_class__venue_kind": venue} if venue else {}),
    )
    certificates = Enrolment.objects.filter(
        status=ACTIVE,
        completed_at__year=year,
        training_class__course__program=OuterRef("pk"),
        **({"training_class__venue_kind": venue} if venue else {}),
    )
    return (
        ProgramType.objects.annotate(
            plan_classes=Coalesce(Subquery(plan_classes, output_field=IntegerField()), 0),
            plan_learners=Coalesce(Subquery(plan_learners, output_field=IntegerField()), 0),
            classes=_count(classes),
            enrolled=_count(enrolled),
            completed=_count(enrolled.filter(completed_at__isnull=False)),
            certificates=_count(certificates),
        )
        .annotate(
            classes_share=_rate("classes", "plan_classes"),
            learners_share=_rate("enrolled", "plan_learners"),
            completion_rate=_rate("completed", "enrolled"),
        )
        .filter(Q(plan_classes__gt=0) | Q(plan_learners__gt=0) | Q(classes__gt=0))
        .order_by("sort_order", "name")
    )


def share(done: int, planned: int) -> float | None:
    return 100 * done / planned if planned else None


# --- Dashboard --------------------------------------------------------------------------


def dashboard(year: int) -> dict:
    """The admin home panels' figures for ``year``, in a fixed number of queries."""
    by_status = dict(
        TrainingClass.objects.filter(year=year)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    totals = Enrolment.objects.filter(status=ACTIVE, training_class__year=year).aggregate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
    )
    certificates = Enrolment.objects.filter(status=ACTIVE, completed_at__year=year).count()
    months = dict(
        Enrolment.objects.filter(status=ACTIVE, completed_at__year=year)
        .annotate(month=ExtractMonth("completed_at"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    classes = list(
        class_completion(Filters(year=year))
        .filter(enrolled__gt=0)
        .order_by("-enrolled", "title")[:12]
        .values("pk", "title", "enrolled", "completed", "rate")
    )
    weakest = list(weakest_organisations(year))
    return {
        "year": year,
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in TrainingClass.Status.choices
        ],
        "classes_total": sum(by_status.values()),
        "enrolled": totals["enrolled"],
        "completed": totals["completed"],
        "rate": share(totals["completed"], totals["enrolled"]),
        "certificates": certificates,
        "months": [(month, months.get(month, 0)) for month in range(1, 13)],
        "classes": classes,
        "weakest": weakest,
    }
