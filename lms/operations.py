"""What the background machinery is doing, for the operator's screen ("Tác vụ nền") and
the readiness check: the broker's queue, the clusters' heartbeats, failed tasks, and the
work the sweep knows is due (lms.sweep). Read-only, a constant number of queries, and
nothing here raises when the broker is down: it reports it.

Two actions steer it, both recorded in Wagtail's log (the "Nhật ký" report):
``retry(task_id)`` queues a failed task again and ``redrive_now()`` queues a sweep.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Failure, OrmQ
from django_q.signing import SignedPackage
from django_q.status import Stat
from django_q.tasks import async_task

RETRY_ACTION = "lms.task_retried"
REDRIVE_ACTION = "lms.sweep_redriven"
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


@dataclass(frozen=True)
class Cluster:
    cluster_id: str
    host: str
    status: str
    workers: int
    heartbeat_age_seconds: int | None
    uptime_seconds: int | None


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
            str(stat.status),
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


def failed_count() -> int:
    return Failure.objects.count()


class RetryRefused(Exception):
    pass


def retry(task_id: str, user=None) -> str:
    """Queue a failed task again with its own arguments (as django-q2's admin does) and
    drop the failure; returns the new task's id. Our tasks are idempotent, so a retry
    that overlaps a late original does no harm."""
    from wagtail.log_actions import log

    failure = Failure.objects.filter(pk=task_id).first()
    if failure is None:
        raise RetryRefused(task_id)
    new_id = async_task(
        failure.func,
        *(failure.args or ()),
        hook=failure.hook,
        group=failure.group,
        task_name=failure.name,
        **(failure.kwargs or {}),
    )
    log(
        instance=failure,
        action=RETRY_ACTION,
        user=user,
        title=failure.name,
        data={"task": failure.name, "func": failure.func, "new_task": new_id},
    )
    Failure.objects.filter(pk=failure.pk).delete()
    return new_id
