from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.signing import SignedPackage
from django_q.status import Stat, Status


def save_heartbeat(status) -> None:
    get_broker().set_stat(Stat.get_key(status.cluster_id), SignedPackage.dumps(status, True), 60)


@pytest.fixture
def live_cluster():
    """A cluster's heartbeat as django-q2's sentinel stores it (a Status in the broker's
    cache, expiring after a few seconds); removed again afterwards."""
    broker = get_broker()
    status = Status(pid=4242, cluster_id="test-cluster")
    status.status = Conf.IDLE
    status.workers = [4243, 4244]
    status.tob = timezone.now() - timedelta(minutes=5)
    key = Stat.get_key("test-cluster")
    broker.set_stat(key, SignedPackage.dumps(status, True), 60)
    yield status
    if Conf.ORM:  # the heartbeats are in the Django cache
        broker.cache.delete(key)
        broker.cache.delete(Conf.Q_STAT)
    else:  # in Redis, beside the queue
        broker.connection.delete(key)


# Broker-dependent numbers: with the ORM broker the queue costs four queries (waiting and
# running: a count and a page each); with Redis none.
QUEUE_QUERIES = 4 if Conf.ORM else 0


@pytest.fixture
def queue_task():
    """Put a task in the broker's queue as async_task does, queued ``age`` seconds ago
    (the test settings run tasks at once, so nothing else would wait there)."""
    broker = get_broker()

    def put(func="math.floor", age=0, name="", args=(1.5,)):
        task = {
            "id": f"t{age}{func}",
            "name": name or f"task-{age}",
            "func": func,
            "args": args,
            "kwargs": {},
            "started": timezone.now() - timedelta(seconds=age),
        }
        broker.enqueue(SignedPackage.dumps(task))
        return task

    yield put
    broker.purge_queue()  # Redis keeps its list across tests; the database rolls back


@pytest.fixture
def swept(db):
    """The sweep finished a moment ago."""
    from lms.models import BackgroundSweep

    return BackgroundSweep.objects.update_or_create(
        pk=1, defaults={"finished_at": timezone.now(), "result": {}}
    )[0]


@pytest.fixture
def unsent_notice(db, django_user_model):
    """A notification that should have been e-mailed ``age`` seconds ago."""
    from lms.models import Notification

    def make(age=0, username="mai"):
        user = django_user_model.objects.create_user(username, email=f"{username}@example.vn")
        notice = Notification.objects.create(
            user=user, kind="quiz_graded", key=f"k-{username}", subject="Điểm", message="Điểm"
        )
        Notification.objects.filter(pk=notice.pk).update(
            created_at=timezone.now() - timedelta(seconds=age)
        )
        return notice

    return make


@pytest.fixture
def failed_task(db):
    """A task that failed as django-q2 records it: its traceback is the result."""
    import uuid

    from django_q.models import Task

    def make(name="grade-attempt-7", func="math.floor", args=(2.5,), age=600, error="boom"):
        stopped = timezone.now() - timedelta(seconds=age)
        return Task.objects.create(
            id=uuid.uuid4().hex,
            name=name,
            func=func,
            args=args,
            kwargs={},
            result=f'Traceback (most recent call last):\n  File "x.py"\nValueError: {error}',
            started=stopped - timedelta(seconds=1),
            stopped=stopped,
            success=False,
            attempt_count=3,
        )

    return make


@pytest.fixture
def operator(db, django_user_model):
    from django.contrib.auth.models import Group

    from lms.roles import OPERATORS

    user = django_user_model.objects.create_user(
        "vanhanh", password="mat-khau-van-hanh", first_name="Hùng", last_name="Trần"
    )
    user.groups.add(Group.objects.get(name=OPERATORS))
    return user
