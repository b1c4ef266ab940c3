"""Instructors author lessons in the Wagtail admin."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from lessons.models import LessonPage


def lesson_form(body, **fields):
    data = {
        "title": "Bài mới",
        "slug": "bai-moi",
        "summary": "Tóm tắt",
        "estimated_minutes": 15,
        "body": streamfield(body),
        **fields,
    }
    return nested_form_data(data)


@pytest.fixture
def editor(client, admin_user):
    # Block messages are asserted in English; the Vietnamese admin is tested below.
    UserProfile.get_for_user(admin_user)
    UserProfile.objects.filter(user=admin_user).update(preferred_language="en")
    client.force_login(admin_user)
    return client


def add_url(course):
    return f"/admin/pages/add/lessons/lessonpage/{course.pk}/"


def test_instructor_publishes_a_lesson_with_every_block(editor, course):
    body = [
        ("heading", {"text": "Mở đầu", "level": "h2"}),
        ("paragraph", rich_text("<p>Nội dung bài học.</p>")),
        (
            "quotation",
            {"text": "Trích dẫn", "document": "Điều lệ Đảng", "citation": "Điều 1"},
        ),
        ("key_points", {"title": "", "points": streamfield([("item", "Ý một")])}),
        ("reflection", {"question": "Câu hỏi?", "hint": ""}),
        ("callout", {"kind": "info", "title": "", "text": rich_text("<p>Lưu ý</p>")}),
        (
            "video",
            {"url": "https://youtu.be/abc123", "title": "Phim", "duration": "", "transcript": ""},
        ),
    ]
    response = editor.post(add_url(course), {**lesson_form(body), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug="bai-moi")
    assert lesson.live
    assert [block.block_type for block in lesson.body] == [
        "heading",
        "paragraph",
        "quotation",
        "key_points",
        "reflection",
        "callout",
        "video",
    ]
    html = editor.get(lesson.url).content.decode()
    assert "https://www.youtube-nocookie.com/embed/abc123" in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            [("quotation", {"text": "Trích dẫn", "document": "", "citation": ""})],
            "Trường này là bắt buộc",
        ),
        (
            [
                (
                    "video",
                    {"url": "javascript:alert(1)", "title": "x", "duration": "", "transcript": ""},
                )
            ],
            "URL",
        ),
        (
            [
                (
                    "video",
                    {
                        "url": "https://example.com/v.mp4",
                        "title": "x",
                        "duration": "",
                        "transcript": "",
                    },
                )
            ],
            "YouTube hoặc Vimeo",
        ),
        (
            [
                (
                    "video",
                    {
                        "url": "http://www.youtube.com/watch?v=abc",
                        "title": "x",
                        "duration": "",
                        "transcript": "",
                    },
                )
            ],
            "https://",
        ),
        ([], "1"),
    ],
)
def test_invalid_lesson_content_is_refused_with_a_clear_message(editor, course, body, message):
    response = editor.post(add_url(course), {**lesson_form(body), "action-publish": "publish"})
    assert response.status_code == 200
    # The editor sees the page-level notice, and the message on the block itself.
    errors = response.context["form"].errors["body"].as_data()[0]
    with translation.override("vi"):
        assert message in str(errors.as_json_data())
    assert not LessonPage.objects.filter(slug="bai-moi").exists()


def test_editing_keeps_revisions(editor, lessons):
    lesson = lessons[0]
    before = lesson.revisions.count()
    body = [("paragraph", rich_text("<p>Bản sửa lần hai</p>"))]
    form = lesson_form(body, title=lesson.title, slug=lesson.slug)
    response = editor.post(f"/admin/pages/{lesson.pk}/edit/", form)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.revisions.count() == before + 1
    assert lesson.has_unpublished_changes
    # The draft is not shown to learners until it is published.
    editor.logout()
    assert "Bản sửa lần hai" not in editor.get(lesson.url).content.decode()


def test_scheduled_publishing(client, course):
    from .factories import add_lesson

    lesson = add_lesson(course, title="Bài hẹn giờ", slug="hen-gio", live=False)
    lesson.go_live_at = timezone.now() + timedelta(seconds=1)
    lesson.save_revision().publish()  # a future go-live date schedules instead
    lesson.refresh_from_db()
    assert not lesson.live
    assert client.get(f"{course.url}hen-gio/").status_code == 404
    time.sleep(1.2)
    call_command("publish_scheduled")
    lesson.refresh_from_db()
    assert lesson.live
    assert client.get(f"{course.url}hen-gio/").status_code == 200


def test_admin_home_and_explorer_open_in_vietnamese(editor, admin_user, home):
    UserProfile.objects.filter(user=admin_user).update(preferred_language="vi")
    response = editor.get(f"/admin/pages/{home.pk}/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert Page.objects.count() >= 2


def test_publishing_a_new_required_lesson_warns_of_the_running_classes(editor, db):
    from wagtail.test.utils.form_data import rich_text as text

    from tests.lms.personas import World

    world = World()
    body = [("paragraph", text("<p>Nội dung.</p>"))]
    response = editor.post(
        add_url(world.course),
        {**lesson_form(body, required="on"), "action-publish": "publish"},
        follow=True,
    )
    html = response.content.decode()
    assert LessonPage.objects.get(slug="bai-moi").live
    assert world.klass.title in html and "running class" in html
    optional = editor.post(
        add_url(world.course),
        {**lesson_form(body, slug="bai-tu-chon"), "action-publish": "publish"},
        follow=True,
    )
    assert "running class" not in optional.content.decode()
