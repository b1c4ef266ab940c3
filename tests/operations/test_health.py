"""Readiness for monitors: /healthz/ready reports every part of the background machinery
and answers 503 as soon as one passes its threshold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms import sweep
from portal import health

from .conftest import QUEUE_QUERIES

READY = "/healthz/ready"

# The broker's queue and the clusters' heartbeats are shared by every process using the
# same django-q2 name on one Redis: each test worker has its own name (settings.test) and
# each real cluster a test starts its own (own_queue), so nothing else's task or heartbeat
# is seen here. The group still keeps them off the machine while a real cluster runs.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("cluster")]


def test_ready_is_ok_with_a_live_worker_and_an_empty_queue(client, live_cluster, swept):
    response = client.get(READY)
    assert response.status_code == 200, response.json()
    report = response.json()
    assert report["status"] == "ok" and report["failing"] == []
    assert report["database"]["status"] == "ok" and report["broker"]["status"] == "ok"
    worker = report["worker"]
    assert (worker["status"], worker["clusters"], worker["workers"]) == ("ok", 1, 2)
    assert 0 <= worker["heartbeat_age_seconds"] <= 5
    assert report["tasks"]["waiting"] == 0
    assert report["tasks"]["oldest_waiting_age_seconds"] is None
    assert report["due_work"]["oldest_age_seconds"] is None
    assert report["due_work"]["kinds"]["emails"] == {"count": 0, "oldest_age_seconds": None}
    assert report["sweep"]["status"] == "ok" and report["sweep"]["age_seconds"] <= 5
    assert "no-cache" in response["Cache-Control"]


def test_ready_is_503_without_a_worker(client, swept):
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["worker"]["clusters"] == 0


def test_a_site_without_a_worker_by_design_may_say_so(client, settings, swept):
    settings.READINESS = {"WORKER_REQUIRED": False}
    assert client.get(READY).status_code == 200


def test_ready_is_503_when_a_task_waits_too_long(client, live_cluster, swept, queue_task, settings):
    settings.READINESS = {"MAX_TASK_WAIT": 300}
    queue_task(age=10)
    report = client.get(READY).json()
    assert report["status"] == "ok"
    assert report["tasks"]["waiting"] == 1 and report["tasks"]["oldest_waiting_age_seconds"] >= 10

    queue_task(age=600)
    response = client.get(READY)
    assert response.status_code == 503
    report = response.json()
    assert report["failing"] == ["tasks"]
    assert report["tasks"]["waiting"] == 2
    assert 600 <= report["tasks"]["oldest_waiting_age_seconds"] < 660
    assert report["tasks"]["threshold_seconds"] == 300


def test_ready_is_503_when_the_broker_is_down(client, live_cluster, swept, monkeypatch):
    class DeadBroker:
        def ping(self):
            raise ConnectionError("down")

    monkeypatch.setattr(health, "get_broker", DeadBroker)
    response = client.get(READY)
    assert response.status_code == 503
    assert "broker" in response.json()["failing"]


def test_ready_is_503_when_the_database_is_down(client, live_cluster, swept, monkeypatch):
    monkeypatch.setattr(health, "_database_ok", lambda: False)
    response = client.get(READY)
    assert response.status_code == 503
    assert {"database", "tasks", "due_work", "sweep"} <= set(response.json()["failing"])


def test_ready_is_503_when_due_work_waits_too_long(
    client, live_cluster, swept, unsent_notice, settings
):
    settings.READINESS = {"MAX_DUE_AGE": 900}
    unsent_notice(age=120, username="an")
    report = client.get(READY).json()
    assert report["status"] == "ok"
    assert report["due_work"]["kinds"]["emails"]["count"] == 1

    unsent_notice(age=3600, username="binh")
    response = client.get(READY)
    assert response.status_code == 503
    report = response.json()
    assert report["failing"] == ["due_work"]
    assert report["due_work"]["kinds"]["emails"]["count"] == 2
    assert 3600 <= report["due_work"]["oldest_age_seconds"] < 3660


def test_ready_is_503_when_the_sweep_is_late_or_never_ran(client, live_cluster, swept, settings):
    from lms.models import BackgroundSweep

    settings.READINESS = {"MAX_SWEEP_AGE": 300}
    BackgroundSweep.objects.filter(pk=1).update(finished_at=timezone.now() - timedelta(minutes=10))
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["failing"] == ["sweep"]
    assert response.json()["sweep"]["age_seconds"] >= 600

    BackgroundSweep.objects.all().delete()
    report = client.get(READY).json()
    assert report["failing"] == ["sweep"] and report["sweep"]["last_finished_at"] is None


@pytest.mark.parametrize("queued", [2, 20])
def test_ready_costs_the_same_queries_whatever_the_queue(
    client, live_cluster, swept, queue_task, unsent_notice, django_assert_num_queries, queued
):
    for age in range(queued):
        queue_task(age=age)
        unsent_notice(age=age, username=f"u{age}")
    with django_assert_num_queries(READY_QUERIES):
        assert client.get(READY).status_code == 200


# SELECT 1; the queue's waiting and running tasks (a count and a page each); one per kind
# of due work; the last sweep.
READY_QUERIES = 1 + QUEUE_QUERIES + len(sweep.KINDS) + 1
