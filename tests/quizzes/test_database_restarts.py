"""Tasks outlast a database restart of a few seconds (quizzes.background): run again on a
fresh connection instead of failing, so a grade does not wait for the sweep."""

import pytest
from django.db import OperationalError, transaction

from quizzes import background


@pytest.fixture
def no_waiting(monkeypatch):
    pauses = []
    monkeypatch.setattr(background, "sleep", pauses.append)
    return pauses


def flaky(failures):
    calls = []

    @background.outlasting_database_restarts
    def task(value):
        calls.append(value)
        if len(calls) <= failures:
            raise OperationalError("terminating connection due to administrator command")
        return value * 2

    return task, calls


def test_a_task_runs_again_once_the_database_is_back(no_waiting):
    task, calls = flaky(failures=3)
    assert task(21) == 42
    assert calls == [21] * 4
    assert no_waiting == [0.25, 0.5, 1]  # backing off


def test_it_gives_up_after_its_patience(no_waiting, monkeypatch):
    clock = iter(range(0, 1000, 10))  # ten seconds pass at each look
    monkeypatch.setattr(background, "monotonic", lambda: next(clock))
    task, calls = flaky(failures=100)
    with pytest.raises(OperationalError):
        task(1)
    assert 1 < len(calls) <= 4  # about 30 s, not forever


def test_a_site_may_turn_it_off(no_waiting, settings):
    settings.TASK_DATABASE_PATIENCE_S = 0
    task, calls = flaky(failures=1)
    with pytest.raises(OperationalError):
        task(1)
    assert calls == [1]


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_it_does_not_hide_the_error(no_waiting):
    task, calls = flaky(failures=1)
    with pytest.raises(OperationalError), transaction.atomic():
        task(1)
    assert calls == [1] and no_waiting == []


def test_the_grading_task_is_wrapped():
    from lms.certificates import tasks as certificates
    from quizzes import tasks

    for task in (tasks.grade_attempt, certificates.evaluate_enrolments, certificates.render_pdf):
        assert task.__wrapped__  # functools.wraps of outlasting_database_restarts
