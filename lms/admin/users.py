"""Wagtail's user create and edit forms with the centres the person works for
(``CentreMembership``), so an administrator, or a centre's staff who may manage users,
sets them in the same step as the account.

Opt-in: a site replaces ``"wagtail.users"`` in ``INSTALLED_APPS`` with
``"lms.apps_users.LmsUsersAppConfig"``, whose ``user_viewset`` is ``UserViewSet`` below
(Wagtail's documented way to customise the user forms). Without it, memberships are set
under Training → Centre staff and lecturers only.

The choices are the centres the editing user may act for (``lms.access.scope``); a
membership in a centre they cannot see is neither shown nor changed.

The screens themselves (the list with its search and filters, edit, delete, history,
usage, copy and the bulk actions) cover only the people of the editor's centres
(``PeoplePolicy``, registered for the user model by the same app): another centre's
person, a superuser or a member of the province role is not listed and their address
is "not found"."""

from django import forms
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import bulk_actions
from wagtail.users.views import users as wagtail_users

from .. import access
from ..accounts import PersonHasRecords, blocking_records, describe
from ..models import Centre, CentreMembership
from .permissions import assignable_groups


class ForUserFormMixin(forms.ModelForm):
    """Takes the editing user as ``for_user``, whose powers narrow the choices below."""

    def __init__(self, *args, for_user=None, **kwargs):
        self.for_user = for_user
        super().__init__(*args, **kwargs)


class CentresFormMixin(ForUserFormMixin):
    """Adds ``centres``: the user's memberships among the centres the editor may act for.
    Without an editing user, offers no centre."""

    centres = forms.ModelMultipleChoiceField(
        queryset=Centre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Centres"),
        help_text=_(
            "The centres this person works for as staff or lecturer: they see and manage "
            "only these centres' classes, learners and records."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for_user = self.for_user
        field = self.fields["centres"]
        if for_user is not None:
            field.queryset = access.scope(Centre.objects.order_by("name"), for_user, "pk")
        offered = list(field.queryset.values_list("pk", flat=True))
        if not offered:
            del self.fields["centres"]
        elif self.instance.pk:
            self.initial["centres"] = list(
                CentreMembership.objects.filter(user=self.instance, centre__in=offered).values_list(
                    "centre_id", flat=True
                )
            )
        elif len(offered) == 1:
            # Staff of one centre, or the only centre: the new colleague works for it.
            self.initial.setdefault("centres", offered)

    def _save_m2m(self):
        super()._save_m2m()
        if "centres" in self.fields:
            save_centres(self.instance, self.fields["centres"].queryset, self.cleaned_data)


def save_centres(user, offered, cleaned) -> None:
    """Add and remove the user's memberships among the ``offered`` centres; others stay."""
    chosen = {centre.pk for centre in cleaned.get("centres") or ()}
    current = set(
        CentreMembership.objects.filter(user=user, centre__in=offered).values_list(
            "centre_id", flat=True
        )
    )
    if chosen == current:
        return
    with transaction.atomic():
        for centre_id in sorted(chosen - current):
            CentreMembership.objects.create(user=user, centre_id=centre_id)
        CentreMembership.objects.filter(user=user, centre_id__in=current - chosen).delete()
    access.centres_changed()  # saving sends it too; a queryset's delete() may not


class RolesFormMixin(ForUserFormMixin):
    """Narrows ``groups`` to those the editing user may assign (``assignable_groups``);
    a group of the person's that the editor may not assign is neither shown nor removed.
    Only a superuser makes an administrator. Without an editing user, offers no group."""

    kept_groups: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for_user = self.for_user
        if for_user is not None and for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        field = self.fields["groups"]
        field.queryset = (
            assignable_groups(for_user) if for_user is not None else field.queryset.none()
        )
        self.kept_groups = (
            list(self.instance.groups.exclude(pk__in=field.queryset.values("pk")))
            if self.instance.pk
            else []
        )

    def clean_groups(self):
        chosen = list(self.cleaned_data["groups"])
        return chosen + self.kept_groups


class CentresUserCreationForm(RolesFormMixin, CentresFormMixin, UserCreationForm):
    pass


class CentresUserEditForm(RolesFormMixin, CentresFormMixin, UserEditForm):
    def __init__(self, *args, **kwargs):
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        if editing_self:
            # As Wagtail does with "Administrator": no one takes away their own access.
            self.fields.pop("centres", None)


class ForUserMixin:
    """Wagtail passes the editing user only to its own admin forms: pass it to ours."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class PeopleMixin:
    """Only the people of the editor's centres (``PeoplePolicy.people``, the policy
    Wagtail's views already hold): another centre's person is "not found"."""

    def people(self, queryset):
        return self.permission_policy.people(queryset, self.request.user)


class ObjectPeopleMixin(PeopleMixin):
    def get_queryset(self):  # edit and delete (Django's SingleObjectMixin)
        return self.people(super().get_queryset())

    def get_base_object_queryset(self):  # history and usage (Wagtail's BaseObjectMixin)
        return self.people(super().get_base_object_queryset())


class IndexView(PeopleMixin, wagtail_users.IndexView):
    def get_base_queryset(self):
        return self.people(super().get_base_queryset())


class CreateView(ForUserMixin, wagtail_users.CreateView):
    pass


class CopyView(PeopleMixin, ForUserMixin, generic.CopyView):
    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        get_object_or_404(self.people(self.model._default_manager.all()), pk=pk)
        return super().get_object(queryset)


class EditView(ObjectPeopleMixin, ForUserMixin, wagtail_users.EditView):
    pass


class DeleteView(ObjectPeopleMixin, wagtail_users.DeleteView):
    """Says before the click that a person with training records is kept (``lms.accounts``)
    and links to their account to deactivate it, with no delete button; posting anyway
    deletes nothing and says so."""

    @cached_property
    def records(self):
        return blocking_records([self.object])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.records:
            context["kept_records"] = describe(self.records)
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PersonHasRecords as refusal:
            self.records = refusal.counts
            messages.error(self.request, str(refusal))
            return self.render_to_response(self.get_context_data(form=form))


class HistoryView(ObjectPeopleMixin, wagtail_users.HistoryView):
    pass


class UsageView(ObjectPeopleMixin, generic.UsageView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    create_template_name = "lms/admin/users/create.html"
    edit_template_name = "lms/admin/users/edit.html"
    delete_template_name = "lms/admin/users/confirm_delete.html"

    def get_form_class(self, for_update=False):
        return CentresUserEditForm if for_update else CentresUserCreationForm


class PeopleBulkMixin(PeopleMixin):
    """A bulk action acts on the people of the editor's centres among those named; naming
    only others' is "not found", as Wagtail answers for unknown ids."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(self.people(model._default_manager.filter(pk__in=object_ids)))


class DeleteBulkAction(PeopleBulkMixin, bulk_actions.DeleteBulkAction):
    """Deletes the people without training records; those with records are kept and
    listed with them, as Wagtail lists the items it may not act on."""

    template_name = "lms/admin/users/confirm_bulk_delete.html"

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        if not blocking_records(objects):  # one check for all: usually nobody is kept
            return objects, {**without_access, "items_with_records": []}
        deletable, kept = [], []
        for person in objects:
            counts = blocking_records([person])
            if counts:
                person.kept_records = describe(counts)
                kept.append(person)
            else:
                deletable.append(person)
        self.kept = kept
        return deletable, {**without_access, "items_with_records": kept}

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except (ProtectedError, RestrictedError):
            # Records taken since the check: the transaction rolled back, nobody deleted.
            messages.error(self.request, _("No one was deleted: try again."))
            return redirect(self.next_url)
        for person in getattr(self, "kept", ()):
            messages.warning(
                self.request,
                _("%(person)s was kept: their training records (%(records)s) must be kept.")
                % {"person": get_user_display_name(person), "records": person.kept_records},
            )
        return response


class SetActiveStateBulkAction(PeopleBulkMixin, bulk_actions.SetActiveStateBulkAction):
    pass


class AssignRoleBulkAction(PeopleBulkMixin, bulk_actions.AssignRoleBulkAction):
    """Offers and accepts only the roles the editor may assign (``assignable_groups``)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = assignable_groups(self.request.user)
        return form


BULK_ACTIONS = [DeleteBulkAction, SetActiveStateBulkAction, AssignRoleBulkAction]
