from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_FORMAT = "{seq}/{year}/CCNT"


class CertificateSettings(models.Model):
    """How one centre's certificates look and are numbered (edited in the admin). The
    header, place and signatory are the centre's (``Centre.letterhead``), shared with its
    other papers; the signatory may be overridden here."""

    centre = models.OneToOneField(
        "lms.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="certificate_settings",
    )
    number_format = models.CharField(
        _("register number format"),
        max_length=60,
        default=DEFAULT_FORMAT,
        help_text=_("{seq} is the number in the year's register, {year} the year."),
    )
    heading = models.CharField(_("heading"), max_length=120, default="GIẤY CHỨNG NHẬN")
    wording = models.CharField(
        _("wording"),
        max_length=300,
        default="Đã hoàn thành chương trình",
        help_text=_("Printed between the learner's name and the course."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(
        _("signer's name"), max_length=200, blank=True, help_text=_("Empty: the centre's.")
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=200, blank=True, help_text=_("Empty: the centre's.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self) -> str:
        return str(self.centre)

    @classmethod
    def for_centre(cls, centre) -> "CertificateSettings":
        found = cls.objects.filter(centre=centre).select_related("logo").first()
        return found or cls(centre=centre)

    def register_number(self, seq: int, year: int) -> str:
        try:
            return self.number_format.format(seq=seq, year=year)
        except (KeyError, IndexError, ValueError):
            return DEFAULT_FORMAT.format(seq=seq, year=year)

    @property
    def signer(self) -> tuple[str, str]:
        return (
            self.signer_name or self.centre.signer_name,
            self.signer_title or self.centre.signer_title,
        )
