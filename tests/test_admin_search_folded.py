"""The admin's searches ignore diacritics like the public search: pages, learners,
classes and questions are found by "dang", "nguyen van an", "chiem hoa"."""

import pytest
from django.urls import reverse

from quizzes.models import Question, QuestionCategory

from .lms.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


def found(client, url, query):
    return client.get(url, {"q": query}).content.decode()


def test_pages_are_found_without_diacritics(client, world, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:search")
    course = world.course.title
    with_marks = found(client, url, course)
    assert course in with_marks
    without_marks = found(client, url, "bai 1")
    assert world.lessons[0].title in without_marks


def test_learners_and_classes_are_found_without_diacritics(client, world):
    client.force_login(world.staff)
    learners = reverse("lms_learners:index")
    assert "Nguyễn Văn An" in found(client, learners, "nguyen van an")
    assert "Nguyễn Văn An" in found(client, learners, "NGUYỄN văn")
    assert "Nguyễn Văn An" not in found(client, learners, "le thi")
    assert "Lê Thị Bình" in found(client, learners, "le thi")
    classes = reverse("lms_classes:index")
    world.klass.venue = "Hội trường Chiêm Hoá"
    world.klass.save()
    listing = found(client, classes, "chiem hoa")
    assert str(world.klass.title) in listing
    assert str(world.other_class.title) not in listing


def test_questions_are_found_without_diacritics(client, course, admin_user):
    category = QuestionCategory.objects.create(course=course, name="Chương 1")
    for name in ("Đảng ra đời", "Hiến pháp"):
        Question.objects.create(category=category, kind="single", name=name, stem=f"<p>{name}</p>")
    client.force_login(admin_user)
    listing = found(client, reverse("quizzes_questions:index"), "dang ra doi")
    assert "Đảng ra đời" in listing and "Hiến pháp" not in listing
