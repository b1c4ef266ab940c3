"""Names in Vietnamese alphabetical order (issue 18, item 6): "Anh" before "Ân", "Dương"
before "Đặng", "Hà" before "Hoàng", "Uông" before "Ưng", in Python, in the database (SQLite
by the collation registered on each connection, PostgreSQL by the ICU collation of the
migration; the same tests run on both, by DATABASE_URL) and on the pages that list
learners."""

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from lms.collation import name_ordering, sort_key, sort_names
from lms.models import Enrolment, LearnerProfile, LoginSlip

from .personas import make_learner

SHUFFLED = ["Hoàng", "Ưng", "Đặng", "Hà", "Uông", "Dương", "Đinh", "Ân", "Anh"]
EXPECTED = ["Anh", "Ân", "Dương", "Đặng", "Đinh", "Hà", "Hoàng", "Uông", "Ưng"]
# Tones come after the letters, in ICU's order; a space before any letter.
TONES = ["Hạ", "Há", "Hàn", "Ha", "Hà Anh", "Hả", "Hã", "Hà"]
TONES_EXPECTED = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hà Anh", "Hàn"]
FULL_NAMES = ["Nguyễn Văn Bình", "Trần Thị An", "Đỗ Văn An", "Lê Bá Ưng", "Vũ Thị Ánh"]


def test_the_python_key_sorts_the_vietnamese_alphabet():
    assert sorted(SHUFFLED, key=sort_key) == EXPECTED
    assert sorted(TONES, key=sort_key) == TONES_EXPECTED
    assert sorted(["Đ", "Z", "D"], key=sort_key) == ["D", "Đ", "Z"]


def _store(names):
    for number, name in enumerate(names):
        make_learner(f"hv{number}", full_name=name)


@pytest.mark.django_db
def test_the_database_sorts_names_in_vietnamese_order():
    _store(SHUFFLED + [name for name in TONES if name not in SHUFFLED])
    names = list(
        LearnerProfile.objects.order_by(*name_ordering()).values_list("full_name", flat=True)
    )
    assert [name for name in names if name in SHUFFLED] == EXPECTED
    assert [name for name in names if name in TONES] == TONES_EXPECTED


@pytest.mark.django_db
@override_settings(LMS_NAME_ORDER="given")
def test_a_centre_may_file_by_given_name_then_family_name():
    _store(FULL_NAMES)
    names = list(
        LearnerProfile.objects.order_by(*name_ordering()).values_list("full_name", flat=True)
    )
    expected = ["Đỗ Văn An", "Trần Thị An", "Vũ Thị Ánh", "Nguyễn Văn Bình", "Lê Bá Ưng"]
    assert names == expected
    assert sort_names(FULL_NAMES) == expected


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the ICU collation is PostgreSQL's")
def test_postgresql_has_the_icu_collation_from_the_migration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'vietnamese'")
        assert cursor.fetchone() == ("i",)


@pytest.mark.django_db
def test_slips_accounts_roster_and_learner_list_follow_the_order(client, world):
    world.enrolment.delete()
    for number, name in enumerate(SHUFFLED):
        learner = make_learner(f"hv{number}", world.cell, name)
        Enrolment.objects.create(training_class=world.klass, learner=learner)
        LoginSlip.objects.create(user=learner.user, password=f"mk-{number}")
    client.force_login(world.staff)
    pages = [
        reverse("lms:roster", args=[world.klass.pk]),
        f"/learn/enrolment/classes/{world.klass.pk}/accounts/",
        f"/learn/enrolment/classes/{world.klass.pk}/slips/",
        reverse("lms_learners:index") + "?q=",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        positions = [html.find(f">{name}<") for name in EXPECTED]
        if min(positions) < 0:
            positions = [html.find(name) for name in EXPECTED]
        assert min(positions) >= 0 and positions == sorted(positions), url


def _second_centre(world, name_order):  # noqa: ARG001
    from wagtail.models import Page, Site

    from lms.models import Centre

    site = Site.objects.create(
        hostname="huyen-b.example", root_page=Page.get_first_root_node(), port=80
    )
    return Centre.objects.create(
        site=site, name="Trung tâm B", issuing_authority="Huyện ủy B", name_order=name_order
    )


@pytest.mark.django_db
def test_each_centre_files_names_in_its_own_order(world):
    """Centre A files by full name (the setting's default), centre B by given name; one
    list that mixes both sorts each centre's rows its own way."""
    from .personas import make_class

    world.enrolment.delete()
    other = _second_centre(world, "given")
    assert world.centre.name_order == "full"
    b_class = make_class(other, world.course)
    for number, name in enumerate(FULL_NAMES):
        Enrolment.objects.create(
            training_class=world.klass, learner=make_learner(f"a{number}", world.cell, name)
        )
        Enrolment.objects.create(
            training_class=b_class, learner=make_learner(f"b{number}", world.cell, name)
        )

    def names(klass):
        rows = Enrolment.objects.filter(training_class=klass).order_by(
            *name_ordering("learner__full_name", "pk", centre_path="training_class__centre")
        )
        return [row.learner.full_name for row in rows]

    assert names(world.klass) == sorted(FULL_NAMES, key=sort_key)
    given = ["Đỗ Văn An", "Trần Thị An", "Vũ Thị Ánh", "Nguyễn Văn Bình", "Lê Bá Ưng"]
    assert names(b_class) == given
    assert sort_names(FULL_NAMES, centre=other) == given
    assert sort_names(FULL_NAMES, centre=world.centre) == sorted(FULL_NAMES, key=sort_key)


@pytest.mark.django_db
@override_settings(LMS_NAME_ORDER="given")
def test_a_new_centre_takes_the_installations_setting():
    from wagtail.models import Page, Site

    from lms.models import Centre

    site = Site.objects.create(hostname="c.example", root_page=Page.get_first_root_node())
    centre = Centre.objects.create(site=site, name="C", issuing_authority="Huyện ủy C")
    centre.refresh_from_db()
    assert centre.name_order == "given"
