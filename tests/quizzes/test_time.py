"""Time rules on the server's clock: deadline, open and close times, grace period,
overdue handling, and the attempts counted per quiz, learner and context."""

from datetime import timedelta

import pytest

from quizzes import attempts, errors
from quizzes.attempts import LATE_ALLOWANCE
from quizzes.models import Attempt, OverdueHandling, QuizOverride

from . import builders as b
from .builders import T0

State = Attempt.State
MIN = timedelta(minutes=1)


@pytest.fixture
def question(bank):
    return b.single(bank)


def timed(course, question, **fields):
    """A timed quiz; without an offline grace (tests/quizzes/test_offline.py has those)."""
    fields.setdefault("time_limit_minutes", 15)
    fields.setdefault("offline_grace_minutes", 0)
    return b.quiz(course, questions=[question], **fields)


def right_option(question):
    return question.options.get(is_correct=True).pk


# --- The deadline ------------------------------------------------------------------


def test_the_deadline_is_the_time_limit_from_the_start(course, question, learner):
    attempt = attempts.start_attempt(timed(course, question), learner, now=T0)
    assert attempt.deadline == T0 + 15 * MIN
    assert attempts.seconds_left(attempt, now=T0 + 5 * MIN) == 600
    assert attempts.seconds_left(attempt, now=T0 + 20 * MIN) == 0


def test_the_close_time_cuts_the_time_limit_short(course, question, learner):
    quiz = timed(course, question, closes_at=T0 + 10 * MIN)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    assert attempt.deadline == T0 + 10 * MIN


def test_a_close_time_alone_is_the_deadline(course, question, learner):
    quiz = timed(course, question, time_limit_minutes=None, closes_at=T0 + 60 * MIN)
    assert attempts.start_attempt(quiz, learner, now=T0).deadline == T0 + 60 * MIN


def test_no_limit_and_no_close_time_means_no_deadline(course, question, learner):
    quiz = timed(course, question, time_limit_minutes=None)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    assert attempt.deadline is None
    assert attempts.seconds_left(attempt, now=T0) is None
    attempts.save_answer(attempt, question.pk, [right_option(question)], now=T0 + 1000 * MIN)
    assert attempts.close_overdue(now=T0 + 10000 * MIN)["submitted"] == 0


def test_not_before_it_opens_nor_after_it_closes(course, question, learner):
    quiz = timed(course, question, opens_at=T0, closes_at=T0 + 60 * MIN)
    with pytest.raises(errors.QuizNotOpen) as early:
        attempts.start_attempt(quiz, learner, now=T0 - MIN)
    assert early.value.status == 403
    assert "2026" in str(early.value)
    with pytest.raises(errors.QuizClosed):
        attempts.start_attempt(quiz, learner, now=T0 + 60 * MIN)
    assert attempts.start_attempt(quiz, learner, now=T0).state == State.IN_PROGRESS


def test_answers_are_refused_after_the_deadline(course, question, learner):
    quiz = timed(course, question)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    deadline = attempt.deadline
    # An answer sent in the last second and delivered a moment later still counts.
    attempts.save_answer(attempt, question.pk, [right_option(question)], now=deadline)
    attempts.save_answer(attempt, question.pk, [], now=deadline + LATE_ALLOWANCE)
    with pytest.raises(errors.TimeUp) as late:
        attempts.save_answer(
            attempt, question.pk, [right_option(question)], now=deadline + LATE_ALLOWANCE + MIN
        )
    assert late.value.status == 409
    answer = attempt.questions.get().answer
    assert answer.choice_ids == []
    # The quiz submits overdue attempts: the late save found it overdue and submitted it.
    attempt.refresh_from_db()
    assert attempt.state == State.SUBMITTED
    assert attempt.submitted_automatically


# --- Overdue handling ----------------------------------------------------------------


def test_grace_period_answers_and_submission_count_until_it_ends(course, question, learner):
    quiz = timed(course, question, overdue_handling=OverdueHandling.GRACE, grace_minutes=5)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.save_answer(attempt, question.pk, [right_option(question)], now=T0 + 18 * MIN)
    attempt.refresh_from_db()
    assert attempt.state == State.OVERDUE
    assert attempts.submit(attempt, now=T0 + 19 * MIN) is True


def test_after_the_grace_period_the_attempt_is_abandoned(course, question, learner):
    quiz = timed(course, question, overdue_handling=OverdueHandling.GRACE, grace_minutes=5)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    with pytest.raises(errors.TimeUp):
        attempts.save_answer(attempt, question.pk, [right_option(question)], now=T0 + 21 * MIN)
    attempt.refresh_from_db()
    assert attempt.state == State.ABANDONED


def test_a_late_submit_is_refused_when_the_quiz_abandons_overdue_attempts(
    course, question, learner, signals
):
    quiz = timed(course, question, overdue_handling=OverdueHandling.ABANDON)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    with pytest.raises(errors.TimeUp):
        attempts.submit(attempt, now=T0 + 16 * MIN)
    attempt.refresh_from_db()
    assert attempt.state == State.ABANDONED
    assert signals["submitted"] == []


def test_a_late_submit_counts_when_the_quiz_submits_overdue_attempts(course, question, learner):
    attempt = attempts.start_attempt(timed(course, question), learner, now=T0)
    assert attempts.submit(attempt, now=T0 + 16 * MIN) is True
    assert not attempt.submitted_automatically


def test_close_overdue_submits_and_grades_with_the_saved_answers(
    course, question, learner, signals, django_capture_on_commit_callbacks
):
    quiz = timed(course, question)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.save_answer(attempt, question.pk, [right_option(question)], now=T0 + 3 * MIN)
    with django_capture_on_commit_callbacks(execute=True):
        assert attempts.close_overdue(now=T0 + 14 * MIN)["submitted"] == 0
        moved = attempts.close_overdue(now=T0 + 16 * MIN)
    assert moved == {"submitted": 1, "overdue": 0, "abandoned": 0}
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (State.GRADED, 10)
    assert attempt.submitted_automatically
    assert signals["submitted"] == [(attempt.pk, True)]
    # Running again (a retry, a second worker) changes nothing.
    assert attempts.close_overdue(now=T0 + 17 * MIN) == {
        "submitted": 0,
        "overdue": 0,
        "abandoned": 0,
    }
    assert len(signals["submitted"]) == 1


def test_close_overdue_marks_overdue_then_abandons(course, question, learner):
    quiz = timed(course, question, overdue_handling=OverdueHandling.GRACE, grace_minutes=5)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    fresh = attempts.start_attempt(quiz, b.user("muon"), now=T0 + 10 * MIN)
    assert attempts.close_overdue(now=T0 + 16 * MIN) == {
        "submitted": 0,
        "overdue": 1,
        "abandoned": 0,
    }
    assert attempts.close_overdue(now=T0 + 17 * MIN)["overdue"] == 0  # already overdue
    assert attempts.close_overdue(now=T0 + 21 * MIN)["abandoned"] == 1
    attempt.refresh_from_db()
    fresh.refresh_from_db()
    assert attempt.state == State.ABANDONED
    assert fresh.state == State.IN_PROGRESS  # started later: its own deadline
    assert attempts.close_overdue(now=T0 + 26 * MIN)["overdue"] == 1


def test_close_overdue_abandons(course, question, learner, signals):
    quiz = timed(course, question, overdue_handling=OverdueHandling.ABANDON)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    assert attempts.close_overdue(now=T0 + 16 * MIN)["abandoned"] == 1
    attempt.refresh_from_db()
    assert attempt.state == State.ABANDONED
    assert signals["submitted"] == []


def test_coming_back_after_the_time_ran_out_starts_the_next_attempt(course, question, learner):
    quiz = timed(course, question, max_attempts=2)
    first = attempts.start_attempt(quiz, learner, now=T0)
    second = attempts.start_attempt(quiz, learner, now=T0 + 30 * MIN)
    first.refresh_from_db()
    assert first.state == State.SUBMITTED
    assert (second.number, second.state) == (2, State.IN_PROGRESS)
    with pytest.raises(errors.NoAttemptsLeft):
        attempts.start_attempt(quiz, learner, now=T0 + 60 * MIN)


# --- Attempts counted per context ----------------------------------------------------


def test_attempts_are_counted_per_quiz_learner_and_context(course, question, learner):
    quiz = timed(course, question, max_attempts=2)
    for number in (1, 2):
        attempt = attempts.start_attempt(quiz, learner, "class:1", now=T0)
        assert attempt.number == number
        attempts.submit(attempt, now=T0 + MIN)
    with pytest.raises(errors.NoAttemptsLeft) as used:
        attempts.start_attempt(quiz, learner, "class:1", now=T0 + 2 * MIN)
    assert "2" in str(used.value)
    # A new class of the same course: fresh attempts.
    fresh = attempts.start_attempt(quiz, learner, "class:2", now=T0 + 2 * MIN)
    assert fresh.number == 1
    # Another learner in the first class is not affected.
    assert attempts.start_attempt(quiz, b.user("khac"), "class:1", now=T0).number == 1


def test_an_abandoned_attempt_counts(course, question, learner):
    quiz = timed(course, question, max_attempts=1, overdue_handling=OverdueHandling.ABANDON)
    attempts.start_attempt(quiz, learner, now=T0)
    attempts.close_overdue(now=T0 + 20 * MIN)
    with pytest.raises(errors.NoAttemptsLeft):
        attempts.start_attempt(quiz, learner, now=T0 + 21 * MIN)


def test_unlimited_attempts(course, question, learner):
    quiz = timed(course, question, max_attempts=0)
    for number in range(1, 6):
        attempt = attempts.start_attempt(quiz, learner, now=T0)
        assert attempt.number == number
        attempts.submit(attempt, now=T0)


# --- Overrides per class and per learner ----------------------------------------------


def test_overrides_for_a_class_and_for_a_learner(course, question, learner):
    quiz = timed(course, question, max_attempts=1, closes_at=T0 + 60 * MIN)
    late_class = T0 + 7 * 24 * 60 * MIN
    QuizOverride.objects.create(quiz=quiz, context="class:2", closes_at=late_class)
    QuizOverride.objects.create(quiz=quiz, user=learner, max_attempts=3, time_limit_minutes=30)
    QuizOverride.objects.create(quiz=quiz, user=learner, context="class:2", max_attempts=2)

    rules = quiz.rules_for(learner, "class:1")
    assert (rules.closes_at, rules.max_attempts, rules.time_limit) == (
        T0 + 60 * MIN,
        3,
        30 * MIN,
    )
    rules = quiz.rules_for(learner, "class:2")
    assert (rules.closes_at, rules.max_attempts) == (late_class, 2)
    other = b.user("khac")
    rules = quiz.rules_for(other, "class:2")
    assert (rules.closes_at, rules.max_attempts, rules.time_limit) == (late_class, 1, 15 * MIN)

    # The class that takes the test a week later can start after the quiz's own close.
    attempt = attempts.start_attempt(quiz, other, "class:2", now=T0 + 2 * 24 * 60 * MIN)
    assert attempt.deadline == T0 + 2 * 24 * 60 * MIN + 15 * MIN
    with pytest.raises(errors.QuizClosed):
        attempts.start_attempt(quiz, other, "class:1", now=T0 + 2 * 24 * 60 * MIN)
    # The learner's own time limit.
    mine = attempts.start_attempt(quiz, learner, "class:1", now=T0)
    assert mine.deadline == T0 + 30 * MIN
