"""A learner on a phone takes a timed quiz: answers half the questions (saved as they
tap), reloads the page as a dropped connection would, finds the answers still there,
submits, sees "grading..." and then the grade appear without reloading when the worker
has graded the attempt. The worker's part is played by calling the grading task in the
test once the page shows it is waiting (a real cluster grades in tests/test_cluster.py)."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def quiz_content(transactional_db, django_db_serialized_rollback):
    from ..lms.personas import World
    from ..quizzes import builders as b

    world = World()
    bank = b.category(world.course)
    questions = [b.single(bank, stem=f"<p>Câu hỏi số {n}</p>") for n in range(1, 5)]
    quiz = b.quiz(world.course, questions=questions, time_limit_minutes=15, max_attempts=2)
    return {
        "url": quiz.url,
        "right": [q.options.get(is_correct=True).pk for q in questions],
    }


def test_timed_quiz_survives_a_reload_and_shows_the_grade_when_graded(
    live_server, quiz_content, phone_page, axe_check, shoot, monkeypatch
):
    from quizzes import attempts, grading
    from quizzes.models import Attempt

    queued = []
    monkeypatch.setattr(attempts, "enqueue_grading", queued.append)

    page = phone_page(bypass_csp=True)  # for the axe-core injection only
    log_in(page, live_server.url, "hocvien")
    page.goto(live_server.url + quiz_content["url"])
    expect(page.locator(".rules")).to_contain_text("15")
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/quizzes/attempts/\d+/$"))
    expect(page.locator("[data-quiz-clock]")).to_be_visible()
    shoot(page, "20-quiz-attempt")
    axe_check(page, "quiz attempt")

    first, second = quiz_content["right"][:2]
    for option in (first, second):
        page.locator(f"input[type=radio][value='{option}']").check()
    expect(page.locator("[data-save-state]").nth(1)).to_contain_text("Đã gửi lên máy chủ")

    page.reload()  # the connection dropped; the answers are on the server
    expect(page.locator(f"input[type=radio][value='{first}']")).to_be_checked()
    expect(page.locator(f"input[type=radio][value='{second}']")).to_be_checked()
    expect(page.locator("[data-quiz-clock-value]")).to_contain_text(re.compile(r"1[45]"))

    page.locator("button[value=finish]").click()
    page.wait_for_url(re.compile(r"/submit/$"))
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_url(re.compile(r"/result/$"))
    expect(page.locator("[data-quiz-result]")).to_contain_text("Đang chấm")
    shoot(page, "21-quiz-grading")

    attempt = Attempt.objects.get()
    assert queued == [attempt.pk] and attempt.state == Attempt.State.SUBMITTED
    grading.grade_submitted(attempt.pk)  # what the worker does with the queued task
    # The page asks the server and shows the grade in place: two of four right.
    expect(page.locator("[data-quiz-result]")).to_contain_text("5/10", timeout=15_000)
    shoot(page, "22-quiz-graded")
    axe_check(page, "quiz result")
    assert not page.errors, page.errors
