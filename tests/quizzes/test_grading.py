"""Grading: each question type, partial credit, short-answer normalisation, essays by
hand, the grading methods, regrading, and the grading task's idempotence."""

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from quizzes import attempts, errors, grading, tasks
from quizzes.grading import choice_share, short_answer_matches
from quizzes.models import AcceptedAnswer, Attempt, GradeChange, GradingMethod, Option, Question
from quizzes.text import normalise, strip_diacritics

from . import builders as b
from .builders import T0

State = Attempt.State
Kind = Question.Kind


def ids(question):
    return list(question.options.order_by("sort_order").values_list("pk", flat=True))


def take(quiz, user, answers, *, context="", now=T0, capture=None):
    """Start, answer ({question: choice ids or text}), submit; the attempt, reloaded."""
    attempt = attempts.start_attempt(quiz, user, context, now=now)
    for question, answer in answers.items():
        if isinstance(answer, str):
            attempts.save_answer(attempt, question.pk, text=answer, now=now)
        else:
            attempts.save_answer(attempt, question.pk, answer, now=now)
    attempts.submit(attempt, now=now)
    grading.grade_submitted(attempt.pk)
    attempt.refresh_from_db()
    return attempt


def points(attempt, question):
    return attempt.questions.get(question=question).answer.points


# --- Each question type ----------------------------------------------------------------


def test_single_choice(course, bank, learner):
    question = b.single(bank, points=2)
    quiz = b.quiz(course, questions=[question], max_attempts=0)
    right, wrong, _third = ids(question)
    assert points(take(quiz, learner, {question: [right]}), question) == 2
    assert points(take(quiz, learner, {question: [wrong]}), question) == 0
    assert points(take(quiz, learner, {}), question) == 0


@pytest.mark.parametrize(("answer", "expected"), [(True, [2, 0]), (False, [0, 2])])
def test_true_false(course, bank, learner, answer, expected):
    question = b.true_false(bank, answer=answer, points=2)
    quiz = b.quiz(course, questions=[question])
    true_id, false_id = ids(question)
    assert [
        points(take(quiz, learner, {question: [choice]}), question)
        for choice in (true_id, false_id)
    ] == expected


# Two correct (A, B) and two wrong (C, D) options, 1 point.
PARTIAL = [
    ("AB", Decimal("1.00")),
    ("A", Decimal("0.50")),
    ("B", Decimal("0.50")),
    ("ABC", Decimal("0.50")),
    ("AC", Decimal("0.00")),
    ("ACD", Decimal("0.00")),  # never below 0
    ("CD", Decimal("0.00")),
    ("ABCD", Decimal("0.00")),  # ticking everything earns nothing
    ("", Decimal("0.00")),
]


@pytest.mark.parametrize(("chosen", "expected"), PARTIAL)
def test_multiple_choice_partial_credit(course, bank, learner, chosen, expected):
    question = b.multiple(bank)
    quiz = b.quiz(course, questions=[question])
    option = dict(zip("ABCD", ids(question), strict=True))
    attempt = take(quiz, learner, {question: [option[letter] for letter in chosen]})
    assert points(attempt, question) == expected


def test_multiple_choice_shares_with_uneven_counts():
    correct, wrong = {1, 2, 3}, {4}
    assert choice_share(Kind.MULTIPLE, [1, 2, 3], correct, wrong) == 1
    assert choice_share(Kind.MULTIPLE, [1], correct, wrong) == Fraction(1, 3)
    assert choice_share(Kind.MULTIPLE, [1, 2, 3, 4], correct, wrong) == 0
    assert choice_share(Kind.MULTIPLE, [1, 2, 99], correct, wrong) == Fraction(2, 3)  # unknown id
    assert choice_share(Kind.SINGLE, [1, 4], {1}, {4}) == 0


def test_three_correct_options_all_chosen_earn_every_point(course, bank, learner):
    question = b.multiple(
        bank, points=3, options=[("A", True), ("B", True), ("C", True), ("D", False)]
    )
    quiz = b.quiz(course, questions=[question], max_attempts=0)
    a, b_, c, _d = ids(question)
    assert points(take(quiz, learner, {question: [a, b_, c]}), question) == 3
    assert points(take(quiz, learner, {question: [a]}), question) == 1


@pytest.mark.parametrize(
    ("given", "diacritics_matter", "right"),
    [
        ("Hồ Chí Minh", False, True),
        ("ho chi minh", False, True),
        ("  HO   CHI\tminh ", False, True),
        ("Hô Chi Minh", False, True),
        ("ho\u0302\u0300 chi\u0301 minh", False, True),  # decomposed (NFD) input
        ("Hồ Chí", False, False),
        ("", False, False),
        ("ho chi minh", True, False),
        ("hồ chí minh", True, True),
        ("HỒ  CHÍ MINH", True, True),
        ("Ho\u0302\u0300 Chi\u0301 Minh", True, True),  # NFD is the same text
        ("Hồ Chí Mính", True, False),
    ],
)
def test_short_answer_normalisation(given, diacritics_matter, right):
    assert (
        short_answer_matches(given, ["Hồ Chí Minh"], diacritics_matter=diacritics_matter) is right
    )


def test_d_with_stroke_is_stripped_too():
    assert strip_diacritics("Đảng đoàn") == "Dang doan"
    assert normalise("ĐẢNG") == "dang"
    assert normalise("Đảng", diacritics_matter=True) == "đảng"
    assert short_answer_matches("dang", ["Đảng"], diacritics_matter=False)


def test_short_answer_grading_and_several_accepted_answers(course, bank, learner):
    question = b.short(bank, accepted=["Hồ Chí Minh", "Nguyễn Ái Quốc"], points=2)
    strict = b.short(bank, stem="<p>Viết đúng dấu.</p>", accepted=["Đảng"], diacritics_matter=True)
    quiz = b.quiz(course, questions=[question, strict], max_attempts=0)
    attempt = take(quiz, learner, {question: "nguyen ai quoc", strict: "dang"})
    assert (points(attempt, question), points(attempt, strict)) == (2, 0)
    attempt = take(quiz, learner, {question: "Hồ Chí Minh", strict: "đảng"})
    assert (points(attempt, question), points(attempt, strict)) == (2, 1)


# --- The attempt's grade on the 10-point scale ------------------------------------------


def test_the_grade_is_on_the_10_point_scale_rounded_to_two_decimals(course, bank, learner):
    questions = [b.single(bank) for _ in range(3)]
    quiz = b.quiz(course, questions=questions)
    attempt = take(
        quiz, learner, {questions[0]: ids(questions[0])[:1], questions[1]: ids(questions[1])[:1]}
    )
    assert attempt.state == State.GRADED
    assert (attempt.points, attempt.max_points, attempt.score) == (2, 3, Decimal("6.67"))
    assert attempt.graded_at is not None


# --- Essays, graded by a person ---------------------------------------------------------


@pytest.fixture
def essay_quiz(course, bank):
    question = b.single(bank)
    essay = b.essay(bank, points=10)
    return b.quiz(course, questions=[question, essay], max_attempts=0), question, essay


def test_an_essay_waits_for_a_person_then_the_attempt_is_graded(
    essay_quiz, learner, admin_user, signals, django_capture_on_commit_callbacks
):
    quiz, question, essay = essay_quiz
    with django_capture_on_commit_callbacks(execute=True):
        attempt = take(quiz, learner, {question: ids(question)[:1], essay: "Bài thu hoạch."})
    assert attempt.state == State.SUBMITTED and attempt.score is None
    assert signals["graded"] == []

    answer = attempt.questions.get(question=essay).answer
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_essay(answer, "8,5", feedback="Bài viết tốt.", by=admin_user)
    attempt.refresh_from_db()
    answer.refresh_from_db()
    assert (answer.points, answer.feedback, answer.graded_by) == (
        Decimal("8.5"),
        "Bài viết tốt.",
        admin_user,
    )
    assert (attempt.state, attempt.points, attempt.score) == (
        State.GRADED,
        Decimal("9.5"),
        Decimal("8.64"),
    )
    assert signals["graded"] == [(attempt.pk, State.GRADED, Decimal("8.64"), False)]
    change = GradeChange.objects.get()
    assert (change.answer, change.changed_by, change.old, change.new) == (
        answer,
        admin_user,
        None,
        Decimal("8.5"),
    )


def test_changing_a_grade_needs_a_reason_and_is_recorded(
    essay_quiz, learner, admin_user, signals, django_capture_on_commit_callbacks
):
    quiz, question, essay = essay_quiz
    attempt = take(quiz, learner, {essay: "Bài thu hoạch."})
    answer = attempt.questions.get(question=essay).answer
    grading.grade_essay(answer, 6, by=admin_user)
    with pytest.raises(errors.ReasonRequired):
        grading.grade_essay(answer, 7, by=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        grading.grade_essay(answer, 7, by=admin_user, reason="Chấm phúc khảo.")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("6.36")  # 7 of 11
    changes = list(GradeChange.objects.values_list("answer_id", "old", "new", "reason"))
    assert changes == [
        (answer.pk, None, Decimal("6.00"), ""),
        (answer.pk, Decimal("6.00"), Decimal("7.00"), "Chấm phúc khảo."),
        (None, Decimal("5.45"), Decimal("6.36"), "Chấm phúc khảo."),
    ]
    assert signals["graded"][-1] == (attempt.pk, State.GRADED, Decimal("6.36"), True)
    # The same points again with a new comment: no change to record.
    grading.grade_essay(answer, 7, feedback="Đã xem lại.", by=admin_user)
    assert GradeChange.objects.count() == 3


def test_a_person_may_override_an_automatic_grade(essay_quiz, learner, admin_user):
    quiz, question, essay = essay_quiz
    attempt = take(quiz, learner, {question: ids(question)[1:2]})  # wrong; empty essay
    assert attempt.state == State.GRADED  # an empty essay earns 0 without waiting
    answer = attempt.questions.get(question=question).answer
    grading.grade_essay(answer, 1, by=admin_user, reason="Đáp án có hai cách hiểu.")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.91")


@pytest.mark.parametrize("given", [-1, "11", "abc", "nan", "inf", None, ""])
def test_points_out_of_range_are_refused(essay_quiz, learner, given):
    quiz, _question, essay = essay_quiz
    attempt = take(quiz, learner, {essay: "Bài viết."})
    answer = attempt.questions.get(question=essay).answer
    with pytest.raises(errors.PointsOutOfRange) as refused:
        grading.grade_essay(answer, given, by=None)
    assert "10" in str(refused.value)
    answer.refresh_from_db()
    assert answer.points is None


# --- The grading task ------------------------------------------------------------------


def test_the_grading_task_run_twice_gives_one_grade_and_one_signal(
    course, bank, learner, signals, django_capture_on_commit_callbacks
):
    question = b.single(bank)
    quiz = b.quiz(course, questions=[question])
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.save_answer(attempt, question.pk, ids(question)[:1], now=T0)
    attempts.submit(attempt, now=T0)  # callbacks not run: the task is not queued here
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.grade_attempt(attempt.pk) is True
        assert tasks.grade_attempt(attempt.pk) is False
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (State.GRADED, 10)
    assert signals["graded"] == [(attempt.pk, State.GRADED, Decimal("10.00"), False)]
    assert not GradeChange.objects.exists()


def test_a_grading_task_killed_halfway_and_retried_grades_once(
    course, bank, learner, signals, monkeypatch, django_capture_on_commit_callbacks
):
    questions = [b.single(bank), b.short(bank)]
    quiz = b.quiz(course, questions=questions)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.save_answer(attempt, questions[0].pk, ids(questions[0])[:1], now=T0)
    attempts.save_answer(attempt, questions[1].pk, text="ho chi minh", now=T0)
    attempts.submit(attempt, now=T0)

    def killed(*args, **kwargs):
        raise SystemExit("worker killed")  # after the answers were graded, before the grade

    monkeypatch.setattr(grading, "_complete", killed)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SystemExit):
        tasks.grade_attempt(attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == State.SUBMITTED
    assert not attempt.questions.filter(answer__points__isnull=False).exists()
    assert signals["graded"] == []

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.grade_attempt(attempt.pk) is True
        assert tasks.grade_attempt(attempt.pk) is False  # and a late duplicate delivery
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (State.GRADED, 10)
    assert len(signals["graded"]) == 1


def test_submission_queues_the_grading_task_through_django_q(
    course, bank, learner, django_capture_on_commit_callbacks
):
    from django_q.models import Task

    question = b.single(bank)
    quiz = b.quiz(course, questions=[question])
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        attempts.submit(attempt, now=T0)
    task = Task.objects.get(func="quizzes.tasks.grade_attempt")
    assert task.success and task.args == (attempt.pk,)
    attempt.refresh_from_db()
    assert attempt.state == State.GRADED


def test_a_grading_task_for_a_missing_attempt_does_nothing(db):
    assert tasks.grade_attempt(123456) is False


# --- The quiz's grade: grading methods ---------------------------------------------------


@pytest.fixture
def three_attempts(course, bank, learner):
    """Attempts graded 5, 10 and 0 (in that order) on a 2-question quiz."""
    questions = [b.single(bank), b.single(bank)]
    quiz = b.quiz(course, questions=questions, max_attempts=0)
    right = [ids(q)[0] for q in questions]
    wrong = [ids(q)[1] for q in questions]
    for chosen in ([right[0], wrong[1]], right, wrong):
        take(quiz, learner, {q: [c] for q, c in zip(questions, chosen, strict=True)})
    return quiz


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, Decimal("10.00")),
        (GradingMethod.AVERAGE, Decimal("5.00")),
        (GradingMethod.FIRST, Decimal("5.00")),
        (GradingMethod.LAST, Decimal("0.00")),
    ],
)
def test_grading_methods(three_attempts, learner, method, expected):
    quiz = three_attempts
    quiz.grading_method = method
    assert grading.final_grade(quiz, learner) == expected
    assert grading.final_grades(quiz) == {(learner.pk, ""): expected}
    assert quiz.is_pass(expected) is (expected >= 5)


def test_average_is_rounded_to_two_decimals(course, bank, learner):
    questions = [b.single(bank) for _ in range(3)]
    quiz = b.quiz(course, questions=questions, max_attempts=0, grading_method=GradingMethod.AVERAGE)
    take(quiz, learner, {questions[0]: ids(questions[0])[:1]})  # 3.33
    take(quiz, learner, {})  # 0
    assert grading.final_grade(quiz, learner) == Decimal("1.67")  # (3.33 + 0) / 2


def test_the_final_grade_waits_for_attempts_still_being_graded(essay_quiz, learner):
    quiz, question, essay = essay_quiz
    quiz.grading_method = GradingMethod.HIGHEST
    first = take(quiz, learner, {question: ids(question)[:1]})
    assert grading.final_grade(quiz, learner) == first.score
    take(quiz, learner, {essay: "Bài viết."})  # waits for a person
    assert grading.final_grade(quiz, learner) is None
    quiz.grading_method = GradingMethod.FIRST
    assert grading.final_grade(quiz, learner) == first.score
    quiz.grading_method = GradingMethod.LAST
    assert grading.final_grade(quiz, learner) is None


def test_abandoned_and_unfinished_attempts_never_count(course, bank, learner):
    question = b.single(bank)
    quiz = b.quiz(course, questions=[question], max_attempts=0, grading_method=GradingMethod.LAST)
    assert grading.final_grade(quiz, learner) is None
    graded = take(quiz, learner, {question: ids(question)[:1]})
    abandoned = attempts.start_attempt(quiz, learner, now=T0)
    Attempt.objects.filter(pk=abandoned.pk).update(state=State.ABANDONED)
    attempts.start_attempt(quiz, learner, now=T0)  # in progress
    assert grading.final_grade(quiz, learner) == graded.score


def test_the_final_grade_is_per_context(course, bank, learner):
    question = b.single(bank)
    quiz = b.quiz(course, questions=[question], max_attempts=1)
    take(quiz, learner, {question: ids(question)[:1]}, context="class:1")
    take(quiz, learner, {}, context="class:2")
    assert grading.final_grade(quiz, learner, "class:1") == 10
    assert grading.final_grade(quiz, learner, "class:2") == 0
    assert grading.final_grades(quiz, context="class:2") == {(learner.pk, "class:2"): 0}


# --- Regrading after an answer-key change ---------------------------------------------------


def test_regrade_after_the_key_changes(
    course, bank, learner, admin_user, signals, django_capture_on_commit_callbacks
):
    question = b.single(bank)  # 1930 is right
    other = b.short(bank)
    quiz = b.quiz(course, questions=[question, other], max_attempts=0)
    first, second, _third = ids(question)
    chose_first = take(quiz, learner, {question: [first], other: "Hồ Chí Minh"})
    chose_second = take(quiz, learner, {question: [second], other: "Hồ Chí Minh"})
    by_hand = take(quiz, learner, {question: [second]})
    grading.grade_essay(
        by_hand.questions.get(question=question).answer, 1, by=admin_user, reason="Chấp nhận."
    )
    assert (chose_first.score, chose_second.score) == (10, 5)

    # The key was wrong: the second option is the right one.
    Option.objects.filter(pk=first).update(is_correct=False)
    Option.objects.filter(pk=second).update(is_correct=True)
    before = GradeChange.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        changed = grading.regrade(question, by=admin_user)
    assert changed == 2  # the grade given by hand is kept

    chose_first.refresh_from_db()
    chose_second.refresh_from_db()
    by_hand.refresh_from_db()
    assert (chose_first.score, chose_second.score, by_hand.score) == (5, 10, 5)
    changes = GradeChange.objects.order_by("pk")[before:]
    assert [(c.attempt_id, c.answer_id is None, c.old, c.new) for c in changes] == [
        (chose_first.pk, False, 1, 0),
        (chose_second.pk, False, 0, 1),
        (chose_first.pk, True, 10, 5),
        (chose_second.pk, True, 5, 10),
    ]
    assert all(c.changed_by == admin_user and c.reason for c in changes)
    assert sorted(signals["graded"][-2:]) == sorted(
        [
            (chose_first.pk, State.GRADED, Decimal("5.00"), True),
            (chose_second.pk, State.GRADED, Decimal("10.00"), True),
        ]
    )
    assert grading.regrade(question) == 0  # nothing left to change


def test_the_regrade_task(course, bank, learner, admin_user):
    question = b.short(bank, accepted=["Hồ Chí Minh"])
    quiz = b.quiz(course, questions=[question])
    attempt = take(quiz, learner, {question: "Nguyễn Ái Quốc"})
    assert attempt.score == 0
    AcceptedAnswer.objects.create(question=question, text="Nguyễn Ái Quốc")
    assert tasks.regrade_question(question.pk, admin_user.pk, "Thêm đáp án.") == 1
    attempt.refresh_from_db()
    assert attempt.score == 10
    assert GradeChange.objects.filter(reason="Thêm đáp án.").count() == 2
    assert tasks.regrade_question(999999) == 0


def test_regrading_an_essay_question_changes_nothing(essay_quiz, learner):
    _quiz, _question, essay = essay_quiz
    assert grading.regrade(essay) == 0


def test_a_late_save_cannot_slip_in_after_submission(course, bank, learner):
    question = b.single(bank)
    quiz = b.quiz(course, questions=[question])
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    stale = Attempt.objects.get(pk=attempt.pk)
    attempts.submit(attempt, now=T0)
    with pytest.raises(errors.AttemptClosed):
        attempts.save_answer(stale, question.pk, ids(question)[:1], now=T0 + timedelta(seconds=1))
