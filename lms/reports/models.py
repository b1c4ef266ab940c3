"""The training plan of a year: how many classes and learners each program should reach,
per centre (the province's plan is the sum of its centres' lines).

The reporting permission lives on this model's Meta, so it is an ordinary Django
permission that a group (centre staff, by a data migration) can hold."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models import Centre, TrainingClass

VIEW_REPORTS = "lms_reports.view_reports"


class PlanLine(models.Model):
    """One line of a centre's plan for a year: a program, optionally at one kind of venue.
    A line without a centre (kept from before centres had plans) counts in the province's
    total only."""

    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="plan_lines",
        null=True,
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    program = models.ForeignKey(
        "lessons.ProgramType",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    venue_kind = models.CharField(
        _("venue"),
        max_length=10,
        choices=TrainingClass.Venue.choices,
        blank=True,
        help_text=_("Leave empty for a plan that covers every venue."),
    )
    classes = models.PositiveIntegerField(_("planned classes"))
    learners = models.PositiveIntegerField(_("planned learners"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("training plan")
        ordering = ["-year", "centre__name", "program__sort_order", "program__name", "venue_kind"]
        permissions = [("view_reports", _("Can view training reports and dashboards"))]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "program", "venue_kind"],
                name="lms_reports_plan_line_unique_per_centre",
            ),
            models.UniqueConstraint(
                fields=["year", "program", "venue_kind"],
                condition=models.Q(centre__isnull=True),
                name="lms_reports_plan_line_unique_without_centre",
            ),
        ]

    def __str__(self) -> str:
        venue = f" ({self.get_venue_kind_display()})" if self.venue_kind else ""
        centre = f"{self.centre} · " if self.centre_id else ""
        return f"{centre}{self.year} · {self.program}{venue}"
