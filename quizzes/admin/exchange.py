"""Importing questions (GIFT, Aiken, the XLSX template) and exporting a bank as XLSX, in
the Wagtail admin. The work is done by ``quizzes.exchange``; these views only ask and
show."""

from django import forms
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page

from ..exchange import import_questions, read_file, xlsx
from ..exchange.importer import MAX_BYTES, FileRefused
from ..models import AcceptedAnswer, Option, Question, QuestionCategory

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    category = forms.ModelChoiceField(
        QuestionCategory.objects.select_related("course").order_by("course__title", "name"),
        label=_("Category"),
        help_text=_("Categories named in the file are created below this one."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("GIFT or Aiken as UTF-8 text, or the XLSX template; at most 2 MB."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("From the file name (.gift, .aiken, .xlsx)")),
            ("gift", "GIFT"),
            ("aiken", "Aiken"),
            ("xlsx", _("XLSX template")),
        ],
    )
    skip_bad = forms.BooleanField(
        label=_("Import the good questions and skip the bad ones"),
        required=False,
        help_text=_("Left unticked, one bad question stops the whole import."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = lambda c: f"{c.course.title} · {c.name}"


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Question
    permission_required = "add"
    template_name = "quizzes/admin/import.html"
    form_class = ImportForm
    page_title = _("Import questions")
    header_icon = "upload"
    index_url_name = None
    template_url_name = None
    result = None

    def get_initial(self):
        return {"category": self.request.GET.get("category") or None}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": gettext("Question bank")},
            {"url": "", "label": gettext("Import questions")},
        ]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_BYTES + 1)
        category = form.cleaned_data["category"]
        try:
            parsed = read_file(upload.name, data, form.cleaned_data["format"])
        except FileRefused as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        check_only = "check" in self.request.POST
        skip_bad = form.cleaned_data["skip_bad"]
        result = import_questions(parsed, category, skip_bad=skip_bad, check_only=check_only)
        if check_only:
            self.result = result
            return self.render_to_response(self.get_context_data(form=form))
        if result.problems and not skip_bad:
            self.result = result
            messages.error(
                self.request,
                ngettext(
                    "Nothing was imported: %(count)s question has problems.",
                    "Nothing was imported: %(count)s questions have problems.",
                    len(result.problems),
                )
                % {"count": len(result.problems)},
            )
            return self.render_to_response(self.get_context_data(form=form), status=422)
        text = gettext(
            "Imported %(created)s questions into “%(category)s”; %(duplicates)s were "
            "already in the bank; %(skipped)s bad ones were skipped."
        ) % {
            "created": result.created,
            "category": category.name,
            "duplicates": result.duplicates,
            "skipped": result.skipped,
        }
        if result.problems:
            text += " " + gettext("Refused: %(where)s.") % {
                "where": ", ".join(result.refused_where)
            }
        messages.success(self.request, text)
        # The bank's list filtered on a category shows its sub-categories too, newest
        # first, so the questions just imported are on the first page.
        return redirect(
            reverse(self.index_url_name) + f"?category={category.pk}&ordering=-updated_at"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result"] = self.result
        context["template_url"] = reverse(self.template_url_name)
        return context


class ExportForm(forms.Form):
    course: forms.ModelChoiceField = forms.ModelChoiceField(
        Page.objects.filter(question_categories__isnull=False).distinct().order_by("title"),
        label=_("Course"),
    )


class ExportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """The chosen course's whole bank as one XLSX file in the import template's layout."""

    model = Question
    permission_required = "change"
    template_name = "quizzes/admin/export.html"
    form_class = ExportForm
    page_title = _("Export the question bank")
    header_icon = "download"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": gettext("Question bank")},
            {"url": "", "label": gettext("Export")},
        ]

    def get(self, request, *args, **kwargs):
        if "course" in request.GET:
            form = self.form_class(request.GET)
            if form.is_valid():
                return self.export(form.cleaned_data["course"])
            return self.form_invalid(form)
        return super().get(request, *args, **kwargs)

    def export(self, course):
        categories = {c.pk: c for c in QuestionCategory.objects.filter(course=course)}
        questions = (
            Question.objects.filter(category__course=course)
            .order_by("category_id", "pk")
            .prefetch_related(
                Prefetch("options", Option.objects.order_by("sort_order", "pk")),
                Prefetch("accepted_answers", AcceptedAnswer.objects.order_by("sort_order", "pk")),
            )
        )
        name = slugify(course.slug or course.title) or "bank"
        return _download(xlsx.export(questions, categories), f"ngan-hang-{name}.xlsx")


def template_download(request):
    if not request.user.has_perm("quizzes.add_question"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return _download(xlsx.template(), "mau-nhap-cau-hoi.xlsx")
