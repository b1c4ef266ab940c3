import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
from portal.models import HomePage
from quizzes.models import QuizPage

from .factories import add_course, add_lesson


def test_lesson_shows_its_content_outline_and_neighbours(client, course, lessons):
    first, second, third = lessons
    response = client.get(second.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đảng Cộng sản Việt Nam</b> ra đời" in html
    assert "<cite>Hồ Chí Minh, Sửa đổi lối làm việc</cite>, 1947" in html
    assert "Bài 2 / 3" in html or "Lesson 2 of 3" in html
    # Previous and next lesson, and the current lesson marked in the outline.
    assert re.search(rf'rel="prev" href="{re.escape(first.url)}"', html)
    assert re.search(rf'rel="next" href="{re.escape(third.url)}"', html)
    assert '<span aria-current="page">Bài 2: Lịch sử Đảng</span>' in html


def test_first_and_last_lessons_have_one_neighbour(client, lessons):
    first_html = client.get(lessons[0].url).content.decode()
    last_html = client.get(lessons[-1].url).content.decode()
    assert 'rel="prev"' not in first_html and 'rel="next"' in first_html
    assert 'rel="next"' not in last_html and 'rel="prev"' in last_html


def test_course_page_lists_lessons_in_tree_order(client, course, lessons):
    lessons[2].move(lessons[0], pos="left")  # editors reorder by dragging
    html = client.get(course.url).content.decode()
    assert html.index("Bài 3:") < html.index("Bài 1:") < html.index("Bài 2:")
    assert "40" in html and course.program.name in html


def test_catalogue_lists_courses_and_filters_by_program(client, catalogue, course):
    resolution = add_course(catalogue, title="Nghị quyết Đại hội XIII", slug="nq13", lessons=1)
    resolution.program = ProgramType.objects.get(slug="nghi-quyet-dai-hoi-xiii")
    resolution.save_revision().publish()
    html = client.get(catalogue.url).content.decode()
    assert html.count('class="card"') == 2
    filtered = client.get(catalogue.url, {"program": "nghi-quyet-dai-hoi-xiii"}).content.decode()
    assert filtered.count('class="card"') == 1
    assert "Nghị quyết Đại hội XIII" in filtered
    assert course.url not in filtered


def test_unpublished_lesson_is_not_found_and_not_in_outline(client, course):
    draft = add_lesson(course, title="Bài nháp", slug="bai-nhap", live=False)
    assert client.get(f"{course.url}bai-nhap/").status_code == 404
    assert "Bài nháp" not in client.get(course.url).content.decode()
    draft.refresh_from_db()
    assert draft.live is False


def test_private_lesson_is_not_found_for_a_learner_outside_the_group(client, learner, lessons):
    lesson = lessons[0]
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Lớp 3/2023"))
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 404
    client.logout()
    anonymous = client.get(lesson.url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_admin_offers_page_types_only_where_they_fit(home, catalogue, course):
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    # A course holds its lessons and its quizzes.
    assert CoursePage.allowed_subpage_models() == [LessonPage, QuizPage]
    assert QuizPage.can_create_at(course)
    assert not QuizPage.can_create_at(catalogue)
    assert LessonPage.allowed_subpage_models() == []
    assert HomePage.allowed_subpage_models() == [CourseIndexPage]
    assert LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True])
def test_lesson_page_query_count_does_not_grow_with_the_course(
    client, catalogue, learner, signed_in
):
    small = list(add_course(catalogue, slug="small", lessons=3).lessons())[1]
    large = list(add_course(catalogue, slug="large", lessons=30).lessons())[1]
    if signed_in:
        client.force_login(learner)
        client.get("/")  # the session's first request writes it; measure the ones after
    cold, warm = [], []
    for lesson in (small, large):
        for each in caches.all():
            each.clear()  # a cold cache: the page is found and rendered afresh
        cold.append(queries_for(client, lesson.url))
        warm.append(queries_for(client, lesson.url))
    assert cold[0] == cold[1]
    assert warm[0] == warm[1]
    if signed_in:
        # Found again from the route cache, fragments cached: the session and the user.
        assert warm[0] == 2
    else:
        # Wagtail's site look-up and routing, the privacy check, the course, the outline
        # (its lessons and quizzes in one query: lessons.models.course_contents).
        assert cold[0] == 9


def test_anonymous_lesson_page_is_replayed_from_cache_without_queries(client, lessons):
    first = client.get(lessons[0].url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = client.get(lessons[0].url)
    assert again["X-Page-Cache"] == "hit"
    assert len(captured) == 0
    assert again.content == first.content
    assert "Content-Security-Policy" in again


def test_publishing_retires_cached_pages(client, course, lessons):
    client.get(course.url)
    client.get(lessons[0].url)
    add_lesson(course, title="Bài mới xuất bản", slug="bai-moi")
    assert "Bài mới xuất bản" in client.get(course.url).content.decode()
    assert "Bài mới xuất bản" in client.get(lessons[0].url).content.decode()
    lessons[0].unpublish()
    assert client.get(lessons[0].url).status_code == 404
    revision = lessons[1].save_revision()
    lessons[1].title = "Tiêu đề đã sửa"
    lessons[1].save_revision().publish()
    assert revision.pk and "Tiêu đề đã sửa" in client.get(lessons[1].url).content.decode()
    lessons[2].delete()
    assert client.get(lessons[2].url).status_code == 404


def test_signed_in_learner_is_never_served_the_anonymous_copy(client, learner, lessons):
    client.get(lessons[0].url)  # cached for anonymous visitors
    client.force_login(learner)
    response = client.get(lessons[0].url)
    assert "X-Page-Cache" not in response
    assert 'action="/accounts/logout/"' in response.content.decode()


def test_lesson_page_weighs_under_60_kb_with_css_and_js(client, lessons):
    from django.contrib.staticfiles import finders

    html = client.get(lessons[0].url).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the page links its stylesheet and script"
    total = len(html) + sum(Path(finders.find(a.decode())).stat().st_size for a in assets)
    assert total < 60 * 1024, total


def test_preview_shows_unsaved_changes_not_the_cached_body(client, admin_user, lessons):
    lesson = lessons[0]
    client.get(lesson.url)  # cache the published body
    client.force_login(admin_user)
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": "",
            "estimated_minutes": 20,
            "body": streamfield([("paragraph", rich_text("<p>Nội dung đang soạn thảo</p>"))]),
        }
    )
    url = f"/admin/pages/{lesson.pk}/edit/preview/"
    assert client.post(url, data).json()["is_valid"] is True
    preview = client.get(url).content.decode()
    assert "Nội dung đang soạn thảo" in preview
    client.logout()
    assert "Nội dung đang soạn thảo" not in client.get(lesson.url).content.decode()
