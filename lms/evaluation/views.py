"""The learner's side: the survey panel on the dashboard, the list of a class's lecturers
to answer about, and the answer form (one page per lecturer, for a phone)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lms.models import ClassLecturer, Enrolment

from . import surveys
from .forms import AnswerForm
from .models import Survey, SurveyReceipt


def dashboard_panel(request):
    """HTML of the dashboard panel: the open surveys of the learner's classes."""
    if not request.user.is_authenticated:
        return ""
    pending = surveys.pending_for_user(request.user)
    if not pending:
        return ""
    return render_to_string(
        "lms_evaluation/dashboard_panel.html", {"pending": pending}, request=request
    )


def _survey_and_enrolment(request, survey_id):
    survey = get_object_or_404(
        Survey.objects.select_related("training_class", "template"), pk=survey_id
    )
    enrolment = Enrolment.objects.filter(
        training_class_id=survey.training_class_id,
        learner__user=request.user,
        status=Enrolment.Status.ACTIVE,
    ).first()
    if enrolment is None:
        raise Http404
    return survey, enrolment


@login_required
def survey_page(request, survey_id):
    survey, enrolment = _survey_and_enrolment(request, survey_id)
    lecturers = list(surveys.lecturers_with_answers(survey, enrolment))
    return render(
        request,
        "lms_evaluation/survey.html",
        {
            "survey": survey,
            "lecturers": lecturers,
            "accepting": survey.is_accepting(),
            "all_answered": all(link.answered for link in lecturers),
        },
    )


@login_required
def answer_page(request, survey_id, lecturer_id):
    survey, enrolment = _survey_and_enrolment(request, survey_id)
    lecturer = ClassLecturer.objects.select_related("user").filter(pk=lecturer_id).first()
    refusal = None
    if lecturer is None or lecturer.training_class_id != survey.training_class_id:
        refusal = _("This lecturer did not teach your class.")
    elif SurveyReceipt.objects.filter(enrolment=enrolment, lecturer=lecturer).exists():
        refusal = _("You have already answered about this lecturer. Each learner answers once.")
    elif not survey.is_accepting():
        refusal = _("This survey is closed: answers are no longer accepted.")
    questions = list(survey.questions.all())
    form = AnswerForm(
        request.POST if request.method == "POST" and refusal is None else None,
        questions=questions,
        comments_prompt=survey.template.comments_prompt,
    )
    status = 200
    if refusal is None and request.method == "POST":
        if form.is_valid():
            try:
                surveys.answer(
                    survey, enrolment, lecturer, form.scores(), form.cleaned_data["comment"]
                )
            except surveys.SurveyRefused as error:
                refusal = str(error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your answer about %(lecturer)s has been counted, anonymously.")
                    % {"lecturer": _name(lecturer)},
                )
                return redirect("lms:evaluation:survey", survey_id=survey.pk)
        status = 400
    if refusal is not None:
        status = 400 if request.method == "POST" else 200
    return render(
        request,
        "lms_evaluation/answer.html",
        {
            "survey": survey,
            "lecturer": lecturer,
            "lecturer_name": _name(lecturer) if lecturer else "",
            "form": form,
            "refusal": refusal,
        },
        status=status,
    )


def _name(link) -> str:
    return link.user.get_full_name() or link.user.get_username()
