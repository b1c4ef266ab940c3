from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PlanLine


class PlanViewSet(ModelViewSet):
    """The year's plan, edited by staff who may change plan lines."""

    model = PlanLine
    name = "lms_reports_plan"
    url_prefix = "training-plan"
    icon = "list-ol"
    menu_label = _("Training plan")
    add_to_admin_menu = False
    form_fields = ["year", "program", "venue_kind", "classes", "learners", "note"]
    list_display = ["year", "program", "venue_kind", "classes", "learners"]
    list_filter = ["year", "program"]
