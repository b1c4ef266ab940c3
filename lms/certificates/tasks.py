"""django-q2 tasks of the certificates app. Each may run twice or be killed halfway and
the database still ends right (see issuing.py)."""

from datetime import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lms.models import Enrolment, TrainingClass
from quizzes import background
from quizzes.background import outlasting_database_restarts

from . import issuing
from .models import CertificateSettings, CompletionRecord, EvaluationDue
from .verification import verify_url

SCHEDULE_NAME = "lms_certificates.nightly_sweep"
SWEEP_TASK = "lms.certificates.tasks.sweep"


@outlasting_database_restarts
def evaluate_enrolments(enrolment_ids) -> int:
    """On an event: re-evaluate these enrolments, issuing to those who now meet the rules;
    then they are no longer due a check (unless an event came meanwhile)."""
    started = timezone.now()
    created = issuing.evaluate_and_issue(enrolment_ids)
    EvaluationDue.objects.filter(enrolment_id__in=list(enrolment_ids), since__lte=started).delete()
    return created


def evaluations_due(cutoff):
    """Enrolments due a completion check since before ``cutoff`` (their task was lost)."""
    return EvaluationDue.objects.filter(since__lt=cutoff)


def unrendered(cutoff):
    """Records issued before ``cutoff`` whose PDF is not rendered (their task was lost)."""
    return CompletionRecord.objects.filter(pdf="", issued_at__lt=cutoff)


def sweep() -> int:
    """Nightly safety net: every open enrolment (active, no record, class under way or
    finished) is evaluated; returns how many records were issued."""
    ids = Enrolment.objects.filter(
        status=Enrolment.Status.ACTIVE,
        completion_records__isnull=True,
        training_class__status__in=[
            TrainingClass.Status.OPEN,
            TrainingClass.Status.IN_SESSION,
            TrainingClass.Status.FINISHED,
        ],
    ).values_list("pk", flat=True)
    return issuing.evaluate_and_issue(list(ids))


def issue_class(class_id: int, by_id: int | None, overrides: dict | None = None) -> int:
    """ "Issue class" in the background; returns how many records this run created."""
    from django.contrib.auth import get_user_model

    training_class = TrainingClass.objects.select_related("course", "centre").get(pk=class_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return len(issuing.issue_class(training_class, by=by, overrides=overrides).issued)


@outlasting_database_restarts
def render_pdf(record_id: int, force: bool = False) -> bool:
    """Render and store the record's certificate unless it has one; True if rendered."""
    record = CompletionRecord.objects.select_related(
        "centre__site", "centre__seal", "enrolment__training_class"
    ).get(pk=record_id)
    if record.pdf and not force:
        return False
    content = render_bytes(record)
    with transaction.atomic():
        locked = CompletionRecord.objects.select_for_update().get(pk=record_id)
        if locked.pdf and not force:
            return False  # another worker stored it first
        old = locked.pdf.name if locked.pdf else ""
        locked.pdf.save(f"{record.code[:16]}.pdf", ContentFile(content), save=False)
        locked.save(update_fields=["pdf"])
    if old and old != locked.pdf.name:
        locked.pdf.storage.delete(old)
    return True


def render_pdfs(record_ids) -> int:
    """Render the PDFs of these records (those without one); returns how many."""
    return sum(render_pdf(pk) for pk in record_ids)


def render_bytes(record) -> bytes:
    from .pdf import render

    layout = CertificateSettings.for_centre(record.centre)
    return render(record, layout, verify_url(record))


def ensure_schedule(**kwargs) -> None:
    """Create the nightly sweep once (post_migrate)."""
    background.ensure_schedule(SCHEDULE_NAME, SWEEP_TASK, daily_at=time(1, 30))
