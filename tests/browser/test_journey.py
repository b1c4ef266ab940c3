"""A learner on a small phone: home page, search without accents, a lesson, the next one."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


def assert_fits_the_screen(page, where: str):
    """Nothing is wider than the phone: no sideways scrolling."""
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, screen: window.innerWidth})"
    )
    assert widths["page"] <= widths["screen"], f"{where} scrolls sideways: {widths}"


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_load_state()


# The content fixture comes before phone_page: pages are written before the browser starts.
def test_phone_journey_from_search_to_the_next_lesson(
    live_server, journey_content, phone_page, axe_check, shoot
):
    course, lessons = journey_content
    first, second = lessons[0], lessons[1]
    page = phone_page(bypass_csp=True)  # for the axe-core injection only

    # 1. Home page, in Vietnamese.
    open_page(page, live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert_fits_the_screen(page, "home page")
    shoot(page, "01-home")
    axe_check(page, "home")

    # 2. Search without diacritics: "dang" finds "Đảng".
    page.locator("#q").fill("dang")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search/\?q=dang$"))
    page.wait_for_load_state()
    results = page.locator("ol.results a")
    expect(results.filter(has_text="Đảng").first).to_be_visible()
    expect(results.filter(has_text=course["title"])).to_have_count(1)
    assert_fits_the_screen(page, "search results")
    shoot(page, "02-search")
    axe_check(page, "search")

    # 3. The course, then its first lesson from the outline.
    results.filter(has_text=course["title"]).click()
    page.wait_for_url(live_server.url + course["url"])
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(course["title"])
    assert_fits_the_screen(page, "course page")
    shoot(page, "02b-course")
    axe_check(page, "course")

    page.locator("ol.path a").first.click()
    page.wait_for_url(live_server.url + first["url"])
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(first["title"])
    expect(page.locator(".lesson .meta").first).to_contain_text("1")
    assert_fits_the_screen(page, "lesson 1")
    shoot(page, "03-lesson-1")
    axe_check(page, "lesson-1")

    # 4. On to the next lesson.
    page.locator("a[rel=next]").click()
    page.wait_for_url(live_server.url + second["url"])
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(second["title"])
    expect(page.locator("[aria-current=page]")).to_have_text(second["title"])
    assert_fits_the_screen(page, "lesson 2")
    shoot(page, "04-lesson-2")
    axe_check(page, "lesson-2")


def test_pages_work_under_the_real_content_security_policy(
    live_server, journey_content, phone_page
):
    """Without bypass_csp: our own scripts and styles are allowed by our own policy."""
    course, lessons = journey_content
    page = phone_page()  # no bypass_csp

    for path in ("/", "/search/?q=dang", course["url"], lessons[0]["url"]):
        response = page.goto(live_server.url + path)
        page.wait_for_load_state()
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), (
            f"{path} was served without the site's Content-Security-Policy"
        )

    # site.js ran (it reveals the "play here" button of the video card) and the stylesheet
    # applied (the header takes the accent colour): neither was blocked.
    expect(page.locator(".video-play")).to_be_visible()
    header_colour = page.locator("header.top").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour == "rgb(163, 17, 27)"

    csp_errors = [text for text in page.errors if "Content Security Policy" in text]
    assert not csp_errors, "Content-Security-Policy violations:\n" + "\n".join(csp_errors)
