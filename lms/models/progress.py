from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LessonProgress(models.Model):
    """How far one enrolment got with one lesson. A learner who joins a new class of the
    same course starts afresh."""

    enrolment = models.ForeignKey(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    first_viewed_at = models.DateTimeField(_("first viewed"))
    last_seen_at = models.DateTimeField(_("last seen"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(_("time spent (seconds)"), default=0)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lms_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson_id}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused absence")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        "lms.ClassSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    enrolment = models.ForeignKey(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(pgettext_lazy("attendance", "recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="lms_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.session}: {self.get_status_display()}"
