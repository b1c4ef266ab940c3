"""Wagtail's user create and edit forms with the centres the person works for
(``CentreMembership``), so an administrator, or a centre's staff who may manage users,
sets them in the same step as the account.

Opt-in: a site replaces ``"wagtail.users"`` in ``INSTALLED_APPS`` with
``"lms.apps_users.LmsUsersAppConfig"``, whose ``user_viewset`` is ``UserViewSet`` below
(Wagtail's documented way to customise the user forms). Without it, memberships are set
under Training → Centre staff and lecturers only.

The choices are the centres the editing user may act for (``lms.access.scope``); a
membership in a centre they cannot see is neither shown nor changed."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from .. import access
from ..models import Centre, CentreMembership


class CentresFormMixin(forms.ModelForm):
    """Adds ``centres``: the user's memberships among the centres the editor may act for.
    Takes the editing user as ``for_user``; without one, offers no centre."""

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

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
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


class CentresUserCreationForm(CentresFormMixin, UserCreationForm):
    pass


class CentresUserEditForm(CentresFormMixin, UserEditForm):
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


class CreateView(ForUserMixin, wagtail_users.CreateView):
    pass


class EditView(ForUserMixin, wagtail_users.EditView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    create_template_name = "lms/admin/users/create.html"
    edit_template_name = "lms/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return CentresUserEditForm if for_update else CentresUserCreationForm
