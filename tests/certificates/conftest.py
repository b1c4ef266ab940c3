"""A class ready for certificates: the lms World, with completion rules, a quiz and an
essay in the course, sessions held, and helpers that do what a learner does."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lms import progress
from lms.attendance import record_attendance
from lms.certificates.models import CompletionRule
from lms.models import Attendance, ClassSession
from quizzes import attempts
from quizzes.grading import grade_essay
from quizzes.models import Answer, Question

from ..lms.personas import World
from ..quizzes import builders


class CertWorld(World):
    def __init__(self):
        super().__init__()
        bank = builders.category(self.course)
        self.question = builders.single(bank)
        self.quiz = builders.quiz(self.course, questions=[self.question])
        self.essay_question = builders.essay(bank)
        self.essay = builders.quiz(self.course, questions=[self.essay_question])
        # The session the World planned in three days moves to the past: a class whose
        # sessions were all held.
        today = timezone.localdate()
        ClassSession.objects.filter(pk=self.session.pk).update(date=today - timedelta(days=2))
        self.session.refresh_from_db()
        self.session2 = ClassSession.objects.create(
            training_class=self.klass,
            date=today - timedelta(days=1),
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Hội trường Trung tâm",
        )

    def rule(self, **fields) -> CompletionRule:
        quizzes = fields.pop("quizzes", [])
        rule = CompletionRule.objects.create(course=self.course, **fields)
        rule.quizzes.set(quizzes)
        return rule

    def full_rule(self) -> CompletionRule:
        return self.rule(
            min_lessons_percent=100,
            quizzes=[self.quiz],
            min_attendance_percent=80,
            essay_quiz=self.essay,
            min_essay_grade=Decimal(5),
        )

    # What a learner (and the centre) do.
    def complete_lessons(self, enrolment, count=None):
        for lesson in self.lessons[:count]:
            progress.mark_completed(enrolment, lesson)

    def take_quiz(self, enrolment, right=True):
        user = enrolment.learner.user
        attempt = attempts.start_attempt(self.quiz, user, f"class:{enrolment.training_class_id}")
        options = list(self.question.options.order_by("sort_order"))
        chosen = next(o for o in options if o.is_correct == right)
        attempts.save_answer(attempt, self.question.pk, [chosen.pk])
        attempts.submit(attempt)
        return attempt

    def write_essay(self, enrolment, points):
        user = enrolment.learner.user
        attempt = attempts.start_attempt(self.essay, user, f"class:{enrolment.training_class_id}")
        attempts.save_answer(attempt, self.essay_question.pk, text="Bài thu hoạch của tôi.")
        attempts.submit(attempt)
        answer = Answer.objects.get(
            attempt_question__attempt=attempt,
            attempt_question__question__kind=Question.Kind.ESSAY,
        )
        grade_essay(answer, points, by=self.lecturer)
        return attempt

    def attend(self, enrolment, sessions=None):
        for session in sessions or [self.session, self.session2]:
            record_attendance(session, {enrolment.pk: Attendance.Status.PRESENT}, self.staff)

    def complete_everything(self, enrolment):
        self.complete_lessons(enrolment)
        self.take_quiz(enrolment)
        self.write_essay(enrolment, 8)
        self.attend(enrolment)


@pytest.fixture
def cw(db, django_capture_on_commit_callbacks):
    world = CertWorld()
    return world


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what the block registers with on_commit, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
