"""Readiness for monitors: /healthz/ready reports every part of the background machinery
and answers 503 as soon as one passes its threshold."""

import pytest

from portal import health

READY = "/healthz/ready"
pytestmark = pytest.mark.django_db


def test_ready_is_ok_with_a_live_worker_and_an_empty_queue(client, live_cluster):
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
    assert "no-cache" in response["Cache-Control"]


def test_ready_is_503_without_a_worker(client):
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["worker"]["clusters"] == 0


def test_a_site_without_a_worker_by_design_may_say_so(client, settings):
    settings.READINESS = {"WORKER_REQUIRED": False}
    assert client.get(READY).status_code == 200


def test_ready_is_503_when_a_task_waits_too_long(client, live_cluster, queue_task, settings):
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


def test_ready_is_503_when_the_broker_is_down(client, live_cluster, monkeypatch):
    class DeadBroker:
        def ping(self):
            raise ConnectionError("down")

    monkeypatch.setattr(health, "get_broker", DeadBroker)
    response = client.get(READY)
    assert response.status_code == 503
    assert "broker" in response.json()["failing"]


def test_ready_is_503_when_the_database_is_down(client, live_cluster, monkeypatch):
    monkeypatch.setattr(health, "_database_ok", lambda: False)
    response = client.get(READY)
    assert response.status_code == 503
    assert {"database", "tasks"} <= set(response.json()["failing"])


@pytest.mark.parametrize("queued", [2, 20])
def test_ready_costs_the_same_queries_whatever_the_queue(
    client, live_cluster, queue_task, django_assert_num_queries, queued
):
    for age in range(queued):
        queue_task(age=age)
    with django_assert_num_queries(READY_QUERIES):
        assert client.get(READY).status_code == 200


READY_QUERIES = 5  # SELECT 1; waiting and running: a count and a page each
