"""The plan editor: each centre's staff edit their centre's lines; the province reads
every line (its plan is their sum). Lists, forms and object URLs are limited to the
user's centres (the ``CentreModelPolicy`` of ``PlanLine`` and ``ScopedViews``)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from lms.access import scope
from lms.admin.viewsets.base import ScopedViews
from lms.models import Centre

from .models import PlanLine


class PlanLineForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = PlanLine
        fields = ["centre", "year", "program", "venue_kind", "classes", "learners", "note"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields["centre"]
        field.required = True
        if for_user is not None:
            field.queryset = scope(Centre.objects.order_by("name"), for_user, "pk")
            if self.instance.centre_id is None and field.queryset.count() == 1:
                field.initial = field.queryset.first()


class PlanFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        label=_("centre"),
        queryset=lambda request: scope(Centre.objects.order_by("name"), request.user, "pk"),
    )

    class Meta:
        model = PlanLine
        fields = ["year", "program", "centre"]


class PlanViewSet(ScopedViews, ModelViewSet):
    """The year's plan, edited by staff who may change plan lines."""

    model = PlanLine
    name = "lms_reports_plan"
    url_prefix = "training-plan"
    icon = "list-ol"
    menu_label = _("Training plan")
    add_to_admin_menu = False
    panels = [
        FieldRowPanel([FieldPanel("centre"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("program"), FieldPanel("venue_kind")]),
        FieldRowPanel([FieldPanel("classes"), FieldPanel("learners")]),
        FieldPanel("note"),
    ]
    list_display = ["year", "centre", "program", "venue_kind", "classes", "learners"]
    filterset_class = PlanFilterSet

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=PlanLineForm).bind_to_model(self.model)
