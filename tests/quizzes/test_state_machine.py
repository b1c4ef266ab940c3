"""The attempt's state machine: every legal step, and every illegal one refused."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections

from quizzes import attempts, errors, grading
from quizzes.models import Attempt, AttemptQuestion, OverdueHandling

from . import builders as b
from .builders import T0

State = Attempt.State


@pytest.fixture
def questions(bank):
    return [b.single(bank), b.short(bank), b.essay(bank)]


@pytest.fixture
def quiz(course, questions):
    return b.quiz(course, questions=questions, time_limit_minutes=15)


def make_attempt(quiz, user, state, now=T0):
    """An attempt brought to ``state`` through the domain functions."""
    attempt = attempts.start_attempt(quiz, user, "class:1", now=now)
    essay = attempt.questions.get(question__kind="essay")
    attempts.save_answer(attempt, essay.question_id, text="Bài viết của tôi.", now=now)
    if state == State.OVERDUE:
        Attempt.objects.filter(pk=attempt.pk).update(state=State.OVERDUE)
    elif state in (State.SUBMITTED, State.GRADED):
        attempts.submit(attempt, now=now)
        grading.grade_submitted(attempt.pk)
        if state == State.GRADED:
            essay = attempt.questions.get(question__kind="essay").answer
            grading.grade_essay(essay, 5, by=None)
    elif state == State.ABANDONED:
        Attempt.objects.filter(pk=attempt.pk).update(state=State.ABANDONED)
    attempt.refresh_from_db()
    assert attempt.state == state
    return attempt


# --- Legal steps -------------------------------------------------------------------


def test_start_creates_an_attempt_in_progress_with_its_questions_and_empty_answers(
    quiz, learner, questions
):
    attempt = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    assert attempt.state == State.IN_PROGRESS
    assert (attempt.number, attempt.context, attempt.started_at) == (1, "class:1", T0)
    assert attempt.deadline == T0 + timedelta(minutes=15)
    assert attempt.max_points == 12
    rows = list(attempt.questions.order_by("position"))
    assert [row.question_id for row in rows] == [q.pk for q in questions]
    assert [row.position for row in rows] == [1, 2, 3]
    assert all(row.answer.points is None and row.answer.saved_at is None for row in rows)


def test_start_again_returns_the_attempt_under_way(quiz, learner):
    first = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    again = attempts.start_attempt(quiz, learner, "class:1", now=T0 + timedelta(minutes=3))
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_two_tabs_starting_at_once_get_one_attempt(quiz, learner, monkeypatch):
    """The second request does not see the first one's attempt (a race), tries to create
    its own, and the database's one-active-attempt constraint hands it the first."""
    first = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    real = attempts.active_attempt
    calls = []

    def not_yet_visible(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(attempts, "active_attempt", not_yet_visible)
    second = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    assert second.pk == first.pk
    assert Attempt.objects.count() == 1
    assert AttemptQuestion.objects.count() == 3


def test_in_progress_to_submitted_to_graded(
    quiz, learner, questions, signals, django_capture_on_commit_callbacks
):
    attempt = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    attempts.save_answer(attempt, questions[2].pk, text="Bài viết.", now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        # Submitting queues the grading task, which runs in-process in the tests.
        assert attempts.submit(attempt, now=T0 + timedelta(minutes=5)) is True
    assert attempt.state == State.SUBMITTED
    assert attempt.submitted_at == T0 + timedelta(minutes=5)
    attempt.refresh_from_db()
    assert attempt.state == State.SUBMITTED  # graded but for the essay, which waits
    assert attempt.questions.filter(answer__points__isnull=True).count() == 1
    assert signals["graded"] == []
    essay = attempt.questions.get(question=questions[2]).answer
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_essay(essay, 7, feedback="Khá", by=None)
    attempt.refresh_from_db()
    assert attempt.state == State.GRADED
    assert attempt.score == Decimal("5.83")  # 7 of 12 points
    assert signals["submitted"] == [(attempt.pk, False)]
    assert signals["graded"] == [(attempt.pk, State.GRADED, Decimal("5.83"), False)]


def test_overdue_to_submitted_within_the_grace_period(course, bank, learner):
    quiz = b.quiz(
        course,
        questions=[b.single(bank)],
        time_limit_minutes=10,
        overdue_handling=OverdueHandling.GRACE,
        grace_minutes=5,
    )
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.close_overdue(now=T0 + timedelta(minutes=11))
    attempt.refresh_from_db()
    assert attempt.state == State.OVERDUE
    assert attempts.submit(attempt, now=T0 + timedelta(minutes=12)) is True
    assert attempt.state == State.SUBMITTED


@pytest.mark.parametrize(
    ("handling", "expected"),
    [
        (OverdueHandling.SUBMIT, State.SUBMITTED),
        (OverdueHandling.ABANDON, State.ABANDONED),
        (OverdueHandling.GRACE, State.OVERDUE),
    ],
)
def test_in_progress_when_time_runs_out(course, bank, learner, handling, expected):
    quiz = b.quiz(
        course,
        questions=[b.single(bank)],
        time_limit_minutes=10,
        overdue_handling=handling,
        grace_minutes=5,
        offline_grace_minutes=0,
    )
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.close_overdue(now=T0 + timedelta(minutes=11))
    attempt.refresh_from_db()
    assert attempt.state == expected


def test_overdue_to_abandoned_after_the_grace_period(course, bank, learner):
    quiz = b.quiz(
        course,
        questions=[b.single(bank)],
        time_limit_minutes=10,
        overdue_handling=OverdueHandling.GRACE,
        grace_minutes=5,
        offline_grace_minutes=0,
    )
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.close_overdue(now=T0 + timedelta(minutes=11))
    attempts.close_overdue(now=T0 + timedelta(minutes=16))
    attempt.refresh_from_db()
    assert attempt.state == State.ABANDONED


# --- Illegal steps -----------------------------------------------------------------


@pytest.mark.parametrize("state", [State.SUBMITTED, State.GRADED, State.ABANDONED])
def test_a_finished_attempt_takes_no_answer(quiz, learner, questions, state):
    attempt = make_attempt(quiz, learner, state)
    before = attempt.questions.get(question=questions[1]).answer.text
    with pytest.raises(errors.AttemptClosed) as refused:
        attempts.save_answer(attempt, questions[1].pk, text="Hồ Chí Minh", now=T0)
    assert refused.value.status == 409
    assert attempt.questions.get(question=questions[1]).answer.text == before


@pytest.mark.parametrize("state", [State.SUBMITTED, State.GRADED])
def test_submitting_a_submitted_or_graded_attempt_changes_nothing(quiz, learner, state, signals):
    attempt = make_attempt(quiz, learner, state)
    before = Attempt.objects.values().get(pk=attempt.pk)
    sent = dict(signals)
    assert attempts.submit(attempt, now=T0 + timedelta(minutes=1)) is False
    assert Attempt.objects.values().get(pk=attempt.pk) == before
    assert signals == sent


def test_an_abandoned_attempt_cannot_be_submitted(quiz, learner):
    attempt = make_attempt(quiz, learner, State.ABANDONED)
    with pytest.raises(errors.AttemptClosed):
        attempts.submit(attempt, now=T0)
    attempt.refresh_from_db()
    assert attempt.state == State.ABANDONED


@pytest.mark.parametrize("state", [State.IN_PROGRESS, State.OVERDUE, State.ABANDONED])
def test_the_grading_task_leaves_an_unsubmitted_attempt_alone(quiz, learner, state):
    attempt = make_attempt(quiz, learner, state)
    assert grading.grade_submitted(attempt.pk) is False
    attempt.refresh_from_db()
    assert attempt.state == state
    assert not attempt.questions.filter(answer__points__isnull=False).exists()


@pytest.mark.parametrize("state", [State.IN_PROGRESS, State.OVERDUE, State.ABANDONED])
def test_no_grade_by_hand_before_submission(quiz, learner, questions, state):
    attempt = make_attempt(quiz, learner, state)
    essay = attempt.questions.get(question=questions[2]).answer
    with pytest.raises(errors.NotSubmitted):
        grading.grade_essay(essay, 5, by=None)
    essay.refresh_from_db()
    assert essay.points is None


@pytest.mark.parametrize("state", [State.SUBMITTED, State.GRADED, State.ABANDONED])
def test_the_scheduled_task_leaves_finished_attempts_alone(quiz, learner, state):
    attempt = make_attempt(quiz, learner, state)
    moved = attempts.close_overdue(now=T0 + timedelta(days=1))
    assert moved == {"submitted": 0, "overdue": 0, "abandoned": 0}
    attempt.refresh_from_db()
    assert attempt.state == state


def test_a_graded_attempt_is_not_graded_twice(quiz, learner, signals):
    attempt = make_attempt(quiz, learner, State.GRADED)
    graded = list(signals["graded"])
    assert grading.grade_submitted(attempt.pk) is False
    assert signals["graded"] == graded


def test_the_context_must_be_a_short_text(quiz, learner):
    with pytest.raises(errors.AttemptError):
        attempts.start_attempt(quiz, learner, "x" * 101, now=T0)
    with pytest.raises(errors.AttemptError):
        attempts.start_attempt(quiz, learner, 12, now=T0)


# --- Two tabs, replays -----------------------------------------------------------------


def test_two_tabs_submitting_count_once(quiz, learner, signals, django_capture_on_commit_callbacks):
    attempt = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    tab_one = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    tab_two = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    with django_capture_on_commit_callbacks(execute=True):
        results = [
            attempts.submit(tab_one, now=T0 + timedelta(minutes=2)),
            attempts.submit(tab_two, now=T0 + timedelta(minutes=2, seconds=1)),
            attempts.submit(tab_one, now=T0 + timedelta(minutes=3)),  # a replayed request
        ]
    assert results == [True, False, False]
    assert signals["submitted"] == [(attempt.pk, False)]
    attempt.refresh_from_db()
    assert attempt.submitted_at == T0 + timedelta(minutes=2)
    assert tab_two.state == State.SUBMITTED  # the caller's copy tells the truth


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL's row locks"
)
def test_two_concurrent_submits_count_once(course, bank, learner, signals):
    """Two threads, each on its own connection, submit the same attempt at once."""
    quiz = b.quiz(course, questions=[b.single(bank)])
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    barrier = threading.Barrier(2)
    results = []

    def tab():
        try:
            copy = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
            barrier.wait()
            results.append(attempts.submit(copy, now=T0 + timedelta(minutes=1)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert len(signals["submitted"]) == 1
    attempt.refresh_from_db()
    assert attempt.state == State.GRADED
    assert len(signals["graded"]) == 1
