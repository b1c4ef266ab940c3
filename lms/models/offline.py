from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgressEvent(models.Model):
    """A progress event recorded on a phone without a connection and sent later
    (lms/offline/sync.py). The phone gives each event its own key; the unique constraint
    makes a second delivery of the same event change nothing."""

    class Kind(models.TextChoices):
        VIEWED = "viewed", pgettext_lazy("progress event", "Viewed")
        FINISHED = "finished", pgettext_lazy("progress event", "Finished")
        TIME = "time", _("Reading time")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("event key"), max_length=64)
    enrolment = models.ForeignKey(
        "lms.Enrolment", verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("happened at"))
    seconds = models.PositiveIntegerField(_("seconds"), default=0)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offline progress event")
        verbose_name_plural = _("offline progress events")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="lms_progress_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.key}"
