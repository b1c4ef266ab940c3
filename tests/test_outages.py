"""A short outage of PostgreSQL or Redis answers 503 "busy, try again in a few seconds"
with Retry-After, in Vietnamese, not a bare 500 (issue 11); other errors stay 500."""

import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisDown

from quizzes import access as quiz_access
from quizzes import attempts

from .lms.personas import World
from .quizzes import builders as b

BUSY = "Hệ thống đang bận, vui lòng thử lại sau ít giây"


@pytest.fixture
def signed_in(db, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_user("hocvien", password="x"))
    return client


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1, port 5432 failed"),
        RedisDown("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
    ],
)
def test_an_outage_is_a_busy_page_with_retry_after(signed_in, monkeypatch, error):
    def down(self, *args, **kwargs):
        raise error

    # The session is read in a middleware, before any view: the page still answers.
    monkeypatch.setattr(SessionStore, "load", down)
    response = signed_in.get("/learn/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert BUSY in body and 'lang="vi"' in body
    assert "Traceback" not in body and "5432" not in body


def test_other_errors_stay_a_server_error(signed_in, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(SessionStore, "load", broken)
    response = signed_in.get("/learn/")
    assert response.status_code == 500
    assert BUSY not in response.content.decode()
    assert "Retry-After" not in response


def test_autosave_during_an_outage_answers_json_the_script_retries(db, monkeypatch):
    world = World()
    bank = b.category(world.course)
    question = b.single(bank)
    quiz = b.quiz(world.course, questions=[question])
    attempt = quiz_access.start_attempt(world.learner.user, quiz)
    client = Client(raise_request_exception=False)
    client.force_login(world.learner.user)

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(attempts, "save_answer", down)
    response = client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data=json.dumps({"question": question.pk, "choices": []}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json() == {"error": BUSY, "retry": True}
