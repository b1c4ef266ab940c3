"""Answer keys never leave the server before submission; after it, the review shows what
the quiz's review options allow."""

import json
from datetime import datetime, timedelta

import pytest

from quizzes import attempts, grading
from quizzes.models import Attempt, OverdueHandling, ReviewWhen
from quizzes.review import review_available, review_payload

from . import builders as b
from .builders import T0

# Words that appear only in the answer key: accepted answers and feedback.
SECRETS = [
    "Nguyễn Sinh Cung",
    "Nguyen Sinh Cung",
    "Lý Thụy",
    "PHẢN HỒI-ĐÚNG",
    "PHẢN HỒI-SAI",
    "NHẬN XÉT-CHUNG",
]
KEY_NAMES = {
    "is_correct",
    "correct",
    "feedback",
    "general_feedback",
    "accepted",
    "accepted_answers",
    "right_answers",
    "points_awarded",
    "result",
}


@pytest.fixture
def full_quiz(course, bank):
    single = b.choice(
        bank,
        "<p>Đảng ra đời năm nào?</p>",
        [("1930", True, "PHẢN HỒI-ĐÚNG"), ("1945", False, "PHẢN HỒI-SAI")],
        feedback="NHẬN XÉT-CHUNG",
    )
    multiple = b.multiple(bank, feedback="NHẬN XÉT-CHUNG")
    true_false = b.true_false(bank)
    short = b.short(
        bank, stem="<p>Tên khai sinh của Bác?</p>", accepted=["Nguyễn Sinh Cung", "Lý Thụy"]
    )
    essay = b.essay(bank)
    questions = [single, multiple, true_false, short, essay]
    quiz = b.quiz(
        course,
        questions=questions,
        time_limit_minutes=10,
        overdue_handling=OverdueHandling.GRACE,
        grace_minutes=5,
        shuffle_options=True,
        review_right_answers=True,
    )
    return quiz, questions


def walk(value, path="$"):
    """Every (path, key, value) in a nested structure."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, item
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")
    else:
        yield path, None, value


def assert_no_answer_key(payload, questions):
    correct_ids = {
        option.pk
        for question in questions
        for option in question.options.all()
        if option.is_correct
    }
    for path, key, value in walk(payload):
        assert key not in KEY_NAMES, f"{path}.{key} gives the key away"
        assert not isinstance(value, bool), f"{path}.{key} is a flag"
        if isinstance(value, str):
            for secret in SECRETS:
                assert secret.casefold() not in value.casefold(), f"{path}: {secret}"
    dump = json.dumps(payload, ensure_ascii=False)
    ascii_dump = json.dumps(payload)
    for secret in SECRETS:
        assert secret.casefold() not in dump.casefold()
        assert json.dumps(secret)[1:-1] not in ascii_dump
    assert "is_correct" not in dump and "feedback" not in dump
    # The options are listed, but nothing tells the correct ones apart.
    for entry in payload["questions"]:
        for option in entry["options"]:
            assert set(option) == {"id", "text"}
    listed = {option["id"] for entry in payload["questions"] for option in entry["options"]}
    assert correct_ids <= listed


def test_no_payload_of_a_whole_attempt_contains_the_answer_key(full_quiz, learner):
    quiz, questions = full_quiz
    single, multiple, true_false, short, essay = questions
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    steps = [
        lambda t: None,
        lambda t: attempts.save_answer(attempt, single.pk, [single.options.first().pk], now=t),
        lambda t: attempts.save_answer(
            attempt, multiple.pk, [o.pk for o in multiple.options.all()], now=t
        ),
        lambda t: attempts.save_answer(
            attempt, true_false.pk, [true_false.options.last().pk], now=t
        ),
        lambda t: attempts.save_answer(attempt, short.pk, text="Nguyễn", now=t),
        lambda t: attempts.save_answer(attempt, essay.pk, text="Bài viết.", now=t),
        # Overdue, in the grace period: still the attempt page.
        lambda t: attempts.close_overdue(now=t),
    ]
    for minute, step in enumerate(steps):
        now = T0 + timedelta(minutes=2 * minute)
        step(now)
        attempt.refresh_from_db()
        payload = attempts.attempt_payload(attempt, now=now)
        assert_no_answer_key(payload, questions)
        # The review of an attempt under way shows nothing either.
        review = review_payload(attempt, now=now)
        assert review["questions"] == [] and review["score"] is None
        dump = json.dumps(review, ensure_ascii=False)
        assert not any(secret in dump for secret in SECRETS)
    assert attempt.state == Attempt.State.OVERDUE


def test_the_payload_shows_the_attempt_in_its_order_with_saved_answers(full_quiz, learner):
    quiz, questions = full_quiz
    short = questions[3]
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    attempts.save_answer(attempt, short.pk, text="Nguyễn", now=T0 + timedelta(minutes=1))
    payload = attempts.attempt_payload(attempt, now=T0 + timedelta(minutes=4))
    assert payload["seconds_left"] == 360
    assert payload["state"] == "in_progress"
    rows = list(attempt.questions.order_by("position"))
    assert [q["id"] for q in payload["questions"]] == [row.question_id for row in rows]
    for entry, row in zip(payload["questions"], rows, strict=True):
        assert [o["id"] for o in entry["options"]] == row.option_order
    short_entry = next(q for q in payload["questions"] if q["id"] == short.pk)
    assert short_entry["answer"]["text"] == "Nguyễn"
    saved_at = datetime.fromisoformat(short_entry["answer"]["saved_at"])
    assert saved_at == T0 + timedelta(minutes=1)
    json.dumps(payload)


def test_the_payload_takes_a_constant_number_of_queries(
    course, bank, learner, django_assert_num_queries
):
    questions = [b.single(bank) for _ in range(12)]
    small = attempts.start_attempt(b.quiz(course, questions=questions[:2]), learner, now=T0)
    large = attempts.start_attempt(b.quiz(course, questions=questions), learner, now=T0)
    with django_assert_num_queries(2):
        attempts.attempt_payload(small, now=T0)
    with django_assert_num_queries(2):
        attempts.attempt_payload(large, now=T0)


# --- Review after submission -------------------------------------------------------------


def finished(full_quiz, learner, django_capture_on_commit_callbacks, **review):
    quiz, questions = full_quiz
    for field, value in review.items():
        setattr(quiz, field, value)
    quiz.save()
    single, *_rest, essay = questions
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    right = single.options.get(is_correct=True)
    attempts.save_answer(attempt, single.pk, [right.pk], now=T0)
    attempts.save_answer(attempt, essay.pk, text="Bài viết.", now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        attempts.submit(attempt, now=T0 + timedelta(minutes=1))
    attempt.refresh_from_db()
    return attempt, questions


def test_review_shows_what_the_quiz_allows(full_quiz, learner, django_capture_on_commit_callbacks):
    attempt, questions = finished(full_quiz, learner, django_capture_on_commit_callbacks)
    single, _multiple, _tf, short, essay = questions
    review = review_payload(attempt, now=T0 + timedelta(minutes=2))
    assert review["review"] is True
    assert review["state"] == "submitted" and review["score"] is None  # the essay waits
    by_id = {entry["id"]: entry for entry in review["questions"]}
    chosen = next(o for o in by_id[single.pk]["options"] if o.get("chosen"))
    assert chosen["is_correct"] is True and chosen["feedback"] == "PHẢN HỒI-ĐÚNG"
    assert by_id[single.pk]["result"] == "correct"
    assert by_id[single.pk]["general_feedback"] == "NHẬN XÉT-CHUNG"
    assert by_id[short.pk]["accepted_answers"] == ["Nguyễn Sinh Cung", "Lý Thụy"]
    assert by_id[short.pk]["result"] == "wrong"
    assert by_id[essay.pk]["result"] == "pending"

    grading.grade_essay(attempt.questions.get(question=essay).answer, 10, feedback="Tốt.", by=None)
    attempt.refresh_from_db()
    review = review_payload(attempt, now=T0 + timedelta(minutes=3))
    assert review["score"] == "7.86" and review["passed"] is True  # 11 of 14 points
    assert {e["id"]: e for e in review["questions"]}[essay.pk]["comment"] == "Tốt."


def test_review_without_right_answers_or_feedback(
    full_quiz, learner, django_capture_on_commit_callbacks
):
    attempt, questions = finished(
        full_quiz,
        learner,
        django_capture_on_commit_callbacks,
        review_right_answers=False,
        review_feedback=False,
        review_correctness=False,
    )
    review = review_payload(attempt, now=T0 + timedelta(minutes=2))
    assert review["questions"]
    dump = json.dumps(review, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in dump
    assert "is_correct" not in dump and "result" not in dump


def test_review_after_close_waits_for_the_close_time(
    full_quiz, learner, django_capture_on_commit_callbacks
):
    closes = T0 + timedelta(days=1)
    attempt, _questions = finished(
        full_quiz,
        learner,
        django_capture_on_commit_callbacks,
        review_when=ReviewWhen.AFTER_CLOSE,
        closes_at=closes,
    )
    assert not review_available(attempt, now=closes - timedelta(seconds=1))
    early = review_payload(attempt, now=closes - timedelta(seconds=1))
    assert early["questions"] == [] and early["review"] is False
    assert review_available(attempt, now=closes)
    assert review_payload(attempt, now=closes)["questions"]
