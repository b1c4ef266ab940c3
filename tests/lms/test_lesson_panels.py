"""The end of a lesson is composed from the panels registered under lessons' LESSON_PANELS
hook, called from LessonPage.get_context: lms's progress box, then the discussion link."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from lessons.access import CourseAccess
from lessons.hooks import LESSON_PANELS
from lms.models import LessonProgress

from .personas import make_learner


def test_an_enrolled_learner_sees_the_progress_box_then_the_discussion_link(client, world):
    client.force_login(world.learner.user)
    lesson = world.lessons[0]
    html = client.get(lesson.url).content.decode()
    finish = reverse("lms:complete_lesson", args=[lesson.pk])
    discuss = reverse("lms:discussions:lesson_entry", args=[lesson.pk])
    assert f'action="{finish}"' in html
    assert discuss in html
    assert html.index(finish) < html.index(discuss)  # hook order: lms 0, discussions 100


def test_a_finished_lesson_says_so_instead_of_offering_the_button(client, world):
    lesson = world.lessons[0]
    client.force_login(world.learner.user)
    client.post(reverse("lms:complete_lesson", args=[lesson.pk]))
    html = client.get(lesson.url).content.decode()
    assert 'class="done" role="status"' in html
    assert f'action="{reverse("lms:complete_lesson", args=[lesson.pk])}"' not in html
    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None


def test_no_panels_for_someone_not_enrolled_nor_staff(client, world):
    world.course.access = CourseAccess.OPEN
    world.course.save()
    stranger = make_learner("nguoingoai", world.cell)
    client.force_login(stranger.user)
    response = client.get(world.lessons[0].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "done-box" not in html
    assert reverse("lms:discussions:lesson_entry", args=[world.lessons[0].pk]) not in html


def test_a_site_adds_its_own_panel_through_the_hook(client, world):
    def panel(request, page):
        return format_html("<p id='extra'>{}</p>", page.pk)

    client.force_login(world.learner.user)
    with hooks.register_temporarily(LESSON_PANELS, panel):
        html = client.get(world.lessons[1].url).content.decode()
    assert f"<p id='extra'>{world.lessons[1].pk}</p>" in html
