"""What happens to a survey: it opens (by staff, or by itself when its class finishes),
learners answer it, and it closes. Views and tasks call these functions."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from lms.models import ClassLecturer, Enrolment, TrainingClass

from .models import (
    SCORE_MAX,
    SCORE_MIN,
    Survey,
    SurveyAnswerScore,
    SurveyReceipt,
    SurveyResponse,
)
from .models.surveys import SurveyQuerySet


class SurveyRefused(Exception):
    """An answer that may not be stored; the message says why, to the learner."""


def open_when_finished(sender, instance, raw=False, **kwargs):
    """post_save of TrainingClass: a class that has just finished gets its survey, with the
    default template, open for DEFAULT_OPEN_DAYS days. A class that already has one keeps
    it (staff may have closed it)."""
    if raw or instance.status != TrainingClass.Status.FINISHED:
        return
    if not Survey.objects.filter(training_class=instance).exists():
        Survey.open_for(instance)


def lecturers_with_answers(survey, enrolment):
    """The class's lecturers, each with ``answered``: whether this enrolment has answered
    about them. One query."""
    return (
        ClassLecturer.objects.filter(training_class_id=survey.training_class_id)
        .select_related("user")
        .annotate(
            answered=Exists(
                SurveyReceipt.objects.filter(enrolment=enrolment, lecturer=OuterRef("pk"))
            )
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def pending_for_user(user, surveys: SurveyQuerySet | None = None):
    """(survey, enrolment, lecturers still to answer) for each survey the user's classes
    have open now. Two queries."""
    surveys = surveys if surveys is not None else Survey.objects.accepting()
    enrolments = {
        e.training_class_id: e
        for e in Enrolment.objects.filter(
            learner__user=user,
            status=Enrolment.Status.ACTIVE,
            training_class__evaluation_survey__in=surveys,
        ).select_related("training_class__evaluation_survey", "training_class")
    }
    if not enrolments:
        return []
    waiting: dict[int, int] = {}
    for link in (
        ClassLecturer.objects.filter(training_class_id__in=enrolments)
        .exclude(
            Exists(
                SurveyReceipt.objects.filter(lecturer=OuterRef("pk"), enrolment__learner__user=user)
            )
        )
        .values_list("training_class_id", flat=True)
    ):
        waiting[link] = waiting.get(link, 0) + 1
    return [
        (enrolment.training_class.evaluation_survey, enrolment, waiting.get(class_id, 0))
        for class_id, enrolment in enrolments.items()
    ]


def answer(survey, enrolment, lecturer, scores: dict, comment: str = "") -> None:
    """Store one learner's answer about one lecturer: the receipt and the anonymous
    response in one transaction, or nothing at all.

    ``scores`` maps each question id of the survey to a score from 1 to 5."""
    if not survey.is_accepting():
        raise SurveyRefused(_("This survey is closed: answers are no longer accepted."))
    if (
        enrolment.training_class_id != survey.training_class_id
        or enrolment.status != Enrolment.Status.ACTIVE
    ):
        raise SurveyRefused(_("You are not a learner of this class."))
    if lecturer.training_class_id != survey.training_class_id:
        raise SurveyRefused(_("This lecturer did not teach your class."))
    questions = {q.pk: q for q in survey.questions.all()}
    cleaned = {}
    for question_id, question in questions.items():
        raw = scores.get(question_id)
        try:
            value = None if raw is None else int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            raise SurveyRefused(
                _("Give every criterion a score from %(min)s to %(max)s: “%(criterion)s”.")
                % {"min": SCORE_MIN, "max": SCORE_MAX, "criterion": question.label}
            )
        cleaned[question_id] = value
    if set(scores) - set(questions):
        raise SurveyRefused(_("The answer does not match this survey's questions."))
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(enrolment=enrolment, lecturer=lecturer)
            response = SurveyResponse.objects.create(
                survey=survey, lecturer=lecturer, comment=comment.strip()
            )
            SurveyAnswerScore.objects.bulk_create(
                [
                    SurveyAnswerScore(response=response, question_id=question_id, value=value)
                    for question_id, value in cleaned.items()
                ]
            )
    except IntegrityError:
        raise SurveyRefused(
            _("You have already answered about this lecturer. Each learner answers once.")
        ) from None
