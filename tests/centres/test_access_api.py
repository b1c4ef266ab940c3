"""The centre-scope contract: memberships, centre_ids() and scope() (issue 14)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError
from wagtail.models import Page, Site

from lms.access import centre_ids, scope
from lms.models import Centre, CentreMembership, Organisation, TrainingClass
from lms.roles import LECTURERS, PROVINCE, STAFF

from ..lms.personas import World, make_class, make_user


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def second_centre(world):
    root = Page.get_first_root_node()
    site = Site.objects.create(hostname="hamyen.example", root_page=root.get_children().first())
    return Centre.objects.create(
        site=site, name="Trung tâm Chính trị huyện Hàm Yên", issuing_authority="Huyện uỷ Hàm Yên"
    )


def fresh(user):
    """The same user as the next request sees it (nothing remembered on the object)."""
    return type(user).objects.get(pk=user.pk)


def test_a_single_centre_installation_needs_no_memberships(world):
    assert CentreMembership.objects.count() == 0
    assert centre_ids(world.staff) == frozenset({world.centre.pk})
    assert list(scope(TrainingClass.objects.all(), world.staff)) != []


def test_with_two_centres_staff_see_only_their_memberships(world, second_centre):
    theirs = make_class(second_centre, world.course)
    staff = fresh(world.staff)
    assert centre_ids(staff) == frozenset()
    assert scope(TrainingClass.objects.all(), staff).count() == 0

    CentreMembership.objects.create(user=world.staff, centre=second_centre)
    staff = fresh(world.staff)
    assert centre_ids(staff) == frozenset({second_centre.pk})
    assert list(scope(TrainingClass.objects.all(), staff)) == [theirs]
    assert list(scope(Centre.objects.all(), staff, "pk")) == [second_centre]


def test_a_part_time_lecturer_works_for_two_centres(world, second_centre):
    CentreMembership.objects.create(user=world.lecturer, centre=world.centre)
    CentreMembership.objects.create(user=world.lecturer, centre=second_centre)
    assert centre_ids(fresh(world.lecturer)) == frozenset({world.centre.pk, second_centre.pk})
    with pytest.raises(IntegrityError):
        CentreMembership.objects.create(user=world.lecturer, centre=second_centre)


def test_removing_a_membership_is_seen_on_the_next_request(world, second_centre):
    membership = CentreMembership.objects.create(user=world.staff, centre=world.centre)
    assert centre_ids(fresh(world.staff)) == frozenset({world.centre.pk})
    membership.delete()
    assert centre_ids(fresh(world.staff)) == frozenset()


def test_the_province_role_and_superusers_see_every_centre(world, second_centre, admin_user):
    province = make_user("bantuyengiao", PROVINCE, is_staff=True)
    assert centre_ids(province) is None
    assert centre_ids(admin_user) is None
    assert scope(TrainingClass.objects.all(), province).count() == 2
    group = Group.objects.get(name=PROVINCE)
    assert group.permissions.filter(codename="view_all_centres").exists()
    assert group.permissions.filter(codename="access_admin").exists()
    assert not group.permissions.filter(codename__startswith="change_").exists()
    assert (
        not Group.objects.get(name=STAFF).permissions.filter(codename="view_all_centres").exists()
    )


def test_anonymous_users_have_no_centre(world, second_centre):
    from django.contrib.auth.models import AnonymousUser

    assert centre_ids(AnonymousUser()) == frozenset()
    assert scope(TrainingClass.objects.all(), AnonymousUser()).count() == 0


def test_a_new_unit_takes_its_parents_centre(world, second_centre):
    root = Organisation.add_root(name="Đảng bộ xã Tân Thành", centre=second_centre)
    cell = root.add_child(name="Chi bộ thôn Cầu Trôi")
    assert cell.centre == second_centre
    elsewhere = root.add_child(name="Chi bộ biệt phái", centre=world.centre)
    assert elsewhere.centre == world.centre


def test_the_permission_is_declared_on_centre(db):
    assert Permission.objects.filter(
        content_type__app_label="lms", codename="view_all_centres"
    ).exists()
    assert Group.objects.filter(name=LECTURERS).exists()
