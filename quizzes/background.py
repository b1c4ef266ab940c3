"""Queuing background work: the one way every app queues a django-q2 task.

``enqueue_on_commit`` queues a task once the current transaction commits (at once outside
one), so a task never looks for rows that are not there yet, and a rolled-back request
queues nothing. ``ensure_schedule`` creates a recurring task once. Queuing never fails the request that caused it: if the broker is
unreachable the failure is logged once (until the broker answers again) and the call
returns; the state the request committed is what matters, and the sweep (lms/sweep.py)
finds the work that is due and not done and does it when the broker is back.

It lives in the lowest layer (quizzes) so every app may use it; it knows nothing of
quizzes.
"""

import logging
from datetime import time, timedelta
from functools import wraps
from time import monotonic, sleep

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.utils import timezone

log = logging.getLogger(__name__)

# How long a task waits out a database that went away (a restart, a fail-over) before
# it fails, unless settings.TASK_DATABASE_PATIENCE_S says otherwise; well under the
# cluster's task timeout (120 s).
DATABASE_PATIENCE_S = 30

_broker_down = False


def enqueue_now(func_path: str, *args, **kwargs) -> bool:
    """Queue the task now; False (logged once per outage) if the broker refused it.
    ``kwargs`` are the task's keyword arguments and django-q2's options (``group``,
    ``task_name``, ...), as for ``django_q.tasks.async_task``."""
    global _broker_down
    from django_q.tasks import async_task

    try:
        async_task(func_path, *args, **kwargs)
    except Exception:  # any broker failure: Redis down, the database refusing, ...
        if not _broker_down:
            _broker_down = True
            log.warning(
                "The task broker is unreachable: %s was not queued; the sweep will do it.",
                func_path,
                exc_info=True,
            )
        return False
    if _broker_down:
        _broker_down = False
        log.warning("The task broker answers again.")
    return True


def enqueue_on_commit(func_path: str, *args, **kwargs) -> None:
    """Queue the task after the current transaction commits (see the module's doc)."""
    transaction.on_commit(lambda: enqueue_now(func_path, *args, **kwargs))


def ensure_schedule(
    name: str, func_path: str, *, every_minutes: int | None = None, daily_at: time | None = None
) -> None:
    """Create the django-q2 schedule ``name`` once (it refuses duplicate names; a
    post_migrate receiver calls this): every ``every_minutes`` minutes from a minute from
    now, or every day at ``daily_at`` local time from the next such time."""
    from django_q.models import Schedule

    if Schedule.objects.filter(name=name).exists():
        return
    if every_minutes is not None:
        timing = {
            "schedule_type": Schedule.MINUTES,
            "minutes": every_minutes,
            "next_run": timezone.now() + timedelta(minutes=every_minutes),
        }
    else:
        if daily_at is None:
            raise TypeError("ensure_schedule needs every_minutes or daily_at")
        now = timezone.localtime()
        first_run = now.replace(hour=daily_at.hour, minute=daily_at.minute, second=0, microsecond=0)
        if first_run < now:
            first_run += timedelta(days=1)
        timing = {"schedule_type": Schedule.DAILY, "next_run": first_run}
    Schedule.objects.create(name=name, func=func_path, repeats=-1, **timing)


def outlasting_database_restarts(task):
    """Run an idempotent task again, on a fresh connection, while the database is away
    for a few seconds (a restart or fail-over), instead of failing it at once.

    A failed task is acknowledged and gone (``ack_failures``): without this a grade whose
    task ran during a restart waited for the sweep (its delay, then the next scheduled
    run: 30 to 90 s). Only for tasks that may run twice (all of ours) and only outside a
    transaction (a task's own body)."""

    @wraps(task)
    def run(*args, **kwargs):
        patience = getattr(settings, "TASK_DATABASE_PATIENCE_S", DATABASE_PATIENCE_S)
        deadline = monotonic() + min(patience, 100)
        pause = 0.25
        while True:
            try:
                return task(*args, **kwargs)
            except (OperationalError, InterfaceError):
                inside = any(c.in_atomic_block for c in connections.all(initialized_only=True))
                if inside or monotonic() + pause > deadline:
                    raise
                log.warning("%s: the database is away; trying again", task.__name__)
                connections.close_all()  # the broken connection; the next query reconnects
                sleep(pause)
                pause = min(pause * 2, 4)

    return run
