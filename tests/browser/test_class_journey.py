"""A class completed the way people do it, on a phone, following links only: the learner
starts at /learn/ and presses the next step until nothing is left (every lesson read,
every quiz passed, the essay submitted); the lecturer grades the essay from the link on
their My classes; staff reach the session's attendance from the admin's class and record it; the certificate appears on
the learner's My classes.

Here tasks (grading, completion, issuing) run in-process as the test settings make them
(``Q_CLUSTER["sync"]``); test_class_journey_worker.py walks the same journey on a site
served beside a real django-q2 cluster."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


def build_journey() -> dict:
    """The class to complete: three lessons, a quiz among them, the essay, a session held
    yesterday, and rules that ask for all of it. Called in the test's database, or (with
    a real worker) in a site's own database through ``manage.py shell``."""
    from django.utils import timezone

    from lms.certificates.models import CertificateSettings, CompletionRule

    from ..lms.personas import World
    from ..quizzes import builders

    world = World()
    bank = builders.category(world.course)
    question = builders.single(bank)
    quiz = builders.quiz(world.course, questions=[question])
    quiz.move(world.lessons[2], pos="left")
    essay = builders.quiz(world.course, questions=[builders.essay(bank)])
    world.session.date = timezone.localdate() - timedelta(days=1)  # held yesterday
    world.session.topic = world.lessons[1]
    world.session.save()
    rule = CompletionRule.objects.create(
        course=world.course,
        min_lessons_percent=100,
        min_attendance_percent=100,
        essay_quiz=essay,
        min_essay_grade=Decimal(5),
    )
    rule.quizzes.set([quiz])
    if hasattr(CertificateSettings, "for_centre"):
        CertificateSettings.for_centre(world.centre)
    right = question.options.get(is_correct=True).pk
    return {
        "right": right,
        "session": world.session.pk,
        "lessons": len(world.lessons),
        "class_title": world.klass.title,
    }


@pytest.fixture
def journey(transactional_db, django_db_serialized_rollback):
    return build_journey()


def log_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"mat-khau-{username}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_learner_completes_a_class_following_links_only(live_server, journey, phone_page, shoot):
    complete_the_class(live_server.url, journey, phone_page, shoot)


def complete_the_class(base, journey, phone_page, shoot, wait_ms=15_000):
    """The learner, the lecturer and staff, each following links only from where they
    land; ``wait_ms``: how long the certificate may take to appear (a real worker)."""
    page = phone_page()
    log_in(page, base, "hocvien")
    page.wait_for_url(base + "/learn/")
    steps = []
    for _ in range(12):
        next_step = page.locator(".class-card .next-step a.button")
        if next_step.count() == 0:
            break
        steps.append(next_step.inner_text())
        next_step.click()
        page.wait_for_load_state()
        if page.locator("article.lesson").count():  # a lesson: read it, finish it
            page.locator(".done-box button[type=submit]").click()
        else:  # a quiz or the essay: start, answer, finish, hand in
            page.locator(".done-box button[type=submit]").click()
            page.wait_for_url(re.compile(r"/learn/quizzes/attempts/\d+/$"))
            if page.locator("textarea").count():
                page.locator("textarea").fill(
                    "Bài thu hoạch: tôi rút ra bài học về vai trò của chi bộ."
                )
            else:
                page.locator(f"input[type=radio][value='{journey['right']}']").check()
            page.locator("button[value=finish]").click()
            page.wait_for_url(re.compile(r"/submit/$"))
            page.locator(".done-box button[type=submit]").click()
            page.wait_for_url(re.compile(r"/result/$"))
        page.wait_for_load_state()
        page.locator("header .menu a", has_text="Lớp học của tôi").click()
        page.wait_for_url(base + "/learn/")
    # Three lessons, the quiz and the essay, each reached from the next-step button.
    assert len(steps) == journey["lessons"] + 2, steps
    assert any("Làm bài kiểm tra" in step for step in steps)
    assert steps[-1].startswith("Làm bài thu hoạch")
    page.locator("a", has_text="Lộ trình lớp học").first.click()
    expect(page.locator(".path")).to_contain_text("Đã nộp, chờ chấm")

    lecturer = phone_page()
    log_in(lecturer, base, "giangvien")
    lecturer.locator("a", has_text="bài thu hoạch chờ chấm").click()
    lecturer.wait_for_load_state()
    shoot(lecturer, "journey-grading-queue")
    grade = lecturer.locator("a[href*='/quizzes/grading/']").filter(has_text=re.compile(r"\S"))
    assert grade.count(), (lecturer.url, lecturer.content()[-3000:])
    grade.last.click()
    lecturer.locator("input[name=grade]").fill("8")
    lecturer.locator("input[name=scale][value=ten]").check()
    lecturer.locator("button[type=submit]", has_text=re.compile("Lưu|Save")).click()
    lecturer.wait_for_load_state()

    record_attendance_following_links(base, journey, phone_page, shoot)

    # The learner looks again (the worker may still be issuing the certificate).
    page.locator("header .menu a", has_text="Lớp học của tôi").click()
    page.wait_for_load_state()
    deadline = wait_ms
    while not page.locator(".certificate", has_text="Tải giấy chứng nhận").count() and deadline > 0:
        page.wait_for_timeout(1_000)
        deadline -= 1_000
        page.reload()
    expect(page.locator(".certificate")).to_contain_text("Tải giấy chứng nhận")
    shoot(page, "journey-certificate")


def record_attendance_following_links(base, journey, phone_page, shoot):
    """Staff, at an office PC: from My classes to the admin, the class, its session."""
    staff = phone_page()
    staff.set_viewport_size({"width": 1366, "height": 900})
    log_in(staff, base, "canbo")
    staff.locator("main a", has_text="Mở trang quản trị").click()
    staff.wait_for_load_state()
    staff.locator(".sidebar").get_by_role("button", name="Đào tạo").click()
    staff.locator(".sidebar a[href$='/admin/training/classes/']").click()
    staff.wait_for_load_state()
    staff.locator("table.listing a", has_text=journey["class_title"]).first.click()
    staff.wait_for_load_state()
    staff.locator("a.button", has_text="Điểm danh").first.click()
    staff.wait_for_url(re.compile(rf"/admin/training/attendance/{journey['session']}/"))
    staff.locator("a", has_text="cho tất cả những người chưa điểm danh").first.click()
    staff.wait_for_load_state()
    staff.locator("button.lms-attendance__button").click()
    staff.wait_for_load_state()
    shoot(staff, "journey-attendance")
