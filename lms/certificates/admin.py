"""The certificates screens in the Wagtail admin, for centre staff: completion rules,
certificate settings per centre, the register (sổ cấp giấy chứng nhận) with its XLSX
export, "issue class", "revoke" and "re-issue"."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import formfield_for_dbfield as admin_formfield
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from lms import access, participation
from lms.access import is_staff_member
from lms.admin.choosers import class_chooser
from lms.admin.permissions import StaffOnlyPolicy
from lms.admin.viewsets.base import ScopedViews
from lms.collation import name_ordering
from lms.models import Centre, TrainingClass

from . import issuing
from .models import CertificateSettings, CompletionRecord, CompletionRule, PaperworkSettings
from .rules import evaluate_class


class StaffPolicy(StaffOnlyPolicy):
    """Centre staff do everything here, on their centres' objects (``centre_path``);
    nobody else sees these screens."""

    def user_has_permission(self, user, action):
        return is_staff_member(user)


def staff_required(view):
    def wrapped(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class AdminFieldsMixin:
    """Form fields as every Wagtail admin form has them (date pickers, a decimal comma in
    the grades), which ``form_fields`` alone does not give."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        return admin_formfield(db_field, **kwargs)


class CompletionRuleViewSet(ScopedViews, AdminFieldsMixin, ModelViewSet):
    model = CompletionRule
    icon = "tasks"
    menu_label = gettext_lazy("Completion rules")
    add_to_admin_menu = False
    url_prefix = "certificates/rules"
    name = "lms_certificates_rules"
    form_fields = [
        "course",
        "training_class",
        "min_lessons_percent",
        "quizzes",
        "min_attendance_percent",
        "essay_quiz",
        "min_essay_grade",
        "min_posts",
        "staff_confirms",
    ]
    list_display = ["__str__", "min_lessons_percent", "min_attendance_percent", "staff_confirms"]

    def get_form_fields(self):
        """No minimum of posts on a site where nobody counts them (no lms.discussions)."""
        if participation.counted():
            return self.form_fields
        return [name for name in self.form_fields if name != "min_posts"]


class CertificateSettingsViewSet(ScopedViews, AdminFieldsMixin, ModelViewSet):
    model = CertificateSettings
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate layout")
    add_to_admin_menu = False
    url_prefix = "certificates/settings"
    name = "lms_certificates_settings"
    form_fields = [
        "centre",
        "number_format",
        "heading",
        "wording",
        "logo",
        "signer_name",
        "signer_title",
    ]
    list_display = ["__str__", "number_format", "heading"]


class PaperworkSettingsViewSet(ScopedViews, ModelViewSet):
    """The wording of the class decisions and the results notice, per centre."""

    model = PaperworkSettings
    icon = "doc-full"
    menu_label = gettext_lazy("Class document wording")
    add_to_admin_menu = False
    url_prefix = "certificates/paperwork"
    name = "lms_certificates_paperwork"
    form_fields = [
        "centre",
        "decision_symbol",
        "notice_symbol",
        "decision_maker",
        "opening_basis",
        "opening_articles",
        "completion_basis",
        "completion_articles",
        "recipients",
        "notice_text",
        "notice_closing",
    ]
    list_display = ["__str__", "decision_symbol", "updated_at"]


# --- The register -----------------------------------------------------------------------


def _years(request=None):
    years = CompletionRecord.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, year) for year in years]


class RegisterFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Centre"),
        queryset=lambda request: access.scope(Centre.objects.all(), request.user, "pk"),
        empty_label=None,
    )
    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), choices=_years)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=CompletionRecord.Status.choices
    )
    training_class = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Class"),
        field_name="enrolment__training_class",
        queryset=lambda request: access.scope(
            TrainingClass.objects.select_related("course"), request.user
        ),
        widget=class_chooser.widget_class(),
    )

    class Meta:
        model = CompletionRecord
        fields = ["centre", "year", "status", "training_class"]


class RecordActions(Column):
    cell_template_name = "lms_certificates/admin/record_actions_cell.html"


class RegisterPaginator(WagtailPaginator):
    """The register counts certificates, not "completion records" (the model's name)."""

    @cached_property
    def items_count_label(self):
        return ngettext("%(count)s certificate", "%(count)s certificates", self.count) % {
            "count": self.count
        }


class RegisterView(ReportView):
    page_title = gettext_lazy("Certificate register")
    header_icon = "list-ol"
    index_url_name = "lms_certificates_register"
    index_results_url_name = "lms_certificates_register_results"
    # Wider than a phone: the table scrolls sideways, its last columns (the actions)
    # reachable, rather than cut off by the admin's layout.
    table_classname = "listing lms-scroll-x"
    filterset_class = RegisterFilterSet
    paginator_class = RegisterPaginator
    paginate_by = 100
    columns = [
        Column("register_number", label=gettext_lazy("Register number")),
        Column("learner_name", label=gettext_lazy("Learner")),
        Column("class_title", label=gettext_lazy("Class")),
        Column("issued_on", label=gettext_lazy("Issued on")),
        Column("get_status_display", label=gettext_lazy("Status")),
        Column("revoked_reason", label=gettext_lazy("Reason for revoking")),
        RecordActions("actions", label=gettext_lazy("Actions")),
    ]
    list_export = [
        "register_number",
        "year",
        "sequence",
        "learner_name",
        "course_title",
        "class_title",
        "issued_on",
        "issued_by",
        "override_reason",
        "get_status_display",
        "revoked_reason",
        "revoked_at",
    ]
    export_headings = {
        "register_number": gettext_lazy("Register number"),
        "year": gettext_lazy("Year"),
        "sequence": gettext_lazy("Number in the register"),
        "learner_name": gettext_lazy("Learner"),
        "course_title": gettext_lazy("Course"),
        "class_title": gettext_lazy("Class"),
        "issued_on": gettext_lazy("Issued on"),
        "issued_by": gettext_lazy("Issued by"),
        "override_reason": gettext_lazy("Issued without the rules met, because"),
        "get_status_display": gettext_lazy("Status"),
        "revoked_reason": gettext_lazy("Reason for revoking"),
        "revoked_at": gettext_lazy("Revoked at"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not (is_staff_member(request.user) or access.sees_all_centres(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "so-cap-giay-chung-nhan"

    @cached_property
    def header_buttons(self):
        """The year's register as the centre's paper book (the year and centre chosen
        in the filters, else this year's and the site's)."""
        query = urlencode(
            {
                "year": self.request.GET.get("year") or timezone.localdate().year,
                "centre": self.request.GET.get("centre") or "",
            }
        )
        return [
            HeaderButton(
                _("Print the register (PDF)"),
                url=f"{reverse('lms_certificates_register_book')}?{query}",
                icon_name="doc-full",
            )
        ]

    def get_queryset(self):
        records = CompletionRecord.objects.select_related("issued_by", "reissue_of", "reissued_as")
        return access.scope(records, self.request.user).order_by("centre_id", "-year", "sequence")


# --- Issue a class, revoke ----------------------------------------------------------------


class LearnerIssueForm(forms.Form):
    """One learner's row on "issue class": tick to confirm them (when the rules ask for
    the centre's confirmation), or write why to issue anyway."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, label=gettext_lazy("Confirm"))
    reason = forms.CharField(
        required=False,
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 1, "cols": 40}),
    )


IssueFormSet = forms.formset_factory(LearnerIssueForm, extra=0)


@staff_required
def issue_class_view(request, class_id):
    """GET: who would get a certificate and who not (with what they miss); POST: issue,
    with a written reason for each refused learner staff decide to issue anyway."""
    training_class = get_object_or_404(
        access.scope(TrainingClass.objects.select_related("course", "centre"), request.user),
        pk=class_id,
    )
    pending = issuing.sessions_pending(training_class)
    if request.method == "POST" and not pending:
        formset = IssueFormSet(request.POST)
        if formset.is_valid():
            _issue(request, training_class, formset)
        else:
            messages.error(
                request,
                _(
                    "The form was changed or is incomplete: nothing was issued. Reload the "
                    "page and try again."
                ),
            )
        return redirect("lms_certificates_issue_class", class_id=class_id)
    rows = _issue_rows(training_class)
    formset = IssueFormSet(initial=[{"enrolment": row["enrolment"].pk} for row in rows])
    for row, form in zip(rows, formset, strict=True):
        name = row["enrolment"].learner.full_name
        form.fields["confirm"].widget.attrs["aria-label"] = f"{_('Confirm')} {name}"
        form.fields["reason"].widget.attrs["aria-label"] = _("Reason")
        row["form"] = form
    return TemplateResponse(
        request,
        "lms_certificates/admin/issue_class.html",
        {
            "training_class": training_class,
            "rows": rows,
            "formset": formset,
            "pending": pending,
            "ready": sum(1 for row in rows if not row["record"] and row["evaluation"].met),
        },
    )


def _issue(request, training_class, formset) -> None:
    """Confirm the learners ticked ("staff confirm each learner"), then issue."""
    rows = [form.cleaned_data for form in formset if form.cleaned_data]
    confirmed = [row["enrolment"] for row in rows if row["confirm"]]
    for enrolment in training_class.enrolments.filter(pk__in=confirmed):
        issuing.confirm(enrolment, by=request.user)
    overrides = {row["enrolment"]: row["reason"] for row in rows if row["reason"].strip()}
    try:
        report = issuing.issue_class(training_class, by=request.user, overrides=overrides)
    except issuing.IssueRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
        return
    messages.success(
        request,
        _("%(issued)s certificates issued; %(already)s already had one; %(refused)s refused.")
        % {
            "issued": len(report.issued),
            "already": len(report.already),
            "refused": len(report.refused),
        },
    )


def _issue_rows(training_class) -> list[dict]:
    """Each learner of the class with their certificate (if any) and their standing."""
    evaluations = evaluate_class(training_class)
    records = CompletionRecord.current_for(evaluations)
    rows = []
    for enrolment in (
        training_class.enrolments.filter(pk__in=list(evaluations))
        .select_related("learner")
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    ):
        evaluation = evaluations[enrolment.pk]
        rows.append(
            {
                "enrolment": enrolment,
                "record": records.get(enrolment.pk),
                "evaluation": evaluation,
                "unconfirmed": any(check.key == "confirmed" for check in evaluation.missing),
            }
        )
    return rows


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=True
    )


@staff_required
def revoke_view(request, record_id):
    record = get_object_or_404(access.scope(CompletionRecord.objects, request.user), pk=record_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issuing.revoke(record, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Certificate %(number)s revoked.") % {"number": record.register_number},
        )
        return redirect(reverse("lms_certificates_register"))
    return TemplateResponse(
        request, "lms_certificates/admin/revoke.html", {"record": record, "form": form}
    )


@staff_required
def reissue_view(request, record_id):
    """POST: a new certificate, with a new number, for a revoked one."""
    record = get_object_or_404(access.scope(CompletionRecord.objects, request.user), pk=record_id)
    if request.method != "POST":
        return redirect(reverse("lms_certificates_register"))
    try:
        new = issuing.reissue(record, by=request.user)
    except issuing.IssueRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            _("Certificate no. %(old)s re-issued as no. %(new)s.")
            % {"old": record.register_number, "new": new.register_number},
        )
    return redirect(reverse("lms_certificates_register"))


class CertificatesMenu(ModelViewSetGroup):
    menu_label = gettext_lazy("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 260
    items = (CompletionRuleViewSet, CertificateSettingsViewSet, PaperworkSettingsViewSet)
