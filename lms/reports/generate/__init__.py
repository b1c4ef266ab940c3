"""A province-scale data set for reports and benchmarks.

At scale 1: 10 centres, 100,000 learners, 4,000 classes over 5 years, 400,000 enrolments
with lesson progress, attendance and one graded quiz attempt each (most of them). Rows
are written with COPY on PostgreSQL and with executemany elsewhere, with explicit ids,
so the whole set takes minutes rather than hours; sequences are moved past the new ids
at the end (writer). Pages (one course per program, with lessons and a quiz) are created
through Wagtail, being few (places).

The same seed gives the same data set: the parts draw from one random generator in a
fixed order (the learners' cells, then the classes, then the enrolments), which a change
here must keep.
"""

import random
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lms.models import TrainingClass

from . import places
from .base import USERNAME_PREFIX, YEARS, AlreadyGenerated, counts_for
from .classes import plan_classes, write_classes, write_plan, write_sessions
from .enrolments import Enroller, write_enrolments
from .learners import write_learners
from .writer import Writer

__all__ = ["USERNAME_PREFIX", "AlreadyGenerated", "counts_for", "generate"]


def generate(scale: float = 1.0, seed: int = 2026, log=lambda message: None) -> dict:
    """Write the data set; returns the counts written and the seconds taken."""
    begun = time.monotonic()
    counts = counts_for(scale)
    User = get_user_model()
    if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        raise AlreadyGenerated
    rng = random.Random(seed)
    now = timezone.now()
    this_year = timezone.localdate().year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    today = timezone.localdate()
    writer = Writer()

    with transaction.atomic():
        courses = places.courses()
        log(f"courses: {len(courses)}")
        centres, cells_of = places.centres(counts)
        log(f"centres: {len(centres)}")
        learners = write_learners(writer, rng, centres, cells_of, counts, now)
        log(f"learners: {learners.count}")
        first_class = writer.next_id(TrainingClass)
        classes = plan_classes(rng, first_class, counts, centres, courses, years, today)
        write_classes(writer, classes, centres, courses)
        log(f"classes: {len(classes)}")
        first_session = write_sessions(writer, classes)
        enroller = Enroller(writer, rng, courses, learners, first_session, today)
        write_enrolments(enroller, classes, counts)
        log("enrolments, progress, attendance, attempts written")
        write_plan(classes, centres, courses, counts["enrolments"] // len(classes))
        writer.reset_sequences()
    written = enroller.written()
    return {
        "centres": len(centres),
        "learners": learners.count,
        "classes": len(classes),
        "enrolments": written["enrolment"],
        "lesson_progress": written["lessonprogress"],
        "attendance": written["attendance"],
        "attempts": written["attempt"],
        "seconds": round(time.monotonic() - begun, 1),
    }
