"""A learner on a phone: log in, land on the dashboard, read the next lesson, mark it
done, see the progress bar move; then the lecturer opens the class roster."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def class_content(transactional_db, django_db_serialized_rollback):
    from ..lms.personas import World

    world = World()
    return {
        "class_id": world.klass.pk,
        "lessons": [{"title": lesson.title, "url": lesson.url} for lesson in world.lessons],
    }


def log_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"mat-khau-{username}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_learner_finishes_a_lesson_and_the_lecturer_sees_it(
    live_server, class_content, phone_page, axe_check, shoot
):
    first, second = class_content["lessons"][:2]
    page = phone_page(bypass_csp=True)  # for the axe-core injection only

    log_in(page, live_server.url, "hocvien")
    page.wait_for_url(live_server.url + "/learn/")
    bar = page.locator("progress").first
    expect(bar).to_have_attribute("value", "0")
    shoot(page, "05-dashboard")
    axe_check(page, "dashboard")

    page.locator(".class-card a.button").first.click()
    page.wait_for_url(live_server.url + first["url"])
    expect(page.locator("h1")).to_have_text(first["title"])
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_url(live_server.url + second["url"])  # on to the next lesson
    shoot(page, "06-after-finishing")

    page.goto(live_server.url + "/learn/")
    expect(page.locator("progress").first).to_have_attribute("value", "33")
    expect(page.locator(".class-card a.button").first).to_contain_text(second["title"])
    shoot(page, "07-dashboard-after")

    lecturer = phone_page(bypass_csp=True)
    log_in(lecturer, live_server.url, "giangvien")
    lecturer.locator(f"a[href='/learn/classes/{class_content['class_id']}/roster/']").click()
    lecturer.wait_for_url(re.compile(r"/roster/$"))
    row = lecturer.locator("table.roster tbody tr", has_text="Nguyễn Văn An")
    expect(row).to_contain_text("1/3")
    shoot(lecturer, "08-roster")
    axe_check(lecturer, "roster")
    assert not [e for e in page.errors + lecturer.errors if "Content Security Policy" in e]
