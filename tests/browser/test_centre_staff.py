"""Issue 14: two centres on one installation. The staff of Hàm Yên reach every screen
through the admin's menus and links: they issue their class's certificates, read the
register, filter the completion report by their organisation and class and download it;
nowhere do they meet a class, an organisation, a learner or a certificate of Chiêm Hoá,
and Chiêm Hoá's "issue certificates" address answers "not found"."""

import io
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_province import HAM_YEN, log_in  # the admin's log-in form

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def two_centres(transactional_db, django_db_serialized_rollback):
    """Chiêm Hoá (ReportWorld: its classes, learners, organisations, a certificate
    issued) and Hàm Yên: two classes of another course, its own party committee and
    cell, a class of three whose rule is every lesson, two of them done; its staff."""
    from django.utils import timezone
    from wagtail.models import Page, Site

    from lms.certificates import issuing
    from lms.certificates.models import CompletionRule
    from lms.models import Centre, CentreMembership, Enrolment, LessonProgress, Organisation
    from lms.roles import STAFF

    from ..lms.personas import make_class, make_learner, make_user
    from ..reports.conftest import ReportWorld

    world = ReportWorld()
    Organisation.objects.update(centre=world.centre)
    CentreMembership.objects.create(user=world.staff, centre=world.centre)
    issuing.issue(world.enrolment, by=world.staff, override_reason="Học đủ, xác nhận tại lớp")

    root = Page.get_first_root_node().get_children().first()
    site = Site.objects.create(hostname="ham-yen.example", root_page=root)
    centre = Centre.objects.create(site=site, name=HAM_YEN, issuing_authority="Huyện uỷ Hàm Yên")
    commune = Organisation.add_root(
        name="Đảng bộ xã Phù Lưu", kind="party_committee", centre=centre
    )
    hamlet = commune.add_child(name="Chi bộ thôn Nà Bó", kind="party_cell", centre=centre)
    klass = make_class(centre, world.other_course)
    second = make_class(centre, world.other_course)
    now = timezone.now()
    names = ["Chẩu Văn Minh", "Hà Thị Lan", "Ma Văn Khải"]
    for i, name in enumerate(names):
        enrolment = Enrolment.objects.create(
            training_class=klass, learner=make_learner(f"hy-{i}", hamlet, name)
        )
        if i:  # Lan and Khải read every lesson; Minh none
            for lesson in world.other_course.lessons():
                LessonProgress.objects.create(
                    enrolment=enrolment,
                    lesson=lesson,
                    first_viewed_at=now,
                    last_seen_at=now,
                    completed_at=now,
                )
    Enrolment.objects.create(
        training_class=second, learner=make_learner("hy-3", commune, "Nông Thị Hoa")
    )
    CompletionRule.objects.create(
        course=world.other_course, training_class=klass, min_lessons_percent=100
    )
    staff = make_user("canbo-hamyen", STAFF, is_staff=True)
    CentreMembership.objects.create(user=staff, centre=centre)
    return {
        "class": klass.title,
        "second": second.title,
        "commune": commune.name,
        "learners": names,
        "other_classes": sorted({c.title for c in world.centre.classes.all()}),
        "other_class_id": world.other_class.pk,
        "other_centre": world.centre.name,
        "other_organisations": [world.committee.name, world.cell.name, world.farmers.name],
        "other_learners": [
            world.learner.full_name,
            world.other_learner.full_name,
            world.an.full_name,
            world.binh.full_name,
            world.cuong.full_name,
        ],
    }


def open_menu(page, href):
    """Click the sidebar's link to ``href``, opening its sub-menu first if it has one."""
    menu = page.locator("nav.sidebar-main-menu")
    if not menu.is_visible():  # a phone: the sidebar is behind its toggle
        page.locator("button.sidebar-nav-toggle").click()
    link = menu.locator(f"a[href='{href}']")
    if not link.is_visible():
        inner = page.locator(f"a[href='{href}']")
        menu.locator("li.sidebar-sub-menu-item", has=inner).locator(":scope > button").click()
    link.click()
    page.wait_for_load_state()


def choose(page, field, pick, absent):
    """In the open filter panel, open the chooser of ``field``: it offers ``pick`` and
    none of ``absent``; choose ``pick`` and wait for the report to follow."""
    page.locator(f"button[aria-controls='drilldown-id_{field}']").click()
    page.locator(f"#drilldown-id_{field} button[data-chooser-action-choose]:visible").click()
    offered = page.locator(".modal #search-results")
    expect(offered).to_contain_text(pick)
    for name in absent:
        expect(offered).not_to_contain_text(name)
    offered.locator("a[data-chooser-modal-choice]", has_text=pick).click()
    expect(page.locator(".modal")).to_be_hidden()
    expect(page).to_have_url(re.compile(f"[?&]{field}=\\d+"))
    page.locator(f"#drilldown-id_{field} .w-drilldown__back").click()


def issue_own_class(page, data, shoot):
    """Classes (menu) > the class's "More" > Issue certificates > the button."""
    from lms.certificates.models import CompletionRecord

    open_menu(page, "/admin/training/classes/")
    classes = page.locator("table.listing")
    expect(classes).to_contain_text(data["class"])
    for title in data["other_classes"]:
        expect(classes).not_to_contain_text(title)
    row = classes.locator("tbody tr", has_text=data["class"])
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.locator("a[href$='/issue/']").click()
    page.wait_for_load_state()
    expect(page.locator(".lms-issue-for")).to_contain_text(HAM_YEN)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Đã cấp 2 giấy chứng nhận")
    records = dict(
        CompletionRecord.objects.filter(centre__name=HAM_YEN).values_list(
            "learner_name", "register_number"
        )
    )
    minh, lan, khai = data["learners"]
    assert set(records) == {lan, khai}, records
    table = page.locator("main table.listing")
    for name, number in records.items():
        expect(table.locator("tr", has_text=name)).to_contain_text(number)
    expect(table.locator("tr", has_text=minh)).to_contain_text("✗")
    shoot(page, "centre-staff-01-issued-1366")
    return records


def read_register(page, data, records):
    """The certificate register (menu): this centre's two certificates, nobody else's."""
    open_menu(page, "/admin/certificates/register/")
    register = page.locator("main table.listing")
    for name, number in records.items():
        expect(register.locator("tr", has_text=name)).to_contain_text(number)
    expect(register.locator("tbody tr")).to_have_count(len(records))
    for name in data["other_learners"]:
        expect(register).not_to_contain_text(name)
    # Its centre filter offers their centre only.
    expect(page.locator("select#id_centre")).to_contain_text(HAM_YEN)
    expect(page.locator("select#id_centre")).not_to_contain_text(data["other_centre"])


def filter_and_export(page, data, shoot):
    """Reports > Completion by class, filtered by their commune and their class, then
    downloaded: only their class, in the screen and in the workbook."""
    from openpyxl import load_workbook

    open_menu(page, "/admin/training-reports/class_completion/")
    report = page.locator("main table.listing")
    expect(report).to_contain_text(data["second"])
    for title in data["other_classes"]:
        expect(report).not_to_contain_text(title)
    page.locator("button.w-dropdown__toggle:has(.icon-sliders)").click()  # the filters
    choose(page, "organisation", data["commune"], data["other_organisations"])
    choose(page, "training_class", data["class"], data["other_classes"])
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report).to_contain_text(data["class"])
    page.keyboard.press("Escape")  # close the filters
    expect(page.locator("[data-w-drilldown-target='menu']")).to_be_hidden()
    shoot(page, "centre-staff-02-report-1366")
    # The export links sit in the header's "more" menu.
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    with page.expect_download() as download_info:
        page.locator("a[href*='export=xlsx']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(download.path().read_bytes())).active.values)
    assert len(rows) == 2, rows
    # Class, year, program, status, enrolled, completed, rate, centre.
    assert rows[1][0] == data["class"] and rows[1][4:6] == (3, 2) and rows[1][7] == HAM_YEN
    text = repr(rows)
    for name in [*data["other_classes"], *data["other_organisations"], *data["other_learners"]]:
        assert name not in text


def test_one_centres_staff_issue_filter_and_export_and_meet_nothing_of_the_other(
    live_server, two_centres, browser, shoot
):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, live_server.url, "canbo-hamyen")
    records = issue_own_class(page, two_centres, shoot)
    read_register(page, two_centres, records)
    filter_and_export(page, two_centres, shoot)
    phone = browser.new_context(viewport=PHONE, locale="vi-VN")
    phone.set_default_timeout(10_000)
    small = phone.new_page()
    log_in(small, live_server.url, "canbo-hamyen")
    read_register(small, two_centres, records)
    # The number and the learner's name fit the phone's width; the wider table scrolls
    # sideways (a finger reaches its last columns, the actions) instead of being cut
    # off by the admin's layout, whose main element hides its overflow.
    cells = small.locator("main table.listing tbody tr").first.locator("td").all()
    for cell in cells[:2]:
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    scrolls = small.locator("main table.listing").evaluate(
        "t => [getComputedStyle(t).overflowX, t.clientWidth, t.scrollWidth]"
    )
    assert scrolls[0] == "auto" and scrolls[1] <= PHONE["width"] < scrolls[2], scrolls
    shoot(small, "centre-staff-03-register-360")
    phone.close()
    # The other centre's class, by its address: not found.
    other = f"{live_server.url}/admin/certificates/class/{two_centres['other_class_id']}/issue/"
    assert page.goto(other).status == 404
    context.close()
