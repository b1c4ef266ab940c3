"""At 360 px no learner or lecturer page scrolls sideways; the roster becomes cards.
Screenshots of the class path, My classes (learner and lecturer) and the roster are kept
in tests/browser/artifacts/ to be looked at."""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_content(transactional_db, django_db_serialized_rollback):
    from decimal import Decimal

    from lms.certificates.models import CompletionRule
    from lms.discussions import actions
    from lms.models import Enrolment

    from ..lms.personas import World, make_learner
    from ..quizzes import builders

    world = World()
    bank = builders.category(world.course)
    quiz = builders.quiz(world.course, questions=[builders.single(bank)], max_attempts=3)
    quiz.move(world.lessons[2], pos="left")
    essay = builders.quiz(world.course, questions=[builders.essay(bank)])
    world.session.topic = world.lessons[1]
    world.session.venue = "Hội trường Trung tâm Chính trị huyện Chiêm Hoá, tầng 2"
    world.session.save()
    rule = CompletionRule.objects.create(
        course=world.course,
        min_lessons_percent=100,
        min_attendance_percent=80,
        essay_quiz=essay,
        min_essay_grade=Decimal(5),
    )
    rule.quizzes.set([quiz])
    for number in range(30):
        learner = make_learner(
            f"hv{number}", world.cell, f"Nguyễn Thị Phương Thảo Hoàng Lan số {number}"
        )
        Enrolment.objects.create(training_class=world.klass, learner=learner)
    thread = actions.start_thread(
        world.learner.user,
        world.klass,
        title="Vì sao phải học Điều lệ Đảng? Một câu hỏi rất dài để thử dòng tiêu đề",
        source="Mời các đồng chí cùng **thảo luận**.",
        lesson=world.lessons[0],
    )
    quiz.refresh_from_db()
    # Two programmes, so the catalogue offers its filter buttons.
    from lessons.models import CoursePage, ProgramType

    CoursePage.objects.filter(pk=world.other_course.pk).update(
        program=ProgramType.objects.exclude(pk=world.course.program_id).first()
    )
    return {
        "class_id": world.klass.pk,
        "course": world.course.url,
        "lesson": world.lessons[0].url,
        "quiz": quiz.url,
        "essay": essay.url,
        "thread": thread.pk,
    }


def log_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"mat-khau-{username}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sideways(page) -> int:
    """How far the page scrolls sideways (0: not at all)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_no_page_scrolls_sideways_at_360_px(live_server, phone_content, phone_page, shoot):
    c = phone_content
    klass = c["class_id"]
    pages = {
        "hocvien": {
            "my-classes-learner": "/learn/",
            "class-path": f"/learn/classes/{klass}/",
            "course": c["course"],
            "lesson": c["lesson"],
            "quiz": c["quiz"],
            "essay": c["essay"],
            "discussion": f"/learn/discussions/classes/{klass}/",
            "thread": f"/learn/discussions/threads/{c['thread']}/",
            "settings": "/learn/discussions/settings/",
            "password": "/learn/enrolment/password/change/",
        },
        "giangvien": {
            "my-classes-lecturer": "/learn/",
            "roster": f"/learn/classes/{klass}/roster/",
            "class-path-lecturer": f"/learn/classes/{klass}/",
            "discussion-lecturer": f"/learn/discussions/classes/{klass}/",
        },
    }
    wide = {}
    for username, addresses in pages.items():
        page = phone_page()
        log_in(page, live_server.url, username)
        for name, address in addresses.items():
            response = page.goto(live_server.url + address)
            assert response.status == 200, (name, address, response.status)
            if name in ("my-classes-learner", "class-path", "my-classes-lecturer", "roster"):
                shoot(page, f"360-{name}")
            if (extra := sideways(page)) > 0:
                wide[name] = extra
    assert wide == {}, f"pages wider than 360 px (extra px): {wide}"


def test_the_roster_is_cards_on_a_phone(live_server, phone_content, phone_page):
    page = phone_page()
    log_in(page, live_server.url, "giangvien")
    page.goto(live_server.url + f"/learn/classes/{phone_content['class_id']}/roster/")
    display = page.evaluate("getComputedStyle(document.querySelector('.roster tbody tr')).display")
    assert display == "grid"  # a card, not a table row
    assert sideways(page) <= 0
    # A few lines each: the certificate's standing is one line, what is missing on demand
    # (31 cards were 8,472 px, ~270 px each, mostly the missing requirements' text).
    heights = page.evaluate(
        "[...document.querySelectorAll('.roster tbody tr')].map(r => r.offsetHeight)"
    )
    assert len(heights) == 31 and max(heights) <= 180, heights
    page.locator(".roster details.standing summary").first.click()
    expect(page.locator(".roster details.standing ul").first).to_be_visible()


def test_the_roster_keeps_every_column_in_view_on_a_desktop(live_server, phone_content, phone_page):
    page = phone_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "giangvien")
    page.goto(live_server.url + f"/learn/classes/{phone_content['class_id']}/roster/")
    wrap = page.evaluate(
        "(() => { const w = document.querySelector('.table-wrap');"
        " return [w.scrollWidth, w.clientWidth]; })()"
    )
    assert wrap[0] <= wrap[1], wrap  # no sideways scroll to reach the certificate column
    assert wrap[1] > 1000, wrap  # not held to the reading column (736 px)


def test_programme_filters_keep_their_padding_and_numbers_sit_on_the_first_line(
    live_server, phone_content, phone_page
):
    from lessons.models import CoursePage

    page = phone_page()
    catalogue = CoursePage.objects.first().get_parent().url
    page.goto(live_server.url + catalogue)
    padding = page.evaluate("getComputedStyle(document.querySelector('.chips a')).paddingLeft")
    assert padding == "12px"
    log_in(page, live_server.url, "hocvien")
    page.goto(live_server.url + f"/learn/classes/{phone_content['class_id']}/")
    # The session's long venue wraps; a lesson's number and the first line of its title
    # share their top, whatever the title's length.
    tops = page.evaluate(
        """[...document.querySelectorAll('.path-lesson')].map(li => [
            li.querySelector('.path-no').getBoundingClientRect().top,
            li.querySelector('a').getBoundingClientRect().top])"""
    )
    assert tops and all(abs(number - title) < 8 for number, title in tops), tops
