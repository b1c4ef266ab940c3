from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from lms import progress, reminders
from lms.models import Notification


def test_learners_are_reminded_the_day_before_with_the_lessons_to_read(world):
    world.learner.user.email = "an@example.org"
    world.learner.user.save()
    progress.mark_completed(world.enrolment, world.lessons[0])
    day_before = world.session.date - timedelta(days=1)
    assert reminders.send_session_reminders(day=day_before) == 1
    notification = Notification.objects.get(user=world.learner.user)
    assert "Hội trường Trung tâm" in notification.subject
    # The lessons not yet finished are named; the finished one is not.
    assert world.lessons[1].title in notification.message
    assert world.lessons[0].title not in notification.message
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.org"]
    # Learners of the other class, with no session tomorrow, get nothing.
    assert not Notification.objects.filter(user=world.other_learner.user).exists()


def test_running_twice_reminds_and_emails_once(world):
    world.learner.user.email = "an@example.org"
    world.learner.user.save()
    day_before = world.session.date - timedelta(days=1)
    reminders.send_session_reminders(day=day_before)
    assert reminders.send_session_reminders(day=day_before) == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_no_reminder_on_other_days_and_none_for_withdrawn_learners(world):
    assert reminders.send_session_reminders(day=world.session.date) == 0
    world.enrolment.status = "withdrawn"
    world.enrolment.save()
    assert reminders.send_session_reminders(day=world.session.date - timedelta(days=1)) == 0
    assert Notification.objects.count() == 0


def test_the_reminder_shows_on_the_dashboard(client, world):
    reminders.send_session_reminders(day=world.session.date - timedelta(days=1))
    client.force_login(world.learner.user)
    html = client.get("/learn/").content.decode()
    assert "Hội trường Trung tâm" in html
    response = client.post("/learn/notifications/read/")
    assert response.status_code == 302
    assert Notification.objects.get().read_at is not None


def test_the_daily_schedule_exists_once(db):
    reminders.ensure_schedule()
    reminders.ensure_schedule()
    schedule = Schedule.objects.get(name=reminders.SCHEDULE_NAME)
    assert schedule.func == "lms.reminders.send_session_reminders"
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.next_run > timezone.now() - timedelta(minutes=1)
