"""The class path: everything a learner does in a class, in one ordered outline.

The course's lessons, quizzes and reflection essay come in the order authors set in the
page tree; the class's in-person sessions are placed where they fall. Each item carries
its state for one learner (lesson not started / in progress / finished; a quiz's
attempts left, grade and pass; the essay not submitted / waiting for grading / graded;
a session attended or not) and its deadline where there is one.

Where a session falls: after its topic lesson (and the quizzes that follow that lesson
before the next one), since the session discusses what was read. A session without a
topic goes where the next session with a topic goes, or at the end of the path, so
sessions keep their date order. "Before the session of 12/12: read lessons 1–3, take
Quiz 1" names what lies between the previous session and this one.

``class_paths`` answers for one learner's enrolments in a fixed number of queries (one
per kind of thing: lessons, quizzes, progress, attempts, sessions with attendance, and
quiz overrides when a quiz has any),
whatever the number of lessons, quizzes, sessions or attempts. The dashboard, the class
path page and the public course page (without states) all use it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.models import course_contents
from quizzes.grading import final_grade_from
from quizzes.models import Attempt, QuizOverride

from .models import Attendance, ClassSession, Enrolment, LessonProgress, TrainingClass


class State:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"  # a lesson finished, a quiz passed, an essay graded at the pass mark
    WAITING = "waiting"  # submitted, waiting for a grade
    FAILED = "failed"  # graded below the pass mark, no attempt left
    UPCOMING = "upcoming"  # a session still to come
    ATTENDED = "attended"
    MISSED = "missed"


@dataclass
class Item:
    kind: str  # "lesson", "quiz", "essay" or "session"
    page: Any = None  # a LessonPage or a QuizPage, as lessons.models.course_contents gives
    session: Any = None  # a ClassSession, annotated with ``attended``
    state: str = ""
    grade: Decimal | None = None
    passed: bool | None = None
    attempts_used: int = 0
    attempts_left: int | None = None  # None: unlimited
    deadline: datetime | None = None
    before: str = ""  # for a session: what to do before it

    @property
    def is_page(self) -> bool:
        return self.page is not None

    @property
    def title(self) -> str:
        return self.page.title if self.page is not None else ""

    @property
    def done(self) -> bool:
        return self.state in (State.DONE, State.ATTENDED)

    @property
    def open(self) -> bool:
        """Still something for the learner to do on the site."""
        return self.is_page and self.state not in (State.DONE, State.WAITING, State.FAILED)


@dataclass
class ClassPath:
    enrolment: Enrolment | None
    items: list[Item] = field(default_factory=list)

    @property
    def pages(self) -> list[Item]:
        return [item for item in self.items if item.is_page]

    @property
    def next_item(self) -> Item | None:
        """The first lesson, quiz or essay still to do, in path order."""
        return next((item for item in self.items if item.open), None)

    @property
    def finished(self) -> bool:
        return bool(self.pages) and all(not item.open for item in self.pages)


def context_home(context: str) -> tuple[str, str] | None:
    """QUIZZES_CONTEXT_HOME: from a quiz taken in a class, on to the class path (where
    the next item is the first thing shown). No query."""
    prefix, _sep, class_id = context.partition(":")
    if prefix != "class" or not class_id.isdigit():
        return None
    return _("Back to the class path"), reverse("lms:class_path", args=[int(class_id)])


def _rules(overrides, quiz, user_id, context):
    """A quiz's closing time and attempts allowed after overrides, as QuizPage.rules_for
    picks them (learner in context, learner anywhere, the context, then the quiz)."""
    mine = [
        o
        for o in overrides.get(quiz.pk, [])
        if (o.user_id is None or o.user_id == user_id) and o.context in ("", context)
    ]
    mine.sort(key=lambda o: (o.user_id is None, o.context == "", -o.pk))

    def pick(name, default):
        return next(
            (getattr(o, name) for o in mine if getattr(o, name) is not None),
            default,
        )

    return pick("closes_at", quiz.closes_at), pick("max_attempts", quiz.max_attempts)


def _page_items(pages) -> list[Item]:
    return [Item(kind=page.kind, page=page) for page in pages]


def _place_sessions(items: list[Item], sessions) -> list[Item]:
    """Insert the sessions (in date order) into the page items: see the module's doc."""
    end = len(items)
    position_of = {}
    for index, item in enumerate(items):
        if item.kind == "lesson":
            # After the lesson and the quizzes that follow it.
            after = index + 1
            while after < end and items[after].kind != "lesson":
                after += 1
            position_of[item.page.pk] = after
    positions = []
    following = end
    for session in reversed(sessions):
        position = position_of.get(session.topic_id, following) if session.topic_id else following
        position = min(position, following)
        positions.append(position)
        following = position
    positions.reverse()
    result: list[Item] = []
    start = 0
    for session, position in zip(sessions, positions, strict=True):
        result.extend(items[start:position])
        # What to do before the session: what lies since the previous one.
        result.append(Item(kind="session", session=session, before=_before(items[start:position])))
        start = position
    result.extend(items[start:])
    return result


def _before(items: list[Item]) -> str:
    """ "read lessons 1–3, take Quiz 1" for the page items given."""
    numbers = [item.page.number for item in items if item.kind == "lesson"]
    parts = []
    if len(numbers) == 1:
        parts.append(_("read lesson %(number)s") % {"number": numbers[0]})
    elif numbers:
        parts.append(
            _("read lessons %(first)s–%(last)s") % {"first": numbers[0], "last": numbers[-1]}
        )
    for item in items:
        if item.kind in ("quiz", "essay"):
            parts.append(_("take “%(title)s”") % {"title": item.page.title})
    return ", ".join(parts)


def course_outline(course, sessions=()) -> list[Item]:
    """The path without a learner's states: the public course page's outline."""
    pages = course_contents([course])[course.pk]
    return _place_sessions(_page_items(pages), list(sessions))


def user_attempts(user) -> list[tuple]:
    """Every attempt of the user, at any quiz in any context, in one query: rows of
    (pk, quiz id, user id, context, number, state, score, graded_at, quiz title) in
    number order. The dashboard hands them to class_paths, to the recent grades and to
    the sub-apps' panels (lms.hooks.Known.attempts), so each need not ask again."""
    return list(
        Attempt.objects.filter(user=user)
        .order_by("number", "pk")
        .values_list(
            "pk",
            "quiz_id",
            "user_id",
            "context",
            "number",
            "state",
            "score",
            "graded_at",
            "quiz__title",
        )
    )


def grouped_attempts(rows) -> dict[tuple, list]:
    """{(quiz id, user id, context): [(number, state, score)]} from user_attempts rows."""
    grouped: dict[tuple, list] = {}
    for _pk, quiz_id, user_id, context, number, state, score, *_rest in rows:
        grouped.setdefault((quiz_id, user_id, context), []).append((number, state, score))
    return grouped


def class_paths(enrolments, now=None, attempts=None) -> dict[int, ClassPath]:
    """{enrolment id: ClassPath} for one learner's enrolments (``training_class__course``
    and ``learner`` loaded), in five or six queries whatever their number and size (one
    fewer when ``attempts``, the learner's user_attempts rows, are given)."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    now = now or timezone.now()
    today = timezone.localdate(now)
    courses = {e.training_class.course_id: e.training_class.course for e in enrolments}
    contents = course_contents(courses.values())
    quizzes = {
        page.pk: page
        for pages in contents.values()
        for page in pages
        if page.kind in ("quiz", "essay")
    }
    ids = [e.pk for e in enrolments]
    class_ids = {e.training_class_id for e in enrolments}
    user_of = {e.pk: e.learner.user_id for e in enrolments}

    lesson_state = {
        (enrolment_id, lesson_id): State.DONE if completed else State.IN_PROGRESS
        for enrolment_id, lesson_id, completed in LessonProgress.objects.filter(
            enrolment_id__in=ids
        ).values_list("enrolment_id", "lesson_id", "completed_at")
    }
    attempts, overrides = _attempts_and_overrides(
        quizzes, set(user_of.values()), class_ids, given=attempts
    )
    sessions = _sessions_attended(class_ids, ids)

    result = {}
    for enrolment in enrolments:
        training_class = enrolment.training_class
        context = TrainingClass.context_of(training_class.pk)
        user_id = user_of[enrolment.pk]
        items = _page_items(contents.get(training_class.course_id, []))
        for item in items:
            if item.kind == "lesson":
                item.state = lesson_state.get((enrolment.pk, item.page.pk), State.NOT_STARTED)
                continue
            closes_at, allowed = _rules(overrides, item.page, user_id, context)
            mine = attempts.get((item.page.pk, user_id, context), [])
            _set_quiz_state(item, mine, closes_at, allowed, now)
        path_items = _place_sessions(items, sessions.get(training_class.pk, []))
        for item in path_items:
            if item.kind == "session":
                item.state = _session_state(item.session, today)
        result[enrolment.pk] = ClassPath(enrolment, path_items)
    return result


def _attempts_and_overrides(quizzes: dict, user_ids: set, class_ids: set, given=None):
    """({(quiz id, user id, context): [(number, state, score)]}, {quiz id: [overrides]})
    of these learners in these classes, in two queries at most (one when the attempts
    are ``given``: the learner's user_attempts rows)."""
    attempts: dict[tuple, list] = grouped_attempts(given or [])
    overrides: dict[int, list] = {}
    if not quizzes:
        return attempts, overrides
    for quiz_id, user_id, context, number, state, score in (
        Attempt.objects.filter(
            quiz_id__in=list(quizzes),
            user_id__in=user_ids,
            context__in=[TrainingClass.context_of(pk) for pk in class_ids],
        )
        .order_by("number")
        .values_list("quiz_id", "user_id", "context", "number", "state", "score")
        if given is None
        else []
    ):
        attempts.setdefault((quiz_id, user_id, context), []).append((number, state, score))
    overridden = [pk for pk, quiz in quizzes.items() if quiz.has_overrides]
    for override in (
        QuizOverride.objects.filter(quiz_id__in=overridden).filter(
            Q(user_id__in=user_ids) | Q(user__isnull=True)
        )
        if overridden
        else []
    ):
        overrides.setdefault(override.quiz_id, []).append(override)
    return attempts, overrides


def _sessions_attended(class_ids: set, ids: list) -> dict[int, list]:
    """{class id: its sessions in order, each with ``attended``}. A learner has one
    enrolment per class, so "one of these enrolments was present" is "this learner was
    present": the sessions and the attendance in one query."""
    sessions: dict[int, list] = {}
    for session in (
        ClassSession.objects.filter(training_class_id__in=class_ids)
        .annotate(
            attended=Exists(
                Attendance.objects.filter(
                    session=OuterRef("pk"), enrolment_id__in=ids, status=Attendance.Status.PRESENT
                )
            )
        )
        .order_by("date", "starts_at")
    ):
        sessions.setdefault(session.training_class_id, []).append(session)
    return sessions


def _set_quiz_state(item, mine: list, closes_at, allowed, now) -> None:
    """A quiz or essay item's deadline, attempts, grade and state from the learner's
    attempts ``mine`` [(number, state, score)]."""
    quiz = item.page
    item.deadline = closes_at
    item.attempts_used = len(mine)
    item.attempts_left = max(allowed - len(mine), 0) if allowed else None
    finished = [a for a in mine if a[1] in Attempt.FINISHED]
    item.grade = final_grade_from(quiz.grading_method, finished)
    item.passed = quiz.is_pass(item.grade) if item.grade is not None else None
    if item.passed:
        item.state = State.DONE
    elif any(state == Attempt.State.SUBMITTED for _n, state, _s in finished) or (
        finished and item.grade is None
    ):
        item.state = State.WAITING
    elif item.attempts_left == 0 or (closes_at and closes_at <= now):
        item.state = State.FAILED  # graded below the mark, and no way to retry
    elif any(state in Attempt.ACTIVE for _n, state, _s in mine):
        item.state = State.IN_PROGRESS
    else:
        item.state = State.NOT_STARTED


def _session_state(session, today):
    if session.attended:
        return State.ATTENDED
    if session.date >= today:
        return State.UPCOMING
    return State.MISSED


def class_path(enrolment) -> ClassPath:
    return class_paths([enrolment])[enrolment.pk]
