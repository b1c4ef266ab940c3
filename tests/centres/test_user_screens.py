"""Wagtail's user screens narrowed to the editor's centres (lms/admin/users.py): centre
staff given the user permissions list, edit, delete and act in bulk on the people of
their centres only (members, learners, accounts of no centre yet), never on another
centre's, a superuser or the province role; the province and superusers see everyone."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.permissions import policy_registry

from lms.models import CentreMembership, Enrolment, LearnerProfile

from ..lms.personas import make_learner, make_user

User = get_user_model()
USER_PERMISSIONS = ["add_user", "change_user", "delete_user"]


def give_user_permissions(user):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=USER_PERMISSIONS)
    )
    return User.objects.get(pk=user.pk)  # without the cached permissions


@pytest.fixture
def staff(province):
    """Centre A's staff member, given Wagtail's user permissions (by default they have none)."""
    return give_user_permissions(province.staff)


@pytest.fixture
def newcomer(province):
    """An account of no centre yet: no membership, no learner profile."""
    return make_user("taikhoanmoi")


def listed(client, **params) -> set[str]:
    response = client.get(reverse("wagtailusers_users:index"), params)
    assert response.status_code == 200
    return {user.username for user in response.context["object_list"]}


def b_people(province) -> set[str]:
    return {"canbohamyen", "giangvienhamyen", "hocvienhamyen", "hocvienhamyen2"}


def test_staff_list_the_people_of_their_centre_only(client, province, staff, newcomer):
    client.force_login(staff)
    shown = listed(client)
    assert {"canbo", "giangvien", "giangvien2", "hocvien", "hocvien2", "taikhoanmoi"} <= shown
    assert not shown & b_people(province)
    assert not shown & {"quantri", "bantuyengiao"}

    response = client.get(reverse("wagtailusers_users:index"))
    page = response.content.decode()
    for marker in ("Lục Văn Khải", "Quách Văn Tuệ", "canbohamyen", "hocvienhamyen", "quantri"):
        assert marker not in page, marker
    assert response.context["items_count"] == len(shown)


def test_staff_search_and_filters_keep_to_their_centre(client, province, staff):
    client.force_login(staff)
    assert listed(client, q="hamyen") == set()
    assert listed(client, q="hocvien") == {"hocvien", "hocvien2"}
    assert listed(client, is_superuser="true") == set()
    results = client.get(reverse("wagtailusers_users:index_results"), {"q": "quantri"})
    assert list(results.context["object_list"]) == []


def test_a_learner_of_the_centre_is_theirs_by_area_or_by_class(client, province, staff):
    """A learner of no area enrolled in one of A's classes is A's; one enrolled in B's
    class only is B's; a learner of no area and no class belongs to every centre; a
    lecturer of both centres is each centre's."""
    in_a = make_learner("hocvienlopa")
    Enrolment.objects.create(training_class=province.klass, learner=in_a)
    in_b = make_learner("hocvienlopb")
    Enrolment.objects.create(training_class=province.class_b, learner=in_b)
    make_learner("hocvienchuaxep")
    # A part-time lecturer of both centres is listed by each.
    CentreMembership.objects.create(user=province.lecturer_b, centre=province.centre)
    client.force_login(staff)
    shown = listed(client)
    assert {"hocvienlopa", "hocvienchuaxep", "giangvienhamyen"} <= shown
    assert "hocvienlopb" not in shown


def test_staff_get_not_found_on_another_centres_person(client, province, staff):
    """B's people, the superuser and the province role: edit, delete, history, usage and
    copy are "not found", and posting changes nothing."""
    client.force_login(staff)
    others = [province.staff_b, province.learner_b.user, province.superuser, province.province]
    for user in others:
        for name in ("edit", "delete", "history", "usage", "copy"):
            url = reverse(f"wagtailusers_users:{name}", args=[user.pk])
            assert client.get(url).status_code == 404, (name, user.username)
        edit = reverse("wagtailusers_users:edit", args=[user.pk])
        response = client.post(edit, {"username": "doiten", "email": "x@example.org"})
        assert response.status_code == 404
        delete = reverse("wagtailusers_users:delete", args=[user.pk])
        assert client.post(delete).status_code == 404
    assert User.objects.filter(pk__in=[u.pk for u in others]).count() == len(others)
    assert not User.objects.filter(username="doiten").exists()

    # Their own centre's learner they edit and delete as before.
    learner = make_learner("hocvienmoi", full_name="Học viên mới").user
    LearnerProfile.objects.filter(user=learner).update(centre=province.centre)
    assert client.get(reverse("wagtailusers_users:edit", args=[learner.pk])).status_code == 200
    response = client.post(reverse("wagtailusers_users:delete", args=[learner.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()


def bulk(action, *users):
    url = reverse("wagtail_bulk_action", args=["auth", "user", action])
    ids = "&".join(f"id={user.pk}" for user in users)
    return f"{url}?{ids}&next=/admin/users/"


def test_a_bulk_delete_naming_another_centres_people_deletes_none_of_them(
    client, province, staff, newcomer
):
    client.force_login(staff)
    b_user, a_user = province.staff_b, newcomer

    assert client.get(bulk("delete", b_user)).status_code == 404
    assert client.post(bulk("delete", b_user)).status_code == 404
    page = client.get(bulk("delete", b_user, a_user))
    assert "canbohamyen" not in page.content.decode()
    client.post(bulk("delete", b_user, a_user, province.superuser))
    assert User.objects.filter(pk__in=[b_user.pk, province.superuser.pk]).count() == 2
    assert not User.objects.filter(pk=a_user.pk).exists()
    assert CentreMembership.objects.filter(user=b_user, centre=province.centre_b).exists()


def test_bulk_active_state_and_role_change_none_of_another_centres_people(client, province, staff):
    client.force_login(staff)
    b_user, a_user = province.staff_b, province.lecturer
    client.post(bulk("set_active_state", b_user, a_user), {"mark_as_active": "False"})
    assert User.objects.get(pk=b_user.pk).is_active
    assert not User.objects.get(pk=a_user.pk).is_active
    # "Select all" (id=all) reaches only their centre's people.
    client.post(bulk("set_active_state").replace("?&", "?id=all&"), {"mark_as_active": "False"})
    assert User.objects.get(pk=b_user.pk).is_active
    assert User.objects.get(pk=province.superuser.pk).is_active
    assert not User.objects.get(pk=province.other_lecturer.pk).is_active
    role = Group.objects.get(name="Giảng viên")
    response = client.post(bulk("assign_role", b_user), {"role": role.pk})
    assert response.status_code == 404
    assert not User.objects.get(pk=b_user.pk).groups.filter(pk=role.pk).exists()


def test_the_province_and_superusers_see_everyone_staff_their_centre(
    client, province, staff, newcomer
):
    everyone = {"canbo", "hocvien", "taikhoanmoi", "quantri", "bantuyengiao"} | b_people(province)
    b_edit = reverse("wagtailusers_users:edit", args=[province.staff_b.pk])
    for user in (give_user_permissions(province.province), province.superuser):
        client.force_login(user)
        assert everyone <= listed(client), user.username
        assert client.get(b_edit).status_code == 200
    client.force_login(staff)
    assert not (everyone - {"canbo", "hocvien", "taikhoanmoi"}) & listed(client)
    assert client.get(b_edit).status_code == 404


def listing_queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    return len(captured)


def add_people(province, count, start=0):
    for number in range(start, start + count):
        learner = make_learner(f"hocvienthem{number}", full_name=f"Học viên thêm {number}")
        LearnerProfile.objects.filter(pk=learner.pk).update(centre=province.centre)
        CentreMembership.objects.create(
            user=make_user(f"giangvienthem{number}"), centre=province.centre
        )


def test_the_list_runs_a_constant_number_of_queries(client, province, staff):
    client.force_login(staff)
    listing_queries(client)  # the first visit also makes the user's Wagtail profile
    add_people(province, 5)
    small = listing_queries(client)
    add_people(province, 20, start=5)
    large = listing_queries(client)
    assert small == large, f"{small} queries with a few people, {large} with more"
    assert large == 13, large


def test_the_user_policy_answers_for_one_person(province, staff):
    """Wagtail's permission policy of the user model, as other code may ask it."""
    policy = policy_registry.get_by_type(User)
    assert policy.user_has_permission_for_instance(staff, "change", province.lecturer)
    assert not policy.user_has_permission_for_instance(staff, "change", province.staff_b)
    assert not policy.user_has_permission_for_instance(staff, "delete", province.superuser)
    mine = policy.instances_user_has_any_permission_for(staff, ["change"])
    assert not mine.filter(pk=province.staff_b.pk).exists()
    assert not policy.instances_user_has_any_permission_for(province.lecturer, ["change"]).exists()
