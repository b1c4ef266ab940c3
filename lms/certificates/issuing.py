"""Issuing and revoking completion records: the one place that writes the register.

``issue`` works under a lock on the enrolment, so two workers issuing for the same
learner at the same moment end with one record; the register number is taken from a
per-centre-year counter row locked in the same transaction, so a rollback (or a worker
killed halfway) gives the number back and the register has no gaps. Everything here is
idempotent: a second ``issue`` returns the record already there, a second ``revoke``
changes nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.collation import name_ordering
from lms.grades import classify, final_grade
from lms.models import ClassSession, Enrolment, Notification, TrainingClass
from lms.notify import notify
from quizzes.background import enqueue_on_commit

from .models import (
    CertificateSettings,
    CompletionRecord,
    EvaluationDue,
    RegisterCounter,
    StaffConfirmation,
)
from .rules import Evaluation, evaluate, evaluate_class

RENDER_TASK = "lms.certificates.tasks.render_pdfs"
# "Issue class" commits this many records at a time (one notification and one render
# task each): a worker killed halfway loses at most one batch, which the next run issues.
BATCH = 25
EVALUATE_TASK = "lms.certificates.tasks.evaluate_enrolments"


class IssueRefused(ValidationError):
    """Nothing was issued; the message says why."""


def enqueue(func: str, *args, **kwargs) -> None:
    """Run a task once the current transaction commits (at once outside one)."""
    enqueue_on_commit(func, *args, group="lms-certificates", **kwargs)


def evaluation_due(ids) -> None:
    """Mark these enrolments due a check, now, and queue it."""
    now = timezone.now()
    ids = list(ids)
    known = set(
        EvaluationDue.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", flat=True)
    )
    if known:
        EvaluationDue.objects.filter(enrolment_id__in=known).update(since=now)
    EvaluationDue.objects.bulk_create(
        [EvaluationDue(enrolment_id=pk, since=now) for pk in ids if pk not in known],
        ignore_conflicts=True,
    )
    enqueue(EVALUATE_TASK, ids)


def _take_number(centre, year: int) -> int:
    """The next number of the centre's register for the year, under a row lock held
    until the caller's transaction ends."""
    locked = RegisterCounter.objects.select_for_update()
    counter = locked.filter(centre=centre, year=year).first()
    if counter is None:  # the year's first number (two creators: one row, both wait)
        RegisterCounter.objects.get_or_create(centre=centre, year=year)
        counter = locked.get(centre=centre, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def issue(
    enrolment,
    *,
    by=None,
    override_reason: str = "",
    evaluation: Evaluation | None = None,
    today=None,
) -> tuple[CompletionRecord, bool]:
    """The enrolment's completion record, issued now if it has none: (record, created).

    Refused (``IssueRefused``, nothing stored) for a withdrawn learner, and for one who
    does not meet the rules unless a member of staff gives a written reason. The learner
    is told, and the PDF rendered, once the transaction commits."""
    enrolment_id = getattr(enrolment, "pk", enrolment)
    try:
        with transaction.atomic():
            record, created = _issue_locked(enrolment_id, by, override_reason, evaluation, today)
            if created:
                _announce([record])
    except IntegrityError:
        # The constraint caught a second record (a database without row locks): the
        # first one stands.
        return CompletionRecord.objects.filter(enrolment_id=enrolment_id).latest("pk"), False
    return record, created


def _issue_locked(enrolment_id, by, override_reason, evaluation, today):
    """Issue under a lock on the enrolment; the caller holds the transaction."""
    override_reason = (override_reason or "").strip()
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("training_class__course", "training_class__centre", "learner__organisation")
        .get(pk=enrolment_id)
    )
    existing = CompletionRecord.objects.filter(enrolment=enrolment).order_by("-pk").first()
    if existing is not None:  # valid, or revoked (only staff re-issue that: ``reissue``)
        return existing, False
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise IssueRefused(_("The learner has withdrawn from the class."), code="withdrawn")
    evaluation = evaluation or evaluate(enrolment)
    if not evaluation.met:
        if not override_reason:
            raise IssueRefused(
                _("%(name)s does not meet the rules yet: %(missing)s")
                % {"name": enrolment.learner.full_name, "missing": evaluation.missing_text()},
                code="rules_not_met",
            )
        if by is None:
            raise IssueRefused(_("Only staff may issue without the rules met."))
    else:
        override_reason = ""
    return _create(enrolment, evaluation, by, override_reason, today), True


SALUTATIONS = {"male": "Ông", "female": "Bà"}


def study_period(training_class):
    """(from, to) of a class: its study period, else its first and last sessions."""
    opens, closes = training_class.study_opens, training_class.study_closes
    if opens is None or closes is None:
        days = training_class.sessions.aggregate(first=Min("date"), last=Max("date"))
        opens, closes = opens or days["first"], closes or days["last"]
    return opens, closes


def _create(enrolment, evaluation, by, override_reason, today, reissue_of=None):
    """A new record with the next number of the register of the year it is issued in
    (``today``): the year a completion and its certificate count in, everywhere."""
    training_class = enrolment.training_class
    centre = training_class.centre
    learner = enrolment.learner
    today = today or timezone.localdate()
    seq = _take_number(centre, today.year)
    grade = final_grade(evaluation.grades)
    classification = classify(grade)
    study_from, study_to = study_period(training_class)
    with override(settings.LANGUAGE_CODE):
        record = CompletionRecord.objects.create(
            enrolment=enrolment,
            centre=centre,
            year=today.year,
            sequence=seq,
            register_number=CertificateSettings.for_centre(centre).register_number(seq, today.year),
            issued_on=today,
            issued_by=by,
            override_reason=override_reason,
            learner_name=learner.full_name,
            course_title=training_class.course.title,
            class_title=training_class.title,
            grades=evaluation.grades,
            salutation=SALUTATIONS.get(learner.gender, "Ông/Bà"),
            date_of_birth=learner.date_of_birth,
            unit=learner.organisation.name if learner.organisation_id else "",
            study_from=study_from,
            study_to=study_to,
            final_grade=grade,
            classification=classification.value if classification else "",
            reissue_of=reissue_of,
        )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=timezone.make_aware(datetime.combine(today, time(12)))
        if today != timezone.localdate()
        else timezone.now()
    )
    return record


def _announce(records) -> None:
    """Tell the learners of these records (all of one class), once per enrolment, and
    render their PDFs after the commit: one e-mail task and one render task per call."""
    if not records:
        return
    training_class = records[0].enrolment.training_class
    with override(settings.LANGUAGE_CODE):
        notify(
            [record.enrolment.learner.user_id for record in records],
            kind=Notification.Kind.CERTIFICATE_ISSUED,
            key=f"certificate:{training_class.pk}:issued",
            subject=_("Your certificate for %(class)s") % {"class": training_class.title},
            message=_(
                "You have completed %(class)s. Your certificate is ready to download from "
                "your page."
            )
            % {"class": training_class.title},
            url=reverse("lms:dashboard"),
        )
    enqueue(RENDER_TASK, [record.pk for record in records])


def revoke(record: CompletionRecord, *, by, reason: str, now=None) -> bool:
    """Revoke with a written reason; False if it already was. The record stays in the
    register, marked."""
    reason = (reason or "").strip()
    if not reason:
        raise IssueRefused(_("Give the reason for revoking the certificate."), code="no_reason")
    now = now or timezone.now()
    with transaction.atomic():
        record = (
            CompletionRecord.objects.select_for_update()
            .select_related("enrolment__learner")
            .get(pk=record.pk)
        )
        if record.status == CompletionRecord.Status.REVOKED:
            return False
        record.status = CompletionRecord.Status.REVOKED
        record.revoked_reason = reason
        record.revoked_by = by
        record.revoked_at = now
        # The PDF is drawn again with the revoked mark (the render task, or the sweep
        # that finds it without one); the unmarked file goes once this commits.
        unmarked = record.pdf.name if record.pdf else ""
        record.pdf = ""
        record.save(update_fields=["status", "revoked_reason", "revoked_by", "revoked_at", "pdf"])
        if unmarked:
            storage = record.pdf.storage
            transaction.on_commit(lambda: storage.delete(unmarked))
        enqueue(RENDER_TASK, [record.pk])
        Enrolment.objects.filter(pk=record.enrolment_id).update(completed_at=None)
        with override(settings.LANGUAGE_CODE):
            notify(
                [record.enrolment.learner.user_id],
                kind=Notification.Kind.CERTIFICATE_REVOKED,
                key=f"certificate:{record.pk}:revoked",
                subject=_("Certificate no. %(number)s has been revoked")
                % {"number": record.register_number},
                message=_("Your certificate for %(class)s was revoked. Reason: %(reason)s")
                % {"class": record.class_title, "reason": reason},
                url=reverse("lms:dashboard"),
            )
    return True


def reissue(record: CompletionRecord, *, by, today=None) -> CompletionRecord:
    """A new certificate for a revoked one (after correcting the learner's data, say):
    the next number in this year's register, the learner's data and grades as they are
    now, and a link to the revoked record, which stays in the register as it was."""
    if by is None:
        raise IssueRefused(_("Only staff may re-issue a certificate."))
    with transaction.atomic():
        old = CompletionRecord.objects.select_for_update().get(pk=record.pk)
        if old.status != CompletionRecord.Status.REVOKED:
            raise IssueRefused(
                _("Certificate no. %(number)s is valid: revoke it before re-issuing it.")
                % {"number": old.register_number},
                code="not_revoked",
            )
        if CompletionRecord.objects.filter(reissue_of=old).exists():
            raise IssueRefused(
                _("Certificate no. %(number)s has already been re-issued.")
                % {"number": old.register_number},
                code="already_reissued",
            )
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related(
                "training_class__course", "training_class__centre", "learner__organisation"
            )
            .get(pk=old.enrolment_id)
        )
        evaluation = evaluate(enrolment)
        new = _create(
            enrolment,
            evaluation,
            by,
            _("Re-issue of no. %(number)s") % {"number": old.register_number},
            today,
            reissue_of=old,
        )
        _announce([new])
    return new


def confirm(enrolment, *, by) -> bool:
    """Staff confirm the learner (the "staff confirms" rule); evaluation follows."""
    _confirmation, created = StaffConfirmation.objects.get_or_create(
        enrolment=enrolment, defaults={"confirmed_by": by}
    )
    if created:
        evaluation_due([enrolment.pk])
    return created


def evaluate_and_issue(enrolment_ids) -> int:
    """Issue automatically to each of these enrolments that meets its rules; returns how
    many records were created. Safe to run any number of times."""
    open_enrolments = (
        Enrolment.objects.filter(
            pk__in=list(enrolment_ids),
            status=Enrolment.Status.ACTIVE,
            completion_records__isnull=True,
        )
        .exclude(
            training_class__status__in=[
                TrainingClass.Status.PLANNED,
                TrainingClass.Status.CANCELLED,
            ]
        )
        .select_related("training_class__course")
    )
    by_class: dict[int, list[int]] = {}
    classes = {}
    for enrolment in open_enrolments:
        by_class.setdefault(enrolment.training_class_id, []).append(enrolment.pk)
        classes[enrolment.training_class_id] = enrolment.training_class
    created = 0
    for class_id, ids in by_class.items():
        evaluations = evaluate_class(classes[class_id], Enrolment.objects.filter(pk__in=ids))
        for enrolment_id, evaluation in evaluations.items():
            if evaluation.met:
                try:
                    created += issue(enrolment_id, evaluation=evaluation)[1]
                except IssueRefused:
                    continue  # withdrawn meanwhile
    return created


@dataclass
class ClassIssue:
    issued: list = field(default_factory=list)
    already: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (enrolment, missing text)


def sessions_pending(training_class, today=None) -> int:
    """In-person sessions still to come: "issue class" waits for the final one."""
    return ClassSession.objects.filter(
        training_class=training_class, date__gt=today or timezone.localdate()
    ).count()


def issue_class(training_class, *, by, overrides: dict | None = None, today=None) -> ClassIssue:
    """Issue to every learner of the class who meets the rules, and to those staff
    override with a written reason; list the others with what they miss. Each record is
    its own transaction: stopped halfway and run again, it issues the rest."""
    if sessions_pending(training_class, today):
        raise IssueRefused(
            _("The class still has in-person sessions to come: issue after the final one."),
            code="sessions_pending",
        )
    overrides = {int(k): (v or "").strip() for k, v in (overrides or {}).items()}
    report = ClassIssue()
    evaluations = evaluate_class(training_class)
    enrolments = Enrolment.objects.filter(pk__in=list(evaluations)).select_related("learner")
    recorded = set(
        CompletionRecord.objects.filter(enrolment_id__in=list(evaluations)).values_list(
            "enrolment_id", flat=True
        )
    )
    pending = []
    for enrolment in enrolments.order_by(
        *name_ordering("learner__full_name", "pk", centre_path="training_class__centre")
    ):
        if enrolment.pk in recorded:
            report.already.append(enrolment)
            continue
        evaluation = evaluations[enrolment.pk]
        reason = overrides.get(enrolment.pk, "")
        if not evaluation.met and not reason:
            report.refused.append((enrolment, evaluation.missing_text()))
            continue
        pending.append((enrolment, evaluation, reason))
    for start in range(0, len(pending), BATCH):
        with transaction.atomic():
            created = []
            for enrolment, evaluation, reason in pending[start : start + BATCH]:
                try:
                    record, new = _issue_locked(enrolment.pk, by, reason, evaluation, today)
                except IssueRefused as refusal:  # withdrawn meanwhile; nothing written
                    report.refused.append((enrolment, " ".join(refusal.messages)))
                    continue
                (report.issued if new else report.already).append(enrolment)
                if new:
                    created.append(record)
            _announce(created)
    return report
