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

from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

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
