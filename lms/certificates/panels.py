"""What the certificates app adds to the core pages, through their hooks (see
wagtail_hooks.py): a panel on the learner's dashboard and a column on the roster."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from lms.access import is_staff_member
from lms.hooks import DashboardPanels
from lms.models import TrainingClass

from .models import CompletionRecord
from .rules import evaluate_class, evaluate_many


def dashboard_panels(request, enrolments, known) -> DashboardPanels | None:
    """On each class: the certificate to download, or what is still missing."""
    if not enrolments:
        return None
    records = {
        record.enrolment_id: record
        # In order: a re-issued certificate replaces the revoked one.
        for record in CompletionRecord.objects.filter(enrolment__in=enrolments)
        .only("pk", "enrolment_id", "register_number", "status", "issued_on", "pdf")
        .order_by("pk")
    }
    waiting = [
        enrolment
        for enrolment in enrolments
        if enrolment.pk not in records
        and enrolment.training_class.status != TrainingClass.Status.CANCELLED
    ]
    evaluations = evaluate_many(waiting, known=known)
    panels = {}
    for enrolment in enrolments:
        record = records.get(enrolment.pk)
        evaluation = evaluations.get(enrolment.pk)
        if record is None and (evaluation is None or not evaluation.configured):
            continue
        panels[enrolment.pk] = render_to_string(
            "lms_certificates/dashboard_panel.html",
            {"record": record, "evaluation": evaluation, "enrolment": enrolment},
            request=request,
        )
    return DashboardPanels(classes=panels)


def roster_column(request, training_class, rows, known):
    """("Certificate", {enrolment id: html}) for the class's roster."""
    evaluations = evaluate_class(training_class, rows, known=known)
    records = {
        enrolment_id: (number, status)
        for enrolment_id, number, status in CompletionRecord.objects.filter(
            enrolment__training_class=training_class
        )
        .order_by("pk")
        .values_list("enrolment_id", "register_number", "status")
    }
    cells = {}
    for enrolment_id, evaluation in evaluations.items():
        if enrolment_id in records:
            number, status = records[enrolment_id]
            label = _("Revoked") if status == CompletionRecord.Status.REVOKED else _("Issued")
            cells[enrolment_id] = format_html("{}: {}", label, number)
        elif not evaluation.configured:
            cells[enrolment_id] = "—"
        elif evaluation.met:
            cells[enrolment_id] = format_html("✓ {}", _("Meets every rule"))
        else:
            cells[enrolment_id] = format_html("✗ {}", evaluation.missing_text())
    heading = _("Certificate")
    if is_staff_member(request.user):
        heading = format_html(
            '{} (<a href="{}">{}</a>)',
            heading,
            reverse("lms_certificates_issue_class", args=[training_class.pk]),
            _("issue"),
        )
    return heading, cells
