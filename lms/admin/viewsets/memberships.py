"""Who works for which centre (``CentreMembership``): staff and lecturers of a centre see
and manage only its classes, learners, organisations and records. A part-time lecturer
may work for two centres. An installation with one centre needs none of this."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList

from ... import access
from ...models import Centre, CentreMembership
from ...roles import LECTURERS, PROVINCE, STAFF
from .. import forms
from ..scoping import colleagues, scope_field
from .base import IndexView, TrainingViewSet, column


class MembershipForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = CentreMembership
        fields = ["user", "centre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_field(self, "centre", "pk")
        people = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[STAFF, LECTURERS, PROVINCE])
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        forms.as_people(self.fields["user"], colleagues(people, self.for_user))

    def clean(self):
        cleaned = super().clean()
        user, centre = cleaned.get("user"), cleaned.get("centre")
        taken = CentreMembership.objects.filter(user=user, centre=centre)
        if user and centre and taken.exclude(pk=self.instance.pk).exists():
            self.add_error("user", _("%(name)s already works for this centre.") % {"name": user})
        return cleaned


class MembershipFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        label=_("centre"),
        queryset=lambda request: access.scope(Centre.objects.order_by("name"), request.user, "pk"),
    )

    class Meta:
        model = CentreMembership
        fields = ["centre"]


class MembershipIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("user", "centre")


class MembershipViewSet(TrainingViewSet):
    model = CentreMembership
    name = "lms_centre_memberships"
    url_prefix = "training/centre-memberships"
    icon = "group"
    menu_order = 650
    menu_label = _("Centre staff and lecturers")
    index_view_class = MembershipIndexView
    filterset_class = MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    ordering = ["centre__name", "user__username"]
    list_display = [
        column(CentreMembership, "user"),
        column(CentreMembership, "centre"),
    ]
    panels = [FieldPanel("user"), FieldPanel("centre")]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=MembershipForm).bind_to_model(self.model)
