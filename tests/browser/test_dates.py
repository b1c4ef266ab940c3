"""Centre staff plan a class with Vietnamese dates (issue 18): the date fields open
Wagtail's date picker and say "ngày/tháng/năm"; a date picked or typed day first is
stored as that day and shown back the same way."""

from datetime import date

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def centre_world(transactional_db, django_db_serialized_rollback):
    from ..lms.personas import World

    world = World()
    return {"course": world.course.pk}


def test_class_dates_typed_and_picked_day_first(live_server, centre_world, browser, shoot):
    from lms.models import TrainingClass

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("canbo")
    page.locator("#id_password").fill("mat-khau-canbo")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/admin/training/classes/new/?course={centre_world['course']}")
    opens = page.locator("#id_study_opens")
    expect(opens).to_have_attribute("placeholder", "ngày/tháng/năm")
    opens.click()
    picker = page.locator(".xdsoft_datetimepicker").first
    expect(picker).to_be_visible()  # Wagtail's date picker opens
    shoot(page, "dates-01-picker")
    page.keyboard.press("Escape")
    opens.fill("11/01/2027")
    page.locator("#id_study_closes").fill("22/01/2027")
    page.locator("#id_year").fill("2027")
    page.locator("#id_venue").click()  # closes the picker
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    klass = TrainingClass.objects.get(year=2027)
    assert (klass.study_opens, klass.study_closes) == (date(2027, 1, 11), date(2027, 1, 22))

    page.goto(f"{live_server.url}/admin/training/classes/edit/{klass.pk}/")
    expect(page.locator("#id_study_opens")).to_have_value("11/01/2027")
    expect(page.locator("#id_study_closes")).to_have_value("22/01/2027")
    shoot(page, "dates-02-edit")
