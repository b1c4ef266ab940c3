"""Staff screens for enrolment (import, accounts, log-in slips) and the learner's own
password pages. Server-rendered with the portal's base template; no JavaScript."""

import secrets
from typing import cast
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms import links
from lms.access import can_manage_class, is_staff_member
from lms.collation import name_ordering
from lms.models import ClassLecturer, Enrolment, LoginSlip, TrainingClass

from . import accounts
from .forms import ImportForm, SlipAwarePasswordResetForm
from .importer import (
    ImportFileError,
    import_learners,
    read_rows,
    rejected_workbook,
    template_workbook,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REJECTED_CACHE_SECONDS = 60 * 60
ERRORS_SHOWN = 200


def _managed_class(request, class_id) -> TrainingClass:
    training_class = get_object_or_404(TrainingClass.objects.select_related("centre"), pk=class_id)
    if not can_manage_class(request.user, training_class):
        raise PermissionDenied
    return training_class


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def template(request):
    """The blank spreadsheet to fill in: for staff and lecturers."""
    user = request.user
    if not (is_staff_member(user) or ClassLecturer.objects.filter(user=user).exists()):
        raise PermissionDenied
    return _xlsx(template_workbook(), "mau-danh-sach-hoc-vien.xlsx")


@never_cache
@login_required
def import_view(request, class_id):
    training_class = _managed_class(request, class_id)
    result = None
    rejected_url = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = read_rows(form.cleaned_data["file"])
                result = import_learners(
                    training_class,
                    rows,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                    by=request.user,
                )
            except ImportFileError as error:
                form.add_error("file", error.message)
            except IntegrityError:
                # Another import created the same user name at the same moment.
                form.add_error(
                    None,
                    _("Another change was being saved at the same time. Please import again."),
                )
        if result is not None and result.rejected:
            token = secrets.token_urlsafe(16)
            cache.set(
                f"lms:enrolment:rejected:{token}",
                {
                    "user": request.user.pk,
                    "class": training_class.pk,
                    "content": rejected_workbook(result),
                },
                REJECTED_CACHE_SECONDS,
            )
            rejected_url = reverse("lms:enrolment:rejected", args=[training_class.pk, token])
        if result is not None and result.written:
            form = ImportForm()
    else:
        form = ImportForm()
    return render(
        request,
        "lms/enrolment/import.html",
        {
            "training_class": training_class,
            "form": form,
            "result": result,
            "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
            "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0) if result else 0,
            "rejected_url": rejected_url,
        },
    )


@never_cache
@login_required
def rejected_rows(request, class_id, token):
    training_class = _managed_class(request, class_id)
    stored = cache.get(f"lms:enrolment:rejected:{token}")
    if not stored or stored["user"] != request.user.pk or stored["class"] != training_class.pk:
        raise Http404
    return _xlsx(stored["content"], f"hoc-vien-bi-tu-choi-lop-{training_class.pk}.xlsx")


@never_cache
@login_required
def accounts_view(request, class_id):
    """The class's learners and their log-ins: who still has a slip; staff reset here."""
    training_class = _managed_class(request, class_id)
    enrolments = (
        Enrolment.objects.filter(training_class=training_class)
        .select_related("learner__user")
        .annotate(has_slip=Exists(LoginSlip.objects.filter(user_id=OuterRef("learner__user_id"))))
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    return render(
        request,
        "lms/enrolment/accounts.html",
        {
            "training_class": training_class,
            "enrolments": enrolments,
            "can_reset": is_staff_member(request.user),
        },
    )


@never_cache
@login_required
def slips(request, class_id):
    """Printable log-in slips of the class's learners who have not chosen a password yet."""
    training_class = _managed_class(request, class_id)
    enrolments = (
        Enrolment.objects.filter(
            training_class=training_class,
            status=Enrolment.Status.ACTIVE,
            learner__user__login_slip__isnull=False,
        )
        .select_related("learner__user__login_slip")
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    learner = request.GET.get("learner", "")
    if learner.isdigit():
        enrolments = enrolments.filter(learner_id=int(learner))
    return render(
        request,
        "lms/enrolment/slips.html",
        {
            "training_class": training_class,
            "enrolments": enrolments,
            "login_url": links.absolute(reverse("login")),
            "only_one": learner.isdigit(),
        },
    )


@require_POST
@login_required
def reset_password(request, class_id, learner_id):
    training_class = _managed_class(request, class_id)
    if not is_staff_member(request.user):
        raise PermissionDenied
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner__user"),
        training_class=training_class,
        learner_id=learner_id,
    )
    user = enrolment.learner.user
    if accounts.is_privileged(user) or user.pk == request.user.pk:
        raise PermissionDenied
    accounts.reset_password(user, by=request.user)
    messages.success(
        request,
        _("%(name)s has a new one-time password: print the slip and hand it over.")
        % {"name": enrolment.learner.full_name},
    )
    url = reverse("lms:enrolment:slips", args=[training_class.pk])
    return redirect(f"{url}?learner={enrolment.learner_id}")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Choosing a password: forced at first log-in (by the middleware), or any time.
    A learner signed in with a one-time password is not asked for it again."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("lms:dashboard")

    def _user(self) -> AbstractBaseUser:
        return cast(AbstractBaseUser, self.request.user)  # signed in: a login_required view

    def get_form_class(self):
        if self._user().has_usable_password():
            return PasswordChangeForm
        return SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)  # saving the password deletes the slip
        accounts.password_changed(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["first_time"] = not self._user().has_usable_password()
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SlipAwarePasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "lms/enrolment/password_reset_email.txt"
    subject_template_name = "lms/enrolment/password_reset_subject.txt"
    success_url = reverse_lazy("lms:enrolment:password_reset_done")

    def form_valid(self, form):
        # The link in the e-mail goes to the public address (lms.links), not to the
        # host name the request happened to carry.
        base = urlsplit(links.base_url())
        if base.scheme and base.netloc:
            self.extra_email_context = {
                **(self.extra_email_context or {}),
                "protocol": base.scheme,
                "domain": base.netloc + base.path,
            }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("lms:enrolment:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
