"""A learner keeps answering while the server is briefly unreachable (a restart, a short
database outage): autosave gets 503s, tells the learner the answers are not saved yet,
tries again with growing waits, says when they are saved again, and nothing typed during
the outage is lost (issue 11)."""

import json
import re
import time

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser

BUSY = "Hệ thống đang bận, vui lòng thử lại sau ít giây"


@pytest.fixture
def outage_quiz(transactional_db, django_db_serialized_rollback):
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


def test_answers_typed_during_an_outage_are_saved_when_it_ends(
    live_server, outage_quiz, phone_page
):
    from quizzes.models import Answer

    page = phone_page()
    log_in(page, live_server.url, "hocvien")
    page.goto(live_server.url + outage_quiz["url"])
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/quizzes/attempts/\d+/$"))

    outage = {"down": True, "refused": 0}

    def autosave(route):
        if outage["down"]:
            outage["refused"] += 1
            route.fulfill(
                status=503,
                headers={"Retry-After": "1"},
                content_type="application/json",
                body=json.dumps({"error": BUSY, "retry": True}),
            )
        else:
            route.continue_()

    page.route(re.compile(r"/answer/$"), autosave)
    page.locator(f"input[type=radio][value='{outage_quiz['right']}']").check()
    page.locator("input[type=text]").fill("Hồ Chí Minh")
    banner = page.locator("[data-connection-state]")
    # The answers wait on the phone, and the learner is told so.
    expect(banner).to_contain_text("Đã lưu trên máy")
    expect(page.locator("[data-save-state]").first).to_contain_text("Đã lưu trên máy")
    started = time.monotonic()
    while time.monotonic() - started < 3:  # the outage lasts a few seconds
        page.wait_for_timeout(250)
    assert outage["refused"] >= 3  # both answers, tried again and again
    assert not Answer.objects.exclude(text="").exists()

    outage["down"] = False
    expect(banner).to_contain_text("Đã có kết nối trở lại", timeout=15_000)
    expect(page.locator("[data-save-state]").nth(0)).to_contain_text("Đã gửi lên máy chủ")
    expect(page.locator("[data-save-state]").nth(1)).to_contain_text("Đã gửi lên máy chủ")
    saved = {
        answer.attempt_question.question_id: answer
        for answer in Answer.objects.select_related("attempt_question")
    }
    assert saved[outage_quiz["single"]].choice_ids == [outage_quiz["right"]]
    assert saved[outage_quiz["short"]].text == "Hồ Chí Minh"
    errors = [e for e in page.errors if "status of 503" not in e]
    assert not errors, errors
