"""Demo data for the reports: this year's training plan (idempotent)."""

from django.utils import timezone

from lessons.models import ProgramType
from lms.models import Centre
from lms.reports.models import PlanLine

# Planned classes and learners per program slug, roughly a district centre's year.
PLAN = {
    "nhan-thuc-ve-dang": (6, 600),
    "dang-vien-moi": (4, 300),
    "so-cap-llct": (2, 120),
}


def seed_reports(stdout=None) -> None:
    year = timezone.localdate().year
    # The plan of the demo's first centre (Chiêm Hoá, the default site's).
    centre = Centre.objects.filter(site__is_default_site=True).first()
    programs = ProgramType.objects.order_by("sort_order", "pk")
    made = 0
    for index, program in enumerate(programs):
        classes, learners = PLAN.get(program.slug, (2 if index < 6 else 1, 100))
        _line, created = PlanLine.objects.get_or_create(
            centre=centre,
            year=year,
            program=program,
            venue_kind="",
            defaults={"classes": classes, "learners": learners},
        )
        made += created
    if stdout is not None:
        stdout.write(f"Training plan {year}: {made} new line(s).")
