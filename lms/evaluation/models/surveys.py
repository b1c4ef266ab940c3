"""Lecturer evaluation surveys (phiếu khảo sát).

A *template* (criteria on a 1–5 scale and a prompt for free comments) is edited by staff.
A class has at most one *survey*: opened from a template, it copies the template's
criteria into its own *questions*, so editing the template later never changes what was
asked. Each learner of the class answers it once for each lecturer of the class.

Anonymity is kept by the shape of the tables, not by a promise:

- a *receipt* (enrolment + lecturer) says only that the learner has answered;
- a *response* (survey + lecturer + comment) and its *scores* carry no learner, no
  enrolment and no time;
- all three have random UUID primary keys, so neither ids nor their order tie a receipt
  to a response. Both are written in one transaction (``lms.evaluation.surveys.answer``).
"""

import uuid
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

SCORE_MIN = 1
SCORE_MAX = 5
# Results of a lecturer in a class are shown only from this many responses on.
MIN_RESPONSES = 5
DEFAULT_OPEN_DAYS = 14


class SurveyTemplate(ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to learners above the questions.")
    )
    comments_prompt = models.CharField(
        _("comments prompt"),
        max_length=300,
        default=_("Other comments and suggestions"),
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used when a survey opens by itself as its class finishes."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("intro"),
        InlinePanel("criteria", heading=_("Criteria (scored 1 to 5)"), min_num=1),
        FieldPanel("comments_prompt"),
        FieldPanel("is_default"),
    ]

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls):
        return cls.objects.order_by("-is_default", "pk").first()


class SurveyCriterion(Orderable):
    template = ParentalKey(SurveyTemplate, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("criterion"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)

    panels = [FieldPanel("label"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.label


class SurveyQuerySet(models.QuerySet):
    def accepting(self, today=None):
        """Surveys learners may answer today."""
        today = today or timezone.localdate()
        return self.filter(status=Survey.Status.OPEN).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=today)
        )

    def over(self, today=None):
        """Surveys no longer taking answers: only these show results."""
        today = today or timezone.localdate()
        return self.filter(Q(status=Survey.Status.CLOSED) | Q(closes_on__lt=today))


class Survey(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    training_class = models.OneToOneField(
        "lms.TrainingClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="evaluation_survey",
    )
    template = models.ForeignKey(
        SurveyTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    opens_on = models.DateField(_("opened on"), default=timezone.localdate)
    closes_on = models.DateField(
        _("closes after"),
        null=True,
        blank=True,
        help_text=_("Learners may answer until the end of this day. Empty: until closed."),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("lecturer survey")
        verbose_name_plural = _("lecturer surveys")
        ordering = ["-opens_on", "-pk"]
        permissions = [
            ("view_all_results", _("Can see every lecturer's survey results")),
            ("view_own_results", _("Can see their own survey results")),
        ]

    def __str__(self) -> str:
        return str(_("Survey of %(class)s") % {"class": self.training_class})

    def is_accepting(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and (
            self.closes_on is None or self.closes_on >= today
        )

    def copy_questions(self) -> None:
        """Copy the template's criteria, once: what was asked stays what was asked."""
        if self.questions.exists():
            return
        SurveyQuestion.objects.bulk_create(
            [
                SurveyQuestion(
                    survey=self,
                    position=position,
                    label=criterion.label,
                    help_text=criterion.help_text,
                )
                for position, criterion in enumerate(self.template.criteria.all(), start=1)
            ]
        )

    @classmethod
    def open_for(cls, training_class, template=None, days=DEFAULT_OPEN_DAYS):
        """The class's survey, opened with the template (the default one if none) if the
        class has none yet. Safe to call twice."""
        template = template or SurveyTemplate.default()
        if template is None:
            return None
        survey, _created = cls.objects.get_or_create(
            training_class=training_class,
            defaults={
                "template": template,
                "closes_on": timezone.localdate() + timedelta(days=days) if days else None,
            },
        )
        survey.copy_questions()
        return survey


class SurveyQuestion(models.Model):
    """A criterion as it was asked in one survey."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("criterion"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="lms_evaluation_question_position"
            )
        ]

    def __str__(self) -> str:
        return self.label


class SurveyReceipt(models.Model):
    """Says "this learner has answered about this lecturer", and nothing else: no answer, no
    time. It is what refuses a second answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="survey_receipts"
    )
    lecturer = models.ForeignKey(
        "lms.ClassLecturer", on_delete=models.CASCADE, related_name="survey_receipts"
    )

    class Meta:
        verbose_name = _("survey receipt")
        verbose_name_plural = _("survey receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lecturer"], name="lms_evaluation_one_answer"
            )
        ]

    def __str__(self) -> str:
        return str(_("survey receipt"))


class SurveyResponse(models.Model):
    """One anonymous answer about one lecturer: no learner, no enrolment, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    lecturer = models.ForeignKey(
        "lms.ClassLecturer", on_delete=models.PROTECT, related_name="survey_responses"
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return str(_("survey response"))


class SurveyAnswerScore(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="scores")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="lms_evaluation_one_score"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN) & Q(value__lte=SCORE_MAX),
                name="lms_evaluation_score_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.value)
