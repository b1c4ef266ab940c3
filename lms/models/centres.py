from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

DEFAULT_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"


class NameOrder(models.TextChoices):
    FULL = "full", _("By full name, as written")
    GIVEN = "given", _("By given name (the last word), then the full name")


def default_name_order() -> str:
    """A new centre files names as the installation's ``LMS_NAME_ORDER`` says."""
    from django.conf import settings

    order = getattr(settings, "LMS_NAME_ORDER", NameOrder.FULL)
    return order if order in NameOrder.values else NameOrder.FULL


@dataclass(frozen=True)
class Letterhead:
    """What a centre's paperwork prints at its top and bottom (certificates, the register,
    results sheets, decisions), from ``Centre.letterhead``.

    Top left: ``parent_body`` (regular) over ``issuing_body`` (bold, underlined); top right:
    ``header_lines`` (bold; the last underlined), e.g. ["ĐẢNG CỘNG SẢN VIỆT NAM"] or
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]. Bottom right:
    ``dated(day)`` ("Chiêm Hóa, ngày 05 tháng 12 năm 2026"), ``signatory_title`` over the
    seal area and ``signatory_name``."""

    parent_body: str
    issuing_body: str
    header_lines: tuple[str, ...]
    place: str
    signatory_title: str
    signatory_name: str
    seal: object = None  # a Wagtail image, or None

    def dated(self, day) -> str:
        """ "<place>, ngày dd tháng mm năm yyyy": a day below 10 and the months 1 and 2 with
        a leading zero, as Vietnamese administrative documents write them."""
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
        return f"{self.place}, {text}" if self.place else text.capitalize()


class Centre(models.Model):
    """A training centre: one per Wagtail site. Its name, issuing authority and signer
    are data, so the same installation serves a district centre, a provincial school or
    several of them."""

    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="centre"
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    issuing_authority = models.CharField(
        _("parent body"),
        max_length=255,
        help_text=_(
            "The body above the centre, printed over its name at the top left of its "
            "papers, e.g. “Huyện ủy Chiêm Hóa”."
        ),
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_(
            "The centre as its papers name it at the top left, e.g. “Trung tâm Chính trị”. "
            "Empty: the centre's name."
        ),
    )
    header_lines = models.TextField(
        _("national or Party header"),
        default=DEFAULT_HEADER,
        help_text=_(
            "Printed at the top right, one line per line, the last one underlined: "
            "“ĐẢNG CỘNG SẢN VIỆT NAM”, or “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” over "
            "“Độc lập - Tự do - Hạnh phúc”."
        ),
    )
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("For “…, ngày … tháng … năm …”, e.g. “Chiêm Hóa”. Empty: the short name."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Giám đốc”, or “KT. Giám đốc” over “Phó Giám đốc” on two lines."),
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("seal image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Empty: the seal area is left for the stamp on paper."),
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    name_order = models.CharField(
        _("order of names"),
        max_length=10,
        choices=NameOrder.choices,
        default=default_name_order,
        help_text=_(
            "How the centre's lists, attendance slips, register and reports sort learners."
        ),
    )

    class Meta:
        verbose_name = _("training centre")
        verbose_name_plural = _("training centres")
        # The province role holds it (see lms.roles.PROVINCE and lms.access.centre_ids).
        permissions = [("view_all_centres", _("Can see and compare every centre"))]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead(self) -> Letterhead:
        """The centre's paperwork identity (see ``Letterhead``)."""
        lines = tuple(line.strip() for line in self.header_lines.splitlines() if line.strip())
        return Letterhead(
            parent_body=self.issuing_authority.upper(),
            issuing_body=(self.issuing_body or self.name).upper(),
            header_lines=lines,
            place=self.place_name or self.short_name or self.name,
            signatory_title=self.signer_title,
            signatory_name=self.signer_name,
            seal=self.seal if self.seal_id else None,
        )

    @classmethod
    def for_request(cls, request) -> "Centre | None":
        from wagtail.models import Site

        site = Site.find_for_request(request)
        return cls.objects.filter(site=site).first() if site else None


class Organisation(MP_Node):
    """A node of the organisation tree: a Party committee above its cells and agencies."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        PARTY_CELL = "party_cell", _("Party cell")
        AGENCY = "agency", _("Agency or unit")
        MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
        COMMUNE = "commune", _("Commune or ward")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.PARTY_CELL)
    place = models.CharField(_("place"), max_length=255, blank=True)
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("The centre whose area it is in. Empty for a new unit: its parent's centre."),
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def indented_name(self) -> str:
        return f"{'— ' * (self.depth - 1)}{self.name}"

    def save(self, *args, **kwargs):
        # A new unit is in its parent's area unless told otherwise.
        if self.centre_id is None and self.depth and self.depth > 1:
            self.centre_id = (
                Organisation.objects.filter(path=self.path[: -self.steplen])
                .values_list("centre_id", flat=True)
                .first()
            )
        super().save(*args, **kwargs)


class CentreMembership(models.Model):
    """A staff member or lecturer works for a centre; a part-time lecturer may work for
    two. Staff permission means "every class of their centres" (see ``lms.access``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="centre_memberships",
    )
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        verbose_name = _("centre membership")
        verbose_name_plural = _("centre memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="lms_centre_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.centre}"
