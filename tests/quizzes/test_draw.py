"""The random draw and the shuffles: seeded, reproducible per attempt, different between
attempts."""

import pytest

from quizzes import attempts
from quizzes.attempts import draw
from quizzes.models import Question

from . import builders as b
from .builders import T0


@pytest.fixture
def forty(bank):
    """A 40-question bank of single-choice questions with four options each."""
    return [
        b.single(
            bank,
            stem=f"<p>Câu {n}</p>",
            options=[(f"{n}-A", True), (f"{n}-B", False), (f"{n}-C", False), (f"{n}-D", False)],
        )
        for n in range(1, 41)
    ]


@pytest.fixture
def random_quiz(course, bank, forty):
    return b.quiz(course, draws=[(bank, 10)], shuffle_questions=True, shuffle_options=True)


def layout(attempt):
    """The attempt's questions and option orders as stored."""
    return [
        (row.question_id, list(row.option_order)) for row in attempt.questions.order_by("position")
    ]


def plan_layout(plan):
    return [(question.pk, ids) for question, ids in plan]


def test_ten_of_forty_without_repeats(random_quiz, learner, forty):
    attempt = attempts.start_attempt(random_quiz, learner, now=T0)
    drawn = [question for question, _ids in layout(attempt)]
    assert len(drawn) == 10 == len(set(drawn))
    assert set(drawn) <= {question.pk for question in forty}
    assert attempt.max_points == 10


def test_the_same_seed_gives_the_same_attempt(random_quiz, learner):
    attempt = attempts.start_attempt(random_quiz, learner, now=T0)
    assert plan_layout(draw(random_quiz, attempt.seed)) == layout(attempt)
    assert plan_layout(draw(random_quiz, attempt.seed)) == plan_layout(
        draw(random_quiz, attempt.seed)
    )


def test_different_attempts_get_different_draws_and_orders(random_quiz):
    layouts = [
        layout(attempts.start_attempt(random_quiz, b.user(f"hv{n}"), now=T0)) for n in range(5)
    ]
    distinct = {tuple((q, tuple(ids)) for q, ids in lay) for lay in layouts}
    assert len(distinct) == 5
    question_sets = {frozenset(q for q, _ids in lay) for lay in layouts}
    assert len(question_sets) > 1
    first_options = {tuple(lay[0][1]) for lay in layouts}
    assert len(first_options) > 1  # options are shuffled too


def test_options_are_shuffled_but_every_option_is_there(random_quiz, learner):
    attempt = attempts.start_attempt(random_quiz, learner, now=T0)
    for question_id, option_order in layout(attempt):
        stored = Question.objects.get(pk=question_id).options.values_list("pk", flat=True)
        assert sorted(option_order) == sorted(stored)


def test_without_shuffles_the_authored_order_is_kept(course, bank, learner):
    questions = [b.single(bank), b.multiple(bank), b.true_false(bank), b.short(bank)]
    quiz = b.quiz(course, questions=questions, shuffle_questions=False, shuffle_options=False)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    assert [q for q, _ids in layout(attempt)] == [q.pk for q in questions]
    for question, (_q, option_order) in zip(questions, layout(attempt), strict=True):
        assert option_order == list(
            question.options.order_by("sort_order").values_list("pk", flat=True)
        )


def test_true_false_keeps_its_order_when_options_are_shuffled(course, bank):
    question = b.true_false(bank)
    quiz = b.quiz(course, questions=[question], shuffle_options=True)
    expected = list(question.options.order_by("sort_order").values_list("pk", flat=True))
    for seed in range(20):
        assert draw(quiz, seed)[0][1] == expected


def test_fixed_questions_and_draws_mix_without_duplicates(course, bank, forty):
    chapter_two = b.category(bank.course, name="Chương 2")
    essay = b.essay(chapter_two)
    fixed = forty[:3]
    quiz = b.quiz(course, questions=[*fixed, essay], draws=[(bank, 37)])
    for seed in range(5):
        drawn = [question.pk for question, _ids in draw(quiz, seed)]
        # Fixed questions first, in slot order; the draw takes the rest of the bank.
        assert drawn[:4] == [q.pk for q in fixed] + [essay.pk]
        assert len(drawn) == len(set(drawn)) == 41


def test_a_draw_larger_than_the_category_takes_every_question(course, bank):
    questions = [b.single(bank) for _ in range(3)]
    quiz = b.quiz(course, draws=[(bank, 10)])
    assert sorted(q.pk for q, _ids in draw(quiz, 1)) == [q.pk for q in questions]


def test_two_draws_from_one_category_never_repeat_a_question(course, bank, forty):
    quiz = b.quiz(course, draws=[(bank, 20), (bank, 20)])
    drawn = [q.pk for q, _ids in draw(quiz, 7)]
    assert len(drawn) == len(set(drawn)) == 40


def test_sub_categories_are_drawn_from_when_asked(course, bank):
    child = b.category(course, name="Mục 1.1", parent=bank)
    grandchild = b.category(course, name="Mục 1.1.1", parent=child)
    top, middle, bottom = b.single(bank), b.single(child), b.single(grandchild)
    assert bank.descendant_ids() == [bank.pk, child.pk, grandchild.pk]
    with_children = b.quiz(course, draws=[(bank, 10, True)])
    alone = b.quiz(course, draws=[(bank, 10)])
    assert {q.pk for q, _ids in draw(with_children, 3)} == {top.pk, middle.pk, bottom.pk}
    assert {q.pk for q, _ids in draw(alone, 3)} == {top.pk}


def test_slots_follow_their_order(course, bank):
    first, second = b.single(bank), b.single(bank)
    quiz = b.quiz(course, questions=[first, second])
    slots = list(quiz.slots.all())
    slots[0].sort_order, slots[1].sort_order = 1, 0
    for slot in slots:
        slot.save()
    assert [q.pk for q, _ids in draw(quiz, 0)] == [second.pk, first.pk]
