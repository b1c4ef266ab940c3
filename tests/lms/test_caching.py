"""The one caching mechanism (lessons/caching.py): every permission decision kept across
requests is retired by the change that makes it wrong."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from lessons.access import CourseAccess
from lessons.caching import PAGES, Namespace, remember
from lms.access import ACCESS, access_changed
from lms.models import Enrolment

from .personas import make_learner


def read(client, page) -> int:
    return client.get(page.url).status_code


def test_a_withdrawn_learner_loses_the_course_at_once(client, world):
    lesson = world.lessons[0]
    client.force_login(world.learner.user)
    assert read(client, lesson) == 200
    assert read(client, lesson) == 200  # the enrolment now comes from the cache
    world.enrolment.status = Enrolment.Status.WITHDRAWN
    world.enrolment.save()
    assert read(client, lesson) == 404
    world.enrolment.status = Enrolment.Status.ACTIVE
    world.enrolment.save()
    assert read(client, lesson) == 200


def test_a_bulk_change_retires_the_remembered_enrolments_through_access_changed(client, world):
    lesson = world.lessons[0]
    newcomer = make_learner("hocvienmoi", world.cell)
    client.force_login(newcomer.user)
    assert read(client, lesson) == 404  # "not enrolled" is remembered
    Enrolment.objects.bulk_create([Enrolment(training_class=world.klass, learner=newcomer)])
    access_changed()  # bulk_create sends no signal (the import calls it the same way)
    assert read(client, lesson) == 200


def test_a_class_closed_or_a_lecturer_removed_retires_the_answers(client, world):
    lesson = world.lessons[0]
    client.force_login(world.learner.user)
    assert read(client, lesson) == 200
    world.klass.status = world.klass.Status.CANCELLED
    world.klass.save()
    assert read(client, lesson) == 404


def test_view_restrictions_kept_in_a_cached_page_follow_a_change_of_privacy(client, world):
    """A page found once is served from the route cache with the view restrictions it
    memoised; adding or removing a restriction must reach it at once."""
    lesson = world.lessons[0]
    client.force_login(world.learner.user)
    assert read(client, lesson) == 200
    with CaptureQueriesContext(connection) as warm:
        assert read(client, lesson) == 200
    assert len(warm) <= 2  # served from the route cache: the session and the user only
    restriction = PageViewRestriction.objects.create(
        page=world.course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Lớp khác"))
    assert read(client, lesson) == 404
    restriction.delete()
    assert read(client, lesson) == 200


def test_a_namespace_retires_all_its_entries_at_once_and_never_revives_them():
    space = Namespace("test:space", timeout=60, invalidated_by=list)
    space.set("kept", "a", 1)
    assert space.get("a", 1) == "kept"
    space.bump()
    assert space.get("a", 1) is None
    space.set("new", "a", 1)
    cache.delete(space.version_key)  # the version lost (evicted, Redis restarted)
    assert space.get("a", 1) is None


def test_the_namespaces_are_apart():
    PAGES.set("page", "x")
    ACCESS.set("access", "x")
    ACCESS.bump()
    assert PAGES.get("x") == "page"
    assert ACCESS.get("x") is None


def test_remember_computes_once_per_holder():
    class Holder:
        pass

    calls = []
    first, second = Holder(), Holder()
    for holder in (first, first, second):
        remember(holder, ("k",), lambda: calls.append(1) or len(calls))
    assert calls == [1, 1]


def test_a_course_made_private_leaves_no_cached_copy_open(client, learner, course, lessons):
    """Anonymous responses and routes are kept per pages' version: publishing the course
    with a narrower access retires both (the decision "open to all" was in them)."""
    lesson = lessons[0]
    assert client.get(lesson.url)["X-Page-Cache"] == "miss"
    assert client.get(lesson.url)["X-Page-Cache"] == "hit"
    client.force_login(learner)
    assert read(client, lesson) == 200
    assert read(client, lesson) == 200  # from the route cache
    course.access = CourseAccess.PRIVATE
    course.save_revision().publish()
    assert read(client, lesson) == 404
    client.logout()
    anonymous = client.get(lesson.url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
