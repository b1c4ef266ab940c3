"""The sweep: the database says what background work is due, and the sweep does what
is due and not done.

Tasks are queued after a commit (quizzes.background.enqueue_on_commit), but delivery is
not promised: the Redis broker loses what a killed cluster held, and queuing fails while
the broker is down. So every background effect has a state in the database (an attempt
submitted and not graded, a grade not announced, a completion check due, a PDF not
rendered, a notice not e-mailed, a session not reminded) and the sweep re-drives each
kind with the same idempotent domain function the task calls. It runs every minute (a
django-q2 schedule, ``ensure_schedule``) and once when a cluster worker starts
(``on_cluster_start``); when nothing is due it costs one indexed query per kind.

Sub-apps add their kinds with ``register`` (lms.certificates does, in its apps.py); the
operator's screen reads ``due_work()`` and ``last_sweep()``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes import background, grading

from . import reminders
from .models import BackgroundSweep, Notification
from .notify import email_pending

log = logging.getLogger(__name__)

SCHEDULE_NAME = "lms.sweep"
TASK = "lms.sweep.sweep"
# How long work may wait for its own task before the sweep does it (seconds); at most a
# minute, so a grade whose task was lost comes within two minutes.
DEFAULT_DELAY = 30
# At most this many items of each kind per run: a run stays well inside the task
# timeout, and the next run does the rest.
LIMIT = 200
# A sweep that died (a worker killed) holds the lease no longer than this.
LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Kind:
    """One kind of background work. ``due(now, cutoff)`` is the queryset of what is due
    (one indexed query); ``redrive(pks)`` does it and returns how many it did;
    ``age_field`` dates each item (its age on the operator's screen), or ``since(now)``
    says since when the whole kind is due."""

    name: str
    label: "str | Promise"  # a lazy translation
    due: Callable
    redrive: Callable
    age_field: str | None = None
    since: Callable | None = None


class Due(NamedTuple):
    kind: str
    label: "str | Promise"
    # A field named like tuple.count(), which it hides: the screen reads due.count.
    count: int  # type: ignore[assignment]
    oldest_age_seconds: int | None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


def delay() -> timedelta:
    seconds = getattr(settings, "BACKGROUND_SWEEP_DELAY", DEFAULT_DELAY)
    return timedelta(seconds=min(int(seconds), 60))


def due_work(now=None) -> list[Due]:
    """For each kind: what is due and not done (waiting longer than the delay), and how
    old the oldest item is. One query per kind."""
    now = now or timezone.now()
    cutoff = now - delay()
    rows = []
    for kind in KINDS.values():
        queryset = kind.due(now, cutoff)
        if kind.age_field:
            found = queryset.aggregate(count=Count("pk"), oldest=Min(kind.age_field))
            count, oldest = found["count"], found["oldest"]
        else:
            count = queryset.count()
            oldest = kind.since(now) if count and kind.since else None
        age = max(0, int((now - oldest).total_seconds())) if count and oldest else None
        rows.append(Due(kind.name, str(kind.label), count, age))
    return rows


def last_sweep() -> BackgroundSweep | None:
    """The sweep's row: ``finished_at`` (the last sweep that ran to the end),
    ``started_at``, ``result`` ({kind: items re-driven})."""
    return BackgroundSweep.objects.filter(pk=1).first()


def last_sweep_at() -> datetime | None:
    row = last_sweep()
    return row.finished_at if row else None


def _take_lease(now) -> bool:
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    if BackgroundSweep.objects.filter(free, pk=1).update(lease_until=now + LEASE, started_at=now):
        return True
    _row, created = BackgroundSweep.objects.get_or_create(
        pk=1, defaults={"lease_until": now + LEASE, "started_at": now}
    )
    return created


def sweep(delay_seconds: int | None = None) -> dict[str, int] | None:
    """Re-drive what is due and not done; {kind: items re-driven}, or None if another
    sweep is running. ``delay_seconds`` 0 takes everything not done (a cluster starting:
    the tasks a dead one held are gone). Idempotent: running it twice does nothing more."""
    now = timezone.now()
    if not _take_lease(now):
        return None
    wait = delay() if delay_seconds is None else timedelta(seconds=delay_seconds)
    cutoff = now - wait
    done: dict[str, int] = {}
    try:
        for kind in KINDS.values():
            pks = list(kind.due(now, cutoff).values_list("pk", flat=True)[:LIMIT])
            if not pks:
                continue
            try:
                done[kind.name] = kind.redrive(pks)
            except Exception:  # one kind failing must not stop the others
                log.exception("The sweep could not re-drive %s", kind.name)
            if done.get(kind.name):
                log.warning("The sweep re-drove %s %s", done[kind.name], kind.name)
    finally:
        BackgroundSweep.objects.filter(pk=1).update(
            lease_until=None, finished_at=timezone.now(), result=done
        )
    return done


def on_cluster_start(sender=None, proc_name=None, **kwargs) -> None:
    """A cluster worker started (django-q2's post_spawn): sweep at once, taking
    everything not done, so work a killed cluster held is done now, not in a minute.
    The lease lets one worker do it; the others go on to their tasks."""
    from django_q.conf import Conf

    if Conf.SYNC:  # tasks run in the caller's process (tests): no cluster is starting
        return
    try:
        sweep(delay_seconds=0)
    except Exception:  # the database may be down: the schedule sweeps later
        log.exception("The sweep at cluster start failed")


def ensure_schedule(**kwargs) -> None:
    """Create the every-minute schedule of the sweep once (post_migrate)."""
    background.ensure_schedule(SCHEDULE_NAME, TASK, every_minutes=1)


# --- The kinds the lms core knows --------------------------------------------------


def _grade(pks) -> int:
    return sum(grading.grade_submitted(pk) for pk in pks)


def _announce(pks) -> int:
    return sum(grading.announce(pk) for pk in pks)


def _unsent(now, cutoff):
    return (
        Notification.objects.filter(emailed_at__isnull=True, created_at__lt=cutoff)
        .exclude(user__email="")
        .filter(
            Q(user__learner_profile__isnull=True)
            | Q(user__learner_profile__email_notifications=True)
        )
    )


def _remind(pks) -> int:
    from .models import ClassSession

    reminded = 0
    for session in ClassSession.objects.filter(pk__in=pks).select_related(
        "training_class__course", "topic"
    ):
        reminders.remind(session)
        reminded += 1
    email_pending()
    return reminded


register(
    Kind(
        "grading",
        _("Quiz attempts submitted and not graded"),
        due=lambda now, cutoff: grading.ungraded(cutoff),
        redrive=_grade,
        age_field="submitted_at",
    )
)
register(
    Kind(
        "grade_notices",
        _("Grades not yet announced to learners"),
        due=lambda now, cutoff: grading.unannounced(cutoff),
        redrive=_announce,
        age_field="graded_at",
    )
)
register(
    Kind(
        "emails",
        _("Notifications not yet e-mailed"),
        due=_unsent,
        redrive=lambda pks: email_pending(),
        age_field="created_at",
    )
)
register(
    Kind(
        "reminders",
        _("In-person session reminders not yet sent"),
        due=lambda now, cutoff: reminders.reminders_due(now),
        redrive=_remind,
        since=reminders.reminders_due_since,
    )
)
