"""Issue 14: the province's board compares two district centres (the table, the charts,
the workbook with a sheet per centre), on a desktop and on a phone; a centre's staff see
their own centre only on the same screen."""

import io

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser

HAM_YEN = "Trung tâm Chính trị huyện Hàm Yên"


@pytest.fixture
def province_content(transactional_db, django_db_serialized_rollback):
    from lms.models import CentreMembership
    from lms.roles import PROVINCE, STAFF

    from ..lms.personas import make_user
    from ..reports.conftest import ReportWorld
    from ..reports.test_province import add_centre

    world = ReportWorld()
    add_centre(world, 2, HAM_YEN, learners=3)
    CentreMembership.objects.create(user=world.staff, centre=world.centre)
    make_user("bantuyengiao", PROVINCE, is_staff=True)
    make_user("canbo-hamyen", STAFF, is_staff=True)
    return {"centre": world.centre.name}


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-" + username)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_the_province_compares_the_two_centres(live_server, province_content, browser, shoot):
    from openpyxl import load_workbook

    centre = province_content["centre"]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    log_in(page, live_server.url, "bantuyengiao")
    # The home page: the province's figures and the per-centre charts.
    expect(page.locator("h3", has_text="Tỷ lệ hoàn thành của từng trung tâm")).to_be_visible()
    shoot(page, "province-01-admin-home")

    page.goto(live_server.url + "/admin/training-reports/centres/?year=2026")
    table = page.locator("#lms-centres")
    expect(table).to_contain_text(HAM_YEN)
    expect(table).to_contain_text(centre)
    expect(table.locator("tr.lms-total")).to_contain_text("Tổng cộng")
    expect(page.locator("svg[role=img]")).to_have_count(3)
    shoot(page, "province-02-centres-1366")
    with page.expect_download() as download_info:
        page.locator("a[href*='export=xlsx']").first.click()
    book = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    assert book.sheetnames[0] == "Tổng cộng" and len(book.sheetnames) == 3

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    small = phone.new_page()
    log_in(small, live_server.url, "bantuyengiao")
    small.goto(live_server.url + "/admin/training-reports/centres/?year=2026")
    expect(small.locator("#lms-centres")).to_contain_text(HAM_YEN)
    # The charts fit the phone's width.
    box = small.locator("svg[role=img]").first.bounding_box()
    assert box and box["x"] + box["width"] <= 360
    shoot(small, "province-03-centres-360")
    phone.close()

    staff = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    own = staff.new_page()
    log_in(own, live_server.url, "canbo")
    own.goto(live_server.url + "/admin/training-reports/centres/?year=2026")
    expect(own.locator("#lms-centres")).to_contain_text(centre)
    expect(own.locator("#lms-centres")).not_to_contain_text(HAM_YEN)
    staff.close()
    context.close()
