"""Enrolments with what follows from them: lesson progress, attendance at the sessions
held, one graded quiz attempt (most learners) and completion; each class takes a window
of its centre's learners. Written in batches as the classes go."""

from datetime import UTC, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from lms.models import Attendance, Enrolment, LessonProgress, TrainingClass
from quizzes.models import Attempt

from .base import LESSONS
from .classes import PlannedClass, session_date, session_ids
from .learners import Learners
from .writer import BATCH, Writer

FIELDS = {
    Enrolment: [
        "id",
        "training_class",
        "learner",
        "status",
        "enrolled_at",
        "last_activity_at",
        "completed_at",
    ],
    LessonProgress: [
        "id",
        "enrolment",
        "lesson",
        "first_viewed_at",
        "last_seen_at",
        "completed_at",
        "seconds_spent",
    ],
    Attendance: ["id", "session", "enrolment", "status", "recorded_at"],
    Attempt: [
        "id",
        "quiz",
        "user",
        "context",
        "number",
        "state",
        "seed",
        "started_at",
        "submitted_at",
        "submitted_automatically",
        "graded_at",
        "max_points",
        "points",
        "score",
    ],
}
STATUSES = [Attendance.Status.PRESENT] * 8 + [Attendance.Status.EXCUSED, Attendance.Status.ABSENT]
TEN = Decimal(10)
_WEEK = timedelta(days=7)


class Enroller:
    """Holds the rows waiting to be written and the next id of each table; draws from
    ``rng`` class by class, learner by learner, in the order the data set was made."""

    def __init__(self, writer: Writer, rng, courses, learners: Learners, first_session, today):
        self.writer, self.rng, self.courses, self.today = writer, rng, courses, today
        self.learners, self.first_session = learners, first_session
        self.first = {model: writer.next_id(model) for model in FIELDS}
        self.ids = dict(self.first)
        self.rows: dict = {model: [] for model in FIELDS}

    def written(self) -> dict[str, int]:
        """The rows written so far, by model name ("enrolment", "lessonprogress"...)."""
        return {model._meta.model_name: self.ids[model] - self.first[model] for model in FIELDS}

    def _take(self, model) -> int:
        value = self.ids[model]
        self.ids[model] += 1
        return value

    def flush(self) -> None:
        for model, fields in FIELDS.items():
            self.writer.write(model, fields, self.rows[model])
            self.rows[model].clear()

    def enrol_class(self, n: int, planned: PlannedClass, size: int) -> None:
        """Enrols ``size`` of the centre's learners, from a drawn start, in the ``n``-th
        class; sessions count as held once their day has come."""
        per_centre = self.learners.per_centre
        start = self.rng.randrange(per_centre)
        started = planned.opens <= self.today and planned.status != TrainingClass.Status.CANCELLED
        held = (
            [
                sid
                for s, sid in enumerate(session_ids(self.first_session, n))
                if session_date(planned.opens, s) <= self.today
            ]
            if started
            else []
        )
        for j in range(size):
            learner_index = planned.centre * per_centre + (start + j) % per_centre
            self._enrol(planned, learner_index, started, held)
        if len(self.rows[Enrolment]) >= BATCH:
            self.flush()

    def _enrol(self, planned: PlannedClass, learner_index: int, started: bool, held) -> None:
        """One learner's enrolment, progress, attendance, attempt and completion."""
        _course, lessons, quiz = self.courses[planned.course]
        eid = self._take(Enrolment)
        diligence = self.rng.random()
        done = 0
        if started:
            done = LESSONS if diligence > 0.25 else int(diligence * 4 * LESSONS)
            done = min(done, LESSONS)
        seen = datetime.combine(planned.opens, clock(2), tzinfo=UTC)
        for lesson in lessons[: min(LESSONS, done + (1 if started else 0))]:
            completed = seen if done > 0 and lesson in lessons[:done] else None
            self.rows[LessonProgress].append(
                (self._take(LessonProgress), eid, lesson.pk, seen, seen, completed, 1200)
            )
        for sid in held:
            mark = STATUSES[self.rng.randrange(10)] if diligence > 0.1 else "absent"
            self.rows[Attendance].append((self._take(Attendance), sid, eid, mark, seen))
        score = None
        if started and diligence > 0.1 and quiz is not None:
            score = self._attempt(planned, quiz, learner_index, seen)
        complete = (
            planned.status == TrainingClass.Status.FINISHED
            and done == LESSONS
            and score is not None
            and score >= 5
            and diligence > 0.2
        )
        self.rows[Enrolment].append(
            (
                eid,
                planned.id,
                self.learners.first_profile + learner_index,
                Enrolment.Status.ACTIVE,
                datetime.combine(planned.opens, clock(1), tzinfo=UTC) - _WEEK,
                seen if started else None,
                datetime.combine(planned.closes, clock(3), tzinfo=UTC) if complete else None,
            )
        )

    def _attempt(self, planned: PlannedClass, quiz, learner_index: int, seen) -> Decimal:
        """A graded attempt at the course's quiz; the score drawn, then the seed."""
        score = Decimal(self.rng.randrange(30, 101)) / TEN
        self.rows[Attempt].append(
            (
                self._take(Attempt),
                quiz.pk,
                self.learners.first_user + learner_index,
                TrainingClass.context_of(planned.id),
                1,
                Attempt.State.GRADED,
                self.rng.randrange(1 << 31),
                seen,
                seen,
                False,
                seen,
                TEN,
                score,
                score,
            )
        )
        return score


def write_enrolments(enroller: Enroller, classes: list[PlannedClass], counts: dict) -> None:
    """Spreads the enrolments asked for over the classes (the first ones take one more),
    no class taking more than its centre's learners."""
    per_class = counts["enrolments"] // len(classes)
    extra = counts["enrolments"] - per_class * len(classes)
    for n, planned in enumerate(classes):
        size = min(per_class + (1 if n < extra else 0), enroller.learners.per_centre)
        enroller.enrol_class(n, planned, size)
    enroller.flush()
