"""The lms World, plus a survey on its class and helpers to answer it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.evaluation import surveys
from lms.evaluation.models import Survey, SurveyTemplate
from lms.models import ClassLecturer, Enrolment

from ..lms.personas import World, make_learner


class EvaluationWorld(World):
    def __init__(self):
        super().__init__()
        self.template = SurveyTemplate.default()
        self.link = ClassLecturer.objects.get(training_class=self.klass, user=self.lecturer)
        self.other_link = ClassLecturer.objects.get(
            training_class=self.other_class, user=self.other_lecturer
        )
        self.survey = Survey.open_for(self.klass, self.template)
        self.questions = list(self.survey.questions.all())

    def learners(self, count, training_class=None, prefix="hv"):
        """``count`` more learners enrolled in the class (the World's class by default)."""
        training_class = training_class or self.klass
        enrolments = []
        for number in range(count):
            profile = make_learner(f"{prefix}{training_class.pk}x{number}", self.cell)
            enrolments.append(
                Enrolment.objects.create(training_class=training_class, learner=profile)
            )
        return enrolments

    def answer(self, enrolment, link, values, comment="", survey=None):
        """values: one score per question (a list), or a single score for all."""
        survey = survey or self.survey
        questions = list(survey.questions.all())
        if isinstance(values, int):
            values = [values] * len(questions)
        surveys.answer(
            survey,
            enrolment,
            link,
            {q.pk: v for q, v in zip(questions, values, strict=True)},
            comment,
        )

    def close(self, survey=None):
        survey = survey or self.survey
        survey.status = Survey.Status.CLOSED
        survey.save()


@pytest.fixture
def world(db):
    return EvaluationWorld()


def yesterday():
    return timezone.localdate() - timedelta(days=1)
