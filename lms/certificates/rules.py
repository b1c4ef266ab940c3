"""Each learner's standing against the completion rules of their class.

``evaluate_class`` answers for a whole class in a fixed number of queries (whatever the
number of learners, lessons or posts); ``evaluate`` is the same for one enrolment. The
dashboard, the roster, the tasks and "issue class" all ask here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms import participation, progress, requirements
from lms.grades import classify, final_grade
from lms.models import Attendance, ClassSession, Enrolment, LessonProgress, TrainingClass
from quizzes.formatting import format_grade
from quizzes.grading import final_grade_from
from quizzes.models import Attempt, QuizPage

from .models import CompletionRule, StaffConfirmation


@dataclass
class Check:
    key: str
    label: str
    met: bool
    detail: str
    url: str | None = ""  # where the learner meets it (None: nowhere for now)
    action: str = ""  # what the link says: "Làm bài thu hoạch"


@dataclass
class Evaluation:
    enrolment_id: int
    configured: bool = True
    checks: list[Check] = field(default_factory=list)
    grades: dict = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return self.configured and all(check.met for check in self.checks)

    @property
    def final_grade(self):
        """The final grade on the 10-point scale (lms.grades.final_grade), or None."""
        return final_grade(self.grades)

    @property
    def classification(self):
        """Xếp loại of the final grade (lms.grades.classify), or None."""
        return classify(self.final_grade)

    @property
    def missing(self) -> list[Check]:
        return [check for check in self.checks if not check.met]

    def missing_text(self) -> str:
        if not self.configured:
            return _("No completion rules are set for this course.")
        return "; ".join(f"{check.label}: {check.detail}" for check in self.missing)


def context_for(training_class) -> str:
    """The attempt context quizzes use for a class (lms.access.quiz_attempt_context)."""
    return TrainingClass.context_of(training_class)


# What evaluating a rule reads of its quizzes: the title, the link, the grade.
QUIZ_FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "pass_mark", "grading_method")


def rules_for(classes, quizzes=None) -> dict[int, CompletionRule | None]:
    """{class id: its own rules, else its course's, else None}, in one query: the rules
    with the fields of their quizzes joined (QUIZ_FIELDS; a page that has loaded the
    quizzes already passes them as ``quizzes``, {id: QuizPage}). Each rule's
    ``quizzes.all()`` answers from what is loaded here."""
    classes = list(classes)
    if not classes:
        return {}
    rules: dict[int, CompletionRule] = {}
    quiz_ids: dict[int, list[int]] = {}
    pages = dict(quizzes or {})
    for rule in (
        CompletionRule.objects.filter(
            Q(training_class_id__in=[c.pk for c in classes])
            | Q(course_id__in={c.course_id for c in classes}, training_class__isnull=True)
        )
        .select_related("essay_quiz")
        .annotate(**{f"quiz_{name}": F(f"quizzes__{name}") for name in QUIZ_FIELDS})
        .order_by("pk")
    ):
        rules.setdefault(rule.pk, rule)
        quiz = {name: getattr(rule, f"quiz_{name}") for name in QUIZ_FIELDS}
        if quiz["id"] is not None:
            quiz_ids.setdefault(rule.pk, []).append(quiz["id"])
            if quiz["id"] not in pages:
                pages[quiz["id"]] = QuizPage(page_ptr_id=quiz["id"], **quiz)
    for rule in rules.values():
        loaded = [pages[pk] for pk in quiz_ids.get(rule.pk, []) if pk in pages]
        _prefetched(rule, "quizzes", sorted(loaded, key=lambda quiz: quiz.path))
    own = {rule.training_class_id: rule for rule in rules.values() if rule.training_class_id}
    common = {rule.course_id: rule for rule in rules.values() if not rule.training_class_id}
    return {c.pk: own.get(c.pk) or common.get(c.course_id) for c in classes}


def _prefetched(instance, name: str, objects: list) -> None:
    """Let ``instance.<name>.all()`` answer ``objects`` without a query, as
    prefetch_related would have it."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is None:
        cache = instance._prefetched_objects_cache = {}
    cache[name] = queryset


def rule_for(training_class) -> CompletionRule | None:
    return rules_for([training_class])[training_class.pk]


def _waiting_text() -> str:
    return _("submitted, waiting for grading")


def _attempts(quizzes, user_ids, contexts, known) -> dict[tuple, list]:
    """{(quiz id, user id, context): [(number, state, score)]} of the learners' attempts
    at these quizzes: from what the page has fetched (lms.hooks.Known.attempts, every
    attempt of its learners), else in one query of the finished ones."""
    if not quizzes:
        return {}
    if known is not None and known.attempts is not None:
        return known.attempts
    grouped: dict[tuple, list] = {}
    for row in (
        Attempt.objects.filter(
            quiz_id__in=list(quizzes),
            state__in=Attempt.FINISHED,
            context__in=list(contexts),
            user_id__in=list(user_ids),
        )
        .order_by("quiz_id", "user_id", "context", "number")
        .values_list("quiz_id", "user_id", "context", "number", "state", "score")
    ):
        grouped.setdefault(row[:3], []).append(row[3:])
    return grouped


def _grade_text(grade) -> str:
    return format_grade(grade)


def _counts(queryset) -> dict[int, int]:
    return dict(
        queryset.order_by()
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )


@dataclass
class _Batch:
    """The enrolments being evaluated that have rules, with what every rule kind needs."""

    ruled: list  # enrolments, ``training_class`` (and its course) loaded
    rule_of: dict[int, CompletionRule]  # enrolment id -> its rules
    users: dict[int, int]  # enrolment id -> the learner's user id
    result: dict[int, Evaluation]
    known: object = None  # lms.hooks.Known, or None

    def known_map(self, name: str, keys) -> dict | None:
        """What the calling page counted already under ``name``, if it covers ``keys``."""
        value = getattr(self.known, name, None) if self.known is not None else None
        if value is not None and all(key in value for key in keys):
            return value
        return None


# grade(quiz id, enrolment) and waiting(quiz id, enrolment), from _quiz_grades.
_Grade = Callable[[int, Enrolment], Decimal | None]
_Waiting = Callable[[int, Enrolment], bool]


def evaluate_many(enrolments, known=None) -> dict[int, Evaluation]:
    """{enrolment id: Evaluation} for enrolments of any classes (``training_class`` and
    its course loaded). The number of queries does not grow with the number of learners,
    classes, lessons, quizzes or posts. ``known`` (lms.hooks.Known) spares counting again
    what the calling page has counted already. One function per kind of rule, each
    answering for every enrolment at once, adds its checks in this order."""
    enrolments = list(enrolments)
    rules = rules_for(
        {e.training_class_id: e.training_class for e in enrolments}.values(),
        known.quizzes if known is not None else None,
    )
    result = {e.pk: Evaluation(e.pk, configured=False) for e in enrolments}
    rule_of = {e.pk: rule for e in enrolments if (rule := rules[e.training_class_id]) is not None}
    ruled = [e for e in enrolments if e.pk in rule_of]
    if not ruled:
        return result
    for e in ruled:
        result[e.pk] = Evaluation(e.pk)
    batch = _Batch(ruled, rule_of, {}, result, known)
    ids = [e.pk for e in ruled]
    users = batch.known_map("user_ids", ids)
    if users is not None:
        batch.users = {pk: users[pk] for pk in ids}
    else:
        batch.users = dict(
            Enrolment.objects.filter(pk__in=ids).values_list("pk", "learner__user_id")
        )
    _check_lessons(batch)
    grade, waiting = _quiz_grades(batch)
    _check_quizzes(batch, grade, waiting)
    _check_essay(batch, grade, waiting)
    _check_attendance(batch)
    _check_discussion(batch)
    _check_confirmation(batch)
    return result


def _done_exempt(enrolments, exempt) -> dict[int, int]:
    """{enrolment id: how many of its class's exempt lessons it completed}; a query only
    when some class has exempt lessons."""
    ids = [e.pk for e in enrolments if e.training_class_id in exempt]
    if not ids:
        return {}
    class_of = {e.pk: e.training_class_id for e in enrolments}
    counts: dict[int, int] = {}
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=ids,
        completed_at__isnull=False,
        lesson_id__in=set().union(*exempt.values()),
    ).values_list("enrolment_id", "lesson_id"):
        if lesson_id in exempt[class_of[enrolment_id]]:
            counts[enrolment_id] = counts.get(enrolment_id, 0) + 1
    return counts


def _check_lessons(batch: _Batch) -> None:
    """Required lessons: a share of the course's required lessons completed."""
    courses = {e.training_class.course_id: e.training_class.course for e in batch.ruled}
    required = batch.known_map("required", courses)
    if required is None:
        required = progress.required_lesson_counts(list(courses.values()))
    ids = [e.pk for e in batch.ruled]
    done = batch.known_map("done", ids)
    if done is None:
        done = _counts(
            LessonProgress.objects.filter(
                enrolment_id__in=ids,
                completed_at__isnull=False,
                lesson__live=True,
                lesson__required=True,
            )
        )
    # Lessons staff decided a class need not complete (lms.requirements).
    # A page's enrolment query says which classes have any (lms.certificates.panels), so
    # the common case asks nothing more; without that column every class is asked about.
    asked = {e.training_class_id for e in batch.ruled if getattr(e, "class_exempts_lessons", True)}
    exempt = requirements.not_required(asked) if asked else {}
    done_exempt = _done_exempt(batch.ruled, exempt)
    for e in batch.ruled:
        rule = batch.rule_of[e.pk]
        total = required.get(e.training_class.course_id, 0)
        total -= len(exempt.get(e.training_class_id, ()))
        n = done.get(e.pk, 0) - done_exempt.get(e.pk, 0)
        batch.result[e.pk].grades["lessons"] = f"{n}/{total}"
        if not rule.min_lessons_percent:
            continue
        batch.result[e.pk].checks.append(
            Check(
                "lessons",
                pgettext("completion requirement", "Required lessons"),
                not total or n * 100 >= rule.min_lessons_percent * total,
                _("%(done)s of %(total)s completed (%(share)s%%; %(needed)s%% needed)")
                % {
                    "done": n,
                    "total": total,
                    "share": progress.percent(n, total) if total else 100,
                    "needed": rule.min_lessons_percent,
                },
                reverse("lms:class_path", args=[e.training_class_id]),
                _("See the lessons still to read"),
            )
        )


def _quiz_grades(batch: _Batch) -> tuple[_Grade, _Waiting]:
    """grade(quiz id, enrolment): the final grade of every quiz to pass and every essay,
    each by its own grading method, in the class; one batched query, none when the page
    has every attempt of its learners (Known.attempts). ``waiting(quiz id,
    enrolment)``: an attempt is submitted and waits for a grade."""
    quizzes: dict[int, QuizPage] = {}
    for rule in batch.rule_of.values():
        for quiz in rule.quizzes.all():
            quizzes[quiz.pk] = quiz
        if rule.essay_quiz is not None:
            quizzes[rule.essay_quiz.pk] = rule.essay_quiz
    attempts = _attempts(
        quizzes,
        set(batch.users.values()),
        {context_for(e.training_class_id) for e in batch.ruled},
        batch.known,
    )

    def mine(quiz_pk, e):
        return attempts.get((quiz_pk, batch.users[e.pk], context_for(e.training_class_id)), [])

    def grade(quiz_pk, e):
        finished = [row for row in mine(quiz_pk, e) if row[1] in Attempt.FINISHED]
        return final_grade_from(quizzes[quiz_pk].grading_method, finished)

    def waiting(quiz_pk, e) -> bool:
        """Submitted and not graded yet: nothing for the learner to do but wait."""
        return any(state == Attempt.State.SUBMITTED for _n, state, _s in mine(quiz_pk, e))

    return grade, waiting


def _check_quizzes(batch: _Batch, grade: _Grade, waiting: _Waiting) -> None:
    """Quizzes to pass: each at its pass mark."""
    for e in batch.ruled:
        for quiz in sorted(batch.rule_of[e.pk].quizzes.all(), key=lambda quiz: quiz.path):
            value = grade(quiz.pk, e)
            batch.result[e.pk].grades.setdefault("quizzes", {})[quiz.title] = (
                None if value is None else str(value)
            )
            batch.result[e.pk].checks.append(
                Check(
                    f"quiz:{quiz.pk}",
                    _("Quiz “%(title)s”") % {"title": quiz.title},
                    quiz.is_pass(value),
                    _waiting_text()
                    if waiting(quiz.pk, e)
                    else _("grade %(grade)s, pass mark %(mark)s")
                    % {"grade": _grade_text(value), "mark": _grade_text(quiz.pass_mark)},
                    None if waiting(quiz.pk, e) else quiz.url,
                    _("Take the quiz"),
                )
            )


def _check_essay(batch: _Batch, grade: _Grade, waiting: _Waiting) -> None:
    """The reflection essay: at least the rule's grade."""
    for e in batch.ruled:
        rule = batch.rule_of[e.pk]
        essay = rule.essay_quiz
        if essay is None:
            continue
        value = grade(essay.pk, e)
        batch.result[e.pk].grades["essay"] = None if value is None else str(value)
        batch.result[e.pk].checks.append(
            Check(
                "essay",
                _("Reflection essay"),
                value is not None and Decimal(value) >= rule.min_essay_grade,
                _waiting_text()
                if waiting(essay.pk, e)
                else _("grade %(grade)s, %(needed)s needed")
                % {"grade": _grade_text(value), "needed": _grade_text(rule.min_essay_grade)},
                None if waiting(essay.pk, e) else essay.url,
                _("Write the reflection essay"),
            )
        )


def _check_attendance(batch: _Batch) -> None:
    """Attendance over every session of the class, held or still to come."""
    timed = [e for e in batch.ruled if batch.rule_of[e.pk].min_attendance_percent is not None]
    if not timed:
        return
    timed_classes = {e.training_class_id for e in timed}
    sessions = batch.known_map("sessions", timed_classes)
    if sessions is None:
        sessions = dict(
            ClassSession.objects.filter(training_class_id__in=timed_classes)
            .order_by()
            .values("training_class_id")
            .annotate(n=Count("pk"))
            .values_list("training_class_id", "n")
        )
    present = batch.known_map("present", [e.pk for e in timed])
    if present is None:
        present = _counts(
            Attendance.objects.filter(
                enrolment_id__in=[e.pk for e in timed],
                status=Attendance.Status.PRESENT,
                session__training_class_id=F("enrolment__training_class_id"),
            )
        )
    for e in timed:
        needed = batch.rule_of[e.pk].min_attendance_percent
        total = sessions.get(e.training_class_id, 0)
        n = present.get(e.pk, 0)
        batch.result[e.pk].grades["attendance"] = f"{n}/{total}"
        batch.result[e.pk].checks.append(
            Check(
                "attendance",
                pgettext("attendance rate", "Attendance"),
                not total or n * 100 >= needed * total,
                _("%(present)s of %(total)s sessions (%(share)s%%; %(needed)s%% needed)")
                % {
                    "present": n,
                    "total": total,
                    "share": progress.percent(n, total) if total else 100,
                    "needed": needed,
                },
                reverse("lms:class_path", args=[e.training_class_id]),
                _("See the sessions"),
            )
        )


def _check_discussion(batch: _Batch) -> None:
    """Posts in the class discussion: at least the rule's number. Not asked on a site
    where nobody counts posts (no lms.discussions): no learner could meet it."""
    talkers = [e for e in batch.ruled if batch.rule_of[e.pk].min_posts]
    if not talkers or not participation.counted():
        return
    ids = [e.pk for e in talkers]
    posts = batch.known_map("posts", ids)
    if posts is None:
        posts = participation.counts(Enrolment.objects.filter(pk__in=ids))
    for e in talkers:
        n, needed = posts.get(e.pk, 0), batch.rule_of[e.pk].min_posts
        batch.result[e.pk].checks.append(
            Check(
                "discussion",
                _("Discussion"),
                n >= needed,
                _("%(posts)s posts, %(needed)s needed") % {"posts": n, "needed": needed},
                reverse("lms:discussions:class", args=[e.training_class_id]),
                _("Join the class discussion"),
            )
        )


def _check_confirmation(batch: _Batch) -> None:
    """Confirmed by the centre's staff."""
    to_confirm = [e.pk for e in batch.ruled if batch.rule_of[e.pk].staff_confirms]
    if not to_confirm:
        return
    confirmed = set(
        StaffConfirmation.objects.filter(enrolment_id__in=to_confirm).values_list(
            "enrolment_id", flat=True
        )
    )
    for pk in to_confirm:
        met = pk in confirmed
        batch.result[pk].checks.append(
            Check(
                "confirmed",
                _("Confirmed by the centre"),
                met,
                _("confirmed") if met else _("not yet confirmed"),
            )
        )


def evaluate_class(training_class, enrolments=None, known=None) -> dict[int, Evaluation]:
    """{enrolment id: Evaluation} for the class's active enrolments (or those given)."""
    if enrolments is None:
        enrolments = Enrolment.objects.filter(
            training_class=training_class, status=Enrolment.Status.ACTIVE
        )
    enrolments = list(enrolments)
    for enrolment in enrolments:
        enrolment.training_class = training_class
    return evaluate_many(enrolments, known=known)


def evaluate(enrolment) -> Evaluation:
    enrolment = Enrolment.objects.select_related("training_class__course").get(pk=enrolment.pk)
    return evaluate_many([enrolment])[enrolment.pk]
