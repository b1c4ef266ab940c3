"""Centres, organisations and learners."""

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem

from lms.collation import name_ordering

from ... import access
from ...models import (
    Centre,
    LearnerProfile,
    Organisation,
)
from .. import forms
from ..choosers import organisation_chooser
from .base import DeleteView, IndexView, TrainingViewSet, column, count_column

# --- Centres -----------------------------------------------------------------------------


class CentreViewSet(TrainingViewSet):
    model = Centre
    name = "lms_centres"
    url_prefix = "training/centres"
    icon = "site"
    menu_order = 600
    list_display = ["name", "site", "issuing_authority", "signer_name"]
    search_fields = ["name", "short_name", "issuing_authority"]
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("address"),
        FieldPanel("name_order"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_authority"), FieldPanel("issuing_body")]),
                FieldPanel("header_lines"),
                FieldPanel("place_name"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
                FieldPanel("seal"),
            ],
            heading=_("Paperwork: certificates, register, decisions"),
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.CentreForm).bind_to_model(self.model)


# --- Organisations ---------------------------------------------------------------------


class OrganisationIndexView(IndexView):
    """The tree in tree order, each name indented by its depth."""

    default_ordering = "path"

    def annotate(self, queryset):
        learners = (
            LearnerProfile.objects.filter(organisation=OuterRef("pk"))
            .order_by()
            .values("organisation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return queryset.annotate(
            learner_count=Coalesce(Subquery(learners, output_field=IntegerField()), Value(0))
        )

    def get_valid_orderings(self):
        return ["path"]

    @cached_property
    def columns(self):
        columns = super().columns
        title = columns[0]
        title.accessor = "indented_name"
        title.sort_key = None
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if add_url := self.get_add_url():
            buttons.append(
                MenuItem(
                    gettext("Add a sub-organisation"),
                    url=f"{add_url}?parent={instance.pk}",
                    icon_name="plus",
                    priority=15,
                )
            )
        return buttons


class OrganisationDeleteView(DeleteView):
    def refusal(self):
        if self.object.numchild:
            return ngettext(
                "“%(name)s” has %(count)s sub-organisation: move or delete it first.",
                "“%(name)s” has %(count)s sub-organisations: move or delete them first.",
                self.object.numchild,
            ) % {"name": self.object.name, "count": self.object.numchild}
        return None


class OrganisationViewSet(TrainingViewSet):
    model = Organisation
    name = "lms_organisations"
    url_prefix = "training/organisations"
    icon = "group"
    menu_order = 500
    index_view_class = OrganisationIndexView
    delete_view_class = OrganisationDeleteView
    ordering = "path"
    list_filter = ["kind"]
    search_fields = ["name", "place"]
    list_display = [
        "name",
        column(Organisation, "kind"),
        column(Organisation, "place"),
        count_column("learner_count", _("learners")),
    ]
    panels = [
        FieldPanel("parent"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("place")]),
        FieldPanel("centre"),
    ]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(prefill=("parent",), **kwargs)

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.OrganisationForm).bind_to_model(
            self.model
        )


# --- Learners -----------------------------------------------------------------------------


class SubtreeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = forms.OrganisationChoiceField


class LearnerFilterSet(WagtailFilterSet):
    organisation = SubtreeChoiceFilter(
        label=_("organisation"),
        queryset=lambda request: access.scope(
            Organisation.objects.order_by("path"), request.user, unassigned=True
        ),
        method="in_subtree",
        help_text=_("Includes the organisations below it."),
        # A searchable chooser, not a <select> of every organisation in the province.
        widget=organisation_chooser.widget_class(),
    )

    class Meta:
        model = LearnerProfile
        fields = ["organisation", "category", "gender"]

    def in_subtree(self, queryset, name, value):
        return queryset.filter(organisation__path__startswith=value.path)


class LearnerIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("organisation", "user")

    def order_queryset(self, queryset):
        """Names (the default order, and the name column) in Vietnamese order; the export
        follows the list."""
        if self.ordering in (None, "", "full_name", "-full_name"):
            if self.ordering == "-full_name":
                return queryset.order_by(
                    *name_ordering("full_name", "-pk", descending=True, centre_path="centre")
                )
            return queryset.order_by(*name_ordering("full_name", "pk", centre_path="centre"))
        return super().order_queryset(queryset)


class LearnerViewSet(TrainingViewSet):
    model = LearnerProfile
    name = "lms_learners"
    url_prefix = "training/learners"
    icon = "user"
    menu_order = 400
    index_view_class = LearnerIndexView
    inspect_view_enabled = True
    inspect_view_fields = [
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "organisation",
        "centre",
        "category",
        "position",
        "phone",
        "user",
    ]
    filterset_class = LearnerFilterSet
    search_fields = ["full_name", "phone"]
    list_display = [
        "full_name",
        column(LearnerProfile, "phone"),
        column(LearnerProfile, "organisation"),
        column(LearnerProfile, "category", sortable=True),
        column(LearnerProfile, "date_of_birth"),
    ]
    list_export = [
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "organisation",
        "category",
        "position",
        "phone",
    ]
    panels = [
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("gender")]),
        FieldPanel("ethnicity"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("centre")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("position")]),
        FieldPanel("phone"),
        FieldPanel("username"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.LearnerProfileForm).bind_to_model(
            self.model
        )
