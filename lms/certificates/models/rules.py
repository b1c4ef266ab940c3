from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CompletionRule(models.Model):
    """What a learner must do to complete a course. One set per course; a class may have
    its own set, which then replaces the course's for that class entirely."""

    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    training_class = models.OneToOneField(
        "lms.TrainingClass",
        verbose_name=_("class"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="completion_rule",
        help_text=_("Empty: the rules of every class of the course without rules of its own."),
    )
    min_lessons_percent = models.PositiveSmallIntegerField(
        _("required lessons completed (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("The share of the course's required lessons the learner has completed."),
    )
    quizzes = models.ManyToManyField(
        "quizzes.QuizPage",
        verbose_name=_("quizzes to pass"),
        blank=True,
        related_name="+",
        help_text=_("Each by its own pass mark and grading method, attempts in this class."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Of all the class's in-person sessions. Empty: no attendance rule."),
    )
    essay_quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("reflection essay"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The quiz holding the reflection essay (bài thu hoạch)."),
    )
    min_essay_grade = models.DecimalField(
        _("minimum essay grade"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(5),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("On the 10-point scale."),
    )
    min_posts = models.PositiveSmallIntegerField(
        _("minimum discussion posts"),
        default=0,
        help_text=_("Threads started and replies in the class's discussions. 0: no rule."),
    )
    staff_confirms = models.BooleanField(
        _("staff confirm each learner"),
        default=False,
        help_text=_("A member of staff confirms each learner before the certificate."),
    )

    class Meta:
        verbose_name = _("completion rules")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(training_class__isnull=True),
                name="lms_certificates_one_rule_per_course",
            )
        ]

    def __str__(self) -> str:
        if self.training_class_id:
            return str(self.training_class)
        return str(self.course)

    def clean(self):
        if (
            self.course_id
            and self.training_class is not None
            and self.training_class.course_id != self.course_id
        ):
            raise ValidationError({"training_class": _("The class is not a class of this course.")})


class StaffConfirmation(models.Model):
    """A member of staff confirmed that the learner completed the class (the "staff
    confirms" rule)."""

    enrolment = models.OneToOneField(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="staff_confirmation",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff confirmation")
        verbose_name_plural = _("staff confirmations")

    def __str__(self) -> str:
        return str(self.enrolment)
