"""A graded quiz reaches the learner: one notification per grading (however often the
task runs), another when a person changes the grade, and the grade on the dashboard."""

import pytest

from lms.models import Notification
from quizzes import access as quiz_access
from quizzes import attempts, grading
from quizzes.models import Answer

from ..quizzes import builders as b

pytestmark = pytest.mark.django_db


def test_the_learner_is_told_once_and_sees_the_grade(
    client, world, django_capture_on_commit_callbacks
):
    bank = b.category(world.course)
    question = b.single(bank)
    essay = b.essay(bank)
    quiz = b.quiz(world.course, questions=[question, essay])
    user = world.learner.user
    attempt = quiz_access.start_attempt(user, quiz)
    attempts.save_answer(attempt, question.pk, [question.options.get(is_correct=True).pk])
    attempts.save_answer(attempt, essay.pk, text="Bài thu hoạch")
    attempts.submit(attempt)
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_submitted(attempt.pk)
    assert not Notification.objects.filter(user=user).exists()  # the essay still waits
    answer = Answer.objects.get(attempt_question__question=essay)
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_essay(answer, 5, by=world.lecturer)
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_submitted(attempt.pk)  # a retried task: nothing new
    (notice,) = Notification.objects.filter(user=user)
    assert notice.kind == Notification.Kind.QUIZ_GRADED
    assert quiz.title in notice.subject and "/10" in notice.subject
    assert notice.url == f"/learn/quizzes/attempts/{attempt.pk}/result/"

    client.force_login(user)
    html = client.get("/learn/").content.decode()
    assert "Điểm gần đây" in html and quiz.title in html and notice.url in html

    answer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_essay(answer, 10, by=world.lecturer, reason="Chấm lại")
    subjects = list(Notification.objects.filter(user=user).values_list("subject", flat=True))
    assert len(subjects) == 2 and any("thay đổi" in subject for subject in subjects)
