import pytest
from django.conf import settings
from django.core.cache import caches
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
