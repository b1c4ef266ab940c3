"""A learner finishes the last required lesson on a phone: the dashboard offers the
certificate, the PDF downloads, and the address in it (the one its QR code holds) opens
the public verification page showing "valid"."""

import io
import re

import pytest
from django.utils.translation import gettext

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def almost_done(transactional_db, django_db_serialized_rollback):
    from lms import progress
    from lms.certificates.models import CompletionRule

    from ..lms.personas import World

    world = World()
    CompletionRule.objects.create(course=world.course, min_lessons_percent=100)
    for lesson in world.lessons[:-1]:
        progress.mark_completed(world.enrolment, lesson)
    return {"last": {"title": world.lessons[-1].title, "url": world.lessons[-1].url}}


def test_certificate_from_the_last_lesson_to_the_verification_page(
    live_server, almost_done, phone_page, axe_check, shoot, tmp_path, settings
):
    from pypdf import PdfReader

    settings.PUBLIC_BASE_URL = live_server.url  # the address the QR code and link carry

    from .test_learning_journey import log_in

    page = phone_page(bypass_csp=True)
    log_in(page, live_server.url, "hocvien")
    page.wait_for_url(live_server.url + "/learn/")
    expect(page.locator(".certificate")).to_contain_text("✗")
    shoot(page, "cert-01-dashboard-missing")

    page.goto(live_server.url + almost_done["last"]["url"])
    page.locator(".done-box button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(live_server.url + "/learn/")
    link = page.locator(".certificate a.button")
    expect(link).to_be_visible()
    shoot(page, "cert-02-dashboard-certificate")
    axe_check(page, "dashboard-certificate")
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path / "giay-chung-nhan.pdf"
    download_info.value.save_as(target)
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Nguyễn Văn An" in text
    found = re.search(r"https?://\S+?(/learn/certificates/verify/[\w-]+/)", text)
    assert found, text
    assert found.group(0).startswith(live_server.url)

    public = phone_page(bypass_csp=True)  # anyone, not logged in
    public.goto(found.group(0))  # the printed address itself
    expect(public.locator("[role=status]")).to_contain_text(gettext("Genuine and valid"))
    expect(public.locator("main")).to_contain_text("Nguyễn Văn An")
    shoot(public, "cert-03-verification")
    axe_check(public, "verification")
