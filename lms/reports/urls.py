"""Admin URLs of the reports (included by wagtail_hooks under the admin's prefix)."""

from django.urls import path

from .views import REPORTS
from .yearly import annual_report, centres_report

app_name = "lms_reports"
urlpatterns = [
    path("annual/", annual_report, name="annual"),
    path("centres/", centres_report, name="centres"),
]
for report in REPORTS:
    urlpatterns += [
        path(f"{report.url_name}/", report.as_view(), name=report.url_name),
        path(
            f"{report.url_name}/results/",
            report.as_view(results_only=True),
            name=f"{report.url_name}_results",
        ),
    ]
