"""Survey results: hidden below five responses and while the survey is open; averages
per lecturer, class, year and kind of lecturer against figures worked out by hand; who
may see them, in the admin and its spreadsheet export."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from lms.evaluation import results
from lms.evaluation.models import Survey
from lms.models import ClassLecturer

from ..lms.personas import make_class, make_user

pytestmark = pytest.mark.django_db

# The World's lecturer, full-time, in its 2026 class: five learners' scores on the five
# criteria of the default template.
LECTURER_2026 = [
    [5, 5, 5, 5, 5],
    [4, 4, 4, 4, 4],
    [3, 4, 5, 4, 3],
    [5, 4, 3, 2, 1],
    [4, 4, 4, 4, 4],
]
# Per criterion: (5+4+3+5+4)/5, (5+4+4+4+4)/5, (5+4+5+3+4)/5, (5+4+4+2+4)/5, (5+4+3+1+4)/5
LECTURER_2026_CRITERIA = [4.2, 4.2, 4.2, 3.8, 3.4]
LECTURER_2026_AVERAGE = 99 / 25  # 3.96


def fill(world, link, rows, training_class=None, survey=None, prefix="hv"):
    enrolments = world.learners(len(rows), training_class, prefix=prefix)
    for enrolment, values in zip(enrolments, rows, strict=True):
        world.answer(enrolment, link, values, comment=f"ý kiến {values[0]}", survey=survey)


@pytest.fixture
def data(world):
    """World's lecturer: 5 answers in the 2026 class, 6 answers (all 3) in a 2025 class.
    A part-time lecturer of the 2026 class: 4 answers (too few, hidden).
    The other lecturer, part-time, in the other 2026 class: 5 answers, all 2."""
    fill(world, world.link, LECTURER_2026)
    part_timer = make_user("giangvien3", first_name="Hà", last_name="Văn Kiêm")
    part_link = ClassLecturer.objects.create(
        training_class=world.klass, user=part_timer, kind=ClassLecturer.Kind.PART_TIME
    )
    fill(world, part_link, [[1] * 5] * 4, prefix="pt")
    world.close()

    world.other_link.kind = ClassLecturer.Kind.PART_TIME
    world.other_link.save()
    other_survey = Survey.open_for(world.other_class, world.template)
    fill(world, world.other_link, [[2] * 5] * 5, world.other_class, other_survey, prefix="ot")
    world.close(other_survey)

    old_class = make_class(world.centre, world.course, year=2025)
    old_link = ClassLecturer.objects.create(training_class=old_class, user=world.lecturer)
    old_survey = Survey.open_for(old_class, world.template)
    fill(world, old_link, [[3] * 5] * 6, old_class, old_survey, prefix="old")
    world.close(old_survey)
    world.part_timer = part_timer
    world.old_class = old_class
    return world


def by(grouping, key, **kwargs):
    rows, labels = results.rows(grouping, **kwargs)
    return {row[key]: row for row in rows}, labels


def test_four_responses_hidden_five_shown(world):
    fill(world, world.link, [[4] * 5] * 4)
    world.close()
    assert results.rows("lecturer_class")[0] == []
    assert results.comments(world.survey, world.link) == []
    world.survey.status = Survey.Status.OPEN
    world.survey.save()
    fill(world, world.link, [[2] * 5], prefix="fifth")
    rows, _labels = results.rows("lecturer_class")
    assert rows == []  # five, but the survey still takes answers
    world.close()
    rows, _labels = results.rows("lecturer_class")
    assert [(row["lecturer__user"], row["responses"]) for row in rows] == [(world.lecturer.pk, 5)]
    assert rows[0]["average"] == pytest.approx((4 * 4 + 2) / 5)
    assert len(results.comments(world.survey, world.link)) == 5


def test_survey_past_its_closing_day_shows_results(world):
    fill(world, world.link, [[4] * 5] * 5)
    assert results.rows("lecturer")[0] == []
    world.survey.closes_on = date(2000, 1, 1)
    world.survey.save()
    assert results.rows("lecturer")[0][0]["responses"] == 5


def test_per_lecturer_and_class_by_hand(data):
    rows, labels = by("lecturer_class", "survey__training_class")
    assert labels[:4] == [
        "Nội dung bài giảng",
        "Phương pháp giảng dạy",
        "Liên hệ thực tiễn",
        "Sử dụng thời gian",
    ]
    # the part-time lecturer's four answers are nowhere
    assert data.part_timer.pk not in {row["lecturer__user"] for row in rows.values()}
    mine = rows[data.klass.pk]
    assert mine["responses"] == 5
    assert mine["average"] == pytest.approx(LECTURER_2026_AVERAGE)
    assert [mine[f"c{i}"] for i in range(5)] == pytest.approx(LECTURER_2026_CRITERIA)
    assert rows[data.other_class.pk]["average"] == pytest.approx(2)
    assert rows[data.old_class.pk]["responses"] == 6


def test_per_lecturer_across_classes_and_years(data):
    rows, _labels = by("lecturer", "lecturer__user")
    assert set(rows) == {data.lecturer.pk, data.other_lecturer.pk}
    mine = rows[data.lecturer.pk]
    assert mine["responses"] == 11
    assert mine["average"] == pytest.approx((99 + 6 * 5 * 3) / 55)  # 3.436…
    assert mine["c3"] == pytest.approx((5 + 4 + 4 + 2 + 4 + 6 * 3) / 11)
    assert rows[data.other_lecturer.pk]["responses"] == 5


def test_per_class_and_year(data):
    classes, _labels = by("class", "survey__training_class")
    assert classes[data.klass.pk]["responses"] == 5  # the hidden part-timer is not counted
    assert classes[data.klass.pk]["average"] == pytest.approx(LECTURER_2026_AVERAGE)
    years, _labels = by("year", "survey__training_class__year")
    assert years[2026]["responses"] == 10
    assert years[2026]["average"] == pytest.approx((99 + 50) / 50)
    assert years[2025]["responses"] == 6
    assert years[2025]["average"] == pytest.approx(3)
    only_2025, _labels = by("lecturer", "lecturer__user", year=2025)
    assert set(only_2025) == {data.lecturer.pk}


def test_full_time_versus_part_time(data):
    kinds, _labels = by("kind", "lecturer__kind")
    full = kinds[ClassLecturer.Kind.FULL_TIME]
    part = kinds[ClassLecturer.Kind.PART_TIME]
    assert (full["responses"], part["responses"]) == (11, 5)
    assert full["average"] == pytest.approx(189 / 55)
    assert part["average"] == pytest.approx(2)


def test_a_lecturer_gets_only_their_own(data):
    rows, _labels = results.rows("lecturer_class", lecturer_user=data.other_lecturer)
    assert [row["lecturer__user"] for row in rows] == [data.other_lecturer.pk]
    rows, _labels = results.rows("lecturer", lecturer_user=data.part_timer)
    assert rows == []


# --- The admin report -----------------------------------------------------------------------

RESULTS_URL = "/admin/evaluation/results/"


def names_in(response):
    return {row["lecturer__user"] for row in response.context["object_list"]}


def test_staff_see_everyone(client, data):
    client.force_login(data.staff)
    response = client.get(RESULTS_URL, {"by": "lecturer"})
    assert response.status_code == 200
    assert names_in(response) == {data.lecturer.pk, data.other_lecturer.pk}
    assert "Kết quả khảo sát" in response.content.decode()


@pytest.mark.parametrize("persona", ["lecturer", "other lecturer"])
def test_lecturers_see_their_own(client, data, persona):
    user = data.personas[persona]
    client.force_login(user)
    response = client.get(RESULTS_URL, {"by": "lecturer_class"})
    assert response.status_code == 200
    assert names_in(response) == {user.pk}


def test_part_timer_below_threshold_sees_nothing(client, data):
    from django.contrib.auth.models import Group

    from lms.roles import LECTURERS

    data.part_timer.groups.add(Group.objects.get(name=LECTURERS))
    data.part_timer.is_staff = True
    data.part_timer.save()
    client.force_login(data.part_timer)
    response = client.get(RESULTS_URL)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("persona", ["learner", "other learner"])
def test_learners_have_no_results(client, data, persona):
    client.force_login(data.personas[persona])
    response = client.get(RESULTS_URL)
    assert response.status_code in (302, 403)
    assert b"Nguy" not in response.content


def test_staff_without_the_permission_see_nothing(client, data):
    clerk = make_user("vanthu", is_staff=True)
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(clerk)
    refused = client.get(RESULTS_URL)  # Wagtail turns the refusal into a redirect home
    assert refused.status_code in (302, 403) and "object_list" not in (refused.context or {})
    home = client.get("/admin/").content.decode()
    assert RESULTS_URL not in home
    assert "/admin/evaluation/surveys/" not in home
    assert client.get("/admin/evaluation/surveys/").status_code in (302, 403)


def test_nonsense_year_gives_an_empty_report_with_a_message(client, data):
    client.force_login(data.staff)
    response = client.get(RESULTS_URL, {"year": "hai nghìn", "by": "nonsense"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert "không phải là một năm" in response.content.decode()


def test_export_as_spreadsheet(client, data):
    client.force_login(data.staff)
    response = client.get(RESULTS_URL, {"by": "kind", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[:3] == ["Chuyên trách hay kiêm chức", "Số phiếu", "Điểm trung bình (1–5)"]
    assert header[3] == "Nội dung bài giảng"
    assert sorted((row[1], row[2]) for row in rows) == [(5, 2), (11, round(189 / 55, 2))]
    csv = client.get(RESULTS_URL, {"by": "year", "export": "csv"})
    assert "2025" in b"".join(csv.streaming_content).decode()


def test_staff_open_a_survey_in_the_admin(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("lms_evaluation_surveys:add"),
        {
            "training_class": world.other_class.pk,
            "template": world.template.pk,
            "status": "open",
            "closes_on": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    survey = Survey.objects.get(training_class=world.other_class)
    assert survey.questions.count() == world.template.criteria.count()
    listing = client.get(reverse("lms_evaluation_surveys:index"))
    assert world.other_class.title in listing.content.decode()


@pytest.mark.parametrize("persona", ["lecturer", "learner"])
def test_only_staff_manage_surveys(client, world, persona):
    client.force_login(world.personas[persona])
    response = client.get(reverse("lms_evaluation_surveys:add"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("lms_evaluation_templates:index")).status_code in (302, 403)


def comments_url(survey, link):
    return reverse("lms_evaluation_comments", args=[survey.pk, link.pk])


def test_comments_for_the_lecturer_and_staff_only(client, data):
    address = comments_url(data.survey, data.link)
    client.force_login(data.lecturer)
    own = client.get(address)
    assert own.status_code == 200
    assert len(own.context["comments"]) == 5
    assert "ý kiến 5" in own.content.decode()
    client.force_login(data.staff)
    assert len(client.get(address).context["comments"]) == 5
    client.force_login(data.other_lecturer)
    refused = client.get(address)
    assert refused.status_code in (302, 403) and "comments" not in (refused.context or {})
    client.force_login(data.learner.user)
    assert "ý kiến 5" not in client.get(address).content.decode()


def test_comments_hidden_below_the_threshold(client, data):
    part_link = ClassLecturer.objects.get(training_class=data.klass, user=data.part_timer)
    client.force_login(data.staff)
    response = client.get(comments_url(data.survey, part_link))
    assert response.status_code == 200
    assert response.context["comments"] == []
    assert "ý kiến 1" not in response.content.decode()


def test_results_rows_link_to_the_comments(client, data):
    client.force_login(data.lecturer)
    page = client.get(RESULTS_URL, {"by": "lecturer_class"}).content.decode()
    assert comments_url(data.survey, data.link) in page


def test_staff_write_a_template_in_the_admin(client, world):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from lms.evaluation.models import SurveyTemplate

    client.force_login(world.staff)
    assert client.get(reverse("lms_evaluation_templates:add")).status_code == 200
    data = nested_form_data(
        {
            "name": "Phiếu khảo sát chuyên đề",
            "intro": "",
            "comments_prompt": "Góp ý khác",
            "criteria": inline_formset(
                [
                    {"label": "Tính thời sự", "help_text": "", "ORDER": "0"},
                    {"label": "Tài liệu", "help_text": "", "ORDER": "1"},
                ]
            ),
        }
    )
    response = client.post(reverse("lms_evaluation_templates:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    template = SurveyTemplate.objects.get(name="Phiếu khảo sát chuyên đề")
    assert [c.label for c in template.criteria.all()] == ["Tính thời sự", "Tài liệu"]
    edit = client.get(reverse("lms_evaluation_templates:edit", args=[world.template.pk]))
    assert "Nội dung bài giảng" in edit.content.decode()


def test_results_per_centre_and_only_the_users_centres(client, data):
    """Issue 14: results grouped by centre; a centre's staff see their centre's surveys
    only, the province every centre's."""
    from wagtail.models import Page, Site

    from lms.models import Centre, CentreMembership
    from lms.roles import PROVINCE

    centres, _labels = by("centre", "survey__training_class__centre")
    assert centres[data.centre.pk]["responses"] == 16
    root = Page.get_first_root_node().get_children().first()
    other = Centre.objects.create(
        site=Site.objects.create(hostname="hamyen.example", root_page=root),
        name="Trung tâm Chính trị huyện Hàm Yên",
        issuing_authority="Huyện uỷ Hàm Yên",
    )
    rows, _labels = results.rows("lecturer", centres=frozenset([other.pk]))
    assert rows == []
    CentreMembership.objects.create(user=data.staff, centre=other)
    client.force_login(data.staff)
    assert names_in(client.get(RESULTS_URL, {"by": "lecturer"})) == set()
    board = make_user("bantuyengiao", PROVINCE, is_staff=True)
    client.force_login(board)
    response = client.get(RESULTS_URL, {"by": "centre"})
    names = [row["survey__training_class__centre__name"] for row in response.context["object_list"]]
    assert names == [data.centre.name]
