"""Telling people things: one place for every sub-app.

``notify()`` stores in-app notifications (one per person and ``key``, so a task that runs
twice tells each person once) and, after the transaction commits, enqueues the e-mail
task. People whose learner profile has e-mail turned off see them in the portal only.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quizzes.background import enqueue_now

from . import links
from .models import Notification

EMAIL_TASK = "lms.notify.email_pending"
EMAIL_QUEUED_KEY = "lms:email-task-queued"
EMAIL_QUEUED_SECONDS = 300


def notify(
    users: Iterable, *, kind: str, key: str, subject: str, message: str, url: str = ""
) -> int:
    """Notify each user once per ``key``; returns how many notifications are new."""
    user_ids = {getattr(user, "pk", user) for user in users}
    told = set(
        Notification.objects.filter(key=key, user_id__in=user_ids).values_list("user_id", flat=True)
    )
    new = [
        Notification(user_id=user_id, kind=kind, key=key, subject=subject, message=message, url=url)
        for user_id in user_ids - told
    ]
    if not new:
        return 0
    # A task running the same notify() at the same moment loses the race quietly.
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    transaction.on_commit(enqueue_emails)
    return len(new)


def enqueue_emails() -> None:
    """Queue the e-mail task unless one is already queued and not yet started: a busy
    hour of grading or discussion queues a handful of tasks, not one per notice. The task
    clears the mark before it looks, so nothing stored before it looks is missed."""
    if cache.add(EMAIL_QUEUED_KEY, 1, timeout=EMAIL_QUEUED_SECONDS) and not enqueue_now(
        EMAIL_TASK, task_name="lms-email-pending", group="lms-email"
    ):
        cache.delete(EMAIL_QUEUED_KEY)  # not queued after all: the next notice tries again


def email_pending(limit: int = 500) -> int:
    """E-mail notifications not yet sent to people who have an address and want e-mail;
    each goes once, even when two workers run this at the same time."""
    cache.delete(EMAIL_QUEUED_KEY)
    sent = 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True)
        .exclude(user__email="")
        .filter(
            Q(user__learner_profile__isnull=True)
            | Q(user__learner_profile__email_notifications=True)
        )
    )
    for notification in pending.select_related("user")[:limit]:
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                continue  # another worker has it
            body = notification.message
            if notification.url:
                body = f"{body}\n\n{links.absolute(notification.url)}"
            send_mail(notification.subject, body, None, [notification.user.email])
            sent += 1
    return sent
