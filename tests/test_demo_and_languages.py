from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from lessons.models import CoursePage, LessonPage
from lms.models import Attendance, Enrolment, TrainingClass


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_content_loads_and_a_second_run_changes_nothing(client):
    first = seed()
    assert "hocvien" in first and "giangvien" in first and "admin" in first

    def snapshot():
        return [
            model.objects.count()
            for model in (Page, Revision, get_user_model(), TrainingClass, Enrolment, Attendance)
        ]

    before = snapshot()
    second = seed()
    assert snapshot() == before
    # Two classes of the awareness course: 60 demo learners and "hocvien"; and last
    # year's finished class of 12 of them, with certificates (portal/demo/certificates.py).
    # And Hàm Yên's class of 24 (portal/demo/province.py).
    assert TrainingClass.objects.count() == 4
    assert Enrolment.objects.count() == 61 + 12 + 24
    assert Attendance.objects.exists()
    assert "(unchanged)" in second

    # Its results sheet: each learner holding a certificate has a final grade and a
    # classification (the mean of the class's quiz grades, it had no essay).
    from lms.certificates.results import class_results

    finished = TrainingClass.objects.get(status=TrainingClass.Status.FINISHED)
    results = class_results(finished)
    assert len(results.completed) == 9 and len(results.quizzes) >= 1
    for row in results.completed:
        assert row.final is not None and row.classification, row.learner
        assert row.record.classification  # as written in the register
    assert {label for label, _ in results.tally()} >= {"Giỏi", "Khá", "Trung bình"}

    awareness = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
    assert LessonPage.objects.child_of(awareness).live().count() == 6
    assert CoursePage.objects.filter(program__slug="nghi-quyet-dai-hoi-xiii").exists()

    home = client.get("/")
    assert home.status_code == 200
    assert '<html lang="vi">' in home.content.decode()
    # The awareness course is for its classes; the resolution course is open to all.
    lesson = LessonPage.objects.child_of(awareness).first()
    assert client.get(awareness.url).status_code == 200
    assert client.get(lesson.url).status_code == 302
    resolution = CoursePage.objects.get(program__slug="nghi-quyet-dai-hoi-xiii")
    assert client.get(LessonPage.objects.child_of(resolution).first().url).status_code == 200


@pytest.mark.django_db
def test_demo_accounts_can_log_in_with_their_roles(client):
    seed()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    instructor = User.objects.get(username="giangvien")
    assert instructor.is_staff and not instructor.is_superuser
    assert instructor.has_perm("wagtailadmin.access_admin")
    learner = User.objects.get(username="hocvien")
    assert not learner.is_staff
    # The demo learner is enrolled and can read the awareness course.
    assert client.get("/learn/").status_code == 302  # not logged in yet
    client.force_login(learner)
    dashboard = client.get("/learn/")
    assert len(dashboard.context["classes"]) == 1
    awareness = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
    assert client.get(LessonPage.objects.child_of(awareness).first().url).status_code == 200
    client.logout()
    response = client.post("/admin/login/", {"username": "giangvien", "password": "vuntrong-demo"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_vietnamese_by_default_and_english_under_en(client, lessons):
    url = lessons[0].url
    vietnamese = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()
    assert '<html lang="vi">' in vietnamese
    assert '<html lang="en">' in english
    assert "Tìm kiếm" in vietnamese and "Bài 1 / 3" in vietnamese
    assert "Search" in english and "Lesson 1 of 3" in english
    # Each page links to itself in the other language.
    assert f'href="/en{url}"' in vietnamese
    assert f'href="{url}"' in english


@pytest.mark.django_db
def test_the_demo_province_two_centres_and_the_province_user(client):
    """Issue 14: two district centres with their own staff, lecturer, organisations and
    classes; the province user sees both, each centre's staff their own."""
    from django.urls import reverse

    from lms.models import Centre

    printed = seed()
    for username in ("canbo-hy", "giangvien-hy", "tinh"):
        assert username in printed
    assert Centre.objects.count() == 2
    ham_yen = Centre.objects.get(short_name="TTCT Hàm Yên")
    assert TrainingClass.objects.filter(centre=ham_yen).count() == 1
    User = get_user_model()

    def centres_seen(username):
        client.force_login(User.objects.get(username=username))
        table = client.get(reverse("lms_reports:centres")).context["table"]
        return [row[0] for row in table[:-1]]

    assert len(centres_seen("tinh")) == 2
    assert centres_seen("canbo-hy") == [ham_yen.name]
    assert centres_seen("canbo") == ["Trung tâm Chính trị huyện Chiêm Hoá"]
