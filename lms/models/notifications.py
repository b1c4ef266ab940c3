from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a person should know, shown in the portal and, where they have an
    e-mail address, sent by e-mail. Tasks create them; ``key`` makes a task that runs
    twice create each one once."""

    class Kind(models.TextChoices):
        SESSION_REMINDER = "session_reminder", _("In-person session reminder")
        QUIZ_GRADED = "quiz_graded", _("Quiz graded")
        DISCUSSION_REPLY = "discussion_reply", _("Reply in a discussion")
        DISCUSSION_MENTION = "discussion_mention", _("Mention in a discussion")
        DISCUSSION_PINNED = "discussion_pinned", _("Pinned discussion question")
        DISCUSSION_MODERATION = "discussion_moderation", _("Discussion moderation")
        DISCUSSION_REPORT = "discussion_report", _("Reported post")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=100)
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="lms_notification_once")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="lms_notification_unread"),
            # The sweep looks for notices not yet e-mailed (lms/sweep.py).
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True),
                name="lms_notification_unsent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
