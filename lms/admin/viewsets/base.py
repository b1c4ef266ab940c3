"""The views every training screen shares: each takes its objects from the model's
permission policy (``lms.admin.permissions``)."""

from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from quizzes.text import folded_search

from ..scoping import default_centre, scope_field

ALL_ACTIONS = ["add", "change", "delete", "view"]


def scope(view, *actions):
    """The objects the view's user may act on with any of the actions."""
    return view.permission_policy.instances_user_has_any_permission_for(
        view.request.user, actions or ALL_ACTIONS
    )


def column(model, name, *, sortable=False, **kwargs):
    """A listing column for a model field, labelled with its verbose name; choices show
    their label, dates show as dd/mm/yyyy (not "3 weeks ago")."""
    field = model._meta.get_field(name)
    accessor = name
    if getattr(field, "choices", None):
        accessor = f"get_{name}_display"
    elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):

        def accessor(obj, name=name):
            value = getattr(obj, name)
            return value.strftime("%d/%m/%Y") if value else ""

    kwargs.setdefault("label", capfirst(field.verbose_name))
    return Column(name, accessor=accessor, sort_key=name if sortable else None, **kwargs)


def count_column(name, label, *, sortable=False):
    return Column(name, label=capfirst(label), sort_key=name if sortable else None)


# --- Views that take their objects from the permission policy --------------------------


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.annotate(scope(self, *self.any_permission_required))

    def search_queryset(self, queryset):
        # With or without diacritics, like the public search ("nguyen" finds "Nguyễn").
        if not self.is_searching:
            return queryset
        return folded_search(queryset, self.search_fields or [], self.search_query)

    def annotate(self, queryset):
        return queryset


class ConflictGuardMixin:
    """The forms check uniqueness, but two people can save at the same moment: the
    database's constraint then decides, and the loser gets the form back, not an error
    page."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            form.add_error(
                None,
                gettext(
                    "Someone saved a conflicting record at the same moment. Check the form "
                    "and save again."
                ),
            )
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CreateView(ConflictGuardMixin, generic.CreateView):
    """Pre-fills fields named in ``prefill`` from the query string (?training_class=3)."""

    prefill: tuple[str, ...] = ()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.prefill:
            if value := self.request.GET.get(name):
                initial[name] = value
        return initial


class EditView(ConflictGuardMixin, generic.EditView):
    def get_queryset(self):
        return scope(self, "change")


class DeleteView(generic.DeleteView):
    def get_queryset(self):
        return scope(self, "delete")

    def refusal(self) -> str | None:
        """Why this object may not be deleted, if it may not."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if reason := self.refusal():
            messages.warning(self.request, reason)
        return context

    def form_valid(self, form):
        if reason := self.refusal():
            messages.error(self.request, reason)
            return redirect(self.get_delete_url())
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                gettext(
                    "“%(object)s” cannot be deleted: %(kinds)s still refer to it. "
                    "Remove or change them first."
                )
                % {"object": self.object, "kinds": ", ".join(kinds)},
            )
            return redirect(self.get_delete_url())


class InspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(scope(self, "view", "change"), pk=self.pk)


class HistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return scope(self, "change")


class UsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return scope(self, "change")


class TrainingViewSet(ModelViewSet):
    """Shared settings: no copy view (numbers and trees are unique), no reference index
    (a bulk import must not pay for it on every save), ORM search."""

    add_to_reference_index = False
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView


class ScopedViews:
    """For a plain ``ModelViewSet`` of another training app (certificates, discussions):
    the views above, which take their objects from the permission policy, and a form
    whose centre and class choices are the user's centres'."""

    add_view_class = CreateView
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        if self._edit_handler:
            return super().get_form_class(for_update)
        return modelform_factory(
            self.model,
            form=CentreScopedForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
            exclude=self.get_exclude_form_fields(),
        )


class CentreScopedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_field(self, "centre", "pk")
        scope_field(self, "training_class")
        default_centre(self)
