from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "lms_reports"
    verbose_name = _("Training reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .dashboard import DASHBOARD

        DASHBOARD.connect()
