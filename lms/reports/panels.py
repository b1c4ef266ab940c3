"""The director's panels on the Wagtail admin home: this year's classes, enrolments,
completion and certificates, with bar charts (server-rendered SVG, numbers as a table
too). A fixed number of queries whatever the size of the data, none while the figures
are in the cache (see ``dashboard``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from lms.access import centre_ids

from .dashboard import dashboard, rate
from .layout import bars, number, percent


class TrainingDashboardPanel(Component):
    name = "lms_reports_dashboard"
    template_name = "lms_reports/dashboard_panel.html"
    order = 50

    def __init__(self, year: int | None = None, user=None):
        self.year = year or timezone.localdate().year
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Only the user's centres are counted.
        centres = centre_ids(self.user) if self.user is not None else None
        year = self.year
        data = dashboard(year, centres)
        several = len(data["centres"]) > 1
        context.update(
            year=year,
            figures=[
                (_("Classes this year"), number(data["classes_total"])),
                (_("Learners enrolled"), number(data["enrolled"])),
                (_("Learners completed"), number(data["completed"])),
                (_("Completion rate"), percent(data["rate"])),
                (_("Certificates issued"), number(data["certificates"])),
            ],
            status_chart=bars(
                _("Classes of %(year)s by status") % {"year": year},
                _("Number of classes of the year in each status."),
                data["by_status"],
            ),
            class_chart=bars(
                _("Completion rate of the largest classes of %(year)s") % {"year": year},
                _("Share of each class's learners who completed, the 12 largest classes."),
                [
                    # Over several centres, classes of the same course share a title.
                    (
                        f"{row['centre']}: {row['title']}" if several else row["title"],
                        row["rate"],
                        number(row["enrolled"]),
                    )
                    for row in data["classes"]
                ],
                unit="%",
                maximum=100,
            ),
            month_chart=bars(
                _("Completions per month in %(year)s") % {"year": year},
                _("Learners who completed a class, by month of completion."),
                [(MONTHS_3[month], value) for month, value in data["months"]],
            ),
            weakest_chart=bars(
                _("Organisations with the lowest completion in %(year)s") % {"year": year},
                _("Completion rate of the members of each organisation (at least 5 enrolled)."),
                [(row["name"], row["rate"], number(row["enrolled"])) for row in data["weakest"]],
                unit="%",
                maximum=100,
            ),
            annual_url=reverse("lms_reports:annual"),
            organisations_url=reverse("lms_reports:organisation_completion"),
            classes_url=reverse("lms_reports:class_completion"),
        )
        context["charts"] = [
            ("lms-chart-status", context.pop("status_chart")),
            ("lms-chart-classes", context.pop("class_chart")),
            ("lms-chart-months", context.pop("month_chart")),
            ("lms-chart-weakest", context.pop("weakest_chart")),
        ]
        context["charts"] += centre_charts(year, data["centres"], data["plan"])
        context["centres_url"] = reverse("lms_reports:centres")
        return context


def centre_charts(year: int, enrolled: list, plan: dict) -> list:
    """The province's charts: participations (beside the plan) and completion rate per
    centre, drawn when the user sees more than one centre's classes this year."""
    if len(enrolled) < 2:
        return []
    return [
        (
            "lms-chart-centre-enrolled",
            bars(
                _("Participations per centre in %(year)s") % {"year": year},
                _("Learners enrolled in each centre's classes of the year, beside its plan."),
                [
                    (
                        label,
                        n,
                        _("plan %(plan)s") % {"plan": number(plan[key])} if key in plan else "",
                    )
                    for key, label, n, _done in enrolled
                ],
            ),
        ),
        (
            "lms-chart-centre-rate",
            bars(
                _("Completion rate per centre in %(year)s") % {"year": year},
                _("Share of each centre's learners of the year who completed."),
                [(label, rate(done, n), number(n)) for _key, label, n, done in enrolled],
                unit="%",
                maximum=100,
            ),
        ),
    ]
