"""The year's reports: the annual report (plan beside actual per program, on screen,
printable, XLSX and CSV) and the province's comparison of its centres. Every figure counts
the user's centres only (``scoping``); a province user's workbook has a total sheet and a
sheet per centre."""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import Centre

from . import figures, province
from .filters import AnnualFilterSet, YearFilterSet
from .layout import annual_workbook, bars, number, percent
from .scoping import require_reporting, scoped

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The annual report's figures, once: (key, heading) for the CSV; the screen, the
# printable page and the workbook lay out the same keys under two header rows.
ANNUAL_FIELDS = [
    ("plan_classes", gettext_lazy("Planned classes")),
    ("plan_learners", gettext_lazy("Planned learners")),
    ("classes", gettext_lazy("Classes opened")),
    ("enrolled", gettext_lazy("Participations")),
    ("completed", gettext_lazy("Completions")),
    ("certificates", gettext_lazy("Certificates")),
    ("classes_share", gettext_lazy("Classes: share of plan (%)")),
    ("learners_share", gettext_lazy("Learners: share of plan (%)")),
    ("completion_rate", gettext_lazy("Completion rate (%)")),
]
PERCENT_KEYS = {"classes_share", "learners_share", "completion_rate"}


def _filtered(request, filterset_class):
    data = request.GET.copy()
    data.setdefault("year", str(timezone.localdate().year))
    filterset = filterset_class(data=data, request=request)
    if not filterset.is_valid() or not filterset.form.cleaned_data.get("year"):
        return data, filterset, None
    return data, filterset, filterset.form.cleaned_data


def annual_report(request):
    """Plan and actual per program for a year: on screen, printable (?print=1), as a
    workbook laid out as a report (?export=xlsx) and as CSV (?export=csv)."""
    require_reporting(request)
    data, filterset, cleaned = _filtered(request, AnnualFilterSet)
    report = None
    if cleaned:
        year, venue, chosen = cleaned["year"], cleaned.get("venue") or "", cleaned.get("centre")
        report = annual_figures(year, venue, filterset.centres(), centre=chosen)
        export = request.GET.get("export")
        if export in ("xlsx", "csv"):
            per_centre = _per_centre(request, year, venue) if chosen is None else []
            return _export(report, per_centre, export)
    template = (
        "lms_reports/annual_print.html" if request.GET.get("print") else "lms_reports/annual.html"
    )
    return TemplateResponse(
        request,
        template,
        {
            "page_title": _("Annual report"),
            "header_icon": "doc-full",
            "filters": filterset,
            "report": report,
            "report_rows": display_rows(report) if report else [],
            "invalid": report is None,
            "query": data.urlencode(),
            "plan_url": reverse("lms_reports_plan:index"),
            "centres_url": reverse("lms_reports:centres"),
        },
    )


def _per_centre(request, year: int, venue: str) -> list[dict]:
    """The report of each of the user's centres, when they see more than one (an export
    runs three grouped queries per centre: a province has about ten)."""
    centres = list(scoped(Centre.objects.order_by("name"), request.user, "pk"))
    if len(centres) < 2:
        return []
    return [
        annual_figures(year, venue, frozenset([centre.pk]), centre=centre) for centre in centres
    ]


def _export(report: dict, per_centre: list[dict], kind: str) -> HttpResponse:
    name = f"bao-cao-nam-{report['year']}"
    if kind == "xlsx":
        response = HttpResponse(annual_workbook(report, per_centre), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow([_("Centre"), _("Program"), *(str(label) for _key, label in ANNUAL_FIELDS)])
    for part in [*per_centre, report]:
        centre = part["centre"].name if part.get("centre") is not None else _("All my centres")
        for program in part["programs"]:
            writer.writerow([centre, program.name, *_csv_values(program.__dict__)])
        writer.writerow([centre, _("Total"), *_csv_values(part["totals"])])
    return response


def _csv_values(row: dict) -> list:
    values = []
    for key, _label in ANNUAL_FIELDS:
        value = row.get(key)
        values.append(round(value, 1) if key in PERCENT_KEYS and value is not None else value)
    return values


def display_rows(report: dict) -> list[list[str]]:
    def cells(label, get):
        return [
            label,
            *(
                percent(get(key)) if key in PERCENT_KEYS else number(get(key))
                for key, _label in ANNUAL_FIELDS
            ),
        ]

    rows = [cells(row.name, lambda key, row=row: getattr(row, key)) for row in report["programs"]]
    rows.append(cells(_("Total"), report["totals"].get))
    return rows


def annual_figures(year: int, venue: str = "", centres=None, centre=None) -> dict:
    """The programs' rows (three grouped queries) and their totals (summed over those few
    rows), counting ``centres`` (None: every centre); ``centre`` names the one centre."""
    programs = list(figures.annual(year, venue, centres))
    keys = [
        "plan_classes",
        "plan_learners",
        "classes",
        "enrolled",
        "completed",
        "certificates",
        "cohort_completed",
    ]
    totals = {key: sum(getattr(row, key) for row in programs) for key in keys}
    totals["classes_share"] = figures.share(totals["classes"], totals["plan_classes"])
    totals["learners_share"] = figures.share(totals["enrolled"], totals["plan_learners"])
    totals["completion_rate"] = figures.share(totals["cohort_completed"], totals["enrolled"])
    numbers = {"classes": number(totals["classes"]), "enrolled": number(totals["enrolled"])}
    if centre is not None:
        headline = _(
            "In %(year)s %(centre)s opened %(classes)s classes with %(enrolled)s participations."
        ) % {"year": year, "centre": centre.name, **numbers}
    else:
        headline = _(
            "In %(year)s the centre opened %(classes)s classes with %(enrolled)s participations."
        ) % {"year": year, **numbers}
    return {
        "year": year,
        "venue": venue,
        "centre": centre,
        "programs": programs,
        "totals": totals,
        "headline": headline,
    }


# --- The province: its centres side by side ---------------------------------------------


def centres_report(request):
    """Each of the user's centres in a year, plan beside actual, with a total line and
    charts; a province user sees every centre, centre staff their own."""
    require_reporting(request)
    data, filterset, cleaned = _filtered(request, YearFilterSet)
    context = {
        "page_title": _("Centres compared"),
        "header_icon": "site",
        "filters": filterset,
        "invalid": cleaned is None,
        "annual_url": reverse("lms_reports:annual"),
        "query": data.urlencode(),
    }
    if cleaned:
        year, venue = cleaned["year"], cleaned.get("venue") or ""
        comparison = province.by_centre(year, venue, filterset.centres())
        rows = comparison["centres"]
        context.update(
            year=year,
            comparison=comparison,
            headline=_(
                "In %(year)s, centres: %(count)s; classes: %(classes)s; participations: %(enrolled)s."
            )
            % {
                "year": year,
                "count": len(rows),
                "classes": number(comparison["totals"]["classes"]),
                "enrolled": number(comparison["totals"]["enrolled"]),
            },
            table=[_comparison_cells(row.name, row.__dict__) for row in rows]
            + [_comparison_cells(_("Total"), comparison["totals"])],
            charts=_comparison_charts(year, rows),
        )
    return TemplateResponse(request, "lms_reports/centres.html", context)


def _comparison_cells(label: str, row: dict) -> list[str]:
    return [
        label,
        number(row["plan_classes"]),
        number(row["classes"]),
        percent(row["classes_share"]),
        number(row["plan_learners"]),
        number(row["enrolled"]),
        percent(row["learners_share"]),
        number(row["completed"]),
        percent(row["completion_rate"]),
    ]


def _comparison_charts(year: int, rows: list) -> list:
    numbers = {"year": year}
    return [
        (
            "lms-chart-centre-classes",
            bars(
                _("Classes opened per centre in %(year)s") % numbers,
                _("Classes each centre opened in the year, beside its plan."),
                [
                    (row.name, row.classes, _("plan %(plan)s") % {"plan": number(row.plan_classes)})
                    for row in rows
                ],
            ),
        ),
        (
            "lms-chart-centre-enrolled",
            bars(
                _("Participations per centre in %(year)s") % numbers,
                _("Learners enrolled in each centre's classes of the year, beside its plan."),
                [
                    (
                        row.name,
                        row.enrolled,
                        _("plan %(plan)s") % {"plan": number(row.plan_learners)},
                    )
                    for row in rows
                ],
            ),
        ),
        (
            "lms-chart-centre-rate",
            bars(
                _("Completion rate per centre in %(year)s") % numbers,
                _("Share of each centre's learners of the year who completed."),
                [(row.name, row.completion_rate, number(row.enrolled)) for row in rows],
                unit="%",
                maximum=100,
            ),
        ),
    ]
