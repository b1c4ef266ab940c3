"""On a phone: a learner replies with bold text, a link and an XSS attempt; the reply
shows formatted, the link is safe and no dialog opens; the lecturer hides the reply
with a reason, and the learner sees the reason."""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser

REPLY = (
    "Tôi **đồng ý** với câu hỏi, xem thêm [Báo Nhân Dân](https://nhandan.vn).\n"
    '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    "[bấm vào đây](javascript:alert(3))"
)


@pytest.fixture
def discussion(transactional_db, django_db_serialized_rollback):
    from lms.discussions import actions

    from ..lms.personas import World

    world = World()
    thread = actions.start_thread(
        world.lecturer,
        world.klass,
        title="Câu hỏi thảo luận bài 1",
        source="Mỗi đồng chí nêu một ví dụ.",
        lesson=world.lessons[0],
    )
    return {
        "thread_url": f"/learn/discussions/threads/{thread.pk}/",
        "lesson": world.lessons[0].url,
    }


def test_a_reply_is_formatted_safe_and_hidden_with_a_reason(
    live_server, discussion, phone_page, axe_check, shoot
):
    dialogs = []
    page = phone_page(bypass_csp=False)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server.url, "hocvien")
    page.goto(live_server.url + discussion["lesson"])
    page.get_by_role("link", name="Thảo luận bài học này cùng lớp").click()
    page.get_by_role("link", name="Câu hỏi thảo luận bài 1").click()
    page.locator("#id_source").fill(REPLY)
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_load_state()
    reply = page.locator("article.post").last
    expect(reply.locator(".body strong")).to_have_text("đồng ý")
    link = reply.locator(".body a", has_text="Báo Nhân Dân")
    expect(link).to_have_attribute("href", "https://nhandan.vn")
    expect(link).to_have_attribute("rel", "nofollow noopener ugc")
    expect(reply.locator(".body")).to_contain_text("<script>alert(2)</script>")
    assert reply.locator(".body img, .body script").count() == 0
    assert reply.locator(".body a", has_text="bấm vào đây").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    shoot(page, "20-discussion-reply")

    lecturer = phone_page(bypass_csp=True)  # for the axe-core injection only
    lecturer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(lecturer, live_server.url, "giangvien")
    lecturer.goto(live_server.url + discussion["thread_url"])
    axe_check(lecturer, "discussion-thread")
    lecturer.locator("article.post").last.get_by_role("link", name="Ẩn hoặc chuyển").click()
    lecturer.locator("#id_hide-reason").fill("Bài có mã độc, vui lòng viết lại")
    lecturer.get_by_role("button", name="Ẩn bài viết").click()
    lecturer.wait_for_load_state()
    expect(lecturer.locator(".messages")).to_contain_text("Bài viết đã bị ẩn")
    shoot(lecturer, "21-discussion-hidden-lecturer")

    page.reload()
    reply = page.locator("article.post").last
    expect(reply.locator(".notice")).to_contain_text("Lý do: Bài có mã độc, vui lòng viết lại")
    shoot(page, "22-discussion-hidden-author")
    assert dialogs == []
    assert not [e for e in page.errors + lecturer.errors if "Content Security Policy" in e]
