"""The per-request log line an operator reads, and what it must never contain."""

import logging
import re

import pytest
from django.conf import settings
from django.test import Client

from portal.request_log import RequestIdFilter, sentry_before_send

pytestmark = pytest.mark.django_db
LINE = re.compile(
    r"^request_id=(?P<id>\S+) user=(?P<user>\S+) method=(?P<method>[A-Z]+) "
    r"path=(?P<path>\S+) status=(?P<status>\d{3}) duration_ms=(?P<ms>\d+)$"
)


def request_lines(caplog):
    return [
        LINE.match(record.getMessage()).groupdict()
        for record in caplog.records
        if record.name == "portal.requests"
    ]


def test_one_line_per_request_with_the_proxys_request_id(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-7f3a9c01")
    assert response["X-Request-ID"] == "nginx-7f3a9c01"
    [line] = request_lines(caplog)
    assert line["id"] == "nginx-7f3a9c01"
    assert (line["user"], line["method"], line["path"], line["status"]) == (
        "-",
        "GET",
        "/healthz",
        "200",
    )


def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, caplog):
    caplog.set_level(logging.INFO)
    first = client.get("/healthz")["X-Request-ID"]
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="x y\nrequest_id=forged")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and re.fullmatch(r"[0-9a-f]{32}", odd)
    assert first != odd
    assert [line["id"] for line in request_lines(caplog)] == [first, odd]
    assert "forged" not in caplog.text


def test_a_log_in_logs_the_user_id_and_never_the_password(client, caplog, django_user_model):
    user = django_user_model.objects.create_user("hocvien", password="Mat-Khau-Bi-Mat-2026")
    caplog.set_level(logging.DEBUG)  # everything any logger says
    response = client.post(
        "/en/accounts/login/", {"username": "hocvien", "password": "Mat-Khau-Bi-Mat-2026"}
    )
    assert response.status_code == 302
    client.get("/en/learn/")
    lines = request_lines(caplog)
    assert [(line["method"], line["status"]) for line in lines][:1] == [("POST", "302")]
    assert lines[0]["path"] == "/en/accounts/login/"
    assert lines[0]["user"] == str(user.pk) and lines[1]["user"] == str(user.pk)
    assert "Mat-Khau-Bi-Mat-2026" not in caplog.text
    assert all(int(line["ms"]) >= 0 for line in lines)


def test_a_wrong_password_is_not_logged_either(client, caplog, django_user_model):
    django_user_model.objects.create_user("hocvien", password="dung-roi-2026")
    caplog.set_level(logging.DEBUG)
    client.post("/en/accounts/login/", {"username": "hocvien", "password": "Sai-Mat-Khau-9"})
    [line] = request_lines(caplog)
    assert line["status"] == "200" and line["user"] == "-"
    assert "Sai-Mat-Khau-9" not in caplog.text


def test_the_token_of_a_password_reset_link_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO)
    client.get("/en/learn/enrolment/password/reset/MTc/cdy1ho-a3f9e0c2b1d4e5f6a7b8/")
    [line] = request_lines(caplog)
    assert "cdy1ho" not in line["path"] and "MTc" not in line["path"]
    assert line["path"].startswith("/en/learn/enrolment/password/reset/")


def test_an_error_is_logged_with_the_request_id_of_its_request(settings, caplog):
    settings.ROOT_URLCONF = "tests.operations.urls"
    caplog.set_level(logging.INFO)
    response = Client(raise_request_exception=False).get("/broken/?q=secret-query")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelno >= 40]
    assert errors and errors[0].exc_info[0] is RuntimeError
    assert RequestIdFilter().filter(errors[0]) and errors[0].request_id == request_id
    [line] = request_lines(caplog)
    assert (line["id"], line["status"], line["path"]) == (request_id, "500", "/broken/")
    assert "secret-query" not in caplog.text


def test_the_configured_format_puts_the_request_id_on_every_line():
    config = settings.LOGGING
    formatter = logging.Formatter(config["formatters"]["line"]["format"])
    record = logging.LogRecord("lms.sweep", logging.WARNING, __file__, 1, "swept %s", (3,), None)
    RequestIdFilter().filter(record)
    assert formatter.format(record).endswith("WARNING lms.sweep [-] swept 3")
    assert config["handlers"]["console"]["filters"] == ["request_id"]
    assert settings.MIDDLEWARE[0] == "portal.request_log.RequestLogMiddleware"


def test_error_reports_carry_the_request_id_and_no_body_or_cookies():
    event = {
        "request": {
            "url": "/x",
            "data": {"password": "p"},
            "cookies": "sessionid=s",
            "query_string": "a",
        },
        "tags": {},
    }
    sent = sentry_before_send(event, {})
    assert sent["tags"]["request_id"] == "-"
    assert sent["request"] == {"url": "/x"}


def test_a_503_answer_is_logged_with_its_request_id(client, caplog):
    """Django logs a 5xx response after the middleware chain returned (here: readiness
    without a worker); the line still names the request."""
    caplog.set_level(logging.INFO)
    response = client.get("/healthz/ready", HTTP_X_REQUEST_ID="monitor-0001")
    assert response.status_code == 503
    [logged] = [r for r in caplog.records if r.name == "django.request"]
    assert RequestIdFilter().filter(logged) and logged.request_id == "monitor-0001"
