import pytest

from portal import health


def test_health_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


class DeadBroker:
    def ping(self):
        raise ConnectionError("broker is down")


def test_health_is_503_when_the_broker_is_down(client, db, monkeypatch):
    monkeypatch.setattr(health, "get_broker", DeadBroker)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise health.DatabaseError("database is unavailable")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
