"""Nothing lost when a task is: queuing never fails the request, and the sweep does the
work whose task never ran (issue 11). Each kind of background work: its task lost, the
sweep does it once, a second sweep does nothing."""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from redis.exceptions import ConnectionError as RedisDown

from lms import sweep
from lms.models import BackgroundSweep, ClassSession, Notification
from lms.notify import notify
from quizzes import access as quiz_access
from quizzes import attempts, background, grading
from quizzes.models import Attempt

from ..quizzes import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """The broker refuses every task, as Redis does when it is stopped."""
    refused = []

    def refuse(func, *args, **kwargs):
        refused.append(func)
        raise RedisDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("django_q.tasks.async_task", refuse)
    monkeypatch.setattr(background, "_broker_down", False)
    return refused


@pytest.fixture
def quiz(world):
    bank = b.category(world.course)
    return b.quiz(world.course, questions=[b.single(bank), b.short(bank)])


def counts(rows):
    return {row.kind: row.count for row in rows}


def test_a_submit_with_the_broker_down_succeeds_and_the_sweep_grades_it_once(
    client, world, quiz, broker_down, caplog, django_capture_on_commit_callbacks
):
    user = world.learner.user
    client.force_login(user)
    # Starting and autosaving need no broker at all.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(quiz.url)
    assert response.status_code == 302
    attempt = Attempt.objects.get(user=user)
    rows = {row.question.kind: row for row in attempt.questions.select_related("question")}
    right = rows["single"].question.options.get(is_correct=True).pk
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            reverse("quizzes:autosave", args=[attempt.pk]),
            data=json.dumps({"question": rows["single"].question_id, "choices": [right]}),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )
    assert saved.status_code == 200, saved.content[:300]
    assert broker_down == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    assert broker_down == [grading.GRADE_TASK]
    assert "The task broker is unreachable" in caplog.text
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED  # committed; its task never queued
    assert client.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 200

    # Within the delay the task may still come: the sweep waits.
    assert sweep.sweep() == {}
    assert counts(sweep.due_work())["grading"] == 0
    later = timezone.now() + timedelta(seconds=sweep.DEFAULT_DELAY + 1)
    assert counts(sweep.due_work(now=later))["grading"] == 1

    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep() == {"grading": 1}
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 5
    assert attempt.announced_at is not None
    (notice,) = Notification.objects.filter(user=user)
    assert notice.kind == Notification.Kind.QUIZ_GRADED

    # A second sweep, and the lost task arriving after all, change nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep() == {}
        assert grading.grade_submitted(attempt.pk) is False
    assert Notification.objects.filter(user=user).count() == 1
    assert all(row.count == 0 for row in sweep.due_work())
    assert sweep.last_sweep_at() is not None


def test_the_broker_failure_is_logged_once_per_outage(db, broker_down, caplog, monkeypatch):
    for _ in range(3):
        assert background.enqueue_now("math.floor", 1.5) is False
    assert caplog.text.count("The task broker is unreachable") == 1
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: None)
    assert background.enqueue_now("math.floor", 1.5) is True
    assert "The task broker answers again" in caplog.text


def test_an_essay_waiting_for_a_person_is_not_due(world, django_capture_on_commit_callbacks):
    bank = b.category(world.course)
    essay = b.essay(bank)
    quiz = b.quiz(world.course, questions=[essay])
    attempt = quiz_access.start_attempt(world.learner.user, quiz)
    attempts.save_answer(attempt, essay.pk, text="Bài thu hoạch")
    with django_capture_on_commit_callbacks(execute=True):
        attempts.submit(attempt)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(hours=1))
    assert counts(sweep.due_work())["grading"] == 0
    assert sweep.sweep() == {}


def test_a_grade_whose_announcement_was_lost_is_announced_once(
    world, quiz, django_capture_on_commit_callbacks
):
    user = world.learner.user
    attempt = quiz_access.start_attempt(user, quiz)
    attempts.submit(attempt)
    # The worker dies after the grading commits, before the receivers run.
    with django_capture_on_commit_callbacks(execute=False):
        grading.grade_submitted(attempt.pk, now=timezone.now() - timedelta(minutes=5))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.announced_at is None
    assert not Notification.objects.filter(user=user).exists()
    due = {row.kind: row for row in sweep.due_work()}["grade_notices"]
    assert due.count == 1 and due.oldest_age_seconds >= 299
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep() == {"grade_notices": 1}
        assert sweep.sweep() == {}
    notice = Notification.objects.get(user=user)
    assert notice.kind == Notification.Kind.QUIZ_GRADED
    assert notice.url == reverse("quizzes:result", args=[attempt.pk])


def test_a_notice_whose_email_task_was_lost_is_emailed_once(world):
    user = world.learner.user
    user.email = "an@example.org"
    user.save()
    notify([user], kind=Notification.Kind.QUIZ_GRADED, key="k", subject="Điểm", message="…")
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=3))
    assert counts(sweep.due_work())["emails"] == 1
    assert sweep.sweep() == {"emails": 1}
    assert sweep.sweep() == {}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.org"]


def test_a_reminder_the_schedule_missed_is_sent_after_five(world, monkeypatch):
    world.learner.user.email = "an@example.org"
    world.learner.user.save()
    today = timezone.localdate()
    ClassSession.objects.filter(pk=world.session.pk).update(date=today + timedelta(days=1))

    def at(hour):
        moment = timezone.make_aware(datetime.combine(today, time(hour, 5)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    at(9)  # in the morning nothing is due yet
    assert counts(sweep.due_work())["reminders"] == 0
    assert sweep.sweep() == {}
    at(19)  # the 17:00 schedule did not run (the cluster was down)
    due = {row.kind: row for row in sweep.due_work()}["reminders"]
    assert due.count == 1 and due.oldest_age_seconds == 2 * 3600 + 300
    assert sweep.sweep() == {"reminders": 1}
    assert sweep.sweep() == {}
    assert Notification.objects.filter(user=world.learner.user).count() == 1
    assert len(mail.outbox) == 1


def test_nothing_due_costs_one_query_per_kind(world, quiz, django_assert_num_queries):
    # Some finished work of each kind, none of it due.
    user = world.learner.user
    attempt = quiz_access.start_attempt(user, quiz)
    attempts.submit(attempt)
    grading.grade_submitted(attempt.pk)
    grading.announce(attempt.pk)
    sweep.sweep()
    kinds = len(sweep.KINDS)
    assert kinds >= 6  # grading, notices, e-mails, reminders, completion checks, PDFs
    with django_assert_num_queries(kinds + 2):  # the lease, the kinds, the record
        assert sweep.sweep() == {}
    with django_assert_num_queries(kinds):
        sweep.due_work()
    with django_assert_num_queries(1):
        assert sweep.last_sweep().result == {}


def test_one_sweep_at_a_time(db):
    BackgroundSweep.objects.create(pk=1, lease_until=timezone.now() + timedelta(minutes=1))
    assert sweep.sweep() is None
    BackgroundSweep.objects.filter(pk=1).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert sweep.sweep() == {}


def test_the_schedule_exists_once(db):
    sweep.ensure_schedule()
    sweep.ensure_schedule()
    schedule = Schedule.objects.get(name=sweep.SCHEDULE_NAME)
    assert schedule.func == "lms.sweep.sweep" and schedule.minutes == 1
