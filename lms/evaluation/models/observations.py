"""Class observations (dự giờ): one lecturer sits in on another's session and records
scores and comments. Seen by the two lecturers and by the centre's staff."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .surveys import SCORE_MAX, SCORE_MIN

# (field name, label): the criteria of the centre's observation sheet, scored 1 to 5.
CRITERIA = [
    ("content_score", _("Content: accurate, up to date, well structured")),
    ("method_score", _("Method: learner-centred, discussion")),
    ("practice_score", _("Links to local practice")),
    ("time_score", _("Use of time")),
    ("manner_score", _("Manner and rapport with learners")),
]


def score_field(label):
    return models.PositiveSmallIntegerField(
        label,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=_("1 (poor) to 5 (excellent)"),
    )


class ObservationQuerySet(models.QuerySet):
    def involving(self, user):
        """Observations the user made or was the subject of."""
        return self.filter(Q(observer=user) | Q(observed=user))


class Observation(models.Model):
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observer"),
        on_delete=models.PROTECT,
        related_name="observations_made",
    )
    observed = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observed lecturer"),
        on_delete=models.PROTECT,
        related_name="observations_received",
    )
    session = models.ForeignKey(
        "lms.ClassSession",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    date = models.DateField(_("date"))
    content_score = score_field(CRITERIA[0][1])
    method_score = score_field(CRITERIA[1][1])
    practice_score = score_field(CRITERIA[2][1])
    time_score = score_field(CRITERIA[3][1])
    manner_score = score_field(CRITERIA[4][1])
    strengths = models.TextField(_("strengths"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("class observation")
        verbose_name_plural = _("class observations")
        ordering = ["-date", "-pk"]
        permissions = [("view_all_observations", _("Can see every class observation"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(observer=models.F("observed")),
                name="lms_evaluation_observe_someone_else",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX}),
                    name=f"lms_evaluation_{name}_range",
                )
                for name, _label in CRITERIA
            ],
        ]

    def __str__(self) -> str:
        return str(
            _("%(observed)s observed by %(observer)s, %(date)s")
            % {
                "observed": _name(self.observed),
                "observer": _name(self.observer),
                "date": self.date.strftime("%d/%m/%Y") if self.date else "",
            }
        )

    @property
    def average(self) -> float:
        return round(sum(getattr(self, name) for name, _label in CRITERIA) / len(CRITERIA), 2)

    def clean(self):
        errors = {}
        if self.observer_id and self.observer_id == self.observed_id:
            errors["observed"] = _("A lecturer cannot observe themselves.")
        if self.session_id and self.observed_id:
            from lms.models import ClassLecturer

            session = self.session
            teaches = session.lecturer_id == self.observed_id or (
                ClassLecturer.objects.filter(
                    training_class_id=session.training_class_id, user_id=self.observed_id
                ).exists()
            )
            if not teaches:
                errors["observed"] = _("This lecturer does not teach the class of the session.")
        if errors:
            raise ValidationError(errors)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()
