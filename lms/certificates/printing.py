"""The class's documents staff print from the admin: the register as a book, the
results sheet (PDF and XLSX), the results notice to each organisation and the two
decisions. The class's admin page links to each of them (``class_documents``, through
the core's ``lms_class_documents`` hook).

Who may print what: the results sheet, centre staff and the class's lecturers (as the
roster); everything else, centre staff only.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.access import can_manage_class, is_staff_member, scope, sees_all_centres
from lms.collation import name_ordering
from lms.models import Centre, Enrolment, Organisation, TrainingClass
from lms.spreadsheets import xlsx_response

from . import documents, editable
from .models import CompletionRecord, PaperworkSettings
from .results import class_results, organisations


def in_site_language(view):
    """The documents are the centre's papers: written in the site's language whoever
    prints them (as the certificate is)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return view(request, *args, **kwargs)

    return wrapped


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _class(request, class_id, *, lecturers=False) -> TrainingClass:
    training_class = get_object_or_404(
        TrainingClass.objects.select_related("course", "centre"), pk=class_id
    )
    allowed = can_manage_class(request.user, training_class) and (
        lecturers or is_staff_member(request.user)
    )
    if not allowed:
        raise PermissionDenied
    return training_class


@in_site_language
def register_book(request):
    """?centre=&year=: the year's register of the centre (the request's site's centre
    and this year by default)."""
    if not (is_staff_member(request.user) or sees_all_centres(request.user)):
        raise PermissionDenied
    centres = scope(Centre.objects.order_by("pk"), request.user, "pk")
    centre_id = request.GET.get("centre")
    if centre_id and centre_id.isdigit():
        centre = get_object_or_404(centres, pk=centre_id)
    else:
        site_centre = Centre.for_request(request)
        if site_centre is None or not centres.filter(pk=site_centre.pk).exists():
            site_centre = centres.first()
        centre = site_centre or get_object_or_404(centres.none())
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else timezone.localdate().year
    records = list(
        CompletionRecord.objects.filter(centre=centre, year=year)
        .select_related("reissue_of")
        .order_by("sequence")
    )
    content = documents.register_book(centre, year, records)
    return pdf_response(content, f"so-cap-giay-chung-nhan-{year}.pdf")


@in_site_language
def results_sheet(request, class_id):
    training_class = _class(request, class_id, lecturers=True)
    results = class_results(training_class)
    if request.GET.get("format") == "xlsx":
        return _results_xlsx(results)
    content = documents.results_sheet(results)
    return pdf_response(content, f"ket-qua-hoc-tap-lop-{training_class.pk}.pdf")


def _results_xlsx(results) -> HttpResponse:
    headers = [
        _("No."),
        _("Full name"),
        _("Date of birth"),
        _("Unit"),
        _("Sessions attended"),
        _("Number of sessions"),
        *[quiz.title for quiz in results.quizzes],
        *([_("Reflection essay")] if results.essay_quiz else []),
        _("Final grade"),
        _("Classification"),
        _("Result"),
        _("Certificate number"),
    ]
    rows = [
        [
            number,
            row.learner.full_name,
            row.learner.date_of_birth,
            row.learner.organisation.name if row.learner.organisation else "",
            row.present,
            results.sessions,
            *row.quiz_grades,
            *([row.essay] if results.essay_quiz else []),
            row.final,
            row.classification,
            row.result,
            row.record.register_number if row.completed else "",
        ]
        for number, row in enumerate(results.rows, start=1)
    ]
    return xlsx_response(
        f"ket-qua-hoc-tap-lop-{results.training_class.pk}.xlsx", _("Results"), headers, rows
    )


@in_site_language
def results_notice(request, class_id, organisation_id):
    training_class = _class(request, class_id)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    results = class_results(training_class, organisation=organisation)
    if not results.rows:
        raise Http404("No learner of this organisation in the class.")
    wording = PaperworkSettings.for_centre(training_class.centre)
    content = documents.results_notice(results, organisation, wording)
    return pdf_response(content, f"thong-bao-ket-qua-lop-{training_class.pk}-{organisation.pk}.pdf")


@in_site_language
def opening_decision(request, class_id):
    training_class = _class(request, class_id)
    enrolments = list(
        Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ACTIVE)
        .select_related("learner__organisation")
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    wording = PaperworkSettings.for_centre(training_class.centre)
    name = f"quyet-dinh-mo-lop-{training_class.pk}"
    if request.GET.get("format") == "docx":  # to edit before it is signed
        content = editable.opening_decision(training_class, enrolments, wording)
        return docx_response(content, f"{name}.docx")
    content = documents.opening_decision(training_class, enrolments, wording)
    return pdf_response(content, f"{name}.pdf")


@in_site_language
def completion_decision(request, class_id):
    training_class = _class(request, class_id)
    results = class_results(training_class)
    wording = PaperworkSettings.for_centre(training_class.centre)
    name = f"quyet-dinh-cong-nhan-hoan-thanh-lop-{training_class.pk}"
    if request.GET.get("format") == "docx":
        return docx_response(editable.completion_decision(results, wording), f"{name}.docx")
    return pdf_response(documents.completion_decision(results, wording), f"{name}.pdf")


def class_documents(user, training_class) -> list[dict]:
    """The lms_class_documents hook: the documents of the class this user may print,
    as {"label", "url", "choices"} (choices: a list of (label, url), e.g. one notice per
    organisation)."""
    links: list[dict] = []
    pk = training_class.pk
    if not can_manage_class(user, training_class):
        return links
    sheet = reverse("lms_certificates_results_sheet", args=[pk])
    links.append({"label": _("Learning results (PDF)"), "url": sheet})
    links.append({"label": _("Learning results (XLSX)"), "url": f"{sheet}?format=xlsx"})
    if not is_staff_member(user):
        return links
    opening = reverse("lms_certificates_opening_decision", args=[pk])
    completion = reverse("lms_certificates_completion_decision", args=[pk])
    links.append({"label": _("Decision to open the class"), "url": opening})
    links.append(
        {"label": _("Decision to open the class (DOCX, editable)"), "url": f"{opening}?format=docx"}
    )
    links.append({"label": _("Decision recognising completion"), "url": completion})
    links.append(
        {
            "label": _("Decision recognising completion (DOCX, editable)"),
            "url": f"{completion}?format=docx",
        }
    )
    links.append(
        {
            "label": _("Certificate register %(year)s") % {"year": training_class.year},
            "url": f"{reverse('lms_certificates_register_book')}"
            f"?centre={training_class.centre_id}&year={training_class.year}",
        }
    )
    links.append(
        {
            "label": _("Results notice to each organisation"),
            "url": "",
            "choices": [
                (
                    f"{organisation.name} ({organisation.learner_count})",
                    reverse("lms_certificates_results_notice", args=[pk, organisation.pk]),
                )
                for organisation in organisations(training_class)
            ],
        }
    )
    return links
