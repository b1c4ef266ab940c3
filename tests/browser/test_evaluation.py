"""A learner on a phone answers the survey about a lecturer from the dashboard, sees the
thank-you, and cannot answer about the same lecturer again."""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def survey_content(transactional_db, django_db_serialized_rollback):
    from lms.evaluation.models import Survey, SurveyTemplate
    from lms.models import ClassLecturer

    from ..lms.personas import World

    world = World()
    world.lecturer.first_name, world.lecturer.last_name = "Nguyễn Thị", "Hoa"
    world.lecturer.save()
    survey = Survey.open_for(world.klass, SurveyTemplate.default())
    link = ClassLecturer.objects.get(training_class=world.klass, user=world.lecturer)
    return {
        "survey_url": f"/learn/evaluation/surveys/{survey.pk}/",
        "answer_url": f"/learn/evaluation/surveys/{survey.pk}/{link.pk}/",
        "questions": survey.questions.count(),
    }


def test_learner_answers_the_survey_on_a_phone(
    live_server, survey_content, phone_page, shoot, axe_check
):
    page = phone_page(bypass_csp=True)  # for the axe-core injection only
    log_in(page, live_server.url, "hocvien")
    page.wait_for_url(live_server.url + "/learn/")
    panel = page.locator("section.surveys")
    expect(panel).to_contain_text("Khảo sát giảng viên")
    shoot(page, "evaluation-01-dashboard")

    panel.locator("a").first.click()
    page.wait_for_url(live_server.url + survey_content["survey_url"])
    page.get_by_role("link", name="Cho ý kiến").click()
    page.wait_for_url(live_server.url + survey_content["answer_url"])
    expect(page.locator("h1")).to_contain_text("Nguyễn Thị Hoa")
    axe_check(page, "evaluation-form")

    # Send without scoring the last criterion: refused, with a message.
    groups = page.locator("fieldset")
    expect(groups).to_have_count(survey_content["questions"])
    for index in range(survey_content["questions"] - 1):
        groups.nth(index).get_by_label("4 – Tốt").check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("[role=alert]").first).to_contain_text("Chưa có gì được lưu")
    shoot(page, "evaluation-02-missing")

    groups = page.locator("fieldset")
    for index in range(survey_content["questions"]):
        groups.nth(index).get_by_label("5 – Rất tốt").check()
    page.locator("textarea").fill("Bài giảng gần gũi với thực tế ở xã.")
    shoot(page, "evaluation-03-filled")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(live_server.url + survey_content["survey_url"])
    expect(page.locator(".messages")).to_contain_text("Cảm ơn")
    expect(page.locator(".lecturers")).to_contain_text("Đã trả lời")
    shoot(page, "evaluation-04-thanks")

    page.goto(live_server.url + survey_content["answer_url"])
    expect(page.locator("[role=alert]")).to_contain_text("đã trả lời về giảng viên này")
    expect(page.locator("form.survey-form")).to_have_count(0)
    shoot(page, "evaluation-05-again")
    assert not [e for e in page.errors if "Content Security Policy" in e]
