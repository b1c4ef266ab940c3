"""A learner starts a quiz online, loses the connection, answers and submits offline: the
page says each answer is kept on the phone ("Đã lưu trên máy") and the submission is
queued; when the connection returns everything is sent ("Đã gửi lên máy chủ"), the
attempt is submitted once, graded, and marked as completed offline (issue 15)."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def offline_quiz(transactional_db, django_db_serialized_rollback):
    from ..lms.personas import World
    from ..quizzes import builders as b

    world = World()
    bank = b.category(world.course)
    single = b.single(bank, stem="<p>Câu hỏi số 1</p>")
    short = b.short(bank, stem="<p>Câu hỏi số 2</p>", accepted=["Hồ Chí Minh"])
    quiz = b.quiz(world.course, questions=[single, short], time_limit_minutes=15)
    return {
        "url": quiz.url,
        "right": single.options.get(is_correct=True).pk,
        "single": single.pk,
        "short": short.pk,
    }


def test_a_quiz_answered_and_submitted_offline_is_graded_when_back_online(
    live_server, offline_quiz, phone_page, axe_check, shoot, monkeypatch
):
    from quizzes import attempts, grading
    from quizzes.models import Answer, Attempt

    queued = []
    monkeypatch.setattr(attempts, "enqueue_grading", queued.append)
    page = phone_page(bypass_csp=True)  # for the axe-core injection only
    log_in(page, live_server.url, "hocvien")
    page.goto(live_server.url + offline_quiz["url"])
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/quizzes/attempts/\d+/$"))

    page.context.set_offline(True)
    page.locator(f"input[type=radio][value='{offline_quiz['right']}']").check()
    page.locator("input[type=text]").fill("Hồ Chí Minh")
    states = page.locator("[data-save-state]")
    expect(states.nth(0)).to_contain_text("Đã lưu trên máy")
    expect(states.nth(1)).to_contain_text("Đã lưu trên máy")
    expect(page.locator("[data-connection-state]")).to_contain_text("Đã lưu trên máy")
    page.locator("button[value=finish]").click()
    expect(page.locator("[data-connection-state]")).to_contain_text("sẽ được nộp khi có kết nối")
    shoot(page, "quiz-offline-queued")
    axe_check(page, "quiz attempt, offline")
    attempt = Attempt.objects.get()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert not Answer.objects.exclude(text="").exists()
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('vuntrong:quiz:'))")
    assert kept == [f"vuntrong:quiz:{attempt.user_id}:{attempt.pk}"]

    page.context.set_offline(False)
    page.wait_for_url(re.compile(r"/result/$"), timeout=15_000)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.completed_offline
    assert queued == [attempt.pk]  # submitted once
    saved = {
        answer.attempt_question.question_id: answer
        for answer in Answer.objects.select_related("attempt_question")
    }
    assert saved[offline_quiz["single"]].choice_ids == [offline_quiz["right"]]
    assert saved[offline_quiz["short"]].text == "Hồ Chí Minh"
    grading.grade_submitted(attempt.pk)  # what the worker does with the queued task
    expect(page.locator("[data-quiz-result]")).to_contain_text("10/10", timeout=15_000)
    expect(page.locator(".quiz-result")).to_contain_text("làm khi không có mạng")
    shoot(page, "quiz-offline-graded")
    # The phone's copy is gone once the server has it.
    assert page.evaluate("Object.keys(localStorage).length") == 0
    assert not [e for e in page.errors if "ERR_INTERNET_DISCONNECTED" not in e], page.errors
