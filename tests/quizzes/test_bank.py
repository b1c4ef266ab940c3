"""The question bank and the quiz page's own rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from quizzes import errors
from quizzes.models import (
    AcceptedAnswer,
    Option,
    OverdueHandling,
    Question,
    QuizOverride,
    QuizPage,
    QuizSlot,
)
from quizzes.tasks import CLOSE_OVERDUE_SCHEDULE

from . import builders as b
from .builders import T0


def test_a_question_is_named_after_its_stem(bank):
    question = b.single(bank, stem="<p>Đảng Cộng sản Việt Nam&nbsp;ra đời <b>năm nào</b>?</p>")
    assert question.name == "Đảng Cộng sản Việt Nam ra đời năm nào?"
    assert str(question) == question.name


def test_well_formed_keys_have_no_problems(bank):
    for question in (
        b.single(bank),
        b.multiple(bank),
        b.true_false(bank),
        b.short(bank),
        b.essay(bank),
    ):
        assert question.key_problems() == [], question.kind


@pytest.mark.parametrize(
    ("kind", "options", "accepted", "problem"),
    [
        ("single", [("A", True)], [], "at least two options"),
        ("single", [("A", True), ("B", True)], [], "exactly one"),
        ("single", [("A", False), ("B", False)], [], "exactly one"),
        ("true_false", [("A", True), ("B", False), ("C", False)], [], "exactly two"),
        ("multiple", [("A", False), ("B", False)], [], "at least one"),
        ("short", [], [], "accepted answer"),
        ("short", [], ["  "], "accepted answer"),
        ("short", [("A", True)], ["x"], "Only choice"),
        ("essay", [], ["x"], "Only short-answer"),
    ],
)
def test_key_problems(bank, kind, options, accepted, problem):
    question = Question(category=bank, kind=kind, stem="<p>?</p>")
    with translation.override("en"):
        problems = question.key_problems(
            options=[Option(text=text, is_correct=correct) for text, correct in options],
            accepted=[AcceptedAnswer(text=text) for text in accepted],
        )
    assert any(problem in message for message in problems), problems


def test_a_category_stays_in_its_course_and_out_of_its_own_children(course, catalogue):
    from tests.factories import add_course

    other_course = add_course(catalogue, title="Khác", slug="khac", lessons=0)
    top = b.category(course, "Chương 1")
    child = b.category(course, "Mục 1", parent=top)
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()
    stranger = b.category(other_course, "Chương 9")
    stranger.parent = top
    with pytest.raises(ValidationError):
        stranger.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        b.category(course, "Mục 1", parent=top)


def test_a_slot_holds_a_question_or_a_draw(course, bank):
    question = b.single(bank)
    with pytest.raises(ValidationError):
        QuizSlot(question=question, category=bank).clean()
    with pytest.raises(ValidationError):
        QuizSlot().clean()
    QuizSlot(question=question).clean()
    QuizSlot(category=bank, count=3).clean()
    quiz = b.quiz(course, questions=[question])
    with transaction.atomic(), pytest.raises(IntegrityError):
        QuizSlot.objects.create(quiz=quiz)
    assert "3" in str(QuizSlot(category=bank, count=3))


def test_quiz_settings_are_checked(course):
    quiz = QuizPage(title="Q", slug="q", opens_at=T0, closes_at=T0)
    with pytest.raises(ValidationError):
        quiz.clean()
    quiz = QuizPage(title="Q", slug="q", overdue_handling=OverdueHandling.GRACE, grace_minutes=0)
    with pytest.raises(ValidationError):
        quiz.clean()
    assert QuizPage.subpage_types == []


def test_quiz_defaults(course, bank):
    quiz = b.quiz(course, questions=[b.single(bank)])
    assert (quiz.max_attempts, quiz.grading_method, quiz.pass_mark) == (0, "highest", 5)
    assert quiz.is_pass(5) and not quiz.is_pass(4.99) and not quiz.is_pass(None)


def test_an_override_needs_a_context_or_a_learner(course, bank):
    quiz = b.quiz(course, questions=[b.single(bank)])
    with pytest.raises(ValidationError):
        QuizOverride(quiz=quiz).clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        QuizOverride.objects.create(quiz=quiz)


def test_the_overdue_schedule_exists_after_migrating(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name=CLOSE_OVERDUE_SCHEDULE)
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == (
        "quizzes.tasks.close_overdue",
        Schedule.MINUTES,
        1,
    )


def test_messages_are_translated_with_their_details():
    error = errors.NoAttemptsLeft(count=2)
    with translation.override("en"):
        assert str(error) == "You have used all 2 attempts at this quiz."
    assert errors.AttemptClosed().status == 409


def test_a_new_quiz_gets_a_slug_without_diacritics_like_a_lesson(course):
    from quizzes.models import QuizPage

    typed = course.add_child(instance=QuizPage(title="Kiểm tra Điều lệ Đảng", slug="kiểm-tra-đảng"))
    from_title = course.add_child(instance=QuizPage(title="Bài kiểm tra cuối khoá"))
    assert (typed.slug, from_title.slug) == ("kiem-tra-dang", "bai-kiem-tra-cuoi-khoa")
    typed.save_revision().publish()
    QuizPage.objects.filter(pk=typed.pk).update(slug="kiểm-tra-cũ")
    published = QuizPage.objects.get(pk=typed.pk)
    published.title = "Đổi tên"
    published.save()
    assert QuizPage.objects.get(pk=typed.pk).slug == "kiểm-tra-cũ"  # its address stays
