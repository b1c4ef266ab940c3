"""The centres on Wagtail's user forms (lms/admin/users.py, issue 14): a user's centres are
chosen when the account is created or edited, among the centres the editor acts for; a
membership in a centre the editor cannot see is kept."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms.models import CentreMembership

PASSWORD = "Vun-trong-2026!"


@pytest.fixture
def english(source_language):
    """Messages read in English (the source language)."""


@pytest.fixture
def staff(province):
    """Centre A's staff member, given the right to manage users."""
    province.staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["add_user", "change_user"]
        )
    )
    return province.staff


def centres_of(user) -> set[int]:
    return set(CentreMembership.objects.filter(user=user).values_list("centre_id", flat=True))


def new_user(**data) -> dict:
    return {
        "username": "giangvienmoi",
        "email": "giangvienmoi@example.org",
        "first_name": "Đinh",
        "last_name": "Văn Mới",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **data,
    }


def account(user, **data) -> dict:
    """What the edit form posts back for ``user`` unchanged, with ``data`` over it."""
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@example.org",
        "first_name": user.first_name or "Tên",
        "last_name": user.last_name or "Họ",
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
        **data,
    }


def offered_centres(response) -> set[int]:
    form = response.context["form"]
    return set(form.fields["centres"].queryset.values_list("pk", flat=True))


def test_an_administrator_gives_a_new_user_two_centres_then_takes_one_away(
    client, province, english
):
    a, b = province.centre, province.centre_b
    client.force_login(province.superuser)

    response = client.post(
        reverse("wagtailusers_users:add"), new_user(centres=[a.pk, b.pk]), follow=True
    )
    assert response.status_code == 200
    created = get_user_model().objects.get(username="giangvienmoi")
    assert centres_of(created) == {a.pk, b.pk}

    edit = reverse("wagtailusers_users:edit", args=[created.pk])
    page = client.get(edit)
    assert set(page.context["form"].initial["centres"]) == {a.pk, b.pk}
    client.post(edit, account(created, centres=[a.pk]))
    assert centres_of(created) == {a.pk}


def test_staff_of_one_centre_are_offered_only_their_centre_preselected(client, province, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    assert offered_centres(response) == {province.centre.pk}
    assert response.context["form"].initial["centres"] == [province.centre.pk]
    page = response.content.decode()
    assert province.centre.name in page
    assert "Hàm Yên" not in page
    checked = re.search(rf'<input[^>]*value="{province.centre.pk}"[^>]*>', page)
    assert checked and "checked" in checked.group(0)


def test_staff_creating_a_colleague_make_them_a_member_of_their_centre(client, province, staff):
    client.force_login(staff)
    client.post(reverse("wagtailusers_users:add"), new_user(centres=[province.centre.pk]))
    assert centres_of(get_user_model().objects.get(username="giangvienmoi")) == {province.centre.pk}


def test_staff_cannot_give_another_centre(client, province, staff, english):
    client.force_login(staff)
    before = CentreMembership.objects.count()

    response = client.post(
        reverse("wagtailusers_users:add"), new_user(centres=[province.centre_b.pk])
    )
    assert response.status_code == 200
    assert "centres" in response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert not get_user_model().objects.filter(username="giangvienmoi").exists()

    lecturer = province.lecturer
    edit = reverse("wagtailusers_users:edit", args=[lecturer.pk])
    response = client.post(edit, account(lecturer, centres=[province.centre_b.pk]))
    assert "centres" in response.context["form"].errors
    assert CentreMembership.objects.count() == before
    assert centres_of(lecturer) == {province.centre.pk}


def test_staff_removing_their_centre_keep_the_other_centres_membership(client, province, staff):
    """A part-time lecturer of both centres: A's staff see and change only A's membership."""
    lecturer = province.lecturer
    CentreMembership.objects.create(user=lecturer, centre=province.centre_b)
    client.force_login(staff)
    edit = reverse("wagtailusers_users:edit", args=[lecturer.pk])

    page = client.get(edit)
    assert offered_centres(page) == {province.centre.pk}
    assert page.context["form"].initial["centres"] == [province.centre.pk]
    assert "Hàm Yên" not in page.content.decode()

    client.post(edit, account(lecturer, centres=[province.centre.pk]))  # ticked: kept
    assert centres_of(lecturer) == {province.centre.pk, province.centre_b.pk}

    response = client.post(edit, account(lecturer))  # no centre ticked
    assert response.status_code == 302
    assert centres_of(lecturer) == {province.centre_b.pk}
    # Now B's only: out of A's user screens (tests/centres/test_user_screens.py).
    assert client.get(edit).status_code == 404


def test_the_centres_a_user_works_for_change_what_they_see_at_once(client, province):
    """The remembered memberships (lms:centres) are retired by the form's save."""
    from lms.access import centre_ids

    lecturer = province.lecturer
    assert centre_ids(get_user_model().objects.get(pk=lecturer.pk)) == {province.centre.pk}
    client.force_login(province.superuser)
    edit = reverse("wagtailusers_users:edit", args=[lecturer.pk])
    client.post(edit, account(lecturer, centres=[province.centre_b.pk]))
    assert centre_ids(get_user_model().objects.get(pk=lecturer.pk)) == {province.centre_b.pk}


def test_no_one_changes_their_own_centres(client, province, staff):
    client.force_login(staff)
    edit = reverse("wagtailusers_users:edit", args=[staff.pk])
    assert "centres" not in client.get(edit).context["form"].fields
    client.post(edit, account(staff, centres=[]))
    assert centres_of(staff) == {province.centre.pk}


def test_the_field_is_labelled_in_vietnamese(client, province):
    client.force_login(province.superuser)
    page = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert re.search(r"<label[^>]*>\s*Trung tâm\s*<", page), "the label is not translated"


def test_the_administrators_user_and_group_screens_read_in_vietnamese(client, django_user_model):
    """Wagtail's Users and Groups screens, where an administrator sets up a centre's people:
    their columns, bulk actions and permission headings in Vietnamese."""
    client.force_login(django_user_model.objects.create_superuser("qt-tinh", password="x"))
    users = client.get("/admin/users/").content.decode()
    for text in ("Mức truy cập", "Đăng nhập gần nhất", "Gán vai trò", "Đặt trạng thái hoạt động"):
        assert text in users, text
    assert "Access level" not in users and "Last login" not in users
    group = client.get("/admin/groups/new/").content.decode()
    for text in ("Quyền trên trang", "Quyền trên tài liệu", "Quyền trên hình ảnh", "Sửa mọi trang"):
        assert text in group, text
    assert "Object permissions" not in group and "Edit any page" not in group


def test_the_user_pages_and_bulk_actions_have_no_english(client, django_user_model):
    """Every text of the Users list, a user's edit and delete pages, a group's delete page
    and the users' bulk actions (their confirmation pages and the messages after them) is
    Vietnamese; an account's state reads "Đang hoạt động", not an enrolment's "Đang học"."""
    from tests.admin_crawl import english, texts_of

    from .test_user_screens import bulk

    client.force_login(django_user_model.objects.create_superuser("qt-tinh", password="x"))
    person = django_user_model.objects.create_user("hv-xoa", password="x")
    group = Group.objects.create(name="Nhóm thử")
    person.groups.add(group)
    pages = {
        "list": client.get("/admin/users/"),
        "edit": client.get(reverse("wagtailusers_users:edit", args=[person.pk])),
        "delete": client.get(reverse("wagtailusers_users:delete", args=[person.pk])),
        "group delete": client.get(reverse("wagtailusers_groups:delete", args=[group.pk])),
        "bulk delete": client.get(bulk("delete", person)),
        "bulk state": client.get(bulk("set_active_state", person)),
        "bulk role": client.get(bulk("assign_role", person)),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert [text for text in texts_of(html) if english(text)] == [], name
    assert "Đang hoạt động" in pages["list"].content.decode()
    assert "Đang học" not in pages["list"].content.decode()
    done = client.post(bulk("set_active_state", person), {"mark_as_active": "False"}, follow=True)
    assert "Đã ngừng kích hoạt 1 người dùng" in done.content.decode()
    done = client.post(bulk("delete", person), follow=True)
    assert "Đã xoá 1 người dùng" in done.content.decode()
    assert not django_user_model.objects.filter(pk=person.pk).exists()
