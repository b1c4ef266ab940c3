"""Answers and submissions saved on the phone without a connection (quizzes/offline.py):
accepted within the quiz's offline grace by the server's clock, never over a newer save,
graded once however often they are sent."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes import attempts, errors, grading
from quizzes.attempts import LATE_ALLOWANCE
from quizzes.models import Attempt, OverdueHandling

from . import builders as b
from .builders import T0
from .test_pages import autosave, login, quiz_setup, start, url, world  # noqa: F401

State = Attempt.State
MIN = timedelta(minutes=1)


@pytest.fixture
def questions(bank):
    return [b.single(bank), b.short(bank)]


def offline_quiz(course, questions, **fields):
    fields.setdefault("time_limit_minutes", 15)
    fields.setdefault("offline_grace_minutes", 10)
    return b.quiz(course, questions=questions, **fields)


def right(question):
    return question.options.get(is_correct=True).pk


def wrong(question):
    return question.options.filter(is_correct=False).first().pk


def answers(attempt):
    return {
        row.question_id: (row.answer.choice_ids, row.answer.text)
        for row in attempt.questions.select_related("answer")
    }


# --- Within and after the offline grace -----------------------------------------------


def test_answers_saved_on_the_phone_in_time_are_accepted_within_the_grace(
    course, questions, learner, signals, django_capture_on_commit_callbacks
):
    single, short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    arrives = T0 + 15 * MIN + LATE_ALLOWANCE + 9 * MIN  # the phone found a signal again
    attempts.save_answer(
        attempt, single.pk, [right(single)], now=arrives, saved_at=T0 + 5 * MIN, offline=True
    )
    attempts.save_answer(
        attempt, short.pk, text="Hồ Chí Minh", now=arrives, saved_at=T0 + 14 * MIN, offline=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert attempts.submit(attempt, now=arrives, submitted_at=T0 + 14 * MIN, offline=True)
    attempt.refresh_from_db()
    assert answers(attempt)[short.pk] == ([], "Hồ Chí Minh")
    assert attempt.completed_offline and not attempt.submitted_automatically
    assert (attempt.state, attempt.score) == (State.GRADED, 10)
    assert signals["submitted"] == [(attempt.pk, False)]


def test_the_overdue_rule_waits_for_the_offline_grace(course, questions, learner):
    single, _short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    assert attempts.close_overdue(now=T0 + 20 * MIN)["submitted"] == 0
    attempt.refresh_from_db()
    assert attempt.state == State.OVERDUE
    # An answer claiming no time on the phone is late like any other, and changes nothing.
    with pytest.raises(errors.TimeUp):
        attempts.save_answer(attempt, single.pk, [right(single)], now=T0 + 20 * MIN)
    assert answers(attempt)[single.pk] == ([], "")
    assert attempts.close_overdue(now=T0 + 26 * MIN)["submitted"] == 1


def test_after_the_grace_answers_are_refused_and_those_saved_before_are_kept(
    course, questions, learner, django_capture_on_commit_callbacks
):
    single, short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    attempts.save_answer(attempt, single.pk, [right(single)], now=T0 + 2 * MIN)
    too_late = T0 + 15 * MIN + LATE_ALLOWANCE + 10 * MIN + 1 * MIN
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(errors.OfflineTooLate) as refused,
    ):
        attempts.save_answer(
            attempt, short.pk, text="Hồ Chí Minh", now=too_late, saved_at=T0 + 14 * MIN
        )
    assert refused.value.status == 409
    with translation.override("en"):
        assert "offline grace of 10 minutes" in str(refused.value)
        assert "answers the server received before are kept" in str(refused.value)
    attempt.refresh_from_db()
    # The quiz submits overdue attempts: submitted and graded with what was saved.
    assert attempt.submitted_automatically and attempt.state == State.GRADED
    assert answers(attempt) == {single.pk: ([right(single)], ""), short.pk: ([], "")}
    assert attempt.points == single.points


@pytest.mark.parametrize("offset", [-1 * MIN, 16 * MIN])
def test_a_time_claimed_outside_the_attempt_is_refused(course, questions, learner, offset):
    single, _short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    with pytest.raises(errors.SavedOutsideAttempt) as refused:
        attempts.save_answer(
            attempt, single.pk, [right(single)], now=T0 + 17 * MIN, saved_at=T0 + offset
        )
    with translation.override("en"):
        assert "Check the phone's date and time" in str(refused.value)
    assert answers(attempt)[single.pk] == ([], "")


def test_an_offline_submission_in_time_counts_on_a_quiz_that_abandons_late_ones(
    course, questions, learner
):
    quiz = offline_quiz(course, questions, overdue_handling=OverdueHandling.ABANDON)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    assert attempts.submit(attempt, now=T0 + 22 * MIN, submitted_at=T0 + 14 * MIN, offline=True)
    assert attempt.state == State.SUBMITTED and attempt.completed_offline
    other = attempts.start_attempt(quiz, b.user("muon"), now=T0)
    with pytest.raises(errors.OfflineTooLate):
        attempts.submit(other, now=T0 + 27 * MIN, submitted_at=T0 + 14 * MIN, offline=True)
    assert other.state == State.ABANDONED


# --- Order and repeats -------------------------------------------------------------------


def test_a_late_older_save_does_not_overwrite_a_newer_one(course, questions, learner):
    single, short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    newer = attempts.save_answer(attempt, short.pk, text="mới", now=T0 + MIN, sequence=500)
    assert not newer.stale
    older = attempts.save_answer(attempt, short.pk, text="cũ", now=T0 + 2 * MIN, sequence=400)
    assert older.stale and older.text == "mới"
    repeat = attempts.save_answer(attempt, short.pk, text="mới", now=T0 + 3 * MIN, sequence=500)
    assert repeat.stale
    assert answers(attempt)[short.pk] == ([], "mới")
    attempts.save_answer(attempt, short.pk, text="mới nhất", now=T0 + 4 * MIN, sequence=501)
    assert answers(attempt)[short.pk] == ([], "mới nhất")
    # A stale save is not an answer given offline.
    attempts.save_answer(attempt, single.pk, [wrong(single)], now=T0 + 4 * MIN, sequence=9)
    attempts.save_answer(attempt, single.pk, [], now=T0 + 5 * MIN, sequence=8, offline=True)
    attempt.refresh_from_db()
    assert not attempt.completed_offline
    assert answers(attempt)[single.pk] == ([wrong(single)], "")


def test_a_submission_sent_twice_is_graded_once(
    course, questions, learner, signals, django_capture_on_commit_callbacks
):
    single, _short = questions
    attempt = attempts.start_attempt(offline_quiz(course, questions), learner, now=T0)
    attempts.save_answer(attempt, single.pk, [right(single)], now=T0 + MIN, sequence=1)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert attempts.submit(attempt, now=T0 + 2 * MIN, submitted_at=T0 + MIN, offline=True)
        assert not attempts.submit(attempt, now=T0 + 3 * MIN, submitted_at=T0 + MIN, offline=True)
    attempt.refresh_from_db()
    assert attempt.state == State.GRADED
    graded_at = attempt.graded_at
    # The grading task delivered again (at least once delivery): nothing changes.
    assert grading.grade_submitted(attempt.pk) is False
    attempt.refresh_from_db()
    assert (attempt.graded_at, attempt.score) == (graded_at, 5)
    assert signals["submitted"] == [(attempt.pk, False)]
    assert len(signals["graded"]) == 1
    assert len(queued) >= 1


# --- Through the endpoints --------------------------------------------------------------


def test_the_endpoints_take_the_phone_s_saves_and_queued_submission(client, world, quiz_setup):  # noqa: F811
    quiz, questions = quiz_setup
    single, *_rest = questions
    login(client, world.learner.user)
    attempt = start(client, quiz)
    first, second = single.options.all()[:2]
    body = {"question": single.pk, "choices": [second.pk], "sequence": 20, "offline": True}
    assert autosave(client, attempt, body).json()["stale"] is False
    old = {"question": single.pk, "choices": [first.pk], "sequence": 10, "offline": True}
    reply = autosave(client, attempt, old).json()
    assert reply["stale"] is True and reply["sequence"] == 20
    assert answers(attempt)[single.pk] == ([second.pk], "")
    queued = {"offline": True, "submitted_at": attempt.started_at.isoformat()}
    for _ in range(2):
        response = client.post(
            url("submit", attempt),
            data=json.dumps(queued),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.completed_offline and attempt.state in Attempt.FINISHED
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_the_lecturer_sees_which_attempts_were_completed_offline(
    client, admin_user, course, questions, learner
):
    quiz = offline_quiz(course, questions)
    on_phone = attempts.start_attempt(quiz, learner, now=T0)
    attempts.submit(on_phone, now=T0 + MIN, submitted_at=T0 + MIN, offline=True)
    online = attempts.start_attempt(quiz, b.user("truc-tuyen"), now=T0)
    attempts.submit(online, now=T0 + MIN)
    client.force_login(admin_user)
    export = client.get(reverse("quizzes_reports:attempts", args=[quiz.pk]) + "?export=csv")
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    mark = lines[0].split(",").index("Làm khi không có mạng")  # the admin speaks Vietnamese
    rows = {line.split(",")[1]: line.split(",")[mark] for line in lines[1:]}
    assert rows == {"hocvien": "Làm khi không có mạng", "truc-tuyen": ""}
