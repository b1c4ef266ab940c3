"""The report filters, as django-filter FilterSets (the way Wagtail's own reports filter).

The filterset only reads and validates the choices; ``figures`` turns them into SQL.
A value that does not validate (letters for a year, an unknown id, a huge number) makes
the report empty with a message instead of quietly showing everything.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from lessons.models import ProgramType
from lms.access import centre_ids
from lms.admin.choosers import class_chooser, organisation_chooser
from lms.models import Centre, Enrolment, LearnerProfile, Organisation, TrainingClass

from .figures import Filters
from .scoping import counted_centres

MIN_YEAR, MAX_YEAR = 2000, 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _noop(queryset, name, value):
    return queryset


def _centre_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Centre"),
        queryset=Centre.objects.order_by("name"),
        method=_noop,
        empty_label=_("All my centres"),
    )


class CentreScopedFilterSet(WagtailFilterSet):
    """The choices of the centre, class and organisation filters are the user's centres'
    only (and organisations not yet given to a centre): another centre's id does not
    validate, and the report is empty with a message."""

    scoped_fields = {"centre": "pk", "training_class": "centre", "organisation": "centre"}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        ids = centre_ids(user) if user is not None else None
        if ids is None:
            return
        for name, path in self.scoped_fields.items():
            if name in self.filters:
                field = self.form.fields[name]
                unassigned = Q(**{f"{path}__isnull": True}) if path != "pk" else Q(pk__in=[])
                field.queryset = field.queryset.filter(Q(**{f"{path}__in": ids}) | unassigned)

    def centres(self) -> frozenset[int] | None:
        return counted_centres(self.request.user, self.form.cleaned_data.get("centre"))


class ReportFilterSet(CentreScopedFilterSet):
    year = YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, method=_noop)
    centre = _centre_filter()
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=ProgramType.objects.order_by("sort_order"), method=_noop
    )
    training_class = django_filters.ModelChoiceFilter(
        label=_("Class"),
        queryset=TrainingClass.objects.order_by("-year", "title"),
        method=_noop,
        # A searchable chooser, not a <select> of every class in the province.
        widget=class_chooser.widget_class(),
    )
    venue = django_filters.ChoiceFilter(
        label=_("Venue"), choices=TrainingClass.Venue.choices, method=_noop
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation (with its sub-organisations)"),
        queryset=Organisation.objects.order_by("path"),
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
            centres=self.centres(),
        )


class YearFilterSet(CentreScopedFilterSet):
    """The province's comparison: a year and a venue."""

    year = YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, method=_noop)
    venue = django_filters.ChoiceFilter(
        label=_("Venue"), choices=TrainingClass.Venue.choices, method=_noop
    )

    class Meta:
        model = TrainingClass
        fields: list[str] = []


class AnnualFilterSet(YearFilterSet):
    centre = _centre_filter()

    class Meta(YearFilterSet.Meta):
        fields: list[str] = []
