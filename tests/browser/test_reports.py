"""Centre staff open the admin home and see the training charts, filter completion by
organisation and download it as XLSX."""

import io

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def report_content(transactional_db, django_db_serialized_rollback):
    from ..reports.conftest import ReportWorld

    world = ReportWorld()
    return {
        "committee": (world.committee.pk, world.committee.name),
        "cell": world.cell.name,
        "farmers": world.farmers.name,
    }


def test_staff_see_charts_filter_by_organisation_and_download(
    live_server, report_content, browser, shoot
):
    from openpyxl import load_workbook

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("canbo")
    page.locator("#id_password").fill("mat-khau-canbo")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    panel = page.locator("#lms-reports-dashboard-section, [id^=lms-reports-dashboard]").first
    expect(panel).to_be_visible()
    # Four charts; the weakest organisations need 5 enrolled each, none has them yet.
    charts = page.locator("svg[role=img]")
    expect(charts).to_have_count(3)
    expect(page.locator(".lms-chart").nth(3)).to_contain_text("Chưa đủ số liệu.")
    expect(page.locator("svg[role=img] title").first).to_contain_text("2026")
    expect(page.locator(".lms-figures")).to_contain_text("40,0 %")
    shoot(page, "reports-01-admin-home")

    committee_id, committee = report_content["committee"]
    page.goto(
        f"{live_server.url}/admin/training-reports/organisation_completion/"
        f"?year=2026&organisation={committee_id}"
    )
    table = page.locator("table.listing")
    expect(table).to_contain_text(committee)
    expect(table).to_contain_text(report_content["cell"])
    expect(table).not_to_contain_text(report_content["farmers"])
    shoot(page, "reports-02-organisation-report")

    # The export links sit in the header's "more" menu.
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    with page.expect_download() as download_info:
        page.locator("a[href*='export=xlsx']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.path().read_bytes())).active
    rows = {row[0]: row for row in sheet.values}
    assert rows[committee][3:5] == (4, 2)
    assert report_content["farmers"] not in rows
    context.close()
