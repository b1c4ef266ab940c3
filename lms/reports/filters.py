"""The report filters, as django-filter FilterSets (the way Wagtail's own reports filter).

The filterset only reads and validates the choices; ``figures`` turns them into SQL.
A value that does not validate (letters for a year, an unknown id, a huge number) makes
the report empty with a message instead of quietly showing everything.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from lessons.models import ProgramType
from lms import access
from lms.admin.choosers import class_chooser, organisation_chooser
from lms.models import Enrolment, LearnerProfile, Organisation, TrainingClass

from .figures import Filters

MIN_YEAR, MAX_YEAR = 2000, 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _noop(queryset, name, value):
    return queryset


class ReportFilterSet(WagtailFilterSet):
    year = YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, method=_noop)
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=ProgramType.objects.order_by("sort_order"), method=_noop
    )
    training_class = django_filters.ModelChoiceFilter(
        label=_("Class"),
        queryset=lambda request: access.scope(
            TrainingClass.objects.order_by("-year", "title"), request.user
        ),
        method=_noop,
        # A searchable chooser, not a <select> of every class in the province.
        widget=class_chooser.widget_class(),
    )
    venue = django_filters.ChoiceFilter(
        label=_("Venue"), choices=TrainingClass.Venue.choices, method=_noop
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation (with its sub-organisations)"),
        queryset=lambda request: access.scope(
            Organisation.objects.order_by("path"), request.user, unassigned=True
        ),
        method=_noop,
        widget=organisation_chooser.widget_class(),
    )
    category = django_filters.ChoiceFilter(
        label=_("Learner category"), choices=LearnerProfile.Category.choices, method=_noop
    )

    class Meta:
        model = Enrolment
        fields: list[str] = []

    def to_filters(self) -> Filters:
        data = self.form.cleaned_data
        return Filters(
            year=data.get("year"),
            program=data["program"].pk if data.get("program") else None,
            training_class=data["training_class"].pk if data.get("training_class") else None,
            venue=data.get("venue") or "",
            organisation=data.get("organisation"),
            category=data.get("category") or "",
            centres=access.centre_ids(self.request.user),
        )


class AnnualFilterSet(WagtailFilterSet):
    year = YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, method=_noop)
    venue = django_filters.ChoiceFilter(
        label=_("Venue"), choices=TrainingClass.Venue.choices, method=_noop
    )

    class Meta:
        model = TrainingClass
        fields: list[str] = []
