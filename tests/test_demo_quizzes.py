from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from lessons.models import CoursePage, LessonPage
from portal.demo.quiz_content import GROUPS
from quizzes.models import Attempt, Question, QuestionCategory, QuizPage


def seed():
    call_command("seed_demo", stdout=StringIO())


def snapshot():
    return [
        model.objects.count() for model in (Page, Revision, QuestionCategory, Question, QuizPage)
    ]


@pytest.mark.django_db
def test_demo_quizzes_are_seeded_once_with_a_consistent_bank(client):
    seed()
    before = snapshot()
    seed()
    assert snapshot() == before

    course = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
    groups = [group["name"] for group in GROUPS]
    bank = Question.objects.filter(category__course=course, category__name__in=groups)
    assert bank.count() == 40
    kinds = Counter(bank.values_list("kind", flat=True))
    assert set(kinds) == {"single", "multiple", "true_false", "short"}
    assert kinds["single"] > 20 and 2 <= kinds["short"] <= 3
    # Besides the bank, only the reflection essay.
    essays = Question.objects.filter(category__course=course).exclude(pk__in=bank)
    assert [q.kind for q in essays] == [Question.Kind.ESSAY]
    assert essays[0].points == 10 and essays[0].general_feedback
    for question in Question.objects.filter(category__course=course):
        assert question.key_problems() == [], question

    quizzes = {quiz.title: quiz for quiz in QuizPage.objects.child_of(course)}
    assert set(quizzes) == {
        "Kiểm tra nhóm bài 1",
        "Kiểm tra nhóm bài 2",
        "Kiểm tra nhóm bài 3",
        "Bài thu hoạch cuối khoá",
    }
    for title, quiz in quizzes.items():
        assert quiz.live and not quiz.has_unpublished_changes
        assert quiz.shuffle_questions and quiz.shuffle_options
        slots = list(quiz.slots.all())
        assert len(slots) == 1
        if title.startswith("Kiểm tra"):
            assert slots[0].category.name in groups and slots[0].count == 10
            assert (quiz.time_limit_minutes, quiz.max_attempts) == (15, 2)
            assert quiz.grading_method == "highest" and quiz.pass_mark == 5
        else:
            assert slots[0].question.kind == Question.Kind.ESSAY
            assert (quiz.time_limit_minutes, quiz.max_attempts) == (None, 1)

    # The outline lists only the lessons; the quizzes sit among them in the tree.
    assert [lesson.slug for lesson in course.lessons()] == list(
        LessonPage.objects.child_of(course).values_list("slug", flat=True)
    )
    assert len(course.lessons()) == 6

    learner = get_user_model().objects.get(username="hocvien")
    client.force_login(learner)
    group_quiz = quizzes["Kiểm tra nhóm bài 1"]
    assert client.get(group_quiz.url).status_code == 200
    # Starting an attempt draws 10 questions from the group's category.
    assert client.post(group_quiz.url).status_code == 302
    attempt = Attempt.objects.get(quiz=group_quiz, user=learner)
    drawn = attempt.questions.select_related("question__category")
    assert len(drawn) == 10
    assert {item.question.category.name for item in drawn} == {GROUPS[0]["name"]}
