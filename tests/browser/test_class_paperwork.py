"""Issue 18, item 8, in Chromium: the class page's sessions table on a tablet leaves the
"Record attendance" (Điểm danh) button visible and clickable, and printed log-in slips
show their last line. Screenshots at 360 px, 768 px and desktop width."""

from datetime import date, time, timedelta

import pytest

pytestmark = pytest.mark.browser

SIZES = {"phone": (360, 740), "tablet": (768, 1024), "desktop": (1366, 900)}


@pytest.fixture
def paperwork(transactional_db, django_db_serialized_rollback):
    from lms.models import ClassSession, Enrolment, LoginSlip

    from ..lms.personas import World, make_learner

    world = World()
    for days in (3, 10):
        ClassSession.objects.create(
            training_class=world.klass,
            date=date.today() - timedelta(days=days),
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Hội trường Trung tâm Chính trị huyện Chiêm Hóa, tầng 2, phòng học số 3",
        )
    for number, name in enumerate(["Nguyễn Thị Hồng Nhung", "Hoàng Văn Thành", "Đặng Thị Ánh"]):
        learner = make_learner(f"hv{number}", world.cell, name)
        Enrolment.objects.create(training_class=world.klass, learner=learner)
        LoginSlip.objects.create(user=learner.user, password=f"mk-{number}-abcdef")
    from quizzes.models import QuestionCategory

    QuestionCategory.objects.create(course=world.course, name="Ngân hàng")
    return {"class_id": world.klass.pk}


def _page(browser, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    return context.new_page()


def test_the_attendance_button_is_reachable_on_a_tablet(live_server, paperwork, browser, shoot):
    from .test_learning_journey import log_in

    for size in SIZES:
        page = _page(browser, size)
        log_in(page, live_server.url, "canbo")
        page.goto(f"{live_server.url}/admin/training/classes/edit/{paperwork['class_id']}/")
        button = page.locator("#sessions a.button").first
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size][0], size
        hit = page.evaluate(
            "([x, y]) => { const el = document.elementFromPoint(x, y);"
            " return !!(el && el.closest('#sessions a.button')); }",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert hit, f"something covers the attendance button at {size}"
        shoot(page, f"class-sessions-{size}")
        page.context.close()


def test_printed_slips_keep_their_last_line(live_server, paperwork, browser, shoot):
    from .test_learning_journey import log_in

    page = _page(browser, "desktop")
    log_in(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/learn/enrolment/classes/{paperwork['class_id']}/slips/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('.slip')]"
        ".filter(s => s.scrollHeight > s.clientHeight + 1).length"
    )
    shoot(page, "slips-print")
    assert page.locator(".slip").count() == 3 and clipped == 0


def test_the_import_check_shows_each_question_and_its_category(
    live_server, paperwork, browser, shoot, tmp_path
):
    from .test_learning_journey import log_in

    gift = tmp_path / "muoi-cau.gift"
    gift.write_text(
        "$CATEGORY: $course$/Kết luận 21-KL\\/TW\n\n"
        "::C1:: Câu một? {=Đúng ~Sai}\n\n"
        "::C2:: Thiếu ngoặc đóng. {=Một ~Hai\n\n"
        "::C3:: Câu ba? {T}\n",
        encoding="utf-8",
    )
    for size in SIZES:
        page = _page(browser, size)
        log_in(page, live_server.url, "canbo")
        page.goto(f"{live_server.url}/admin/quizzes/questions/import/")
        page.locator("#id_category").select_option(index=1)
        page.locator("#id_file").set_input_files(str(gift))
        page.locator("input[name=skip_bad]").check()
        page.locator("button[name=check]").click()
        page.wait_for_load_state()
        table = page.locator("[data-import-outcomes]")
        assert table.locator("tbody tr").count() == 3, size
        assert "Kết luận 21-KL/TW" in table.inner_text() and "dòng 5" in table.inner_text()
        shoot(page, f"import-check-{size}")
        page.context.close()
