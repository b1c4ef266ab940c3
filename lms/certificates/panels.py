"""What the certificates app adds to the core pages, through their hooks (see
wagtail_hooks.py): a panel on the learner's dashboard and a column on the roster."""

from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from lms.access import is_staff_member
from lms.hooks import DashboardPanels
from lms.models import ClassLessonChoice, TrainingClass

from .models import CompletionRecord
from .rules import evaluate_class, evaluate_many


def dashboard_panels(request, enrolments, known) -> DashboardPanels | None:
    """On each class: the certificate to download, or what is still missing."""
    if not enrolments:
        return None
    records = _records(enrolments)
    waiting = [
        enrolment
        for enrolment in enrolments
        if enrolment.pk not in records
        and enrolment.training_class.status != TrainingClass.Status.CANCELLED
    ]
    evaluations = evaluate_many(waiting, known=known)
    panels: dict[int, str] = {}
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


# The enrolment's latest record (a re-issued certificate replaces the revoked one), as
# columns of the core's enrolment query (lms.hooks.ENROLMENT_COLUMNS).
RECORD_FIELDS = ("pk", "register_number", "status", "issued_on")


def enrolment_columns(page):
    latest = CompletionRecord.objects.filter(enrolment=OuterRef("pk")).order_by("-pk")
    columns = {f"certificate_{name}": Subquery(latest.values(name)[:1]) for name in RECORD_FIELDS}
    # Whether staff exempted the class from any lesson (lms.requirements): the completion
    # rules then ask which, and only for those classes.
    columns["class_exempts_lessons"] = Exists(
        ClassLessonChoice.objects.filter(training_class=OuterRef("training_class"), required=False)
    )
    return columns


def _records(enrolments) -> dict:
    """{enrolment id: its latest record}: from the columns above when the enrolments
    carry them, else in one query."""
    if all(hasattr(e, "certificate_pk") for e in enrolments):
        return {
            e.pk: CompletionRecord(
                enrolment_id=e.pk,
                **{name: getattr(e, f"certificate_{name}") for name in RECORD_FIELDS},
            )
            for e in enrolments
            if e.certificate_pk is not None
        }
    return {
        record.enrolment_id: record
        for record in CompletionRecord.objects.filter(enrolment__in=enrolments)
        .only("pk", "enrolment_id", *RECORD_FIELDS[1:])
        .order_by("pk")
    }


def _unmet(evaluation) -> str:
    """A short standing (how many requirements are met), with what is missing on
    demand: a roster card stays a few lines tall on a phone."""
    checks = evaluation.checks
    met = sum(1 for check in checks if check.met)
    return format_html(
        '<details class="standing"><summary>✗ {}</summary><ul>{}</ul></details>',
        _("%(met)s of %(total)s requirements met") % {"met": met, "total": len(checks)},
        format_html_join(
            "",
            "<li>{}: {}</li>",
            ((check.label, check.detail) for check in checks if not check.met),
        ),
    )


def roster_column(request, training_class, rows, known):
    """("Certificate", {enrolment id: html}) for the class's roster."""
    evaluations = evaluate_class(training_class, rows, known=known)
    records = {pk: (record.register_number, record.status) for pk, record in _records(rows).items()}
    cells: dict[int, str] = {}
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
            cells[enrolment_id] = _unmet(evaluation)
    heading = _("Certificate")
    if is_staff_member(request.user):
        heading = format_html(
            '{} (<a href="{}">{}</a>)',
            heading,
            reverse("lms_certificates_issue_class", args=[training_class.pk]),
            _("issue"),
        )
    return heading, cells
