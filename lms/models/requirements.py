from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassLessonChoice(models.Model):
    """Staff's decision whether a required lesson of the course is required for one
    class: a lesson published while the class runs need not raise what its learners
    must complete. Without a decision the lesson is required (the course's word); a
    decision of "not required" takes it out of the class's completion rules
    (lms/certificates/rules.py)."""

    training_class = models.ForeignKey(
        "lms.TrainingClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="lesson_choices",
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="class_choices",
    )
    required = models.BooleanField(_("required for this class"), default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        verbose_name = _("lesson requirement of a class")
        verbose_name_plural = _("lesson requirements of classes")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "lesson"], name="lms_one_lesson_choice_per_class"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training_class} · {self.lesson}"
