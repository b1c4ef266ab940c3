"""The province level: every centre's year side by side, plan beside actual.

``by_centre`` computes the comparison table in four grouped queries whatever the number
of centres (classes, participations and completion of the year's classes per centre; the
completions of the year per centre; the plan per centre; the centres). Which centres are
counted is always the caller's ``centres`` (the user's, from ``lms.access.centre_ids``;
None for every centre).
"""

from types import SimpleNamespace

from django.db.models import Count, FilteredRelation, Q, Sum

from lms.models import Centre, Enrolment, TrainingClass

from .figures import ACTIVE, OPENED, centre_q, share
from .models import PlanLine

KEYS = ("plan_classes", "plan_learners", "classes", "enrolled", "cohort_completed", "completed")


def _classes(year: int, venue: str, centres) -> dict:
    venue_q = Q(venue_kind=venue) if venue else Q()
    return {
        row["centre"]: row
        for row in TrainingClass.objects.filter(
            venue_q, centre_q(centres, "centre"), year=year, status__in=OPENED
        )
        .annotate(active=FilteredRelation("enrolments", condition=Q(enrolments__status=ACTIVE)))
        .order_by()
        .values("centre")
        .annotate(
            classes=Count("pk", distinct=True),
            enrolled=Count("active"),
            cohort_completed=Count("active__completed_at"),
        )
    }


def by_centre(year: int, venue: str = "", centres=None) -> dict:
    """{"centres": [rows with ``pk``, ``name`` and the figures], "totals": {...}}: per centre
    ``plan_classes``, ``plan_learners``, ``classes`` (opened), ``enrolled`` (participations
    in them), ``completed`` (completions dated in the year, each with its certificate, the
    register's rule), ``classes_share`` and ``learners_share`` (per cent of plan) and
    ``completion_rate`` (of the year's classes' participations, whenever completed)."""
    actual = _classes(year, venue, centres)
    completions = dict(
        Enrolment.objects.completed_in(year)
        .filter(centre_q(centres, "training_class__centre"))
        .filter(**({"training_class__venue_kind": venue} if venue else {}))
        .order_by()
        .values_list("training_class__centre")
        .annotate(n=Count("pk"))
    )
    plans = {
        row["centre"]: row
        for row in PlanLine.objects.filter(
            centre_q(centres, "centre"), year=year, **({"venue_kind": venue} if venue else {})
        )
        .order_by()
        .values("centre")
        .annotate(plan_classes=Sum("classes"), plan_learners=Sum("learners"))
    }
    rows = []
    for pk, name in (
        Centre.objects.filter(centre_q(centres, "pk")).order_by("name").values_list("pk", "name")
    ):
        found = {**actual.get(pk, {}), **plans.get(pk, {})}
        row = {key: found.get(key) or 0 for key in KEYS[:5]}
        row.update(pk=pk, name=name, completed=completions.get(pk, 0))
        _shares(row)
        rows.append(SimpleNamespace(**row))
    totals = {key: sum(getattr(row, key) for row in rows) for key in KEYS}
    # Plan lines kept without a centre (from before plans were per centre) count in the
    # province's total.
    if centres is None and None in plans:
        totals["plan_classes"] += plans[None]["plan_classes"] or 0
        totals["plan_learners"] += plans[None]["plan_learners"] or 0
    _shares(totals)
    return {"year": year, "venue": venue, "centres": rows, "totals": totals}


def _shares(row: dict) -> None:
    row["classes_share"] = share(row["classes"], row["plan_classes"])
    row["learners_share"] = share(row["enrolled"], row["plan_learners"])
    row["completion_rate"] = share(row["cohort_completed"], row["enrolled"])
