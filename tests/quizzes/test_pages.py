"""The learner's quiz pages through the Django client: who may take a quiz, a whole
attempt without JavaScript, the JSON endpoints quiz.js uses, the answer-key scan, and
the queries of the attempt and result pages."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import Enrolment
from quizzes.models import Attempt, OverdueHandling
from quizzes.tasks import grade_attempt

from ..lms.personas import World, make_class, make_learner
from . import builders as b

SECRETS = [
    "Nguyễn Sinh Cung",
    "Nguyen Sinh Cung",
    "Lý Thụy",
    "PHẢN HỒI-ĐÚNG",
    "PHẢN HỒI-SAI",
    "NHẬN XÉT-CHUNG",
]
# Words that would mark an option as the right one, or carry the answer key.
KEY_MARKS = ["correct", "feedback", "accepted", "right answer"]


@pytest.fixture(autouse=True)
def english(source_language):
    """These tests read the pages' messages in English (the source language)."""


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def quiz_setup(world):
    bank = b.category(world.course)
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
    extra = [b.single(bank, stem=f"<p>Câu hỏi thêm {n}</p>") for n in range(3)]
    questions = [single, multiple, true_false, short, *extra]
    quiz = b.quiz(
        world.course,
        questions=questions,
        time_limit_minutes=15,
        max_attempts=2,
        review_right_answers=True,
    )
    return quiz, questions


def login(client, user):
    client.force_login(user)
    return client


def start(client, quiz) -> Attempt:
    response = client.post(quiz.url)
    assert response.status_code == 302, response.content[:500]
    attempt = Attempt.objects.latest("pk")
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk])
    return attempt


def url(name, attempt, **query):
    address = reverse(f"quizzes:{name}", args=[attempt.pk])
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def autosave(client, attempt, body, raw=None):
    return client.post(
        url("autosave", attempt),
        data=raw if raw is not None else json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


# --- Access --------------------------------------------------------------------------


def test_the_quiz_page_access_matrix(client, world, quiz_setup):
    quiz, _questions = quiz_setup
    response = client.get(quiz.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(quiz.url).status_code == 302
    assert not Attempt.objects.exists()

    # A learner of another course only.
    other_class = make_class(world.centre, world.other_course)
    stranger = make_learner("hocvien3")
    Enrolment.objects.create(training_class=other_class, learner=stranger)
    login(client, stranger.user)
    assert client.get(quiz.url).status_code == 404
    assert client.post(quiz.url).status_code == 404
    assert not Attempt.objects.exists()

    login(client, world.learner.user)
    response = client.get(quiz.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert quiz.title in body and "15" in body
    attempt = start(client, quiz)
    assert attempt.user == world.learner.user
    assert attempt.context == f"class:{world.klass.pk}"

    # The lecturer may try the quiz too (no class: the empty context).
    login(client, world.lecturer)
    assert client.get(quiz.url).status_code == 200
    attempt = start(client, quiz)
    assert attempt.user == world.lecturer and attempt.context == ""
    login(client, world.staff)
    assert client.get(quiz.url).status_code == 200


def test_no_attempt_left_is_said_on_the_quiz_page(client, world, quiz_setup):
    quiz, _questions = quiz_setup
    login(client, world.learner.user)
    first = start(client, quiz)
    assert start(client, quiz) == first  # Continue: the same attempt
    client.post(url("submit", first))
    second = start(client, quiz)
    assert second.number == 2
    client.post(url("submit", second))
    response = client.post(quiz.url)
    assert response.status_code == 403
    body = response.content.decode()
    assert "You have used all 2 attempts at this quiz." in body
    assert "You have no attempts left at this quiz." in body
    assert Attempt.objects.count() == 2


def test_someone_elses_attempt_is_not_found(client, world, quiz_setup):
    quiz, questions = quiz_setup
    login(client, world.learner.user)
    attempt = start(client, quiz)
    login(client, world.other_learner.user)
    for name in ("attempt", "submit", "result", "status"):
        assert client.get(url(name, attempt)).status_code == 404, name
    assert client.post(url("submit", attempt)).status_code == 404
    response = autosave(client, attempt, {"question": questions[0].pk, "choices": []})
    assert response.status_code == 404
    client.logout()
    assert client.get(url("attempt", attempt)).status_code == 302
    assert autosave(client, attempt, {"question": questions[0].pk}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


# --- A whole attempt without JavaScript ------------------------------------------------


def test_attempt_page_numbers_out_of_range_show_the_nearest_page(client, world, quiz_setup):
    quiz, questions = quiz_setup  # two pages of questions
    login(client, world.learner.user)
    attempt = start(client, quiz)
    shown = {
        value: client.get(url("attempt", attempt, page=value)).content.decode()
        for value in ("0", "-3", "abc", "2", "99")
    }
    for value in ("0", "-3", "abc"):
        assert "Câu hỏi thêm 2" not in shown[value], value  # the first page
    for value in ("2", "99"):
        assert "Câu hỏi thêm 2" in shown[value], value  # the last page
    base = {"page": "1"}
    for action, page in (("page-2", 2), ("page-7", 2), ("previous", 1), ("what", 1)):
        response = client.post(url("attempt", attempt), {**base, "action": action})
        assert response["Location"].endswith(f"?page={page}"), action


def test_a_whole_attempt_page_by_page_then_the_grade(
    client, world, quiz_setup, django_capture_on_commit_callbacks
):
    quiz, questions = quiz_setup
    single, multiple, true_false, short, *extra = questions
    login(client, world.learner.user)
    attempt = start(client, quiz)

    page1 = client.get(url("attempt", attempt))
    assert page1.status_code == 200
    body = page1.content.decode()
    assert "Đảng ra đời năm nào?" in body and 'type="radio"' in body
    assert 'type="checkbox"' in body and 'type="text"' in body
    assert "Câu hỏi thêm 2" not in body  # on the second page
    assert 'data-seconds-left="' in body

    right = {q.pk: [o.pk for o in q.options.all() if o.is_correct] for q in questions}
    form = {
        "page": "1",
        "action": "next",
        f"q-{single.pk}": right[single.pk],
        f"q-{multiple.pk}": right[multiple.pk],
        f"q-{true_false.pk}": right[true_false.pk],
        f"q-{short.pk}": "nguyen sinh cung",
        f"q-{extra[0].pk}": right[extra[0].pk],
    }
    response = client.post(url("attempt", attempt), form)
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    page2 = client.get(response["Location"])
    assert "Câu hỏi thêm 2" in page2.content.decode()

    # A bad answer: a clear message; the other answers of the page are saved.
    bad = {
        "page": "2",
        "action": "next",
        f"q-{extra[1].pk}": "999999",
        f"q-{extra[2].pk}": right[extra[2].pk],
    }
    response = client.post(url("attempt", attempt), bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Question 6: nothing was saved." in body
    assert "999999 is not one of this question" in body
    assert body.count(" checked") == 1

    form2 = {
        "page": "2",
        "action": "previous",
        f"q-{extra[1].pk}": right[extra[1].pk],
        f"q-{extra[2].pk}": right[extra[2].pk],
    }
    response = client.post(url("attempt", attempt), form2)
    assert response["Location"].endswith("?page=1")
    # The first page kept its answers.
    body = client.get(response["Location"]).content.decode()
    assert 'value="nguyen sinh cung"' in body
    response = client.post(url("attempt", attempt), {**form, "action": "finish"})
    assert response["Location"] == url("submit", attempt)
    confirm = client.get(url("submit", attempt))
    assert confirm.status_code == 200
    assert "All 7 questions are answered." in confirm.content.decode()

    # Grading is queued once the submission commits; hold the queue back to see
    # "Grading..." first.
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("submit", attempt))
    assert response.status_code == 302 and response["Location"] == url("result", attempt)
    assert callbacks
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    result = client.get(url("result", attempt))
    assert result.status_code == 200
    body = result.content.decode()
    assert "Grading..." in body and "data-status-url" in body and "Refresh" in body
    status = client.get(url("status", attempt), HTTP_ACCEPT="application/json").json()
    assert status == {"state": "submitted", "graded": False}
    # A second submit (another tab, a replay) changes nothing and queues nothing more.
    with django_capture_on_commit_callbacks() as again:
        assert client.post(url("submit", attempt)).status_code == 302
    assert again == []

    # The queued callbacks: the signal, then the grading task (Q_CLUSTER sync in tests).
    for callback in callbacks:
        callback()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert grade_attempt(attempt.pk) is False  # a second run grades nothing
    status = client.get(url("status", attempt)).json()
    assert status["graded"] is True and status["score"] == "10.00" and status["passed"] is True
    assert "10/10" in status["html"]
    body = client.get(url("result", attempt)).content.decode()
    assert "10/10" in body and "Passed" in body and "data-status-url" not in body
    # After submission the review shows what the quiz allows: here, the right answers.
    assert "Nguyễn Sinh Cung" in body
    # The attempt page of a finished attempt leads to its result.
    assert client.get(url("attempt", attempt))["Location"] == url("result", attempt)
    quiz_page = client.get(quiz.url).content.decode()
    assert "Attempts left: 1 of 2." in quiz_page and "10/10" in quiz_page


def test_an_empty_attempt_is_graded_zero(
    client, world, quiz_setup, django_capture_on_commit_callbacks
):
    quiz, _questions = quiz_setup
    login(client, world.learner.user)
    attempt = start(client, quiz)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("submit", attempt))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 0
    body = client.get(url("result", attempt)).content.decode()
    assert "Grade: 0/10" in body and "Not passed" in body


# --- The JSON endpoints -------------------------------------------------------------------


def test_autosave_good_bad_late(client, world, quiz_setup):
    quiz, questions = quiz_setup
    single, multiple, _true_false, short, *extra = questions
    login(client, world.learner.user)
    attempt = start(client, quiz)
    option = single.options.first()

    response = autosave(client, attempt, {"question": single.pk, "choices": [option.pk]})
    assert response.status_code == 200
    assert response.json()["seconds_left"] > 14 * 60
    response = autosave(client, attempt, {"question": short.pk, "text": "Hồ Chí Minh"})
    assert response.status_code == 200
    answers = {
        row.question_id: row.answer for row in attempt.questions.select_related("answer").all()
    }
    assert answers[single.pk].choice_ids == [option.pk]
    assert answers[short.pk].text == "Hồ Chí Minh"

    other = multiple.options.first()
    for body, message in [
        ({"question": single.pk, "choices": [other.pk]}, "is not one of this question"),
        ({"question": 987654, "choices": []}, "not part of the attempt"),
        ({"question": single.pk, "text": "x"}, "This question takes"),
        ({"question": short.pk, "choices": [option.pk]}, "This question takes"),
        ({"choices": []}, "not a valid answer"),
    ]:
        response = autosave(client, attempt, body)
        assert response.status_code == 400, body
        assert message in response.json()["error"], body
    assert autosave(client, attempt, None, raw="{not json").status_code == 400
    response = autosave(client, attempt, {"question": short.pk, "text": "x" * 10_001})
    assert response.status_code == 413
    answers[single.pk].refresh_from_db()
    assert answers[single.pk].choice_ids == [option.pk]

    # After the deadline and the offline grace (answers saved on a phone in time may
    # arrive until then): refused, and the attempt is submitted.
    late = timedelta(minutes=quiz.offline_grace_minutes + 1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - late)
    response = autosave(client, attempt, {"question": single.pk, "choices": []})
    assert response.status_code == 409
    assert "Time is up" in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.state in Attempt.FINISHED and attempt.submitted_automatically
    answers[single.pk].refresh_from_db()
    assert answers[single.pk].choice_ids == [option.pk]


def test_a_late_page_post_says_time_is_up(client, world, quiz_setup):
    quiz, questions = quiz_setup
    quiz.overdue_handling = OverdueHandling.ABANDON
    quiz.save_revision().publish()
    login(client, world.learner.user)
    attempt = start(client, quiz)
    late = timedelta(minutes=quiz.offline_grace_minutes + 1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - late)
    response = client.post(url("attempt", attempt), {"page": "1", "action": "next"})
    assert response.status_code == 409
    assert "Time is up" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.ABANDONED
    response = client.post(url("submit", attempt))
    assert response.status_code == 409


# --- The answer key never leaves before submission --------------------------------------


def assert_no_key(body: str, where: str):
    folded = body.casefold()
    for secret in SECRETS:
        assert secret.casefold() not in folded, f"{where}: {secret}"
        assert json.dumps(secret)[1:-1].casefold() not in folded, f"{where}: {secret}"
    for mark in KEY_MARKS:
        assert mark.casefold() not in folded, f"{where}: {mark}"


def test_no_response_before_submission_contains_the_answer_key(client, world, quiz_setup):
    quiz, questions = quiz_setup
    single, multiple, true_false, short, *extra = questions
    login(client, world.learner.user)
    responses = [("quiz page", client.get(quiz.url))]
    start_response = client.post(quiz.url)
    responses.append(("start", start_response))
    attempt = Attempt.objects.get()
    responses.append(("quiz page, attempt under way", client.get(quiz.url)))
    for page in (1, 2):
        responses.append((f"page {page}", client.get(url("attempt", attempt, page=page))))
    form = {"page": "1", "action": "next", f"q-{short.pk}": "Nguyễn"}
    responses.append(("save page 1", client.post(url("attempt", attempt), form)))
    responses.append(
        (
            "bad page 1",
            client.post(url("attempt", attempt), {**form, "page": 1, f"q-{single.pk}": "0"}),
        )
    )
    for question in questions:
        options = list(question.options.all())
        body = (
            {"question": question.pk, "choices": [options[0].pk]}
            if options
            else {"question": question.pk, "text": "Nguyễn"}
        )
        responses.append((f"autosave {question.pk}", autosave(client, attempt, body)))
    responses.append(
        ("autosave bad", autosave(client, attempt, {"question": single.pk, "choices": [1]}))
    )
    responses.append(("status", client.get(url("status", attempt))))
    responses.append(("confirm", client.get(url("submit", attempt))))
    responses.append(("result before", client.get(url("result", attempt))))
    for where, response in responses:
        assert response.status_code < 500, where
        assert_no_key(response.content.decode(), where)
    # The correct options are listed like any other.
    page = client.get(url("attempt", attempt)).content.decode()
    for option in single.options.all():
        assert f'value="{option.pk}"' in page


# --- Queries ---------------------------------------------------------------------------------


def _count(client, address) -> int:
    client.get(address)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [10, 50])
def test_attempt_and_result_pages_run_a_constant_number_of_queries(client, world, size):
    bank = b.category(world.course)
    questions = [b.single(bank, stem=f"<p>Câu {n}</p>") for n in range(size // 2)]
    questions += [b.short(bank, stem=f"<p>Câu ngắn {n}</p>") for n in range(size - size // 2)]
    quiz = b.quiz(world.course, questions=questions, time_limit_minutes=30)
    login(client, world.learner.user)
    attempt = start(client, quiz)
    attempt_queries = _count(client, url("attempt", attempt, page=2))
    client.post(url("submit", attempt))
    result_queries = _count(client, url("result", attempt))
    # Session and user: 2; the attempt with its quiz: 1; the payload: 2 (attempt page) or
    # the review: 3 (result page), plus the quiz's rules when review waits for closing.
    assert attempt_queries == ATTEMPT_QUERIES
    assert result_queries == RESULT_QUERIES


ATTEMPT_QUERIES = 5
RESULT_QUERIES = 6


def test_an_editor_preview_shows_the_quiz_without_starting_anything(rf, world, quiz_setup):
    quiz, _questions = quiz_setup
    request = rf.get(quiz.url)
    request.user = world.staff
    request.is_preview = True
    response = quiz.serve(request)
    assert response.status_code == 200
    body = response.content.decode()
    assert quiz.title in body and '<form method="post" class="done-box"' not in body
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("size,finished", [(10, 0), (50, 3)])
def test_the_quiz_page_runs_a_constant_number_of_queries(client, world, size, finished):
    """The page a learner opens first: rules, their attempts and grade, the start
    button; the same queries for a small quiz with no attempt and a large one with
    three graded attempts."""
    bank = b.category(world.course)
    questions = [b.single(bank, stem=f"<p>Câu {n}</p>") for n in range(size)]
    quiz = b.quiz(world.course, questions=questions, max_attempts=5)
    login(client, world.learner.user)
    for _ in range(finished):
        attempt = start(client, quiz)
        client.post(url("submit", attempt))
    queries = _count(client, quiz.url)
    assert queries == QUIZ_PAGE_QUERIES, queries


QUIZ_PAGE_QUERIES = 6  # the route from the cache; the rest grows with nothing the page lists
