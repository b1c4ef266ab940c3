"""Receivers of the events that may complete an enrolment: each records that the
enrolments concerned are due a check (EvaluationDue, in the event's transaction) and
enqueues the check after the transaction commits (see apps.py). A check whose task is
lost is found by the sweep (lms/sweep.py, kinds registered in apps.py)."""

from lms.models import Enrolment, TrainingClass

from .issuing import evaluation_due as due


def _open(queryset):
    return list(
        queryset.filter(
            status=Enrolment.Status.ACTIVE, completion_records__isnull=True
        ).values_list("pk", flat=True)
    )


def on_lesson_completed(sender, enrolment, lesson, **kwargs):
    ids = _open(Enrolment.objects.filter(pk=enrolment.pk))
    if ids:
        due(ids)


def on_attempt_graded(sender, attempt, **kwargs):
    class_id = TrainingClass.pk_from_context(attempt.context or "")
    if class_id is None:
        return
    ids = _open(Enrolment.objects.filter(training_class_id=class_id, learner__user=attempt.user_id))
    if ids:
        due(ids)


def on_attendance_recorded(sender, session, enrolment_ids, **kwargs):
    ids = _open(Enrolment.objects.filter(pk__in=list(enrolment_ids)))
    if ids:
        due(ids)


def on_attendance_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ids = _open(Enrolment.objects.filter(pk=instance.enrolment_id))
    if ids:
        due(ids)


def on_lesson_requirement_changed(sender, training_class, lesson, **kwargs):
    """A lesson is no longer (or again) required for the class: check its learners."""
    ids = _open(Enrolment.objects.filter(training_class=training_class))
    if ids:
        due(ids)
