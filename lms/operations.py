"""What the background machinery is doing, for the operator's screen ("Tác vụ nền") and
the readiness check: the broker's queue, the clusters' heartbeats, failed tasks, and the
work the sweep knows is due (lms.sweep). Read-only, a constant number of queries, and
nothing here raises when the broker is down: it reports it.

Two actions steer it, both recorded in Wagtail's log (its site history report):
``retry(task_id)`` queues a failed task again and ``redrive_now()`` queues a sweep, both
through ``quizzes.background.enqueue_now``, the one way tasks are queued.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Success
from django_q.signing import SignedPackage
from django_q.status import Stat
from wagtail.log_actions import log

from quizzes.background import enqueue_now

from . import sweep
from .models import BackgroundSweep

RETRY_ACTION = "lms.task_retried"
REDRIVE_ACTION = "lms.sweep_redriven"
ACTIONS = (RETRY_ACTION, REDRIVE_ACTION)
FAILED_LISTED = 50
QUEUE_LISTED = 50


@dataclass(frozen=True)
class QueuedTask:
    task_id: str
    name: str
    func: str
    queued_at: datetime | None
    age_seconds: int | None


@dataclass(frozen=True)
class Queue:
    """The broker's queue: ``waiting`` tasks not yet handed out (the oldest first, up to
    QUEUE_LISTED), ``running`` handed out to a worker and not yet acknowledged (known
    for the ORM broker only: Redis forgets a task once a cluster takes it)."""

    reachable: bool
    waiting_count: int
    waiting: list[QueuedTask]
    running_count: int | None
    running: list[QueuedTask]

    @property
    def oldest_waiting_age(self) -> int | None:
        """Of the first tasks in the queue (a task handed out again after a dead worker's
        lock expired may be older than the one queued before it)."""
        return max((t.age_seconds for t in self.waiting if t.age_seconds is not None), default=None)


def _age(now, moment) -> int | None:
    return max(0, int((now - moment).total_seconds())) if moment else None


def _queued(payload, now) -> QueuedTask:
    try:
        task = SignedPackage.loads(payload)
    except Exception:  # a payload another secret key signed, or garbage
        return QueuedTask("?", "?", "?", None, None)
    func = task.get("func")
    started = task.get("started")  # when async_task queued it
    return QueuedTask(
        str(task.get("id", "")),
        str(task.get("name", "")),
        func if isinstance(func, str) else getattr(func, "__name__", repr(func)),
        started,
        _age(now, started),
    )


def queue(now=None) -> Queue:
    now = now or timezone.now()
    try:
        broker = get_broker()
        if Conf.ORM:
            rows = OrmQ.objects.using(Conf.ORM).filter(key=broker.list_key)
            waiting_rows = rows.filter(lock__lte=now).order_by("id")
            running_rows = rows.filter(lock__gt=now).order_by("id")
            waiting_count = waiting_rows.count()
            running_count = running_rows.count()
            waiting = [_queued(row.payload, now) for row in waiting_rows[:QUEUE_LISTED]]
            running = [_queued(row.payload, now) for row in running_rows[:QUEUE_LISTED]]
            return Queue(True, waiting_count, waiting, running_count, running)
        if hasattr(broker, "connection") and hasattr(broker.connection, "lrange"):
            waiting_count = broker.connection.llen(broker.list_key)
            payloads = broker.connection.lrange(broker.list_key, 0, QUEUE_LISTED - 1)
            waiting = [_queued(payload, now) for payload in payloads]
            return Queue(True, waiting_count, waiting, None, [])
        return Queue(True, broker.queue_size() or 0, [], None, [])
    except Exception:
        return Queue(False, 0, [], None, [])


# django-q2's cluster states (Conf.STARTING ...), which it ships untranslated for
# Vietnamese: ours, keyed by its English msgid.
CLUSTER_STATUSES = {
    "Starting": pgettext_lazy("task cluster status", "Starting"),
    "Working": pgettext_lazy("task cluster status", "Working"),
    "Idle": pgettext_lazy("task cluster status", "Idle"),
    "Stopping": pgettext_lazy("task cluster status", "Stopping"),
    "Stopped": pgettext_lazy("task cluster status", "Stopped"),
}


@dataclass(frozen=True)
class Cluster:
    cluster_id: str
    host: str
    status: str  # django-q2's own word, in English
    workers: int
    heartbeat_age_seconds: int | None
    uptime_seconds: int | None

    @property
    def status_label(self) -> str:
        """The state in the reader's language."""
        return str(CLUSTER_STATUSES.get(self.status, self.status))


def _raw_status(status) -> str:
    """django-q2's status is a lazy translation; its English msgid is the key."""
    with translation.override(None):
        return str(status)


def clusters(now=None) -> list[Cluster] | None:
    """The running django-q2 clusters, from the heartbeats they keep in the cache (each
    expires three seconds after its cluster stops); None if the cache cannot be read."""
    now = now or timezone.now()
    try:
        stats = Stat.get_all()
    except Exception:
        return None
    return [
        Cluster(
            str(stat.cluster_id),
            getattr(stat, "host", ""),
            _raw_status(stat.status),
            len(stat.workers or []),
            _age(now, getattr(stat, "timestamp", None)),
            _age(now, stat.tob),
        )
        for stat in stats
        if stat.status != Conf.STOPPED
    ]


def failed_tasks(limit: int = FAILED_LISTED):
    """The newest failed tasks (one query); ``count`` of them all is one more."""
    return Failure.objects.only(
        "id", "name", "func", "started", "stopped", "result", "attempt_count", "group"
    ).order_by("-stopped")[:limit]


def recent_successes(limit: int = 10):
    """The tasks that finished well most recently (one query)."""
    return Success.objects.only("id", "name", "func", "stopped").order_by("-stopped")[:limit]


def failed_count() -> int:
    return Failure.objects.count()


class RetryRefused(Exception):
    """The task is not (or no longer) a failed task."""


class BrokerUnavailable(Exception):
    """The broker refused the task; nothing was changed."""


def retry(task_id: str, user=None) -> None:
    """Queue a failed task again with its own arguments (as django-q2's admin does) and
    drop the failure. Our tasks are idempotent, so a retry that overlaps a late original
    does no harm."""
    failure = Failure.objects.filter(pk=task_id).first()
    if failure is None:
        raise RetryRefused(task_id)
    queued = enqueue_now(
        failure.func,
        *(failure.args or ()),
        hook=failure.hook,
        group=failure.group,
        task_name=failure.name,
        **(failure.kwargs or {}),
    )
    if not queued:
        raise BrokerUnavailable(failure.name)
    log(
        instance=failure,
        action=RETRY_ACTION,
        user=user,
        title=failure.name,
        data={"task": failure.name, "func": failure.func},
    )
    Failure.objects.filter(pk=failure.pk).delete()


def age_text(seconds) -> str:
    """A duration as an operator reads it: "45 minutes", "3 hours", "2 days"."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return gettext("less than a minute")
    if seconds < 3600:
        minutes = seconds // 60
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    if seconds < 2 * 86400:
        hours = seconds // 3600
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    days = seconds // 86400
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def error_summary(result) -> str:
    """The last line of a failed task's traceback ("ValueError: ..."), short."""
    lines = [line.strip() for line in str(result or "").strip().splitlines() if line.strip()]
    summary = lines[-1] if lines else ""
    return summary if len(summary) <= 200 else summary[:199] + "…"


# --- The sweep (lms.sweep): what is due and not done ---------------------------------

due_work = sweep.due_work
last_sweep = sweep.last_sweep


def redrive_now(user=None) -> None:
    """Queue a sweep that takes everything not done, whatever its age; recorded."""
    if not enqueue_now(sweep.TASK, 0, task_name="lms-sweep-now", group="lms-sweep"):
        raise BrokerUnavailable(sweep.TASK)
    row, _created = BackgroundSweep.objects.get_or_create(pk=1)
    log(instance=row, action=REDRIVE_ACTION, user=user, title=str(row))
