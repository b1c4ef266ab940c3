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
    FilteredRelation,
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
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils import timezone

from lessons.models import LessonPage, ProgramType
from lms.collation import collate, name_ordering
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
    """``centres``: the ids of the centres counted, None for every centre (the province,
    or an installation of one centre); the views set it from ``lms.access.centre_ids``."""

    year: int | None = None
    program: int | None = None
    training_class: int | None = None
    venue: str = ""
    organisation: Organisation | None = None
    category: str = ""
    centres: frozenset[int] | None = None


def centre_q(centres, path: str) -> Q:
    """Rows of the given centres (``path`` leads to the centre); every row when None."""
    return Q() if centres is None else Q(**{f"{path}__in": centres})


def class_q(filters: Filters, prefix: str = "") -> Q:
    """Conditions on the class (``prefix`` leads from the queried model to the class)."""
    q = centre_q(filters.centres, f"{prefix}centre")
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


class OrganisationRows:
    """Organisations with the enrolments of their members and of every sub-organisation's
    members: ``enrolled``, ``completed``, ``rate``; only organisations with at least one
    counted enrolment, in tree order.

    Two SQL statements, run once per object (see ``_fetch``): the enrolments counted per
    organisation and the organisations. Sliceable and countable for Django's paginator;
    the rows (one per organisation, hundreds) are kept between the count and the page."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.model = Organisation
        self._cache = None

    def _fetch(self) -> list:
        """Every row, computed once per object: one GROUP BY counts the filtered
        enrolments per organisation of the learner, then each organisation adds up its
        own count and its descendants' (their tree path starts with its path), in Python
        over the few hundred organisations (PostgreSQL took 30 ms for the same roll-up as
        a LIKE self-join). The paginator's count and its page both read this list."""
        if self._cache is not None:
            return self._cache
        grouped = (
            enrolments(self.filters)
            .filter(learner__organisation__isnull=False)
            .order_by()
            .values_list("learner__organisation")
            .annotate(n=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
        )
        counts = {organisation: (n, done) for organisation, n, done in grouped}
        organisations = Organisation.objects.order_by("path")
        if self.filters.organisation is not None:
            organisations = organisations.filter(path__startswith=self.filters.organisation.path)
        organisations = list(organisations) if counts else []
        by_path = {organisation.path: organisation for organisation in organisations}
        totals = {}
        # The learner filter already keeps the counted organisations inside the filter's
        # subtree, so they are all among ``organisations``.
        for organisation in organisations:
            if organisation.pk not in counts:
                continue
            n, done = counts[organisation.pk]
            path = organisation.path
            for end in range(Organisation.steplen, len(path) + 1, Organisation.steplen):
                ancestor = by_path.get(path[:end])
                if ancestor is not None:
                    enrolled, completed = totals.get(ancestor.pk, (0, 0))
                    totals[ancestor.pk] = (enrolled + n, completed + done)
        self._cache = []
        for organisation in organisations:
            if organisation.pk in totals:
                organisation.enrolled, organisation.completed = totals[organisation.pk]
                organisation.rate = share(organisation.completed, organisation.enrolled)
                self._cache.append(organisation)
        return self._cache

    def count(self) -> int:
        return len(self._fetch())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return self._fetch()[key]

    def __iter__(self):
        return iter(self._fetch())

    def none(self):
        return []


def organisation_completion(filters: Filters) -> OrganisationRows:
    return OrganisationRows(filters)


def weakest_organisations(
    year: int, limit: int = 5, minimum: int = 5, centres: frozenset[int] | None = None
) -> QuerySet:
    """The organisations whose own members completed least this year (one GROUP BY):
    the party cells whose members are behind. ``minimum`` enrolments to be ranked."""
    return (
        Enrolment.objects.filter(
            centre_q(centres, "training_class__centre"),
            status=ACTIVE,
            training_class__year=year,
            learner__organisation__isnull=False,
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
            Value(TrainingClass.CONTEXT_PREFIX),
            Cast(OuterRef(OuterRef("training_class_id")), output_field=CharField()),
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
        .order_by(
            "training_class__year",
            collate("training_class__title"),
            *name_ordering("learner__full_name", "pk", centre_path="training_class__centre"),
        )
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
        .order_by(
            "training_class__year",
            collate("training_class__title"),
            *name_ordering("learner__full_name", "pk", centre_path="training_class__centre"),
        )
    )


def quiz_results(filters: Filters) -> QuerySet:
    """Per quiz and class (attempt context "class:<id>"): ``learners`` who attempted,
    ``attempts``, ``graded``, ``average`` grade, ``best`` grade and ``passed`` learners.
    The class's title is added per page (``class_titles``)."""
    class_ids = TrainingClass.objects.filter(class_q(filters)).values_list("pk", flat=True)
    attempts = Attempt.objects.filter(
        context__in=[TrainingClass.context_of(pk) for pk in class_ids.iterator(chunk_size=5000)]
    ).exclude(state=Attempt.State.ABANDONED)
    learner = learner_q(filters, "user__learner_profile__")
    if learner:
        attempts = attempts.filter(learner)
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
        )
        .order_by("context", "quiz__title", "quiz")
    )


def class_titles(rows: list[dict]) -> list[dict]:
    """Adds ``class_title`` to quiz result rows (one query for the rows given)."""
    ids = {TrainingClass.pk_from_context(row["context"]) for row in rows}
    titles = dict(TrainingClass.objects.filter(pk__in=ids - {None}).values_list("pk", "title"))
    for row in rows:
        row["class_title"] = titles.get(TrainingClass.pk_from_context(row["context"]), "")
    return rows


def participation(filters: Filters) -> QuerySet:
    """Enrolments, for the discussion counts that ``lms.participation`` adds per page."""
    return (
        enrolments(filters)
        .select_related("learner__organisation", "training_class")
        .order_by(
            "training_class__year",
            collate("training_class__title"),
            *name_ordering("learner__full_name", "pk", centre_path="training_class__centre"),
        )
    )


# --- Annual report: plan and actual per program -----------------------------------------


def annual(year: int, venue: str = "", centres: frozenset[int] | None = None) -> list:
    """Programs with the year's plan and actual figures: ``plan_classes``,
    ``plan_learners``, ``classes`` (opened) and ``enrolled`` (in the year's opened
    classes), ``completed`` and ``certificates`` (completions, each with its certificate,
    dated in the year whatever the class's year: the one rule the register follows too),
    ``classes_share`` and ``learners_share`` (per cent of plan), and ``completion_rate``
    (the share of the year's classes' participations completed, whenever).
    Programs with neither plan nor class are left out.

    Three grouped queries (actual per program over the year's classes, certificates per
    program, the plan per program); only their per-program rows meet in Python."""
    venue_q = (Q(venue_kind=venue) if venue else Q()) & centre_q(centres, "centre")
    # The active enrolments are joined with the condition in the join itself (not a
    # FILTER over every enrolment), so PostgreSQL reads them from the partial index on
    # active enrolments per class (migration 0003).
    actual = {
        row["course__program"]: row
        for row in TrainingClass.objects.filter(venue_q, year=year, status__in=OPENED)
        .annotate(active=FilteredRelation("enrolments", condition=Q(enrolments__status=ACTIVE)))
        .order_by()
        .values("course__program")
        .annotate(
            classes=Count("pk", distinct=True),
            enrolled=Count("active"),
            cohort_completed=Count("active__completed_at"),
        )
    }
    # One rule (issue 18): a completion, and the certificate issued with it, counts in
    # the year it happened, whatever the class's year (Enrolment.objects.completed_in).
    completions = dict(
        Enrolment.objects.completed_in(year)
        .filter(**({"training_class__venue_kind": venue} if venue else {}))
        .filter(centre_q(centres, "training_class__centre"))
        .order_by()
        .values_list("training_class__course__program")
        .annotate(n=Count("pk"))
    )
    plan = PlanLine.objects.filter(venue_q, year=year, program=OuterRef("pk")).order_by()
    programs = list(
        ProgramType.objects.annotate(
            plan_classes=Coalesce(
                Subquery(
                    plan.values("program").annotate(n=Sum("classes")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            plan_learners=Coalesce(
                Subquery(
                    plan.values("program").annotate(n=Sum("learners")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
        .filter(
            Q(plan_classes__gt=0)
            | Q(plan_learners__gt=0)
            | Q(pk__in=list(actual))
            | Q(pk__in=list(completions))
        )
        .order_by("sort_order", "name")
    )
    for program in programs:
        row = actual.get(program.pk, {})
        program.classes = row.get("classes", 0)
        program.enrolled = row.get("enrolled", 0)
        program.cohort_completed = row.get("cohort_completed", 0)
        program.completed = program.certificates = completions.get(program.pk, 0)
        program.classes_share = share(program.classes, program.plan_classes)
        program.learners_share = share(program.enrolled, program.plan_learners)
        program.completion_rate = share(program.cohort_completed, program.enrolled)
    return programs


def share(done: int, planned: int) -> float | None:
    return 100 * done / planned if planned else None
