"""Lecturers review the quiz attempts of their own classes only: the essay queue, the
grading screen and the quiz reports; staff see every class. Reports name the class."""

import pytest
from django.urls import reverse

from quizzes import access as quiz_access
from quizzes import attempts, grading
from quizzes.models import Answer, Attempt

from ..quizzes import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def essays(world):
    bank = b.category(world.course)
    question = b.essay(bank)
    quiz = b.quiz(world.course, questions=[question])
    answers = {}
    for profile in (world.learner, world.other_learner):
        attempt = quiz_access.start_attempt(profile.user, quiz)
        attempts.save_answer(attempt, question.pk, text=f"Bài của {profile.full_name}")
        attempts.submit(attempt)
        grading.grade_submitted(attempt.pk)
        answers[profile.user.username] = Answer.objects.get(attempt_question__attempt=attempt)
    return quiz, answers


def test_each_lecturer_grades_only_their_own_class(client, world, essays):
    quiz, answers = essays
    assert Attempt.objects.get(user=world.learner.user).context == f"class:{world.klass.pk}"
    client.force_login(world.lecturer)
    queue = client.get(reverse("quizzes_grading:index")).content.decode()
    mine = reverse("quizzes_grading:grade", args=[answers["hocvien"].pk])
    theirs = reverse("quizzes_grading:grade", args=[answers["hocvien2"].pk])
    assert mine in queue and theirs not in queue
    assert client.get(mine).status_code == 200
    assert client.get(theirs).status_code == 404
    response = client.post(theirs, {"grade": "9", "scale": "ten", "feedback": "x"})
    assert response.status_code == 404
    assert Answer.objects.get(pk=answers["hocvien2"].pk).points is None


def test_reports_show_a_lecturer_their_class_and_staff_every_class(client, world, essays):
    quiz, answers = essays
    url = reverse("quizzes_reports:attempts", args=[quiz.pk])
    client.force_login(world.lecturer)
    html = client.get(url).content.decode()
    assert world.klass.title in html and world.other_class.title not in html
    client.force_login(world.staff)
    html = client.get(url).content.decode()
    assert world.klass.title in html and world.other_class.title in html
    queue = client.get(reverse("quizzes_grading:index")).content.decode()
    for answer in answers.values():
        assert reverse("quizzes_grading:grade", args=[answer.pk]) in queue


def test_learners_see_no_reports(client, world, essays):
    quiz, _answers = essays
    client.force_login(world.learner.user)
    response = client.get(reverse("quizzes_reports:attempts", args=[quiz.pk]))
    assert response.status_code in (302, 403)


def test_the_essay_queue_and_grading_screen_name_the_class(client, world, essays):
    _quiz, answers = essays
    client.force_login(world.lecturer)
    queue = client.get(reverse("quizzes_grading:index")).content.decode()
    grade = client.get(reverse("quizzes_grading:grade", args=[answers["hocvien"].pk]))
    for html in (queue, grade.content.decode()):
        assert f"({world.klass.title})" in html
        assert "class:" not in html
