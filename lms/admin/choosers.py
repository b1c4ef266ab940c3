"""Choosers for a class and an organisation: the report and list filters pick one from a
searchable, paginated modal (Wagtail's chooser widget) instead of a <select> that, at
province scale, carries 4,000 options on every page load."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from quizzes.text import folded_search

from .. import access
from ..models import Organisation, TrainingClass


class FoldedSearchForm(BaseFilterForm):
    """A search box that ignores diacritics, like the admin's lists."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    search_fields: list[str] = []

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = folded_search(objects, self.search_fields, query)
            self.is_searching = True
            self.search_query = query
        return objects


class ClassSearchForm(FoldedSearchForm):
    search_fields = ["title", "venue"]


class OrganisationSearchForm(FoldedSearchForm):
    search_fields = ["name", "place"]


class ClassScope:
    """Only the classes the user may see (``lms.access.visible_classes``)."""

    def get_object_list(self):
        return access.visible_classes(self.request.user)


class OrganisationScope:
    """Only the organisations of the user's centres."""

    def get_object_list(self):
        return access.scope(Organisation.objects.all(), self.request.user, unassigned=True)


class ClassChooseView(ClassScope, ChooseView):
    filter_form_class = ClassSearchForm
    ordering = ["-year", "title"]


class ClassChooseResultsView(ClassScope, ChooseResultsView):
    filter_form_class = ClassSearchForm
    ordering = ["-year", "title"]


class ClassChosenView(ChosenView):
    def get_object(self, pk):
        return access.visible_classes(self.request.user).get(pk=pk)


class OrganisationChooseView(OrganisationScope, ChooseView):
    filter_form_class = OrganisationSearchForm
    ordering = ["path"]


class OrganisationChooseResultsView(OrganisationScope, ChooseResultsView):
    filter_form_class = OrganisationSearchForm
    ordering = ["path"]


class OrganisationChosenView(ChosenView):
    def get_object(self, pk):
        return access.scope(Organisation.objects.all(), self.request.user, unassigned=True).get(
            pk=pk
        )


class FilterChooser(BaseChooser):
    """A filter's value comes from the address bar: nonsense ("1 OR 1=1", a huge number)
    shows as nothing chosen, and the filter form reports it, instead of failing."""

    def get_instance(self, value):
        # The field's own queryset when it has one (a filter or form narrowed to the
        # user's centres): another centre's object shows as nothing chosen.
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        try:
            if queryset is not None and value not in (None, "") and not hasattr(value, "pk"):
                return queryset.filter(pk=value).first()
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None


class ClassChooserViewSet(ChooserViewSet):
    base_widget_class = FilterChooser
    model = TrainingClass
    icon = "clipboard-list"
    choose_one_text = _("Choose a class")
    choose_another_text = _("Choose another class")
    url_prefix = "training/choose-class"
    name = "lms_class_chooser"
    per_page = 20
    choose_view_class = ClassChooseView
    choose_results_view_class = ClassChooseResultsView
    chosen_view_class = ClassChosenView


class OrganisationChooserViewSet(ChooserViewSet):
    base_widget_class = FilterChooser
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    url_prefix = "training/choose-organisation"
    name = "lms_organisation_chooser"
    per_page = 20
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView


class_chooser = ClassChooserViewSet()
organisation_chooser = OrganisationChooserViewSet()
