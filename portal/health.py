"""Health for load balancers and monitors.

``/healthz`` is liveness: cheap (one ``SELECT 1`` and a broker ping), for a load balancer
deciding whether to send requests here. ``/healthz/ready`` is readiness of the whole
installation, for a monitor that pages someone: database, broker, a live task worker, the
oldest waiting task, the oldest due-and-undone work the sweep knows of, and when the sweep
last ran. Each check says ok or error with its numbers; the status is 503 when any check
passes its threshold (``READINESS`` in the settings, seconds, 0 turns a check off).
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker

from lms import operations

DEFAULT_READINESS = {
    "WORKER_REQUIRED": True,
    "MAX_TASK_WAIT": 300,
    "MAX_DUE_AGE": 900,
    "MAX_SWEEP_AGE": 300,
}


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _broker_ok() -> bool:
    try:
        return bool(get_broker().ping())
    except Exception:
        return False


@never_cache
def healthz(request):
    """Database and task-broker status for load balancers and monitoring."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **{name: "ok" if ok else "error" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )


def thresholds() -> dict:
    return {**DEFAULT_READINESS, **getattr(settings, "READINESS", {})}


def _over(age, limit) -> bool:
    return bool(limit) and age is not None and age > limit


def readiness_report(now=None) -> dict:
    now = now or timezone.now()
    limits = thresholds()
    report: dict = {}
    database = _database_ok()
    report["database"] = {"status": "ok" if database else "error"}
    report["broker"] = {"status": "ok" if _broker_ok() else "error"}

    running = operations.clusters(now)
    worker_ok = running is not None and (bool(running) or not limits["WORKER_REQUIRED"])
    report["worker"] = {
        "status": "ok" if worker_ok else "error",
        "clusters": len(running) if running is not None else None,
        "workers": sum(cluster.workers for cluster in running) if running else 0,
        "heartbeat_age_seconds": min(
            (c.heartbeat_age_seconds for c in running if c.heartbeat_age_seconds is not None),
            default=None,
        )
        if running
        else None,
    }

    if database:
        queue = operations.queue(now)
        age = queue.oldest_waiting_age
        report["tasks"] = {
            "status": "ok"
            if queue.reachable and not _over(age, limits["MAX_TASK_WAIT"])
            else "error",
            "waiting": queue.waiting_count,
            "oldest_waiting_age_seconds": age,
            "threshold_seconds": limits["MAX_TASK_WAIT"],
        }
        report.update(_sweep_checks(now, limits))
    else:
        for name in ("tasks", "due_work", "sweep"):
            report[name] = {"status": "error", "reason": "database unavailable"}

    failing = [name for name, check in report.items() if check["status"] != "ok"]
    return {"status": "error" if failing else "ok", "failing": failing, **report}


def _sweep_checks(now, limits) -> dict:
    """The oldest work the sweep knows is due and not done, and its last run."""
    try:
        due = operations.due_work(now)
        last = operations.last_sweep()
    except DatabaseError:
        return {
            "due_work": {"status": "error", "reason": "database unavailable"},
            "sweep": {"status": "error", "reason": "database unavailable"},
        }
    oldest = max(
        (r.oldest_age_seconds for r in due if r.oldest_age_seconds is not None), default=None
    )
    finished = last.finished_at if last else None
    sweep_age = int((now - finished).total_seconds()) if finished else None
    sweep_late = bool(limits["MAX_SWEEP_AGE"]) and (
        finished is None or _over(sweep_age, limits["MAX_SWEEP_AGE"])
    )
    return {
        "due_work": {
            "status": "error" if _over(oldest, limits["MAX_DUE_AGE"]) else "ok",
            "oldest_age_seconds": oldest,
            "threshold_seconds": limits["MAX_DUE_AGE"],
            "kinds": {
                row.kind: {"count": row.count, "oldest_age_seconds": row.oldest_age_seconds}
                for row in due
            },
        },
        "sweep": {
            "status": "error" if sweep_late else "ok",
            "last_finished_at": finished.isoformat() if finished else None,
            "age_seconds": sweep_age,
            "threshold_seconds": limits["MAX_SWEEP_AGE"],
        },
    }


@never_cache
def ready(request):
    report = readiness_report()
    return JsonResponse(
        report, status=200 if report["status"] == "ok" else 503, json_dumps_params={"indent": 1}
    )
