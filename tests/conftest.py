import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import clear_url_caches
from django.utils import translation

from .factories import add_catalogue, add_course, build_site


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with an empty cache and in the default language (a request under
    /en/ leaves English active in the test thread)."""
    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    return build_site()


@pytest.fixture
def catalogue(home):
    return add_catalogue(home)


@pytest.fixture
def course(catalogue):
    return add_course(catalogue, lessons=3)


@pytest.fixture
def lessons(course):
    return list(course.lessons())


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("hocvien", password="mat-khau-hoc-vien")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri")


@pytest.fixture
def source_language(settings):
    """Run a test with English, the source language, as the site's default.

    Django keeps the reversed URLs of each language with the prefix it had when they were
    first built ("/en/..." while Vietnamese was the default), so the URL caches are
    cleared on the way in and out."""
    clear_url_caches()
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    clear_url_caches()


# Tests that must not share the machine with themselves run on one worker each under
# `pytest -n`: the browser journeys share one Chromium set-up, axe-core install and
# artifacts directory; the real-cluster test starts gunicorn and a django-q2 cluster.
SERIAL_GROUPS = ("browser", "cluster")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        # One group each, the first that applies: a browser test that also starts a
        # cluster stays with the other browser tests (they share the artifacts folder).
        for group in SERIAL_GROUPS:
            if item.get_closest_marker(group):
                item.add_marker(pytest.mark.xdist_group(group))
                break
