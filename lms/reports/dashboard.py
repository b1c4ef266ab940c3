"""The admin home's figures: a few plain grouped queries, kept in the cache until a
change that could alter them.

``dashboard_rows`` runs the queries (the year's classes, one row each with its enrolled,
completed, status and centre: a centre has ~80, a province ~800; the completions of the
year per month; the weakest organisations; the plan per centre when more than one centre
is counted). ``dashboard`` keeps those rows in the ``DASHBOARD`` namespace (one entry per
year and set of centres) and derives the figures from them in Python: the
classes by status, the totals, the largest classes and each centre's participations.
Saving or deleting an enrolment, class, centre, organisation, learner, plan line or
completion record, or importing a learner list, retires every entry (``_figure_signals``;
a completion is set by a queryset update that goes with a completion record's save); what
changes without a signal is at most ``DASHBOARD_SECONDS`` old.
"""

from django.db.models import Count, FilteredRelation, Q, Sum
from django.db.models.functions import ExtractMonth

from lessons.caching import Namespace
from lms.models import Enrolment, TrainingClass

from .figures import ACTIVE, centre_q, share, weakest_organisations
from .models import PlanLine

DASHBOARD_SECONDS = 300


def _figure_signals() -> list[tuple]:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from lms.signals import enrolments_changed

    senders = [
        "lms.Enrolment",
        "lms.TrainingClass",
        "lms.Centre",
        "lms.Organisation",
        "lms.LearnerProfile",
        "lms_reports.PlanLine",
    ]
    if apps.is_installed("lms.certificates"):  # a sub-app the site may leave out
        # Issuing or revoking sets the enrolment's completion by a queryset update.
        senders.append("lms_certificates.CompletionRecord")
    return [(signal, sender) for sender in senders for signal in (post_save, post_delete)] + [
        (enrolments_changed, None)  # the learner-list import
    ]


DASHBOARD = Namespace("lms:dashboard", timeout=DASHBOARD_SECONDS, invalidated_by=_figure_signals)


def dashboard_rows(year: int, centres: frozenset[int] | None) -> dict:
    """The rows behind the figures, as plain tuples (what the cache keeps)."""
    classes = (
        TrainingClass.objects.filter(centre_q(centres, "centre"), year=year)
        .annotate(active=FilteredRelation("enrolments", condition=Q(enrolments__status=ACTIVE)))
        .order_by()
        .values_list("pk", "title", "status", "centre", "centre__name", "centre__short_name")
        .annotate(enrolled=Count("active"), completed=Count("active__completed_at"))
    )
    months = (
        Enrolment.objects.completed_in(year)
        .filter(centre_q(centres, "training_class__centre"))
        .annotate(month=ExtractMonth("completed_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    rows = {"classes": list(classes), "months": dict(months)}
    # The weakest organisations join every participation of the year with its
    # learner: the costliest query over a whole province.
    rows["weakest"] = list(
        weakest_organisations(year, centres=centres).values_list(
            "learner__organisation", "learner__organisation__name", "enrolled", "completed"
        )
    )
    # The plan per centre, for the charts that compare centres.
    rows["plan"] = {}
    if centres is None or len(centres) > 1:
        rows["plan"] = dict(
            PlanLine.objects.filter(centre_q(centres, "centre"), year=year, centre__isnull=False)
            .order_by()
            .values("centre")
            .annotate(n=Sum("learners"))
            .values_list("centre", "n")
        )
    return rows


def dashboard(year: int, centres: frozenset[int] | None = None) -> dict:
    """The figures of ``year`` over ``centres`` (None: every centre)."""
    key = ("all" if centres is None else ",".join(map(str, sorted(centres))), year)
    rows = DASHBOARD.get(*key)
    if rows is None:
        rows = dashboard_rows(year, centres)
        DASHBOARD.set(rows, *key)
    return _summary(year, rows)


def _summary(year: int, rows: dict) -> dict:
    classes, months = rows["classes"], rows["months"]
    by_status: dict[str, int] = {}
    per_centre: dict[int, tuple[str, int, int]] = {}
    for _pk, _title, status, centre, name, _short, n, done in classes:
        by_status[status] = by_status.get(status, 0) + 1
        if n:
            _name, enrolled, completed = per_centre.get(centre, (name, 0, 0))
            per_centre[centre] = (name, enrolled + n, completed + done)
    largest = sorted((row for row in classes if row[6] > 0), key=lambda row: (-row[6], row[1]))
    enrolled = sum(n for _name, n, _done in per_centre.values())
    completed = sum(done for _name, _n, done in per_centre.values())
    return {
        "year": year,
        # (centre id, name, participations, completed) of the centres with participations.
        "centres": sorted(
            ((key, name, n, done) for key, (name, n, done) in per_centre.items()),
            key=lambda row: row[1],
        ),
        "plan": rows["plan"],  # {centre id: planned learners}
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in TrainingClass.Status.choices
        ],
        "classes_total": len(classes),
        "enrolled": enrolled,
        # Completions and certificates in the year they happened (the completions of
        # its months); the rate is that of the year's classes, whenever completed.
        "completed": sum(months.values()),
        "rate": share(completed, enrolled),
        "certificates": sum(months.values()),
        "months": [(month, months.get(month, 0)) for month in range(1, 13)],
        "classes": [
            {
                "pk": pk,
                "title": title,
                "centre": short or name,
                "enrolled": n,
                "completed": done,
                "rate": rate(done, n),
            }
            for pk, title, _status, _centre, name, short, n, done in largest[:12]
        ],
        "weakest": [
            {"pk": pk, "name": name, "enrolled": n, "completed": done, "rate": rate(done, n)}
            for pk, name, n, done in rows["weakest"]
        ],
    }


def rate(done: int, total: int) -> float | None:
    """A completion rate in per cent (None without learners), as ``figures._rate``."""
    return float(done) * 100 / float(total) if total else None
