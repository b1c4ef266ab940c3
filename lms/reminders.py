"""The day before an in-person session, its learners are reminded of it, with the
lessons to read first. Runs as a django-q2 schedule (created by a post_migrate handler,
see apps.py); safe to run twice: each reminder exists once, each e-mail goes once."""

from datetime import time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from quizzes import background

from . import progress
from .models import ClassSession, Enrolment, LessonProgress, Notification, TrainingClass
from .notify import email_pending

SCHEDULE_NAME = "lms.session_reminders"
TASK = "lms.reminders.send_session_reminders"


def send_session_reminders(day=None) -> int:
    """Remind the learners of every session held the day after ``day`` (default: today).
    Returns the number of reminders created by this run."""
    tomorrow = (day or timezone.localdate()) + timedelta(days=1)
    created = 0
    sessions = ClassSession.objects.filter(
        date=tomorrow,
        training_class__status__in=TrainingClass.RUNNING_STATUSES,
    ).select_related("training_class__course", "topic")
    for session in sessions:
        created += remind(session)
    email_pending()
    return created


def remind(session: ClassSession) -> int:
    training_class = session.training_class
    enrolments = list(
        Enrolment.objects.filter(
            training_class=training_class, status=Enrolment.Status.ACTIVE
        ).select_related("learner__user")
    )
    lessons = progress.lessons_by_course([training_class.course]).get(training_class.course_id, [])
    done = set(
        LessonProgress.objects.filter(
            enrolment__in=enrolments, completed_at__isnull=False
        ).values_list("enrolment_id", "lesson_id")
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("Tomorrow: %(class)s, %(time)s at %(venue)s") % {
            "class": training_class.title,
            "time": session.starts_at.strftime("%H:%M"),
            "venue": session.venue,
        }
        notifications = []
        for enrolment in enrolments:
            unread = [lesson for lesson in lessons if (enrolment.pk, lesson.pk) not in done]
            to_read = [lesson.title for lesson in unread[:3]]
            topic_done = session.topic_id and (enrolment.pk, session.topic_id) in done
            if session.topic and not topic_done and session.topic.title not in to_read:
                to_read.insert(0, session.topic.title)
            lines = [
                _("Your class meets on %(date)s from %(start)s to %(end)s at %(venue)s.")
                % {
                    "date": session.date.strftime("%d/%m/%Y"),
                    "start": session.starts_at.strftime("%H:%M"),
                    "end": session.ends_at.strftime("%H:%M"),
                    "venue": session.venue,
                }
            ]
            if to_read:
                lines.append(_("Please read first: %(lessons)s.") % {"lessons": "; ".join(to_read)})
            notifications.append(
                Notification(
                    user=enrolment.learner.user,
                    kind=Notification.Kind.SESSION_REMINDER,
                    key=f"session:{session.pk}",
                    subject=subject,
                    message="\n".join(lines),
                    url="/learn/",
                )
            )
    before = Notification.objects.filter(key=f"session:{session.pk}").count()
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    ClassSession.objects.filter(pk=session.pk).update(reminded_at=timezone.now())
    return Notification.objects.filter(key=f"session:{session.pk}").count() - before


REMINDER_HOUR = 17


def reminders_due(now=None):
    """Sessions held tomorrow whose learners are not reminded yet, once the day's
    reminder time (17:00) has passed: what the sweep re-drives if the schedule missed."""
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    # Before the reminder time nothing is due (an empty range: still one query).
    last = tomorrow if local.hour >= REMINDER_HOUR else local.date()
    return ClassSession.objects.filter(
        date__range=(tomorrow, last),
        reminded_at__isnull=True,
        training_class__status__in=[TrainingClass.Status.OPEN, TrainingClass.Status.IN_SESSION],
    )


def reminders_due_since(now=None):
    local = timezone.localtime(now)
    return local.replace(hour=REMINDER_HOUR, minute=0, second=0, microsecond=0)


def ensure_schedule(**kwargs) -> None:
    """Create the daily schedule once (post_migrate)."""
    background.ensure_schedule(SCHEDULE_NAME, TASK, daily_at=time(REMINDER_HOUR))
