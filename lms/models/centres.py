from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


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
        _("issuing authority"),
        max_length=255,
        help_text=_("The body in whose name certificates are issued."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("training centre")
        verbose_name_plural = _("training centres")

    def __str__(self) -> str:
        return self.name

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

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def indented_name(self) -> str:
        return f"{'— ' * (self.depth - 1)}{self.name}"
