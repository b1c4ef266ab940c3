"""Saving answers: each question type, and bad input refused with nothing saved."""

from datetime import timedelta

import pytest

from quizzes import attempts, errors
from quizzes.attempts import MAX_TEXT_LENGTH

from . import builders as b
from .builders import T0


@pytest.fixture
def setup(course, bank, learner):
    questions = {
        "single": b.single(bank),
        "multiple": b.multiple(bank),
        "true_false": b.true_false(bank),
        "short": b.short(bank),
        "essay": b.essay(bank),
    }
    other = b.single(bank, stem="<p>Câu hỏi không có trong bài.</p>")
    quiz = b.quiz(course, questions=list(questions.values()), time_limit_minutes=30)
    attempt = attempts.start_attempt(quiz, learner, now=T0)
    return attempt, questions, other


def option_ids(question):
    return list(question.options.order_by("sort_order").values_list("pk", flat=True))


def saved(attempt, question):
    answer = attempt.questions.get(question=question).answer
    return answer.choice_ids, answer.text, answer.saved_at


def test_each_type_saves_and_replaces_its_answer(setup):
    attempt, q, _other = setup
    now = T0 + timedelta(minutes=1)
    attempts.save_answer(attempt, q["single"].pk, [option_ids(q["single"])[1]], now=now)
    attempts.save_answer(attempt, q["single"].pk, [option_ids(q["single"])[0]], now=now)
    attempts.save_answer(attempt, q["multiple"].pk, option_ids(q["multiple"])[:2], now=now)
    attempts.save_answer(attempt, q["true_false"].pk, [option_ids(q["true_false"])[1]], now=now)
    attempts.save_answer(attempt, q["short"].pk, text="Hồ Chí Minh", now=now)
    attempts.save_answer(attempt, str(q["essay"].pk), text="Bài viết\ncủa tôi.", now=now)

    assert saved(attempt, q["single"]) == ([option_ids(q["single"])[0]], "", now)
    assert saved(attempt, q["multiple"])[0] == option_ids(q["multiple"])[:2]
    assert saved(attempt, q["true_false"])[0] == [option_ids(q["true_false"])[1]]
    assert saved(attempt, q["short"]) == ([], "Hồ Chí Minh", now)
    assert saved(attempt, q["essay"])[1] == "Bài viết\ncủa tôi."


def test_ids_may_come_as_form_strings_and_repeats_count_once(setup):
    attempt, q, _other = setup
    first, second = option_ids(q["multiple"])[:2]
    attempts.save_answer(attempt, q["multiple"].pk, [str(first), second, first], now=T0)
    assert saved(attempt, q["multiple"])[0] == [first, second]


def test_an_empty_answer_clears(setup):
    attempt, q, _other = setup
    attempts.save_answer(attempt, q["single"].pk, option_ids(q["single"])[:1], now=T0)
    attempts.save_answer(attempt, q["single"].pk, [], now=T0)
    attempts.save_answer(attempt, q["essay"].pk, text="Nháp", now=T0)
    attempts.save_answer(attempt, q["essay"].pk, text="", now=T0)
    assert saved(attempt, q["single"])[0] == []
    assert saved(attempt, q["essay"])[1] == ""


BAD = [
    # (question, kwargs, error); "<...>" stands for ids known once the bank exists
    ("single", {"choice_ids": "<other>"}, errors.NotAnOption),
    ("single", {"choice_ids": [999999]}, errors.NotAnOption),
    ("single", {"choice_ids": ["abc"]}, errors.NotAnOption),
    ("single", {"choice_ids": [1.5]}, errors.NotAnOption),
    ("single", {"choice_ids": [True]}, errors.NotAnOption),
    ("single", {"choice_ids": [None]}, errors.NotAnOption),
    ("single", {"choice_ids": "1"}, errors.WrongAnswerType),
    ("single", {"choice_ids": {"a": 1}}, errors.WrongAnswerType),
    ("single", {"choice_ids": 5}, errors.WrongAnswerType),
    ("single", {"choice_ids": None}, errors.WrongAnswerType),
    ("single", {"choice_ids": "<both>"}, errors.WrongAnswerType),
    ("true_false", {"choice_ids": "<both>"}, errors.WrongAnswerType),
    ("single", {"text": "1930"}, errors.WrongAnswerType),
    ("multiple", {"choice_ids": list(range(1000))}, errors.WrongAnswerType),
    ("short", {"choice_ids": "<first>"}, errors.WrongAnswerType),
    ("essay", {"text": 42}, errors.WrongAnswerType),
    ("essay", {"text": ["a"]}, errors.WrongAnswerType),
    ("essay", {}, errors.WrongAnswerType),
    ("essay", {"text": "x" * (MAX_TEXT_LENGTH + 1)}, errors.AnswerTooLong),
    ("short", {"text": "x" * 1_000_000}, errors.AnswerTooLong),
]


@pytest.mark.parametrize(("kind", "kwargs", "error"), BAD)
def test_bad_answers_are_refused_and_nothing_is_saved(setup, kind, kwargs, error):
    attempt, q, other = setup
    question = q[kind]
    placeholders = {
        "<other>": [option_ids(other)[0]],
        "<both>": option_ids(question)[:2],
        "<first>": option_ids(q["single"])[:1],
    }
    kwargs = {
        key: placeholders[value] if isinstance(value, str) and value in placeholders else value
        for key, value in kwargs.items()
    }
    before = saved(attempt, question)
    with pytest.raises(error) as refused:
        attempts.save_answer(attempt, question.pk, now=T0, **kwargs)
    assert 400 <= refused.value.status < 500
    assert str(refused.value)
    assert saved(attempt, question) == before


@pytest.mark.parametrize("question_id", ["<other>", 0, -1, "abc", None, 3.2, "1 OR 1=1"])
def test_a_question_not_in_the_attempt_is_refused(setup, question_id):
    attempt, _q, other = setup
    if question_id == "<other>":
        question_id = other.pk
    with pytest.raises(errors.NotInAttempt):
        attempts.save_answer(attempt, question_id, choice_ids=[], now=T0)


def test_text_of_the_longest_allowed_length_is_kept_and_nul_characters_dropped(setup):
    attempt, q, _other = setup
    attempts.save_answer(attempt, q["essay"].pk, text="a\x00" + "b" * (MAX_TEXT_LENGTH - 2), now=T0)
    text = saved(attempt, q["essay"])[1]
    assert text.startswith("ab") and "\x00" not in text
    assert len(text) == MAX_TEXT_LENGTH - 1


def test_error_messages_name_the_details(setup):
    attempt, q, _other = setup
    with pytest.raises(errors.AnswerTooLong) as refused:
        attempts.save_answer(attempt, q["essay"].pk, text="x" * 10_005, now=T0)
    assert "10000" in str(refused.value).replace(".", "").replace(",", "")
    assert "10005" in str(refused.value).replace(".", "").replace(",", "")
    assert refused.value.status == 413
