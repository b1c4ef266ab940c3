import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.grades import Classification


def new_code() -> str:
    """The verification code: 32 random bytes (256 bits), unrelated to the number."""
    return secrets.token_urlsafe(32)


class RegisterCounter(models.Model):
    """The last number used in one centre's register for one year. Locked while a
    number is taken, in the transaction that creates the record: a rollback gives the
    number back, so the register has no gaps."""

    centre = models.ForeignKey("lms.Centre", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="lms_certificates_counter")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id}/{self.year}: {self.last}"


class CompletionRecord(models.Model):
    """One learner's completion of one class: an entry in the centre's register (sổ cấp
    giấy chứng nhận) and the certificate. A revoked record stays; staff may re-issue it,
    which makes a new record with a new number that names the revoked one
    (``reissue_of``). At most one valid record per enrolment."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    enrolment = models.ForeignKey(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="completion_records",
    )
    reissue_of = models.OneToOneField(
        "self",
        verbose_name=_("re-issue of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissued_as",
        help_text=_("The revoked certificate this one replaces."),
    )
    centre = models.ForeignKey(
        "lms.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("register year"))
    sequence = models.PositiveIntegerField(_("number in the register"))
    register_number = models.CharField(_("register number"), max_length=80)
    code = models.CharField(
        _("verification code"), max_length=64, unique=True, default=new_code, editable=False
    )
    issued_on = models.DateField(_("issued on"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: issued automatically when the rules were met."),
    )
    override_reason = models.TextField(
        _("reason for issuing without meeting the rules"), blank=True
    )
    # What the certificate says, fixed when it is issued.
    learner_name = models.CharField(_("learner"), max_length=255)
    course_title = models.CharField(_("course"), max_length=255)
    class_title = models.CharField(_("class"), max_length=300)
    grades = models.JSONField(_("grade summary"), default=dict, blank=True)
    salutation = models.CharField(_("salutation"), max_length=10, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    study_from = models.DateField(_("studied from"), null=True, blank=True)
    study_to = models.DateField(_("studied until"), null=True, blank=True)
    final_grade = models.DecimalField(
        _("final grade"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    classification = models.CharField(
        _("classification"), max_length=12, choices=Classification.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)

    class Meta:
        verbose_name = _("completion record")
        verbose_name_plural = _("completion records")
        ordering = ["centre_id", "-year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "sequence"], name="lms_certificates_register_seq"
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status="valid"),
                name="lms_certificates_one_valid_record",
            ),
        ]
        indexes = [
            # The sweep looks for records whose PDF is not rendered yet.
            models.Index(
                fields=["issued_at"], condition=Q(pdf=""), name="lms_certificates_unrendered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_number} · {self.learner_name}"

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    @classmethod
    def current_for(cls, enrolment_ids) -> dict:
        """{enrolment id: its latest record} (a re-issue is newer than what it replaces)."""
        latest = {}
        for record in cls.objects.filter(enrolment_id__in=list(enrolment_ids)).order_by("pk"):
            latest[record.enrolment_id] = record
        return latest


class EvaluationDue(models.Model):
    """An enrolment to check against the completion rules: written when something that
    may complete it happens (a lesson read, a grade, attendance), removed once the check
    ran. The check itself is a task; if it is lost, the sweep finds the row."""

    enrolment = models.OneToOneField(
        "lms.Enrolment", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    since = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("completion check due")
        verbose_name_plural = _("completion checks due")

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.since:%Y-%m-%d %H:%M:%S}"
