"""The classes, spread over the centres, years and programs; their sessions; and each
centre's plan, a little above what each program did each year."""

from datetime import date, timedelta
from datetime import time as clock
from typing import NamedTuple

from lms.models import ClassSession, TrainingClass

from ..models import PlanLine
from .base import SESSIONS
from .writer import Writer

CLASS_FIELDS = [
    "id",
    "centre",
    "course",
    "year",
    "number",
    "title",
    "venue_kind",
    "venue",
    "study_opens",
    "study_closes",
    "status",
    "capacity",
]
VENUES = [TrainingClass.Venue.CENTRE, TrainingClass.Venue.CLUSTER]


class PlannedClass(NamedTuple):
    id: int
    centre: int  # index in the centres
    course: int  # index in the courses
    year: int
    opens: date
    closes: date
    status: str
    number: int


def _status(rng, opens: date, closes: date, today: date) -> str:
    if closes < today:
        status = TrainingClass.Status.FINISHED
    elif opens <= today:
        status = TrainingClass.Status.IN_SESSION
    else:
        status = rng.choice([TrainingClass.Status.PLANNED, TrainingClass.Status.OPEN])
    if rng.random() < 0.02:
        status = TrainingClass.Status.CANCELLED
    return status


def plan_classes(rng, first_id: int, counts: dict, centres, courses, years, today):
    """The classes in turn over the centres, then the years; each one's course, opening
    and status drawn (in that order)."""
    classes: list[PlannedClass] = []
    numbers: dict = {}
    for i in range(counts["classes"]):
        centre_index = i % len(centres)
        year = years[(i // len(centres)) % len(years)]
        course_index = rng.randrange(len(courses))
        key = (centre_index, course_index, year)
        numbers[key] = numbers.get(key, 0) + 1
        opens = date(year, 1 + rng.randrange(12), 1 + rng.randrange(28))
        closes = opens + timedelta(days=45)
        status = _status(rng, opens, closes, today)
        classes.append(
            PlannedClass(
                first_id + i, centre_index, course_index, year, opens, closes, status, numbers[key]
            )
        )
    return classes


def write_classes(writer: Writer, classes: list[PlannedClass], centres, courses) -> None:
    titles = {}
    for planned in classes:
        key = (planned.course, planned.year, planned.number)
        if key not in titles:
            titles[key] = TrainingClass(
                course=courses[planned.course][0], year=planned.year, number=planned.number
            ).make_title()
    writer.write(
        TrainingClass,
        CLASS_FIELDS,
        (
            (
                cid,
                centres[c].pk,
                courses[k][0].pk,
                year,
                number,
                titles[(k, year, number)],
                VENUES[cid % 4 == 0],
                "",
                opens,
                closes,
                status,
                250,
            )
            for cid, c, k, year, opens, closes, status, number in classes
        ),
    )


def session_ids(first_session: int, n: int) -> list[int]:
    """The ids of the sessions of the ``n``-th class (from 0)."""
    return [first_session + n * SESSIONS + s for s in range(SESSIONS)]


def session_date(opens: date, s: int) -> date:
    """The ``s``-th session (from 0) is ``s + 1`` weeks after the opening."""
    return opens + timedelta(days=7 * (s + 1))


def write_sessions(writer: Writer, classes: list[PlannedClass]) -> int:
    """Three sessions per class, a week apart from the opening; returns the first id."""
    first_session = writer.next_id(ClassSession)
    writer.write(
        ClassSession,
        ["id", "training_class", "date", "starts_at", "ends_at", "venue", "kind"],
        (
            (
                first_session + n * SESSIONS + s,
                planned.id,
                session_date(planned.opens, s),
                clock(7, 30),
                clock(11, 0),
                "Hội trường",
                ClassSession.Kind.LECTURE,
            )
            for n, planned in enumerate(classes)
            for s in range(SESSIONS)
        ),
    )
    return first_session


def write_plan(classes: list[PlannedClass], centres, courses, per_class: int) -> None:
    """Each centre's plan: one class more than each program opened each year."""
    actual: dict = {}
    for planned in classes:
        key = (centres[planned.centre].pk, planned.year, courses[planned.course][0].program_id)
        actual[key] = actual.get(key, 0) + 1
    PlanLine.objects.bulk_create(
        [
            PlanLine(
                centre_id=centre,
                year=year,
                program_id=program,
                classes=number + 1,
                learners=(number + 1) * per_class,
            )
            for (centre, year, program), number in actual.items()
        ],
        ignore_conflicts=True,
    )
