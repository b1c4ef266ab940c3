"""Learners answer the survey: once per lecturer of their class, while it is open, with
every score from 1 to 5; and the answer cannot be tied back to them."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.evaluation import surveys
from lms.evaluation.models import (
    Survey,
    SurveyAnswerScore,
    SurveyReceipt,
    SurveyResponse,
)
from lms.models import ClassLecturer, TrainingClass

from ..lms.personas import make_user
from .conftest import yesterday

pytestmark = pytest.mark.django_db


def answer_url(world, link=None, survey=None):
    survey = survey or world.survey
    return f"/learn/evaluation/surveys/{survey.pk}/{(link or world.link).pk}/"


def survey_url(world):
    return f"/learn/evaluation/surveys/{world.survey.pk}/"


def post_data(world, values=None, comment="Giảng viên nhiệt tình."):
    values = values if values is not None else [4] * len(world.questions)
    data = {f"q{q.pk}": v for q, v in zip(world.questions, values, strict=True) if v is not None}
    data["comment"] = comment
    return data


def stored():
    return (
        SurveyReceipt.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswerScore.objects.count(),
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Answering -----------------------------------------------------------------------------


def test_default_template_is_seeded_in_vietnamese(world):
    labels = [q.label for q in world.questions]
    assert labels[:4] == [
        "Nội dung bài giảng",
        "Phương pháp giảng dạy",
        "Liên hệ thực tiễn",
        "Sử dụng thời gian",
    ]
    assert world.template.is_default


def test_learner_answers_and_sees_thanks(client, world):
    client.force_login(world.learner.user)
    page = client.get(answer_url(world))
    assert page.status_code == 200
    assert "Nội dung bài giảng" in text(page)
    response = client.post(answer_url(world), post_data(world), follow=True)
    assert response.redirect_chain[-1][0] == survey_url(world)
    assert "Cảm ơn" in text(response)
    assert "Đã trả lời" in text(response)
    assert stored() == (1, 1, len(world.questions))
    assert SurveyResponse.objects.get().comment == "Giảng viên nhiệt tình."


def test_answering_twice_is_refused_and_stores_nothing(client, world):
    client.force_login(world.learner.user)
    client.post(answer_url(world), post_data(world))
    before = stored()
    again = client.post(answer_url(world), post_data(world, [1] * len(world.questions)))
    assert again.status_code == 400
    assert "đã trả lời về giảng viên này" in text(again)
    assert stored() == before
    # and the domain function refuses too, whatever the view does
    with pytest.raises(surveys.SurveyRefused):
        world.answer(world.enrolment, world.link, 3)
    assert stored() == before


def test_lecturer_of_another_class_is_refused(client, world):
    client.force_login(world.learner.user)
    response = client.post(answer_url(world, world.other_link), post_data(world))
    assert response.status_code == 400
    assert "không dạy lớp" in text(response)
    assert stored() == (0, 0, 0)
    with pytest.raises(surveys.SurveyRefused, match="did not teach|không dạy"):
        world.answer(world.enrolment, world.other_link, 3)
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize("how", ["closed", "past closing day"])
def test_closed_survey_is_refused(client, world, how):
    if how == "closed":
        world.close()
    else:
        world.survey.closes_on = yesterday()
        world.survey.save()
    client.force_login(world.learner.user)
    response = client.post(answer_url(world), post_data(world))
    assert response.status_code == 400
    assert "đã đóng" in text(response)
    assert stored() == (0, 0, 0)
    page = client.get(survey_url(world))
    assert "Cho ý kiến" not in text(page)  # no link to the form


@pytest.mark.parametrize(
    "values",
    [
        [4, 4, 4, 4, 6],
        [4, 4, 4, 4, 0],
        [4, 4, 4, 4, "năm"],
        [4, 4, None, 4, 4],
    ],
    ids=["above 5", "below 1", "not a number", "missing"],
)
def test_bad_scores_are_refused_with_a_message(client, world, values):
    client.force_login(world.learner.user)
    response = client.post(answer_url(world), post_data(world, values))
    assert response.status_code == 400
    assert "Chọn điểm từ 1 đến 5" in text(response)
    assert "Chưa có gì được lưu" in text(response)
    assert stored() == (0, 0, 0)


def test_domain_refuses_bad_scores(world):
    for values in ([9] * 5, [None] * 5):
        with pytest.raises(surveys.SurveyRefused):
            world.answer(world.enrolment, world.link, values)
    assert stored() == (0, 0, 0)


def test_learner_of_another_class_cannot_open_or_answer(client, world):
    client.force_login(world.other_learner.user)
    assert client.get(survey_url(world)).status_code == 404
    assert client.post(answer_url(world), post_data(world)).status_code == 404
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize("persona", ["lecturer", "staff"])
def test_non_learners_cannot_answer(client, world, persona):
    client.force_login(world.personas[persona])
    assert client.post(answer_url(world), post_data(world)).status_code == 404
    assert stored() == (0, 0, 0)


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(survey_url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Anonymity -------------------------------------------------------------------------------


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in description}


def test_no_table_links_a_response_to_a_learner(world):
    enrolments = [world.enrolment, *world.learners(9)]
    for number, enrolment in enumerate(enrolments):
        world.answer(enrolment, world.link, [1 + number % 5] * 5, comment=f"ý kiến {number}")

    # The answer tables hold no learner, no enrolment, no time: only what was answered.
    assert columns(SurveyResponse) == {"id", "survey_id", "lecturer_id", "comment"}
    assert columns(SurveyAnswerScore) == {"id", "response_id", "question_id", "value"}
    # The receipt holds who answered, and nothing about what.
    assert columns(SurveyReceipt) == {"id", "enrolment_id", "lecturer_id"}

    # Random keys: neither the ids nor their order follow the order of answering, so the
    # n-th receipt cannot be matched to the n-th response.
    receipts = list(SurveyReceipt.objects.values_list("pk", "enrolment_id"))
    responses = list(SurveyResponse.objects.values_list("pk", "comment"))
    for pk, _x in receipts + responses:
        assert isinstance(pk, uuid.UUID) and pk.version == 4
    assert {pk for pk, _x in receipts}.isdisjoint(pk for pk, _x in responses)
    answering_order = [f"ý kiến {n}" for n in range(10)]
    by_key = [comment for _pk, comment in sorted(responses)]
    receipt_order = [e for _pk, e in sorted(receipts)]
    assert by_key != answering_order or receipt_order != [e.pk for e in enrolments]
    assert sorted(by_key) == sorted(answering_order)


def test_one_transaction_receipt_and_response(world, monkeypatch):
    """If the scores cannot be written, the receipt goes too: the learner may try again."""

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SurveyAnswerScore.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        world.answer(world.enrolment, world.link, 4)
    assert stored() == (0, 0, 0)


# --- Opening -----------------------------------------------------------------------------


def test_survey_opens_by_itself_when_the_class_finishes(world):
    assert not Survey.objects.filter(training_class=world.other_class).exists()
    world.other_class.status = TrainingClass.Status.FINISHED
    world.other_class.save()
    survey = Survey.objects.get(training_class=world.other_class)
    assert survey.is_accepting()
    assert survey.closes_on is not None
    assert [q.label for q in survey.questions.all()] == [q.label for q in world.questions]
    world.other_class.save()  # saving again changes nothing
    assert Survey.objects.filter(training_class=world.other_class).count() == 1


def test_editing_the_template_later_keeps_what_was_asked(world):
    criterion = world.template.criteria.first()
    criterion.label = "Tiêu chí mới"
    criterion.save()
    assert [q.label for q in world.survey.questions.all()][0] == "Nội dung bài giảng"


# --- The learner's pages -----------------------------------------------------------------


def test_dashboard_shows_the_open_survey(client, world):
    client.force_login(world.learner.user)
    page = text(client.get("/learn/"))
    assert "Phiếu khảo sát giảng viên" in page or "Khảo sát giảng viên" in page
    assert survey_url(world) in page
    world.close()
    assert survey_url(world) not in text(client.get("/learn/"))


def test_survey_page_queries_do_not_grow_with_lecturers(client, world):
    client.force_login(world.learner.user)
    client.get(survey_url(world))
    with CaptureQueriesContext(connection) as one:
        response = client.get(survey_url(world))
    assert len(response.context["lecturers"]) == 1
    for number in range(4):
        user = make_user(f"gvthem{number}", first_name="Giảng viên", last_name=str(number))
        link = ClassLecturer.objects.create(
            training_class=world.klass, user=user, kind=ClassLecturer.Kind.PART_TIME
        )
        if number % 2:
            world.answer(world.enrolment, link, 5)
    with CaptureQueriesContext(connection) as five:
        response = client.get(survey_url(world))
    assert len(response.context["lecturers"]) == 5
    assert sum(link.answered for link in response.context["lecturers"]) == 2
    assert len(one) == len(five), [q["sql"] for q in five.captured_queries]


def test_answer_page_queries_are_constant(client, world):
    client.force_login(world.learner.user)
    client.get(answer_url(world))
    with CaptureQueriesContext(connection) as before:
        client.get(answer_url(world))
    for number in range(4):
        make_user(f"gvthem{number}")
    with CaptureQueriesContext(connection) as after:
        client.get(answer_url(world))
    assert len(before) == len(after)
