from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LearnerProfile(models.Model):
    """Personal data of a learner. Visible only to the learner, the lecturers of their
    classes and centre staff (see ``lms.access``)."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    class Category(models.TextChoices):
        PARTY_MEMBER = "party_member", _("Party member")
        PROBATIONARY = "probationary", _("Probationary party member")
        ELITE_MASSES = "elite_masses", _("Outstanding non-party member (quần chúng ưu tú)")
        YOUTH_UNION = "youth_union", _("Youth Union member")
        ASSOCIATION = "association", _("Association member")
        CADRE = "cadre", _("Cadre or civil servant")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learners",
    )
    centre = models.ForeignKey(
        "lms.Centre",
        verbose_name=_("centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learners",
        help_text=_(
            "The centre whose area the learner lives or works in now. A learner who moves "
            "keeps their classes, results and certificates with the centres that gave them."
        ),
    )
    category = models.CharField(
        pgettext_lazy("learner", "category"),
        max_length=20,
        choices=Category.choices,
        default=Category.OTHER,
    )
    position = models.CharField(pgettext_lazy("learner", "position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when the account was given a one-time password."),
    )
    email_notifications = models.BooleanField(
        _("e-mail notifications"),
        default=True,
        help_text=_("Also send notifications by e-mail; they always appear in the portal."),
    )

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name
