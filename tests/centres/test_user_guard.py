"""The two guards on Wagtail's user screens (lms/admin/users.py, lms/accounts.py): a person
with training records is kept, not deleted (the delete page says why and points to
deactivating them; posting anyway changes nothing; the bulk delete keeps them and deletes
the others); and centre staff who may change users give and take away only the roles
whose permissions they hold themselves, never the province role, an administrators' group
or "Administrator"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from lms.certificates import issuing
from lms.certificates.models import CompletionRecord, CompletionRule
from lms.roles import LECTURERS, PROVINCE, STAFF

from ..lms.personas import make_user
from .test_user_form import account
from .test_user_screens import bulk, give_user_permissions

User = get_user_model()


@pytest.fixture
def english(source_language):
    """Messages read in English (the source language)."""


@pytest.fixture
def staff(province):
    return give_user_permissions(province.staff)


@pytest.fixture
def certified(province):
    """Centre A's learner "hocvien": one enrolment and its certificate."""
    CompletionRule.objects.create(
        course=province.course, training_class=province.klass, min_lessons_percent=0
    )
    issuing.issue(province.enrolment, by=province.staff, override_reason="Học đủ buổi")
    assert CompletionRecord.objects.filter(enrolment=province.enrolment).exists()
    return province.learner.user


@pytest.fixture
def newcomer(province):
    return make_user("taikhoanmoi")


@pytest.fixture
def admins():
    """An administrators' group: managing groups, which centre staff do not hold."""
    group = Group.objects.create(name="Quản trị hệ thống")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["add_group", "change_group"]
        )
    )
    return group


def test_a_person_with_records_is_kept_one_without_is_deleted(
    client, province, staff, certified, newcomer, english
):
    client.force_login(staff)
    url = reverse("wagtailusers_users:delete", args=[certified.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "training records (1 completion record, 1 enrolment) must be kept" in text
    assert "Yes, delete" not in text
    assert reverse("wagtailusers_users:edit", args=[certified.pk]) in text

    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert User.objects.filter(pk=certified.pk).exists()
    assert CompletionRecord.objects.filter(enrolment=province.enrolment).exists()
    shown = [str(message) for message in response.context["messages"]]
    assert any("cannot be deleted" in message for message in shown), shown

    # A person without records is deleted as before.
    url = reverse("wagtailusers_users:delete", args=[newcomer.pk])
    assert "Yes, delete" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not User.objects.filter(pk=newcomer.pk).exists()


def test_the_refusal_reads_in_vietnamese(client, province, staff, certified):
    client.force_login(staff)
    page = client.get(reverse("wagtailusers_users:delete", args=[certified.pk]))
    text = page.content.decode()
    assert "Không thể xoá tài khoản này" in text
    assert "(1 bản ghi hoàn thành, 1 ghi danh)" in text


def test_the_bulk_delete_keeps_who_has_records_and_deletes_the_others(
    client, province, staff, certified, newcomer, english
):
    client.force_login(staff)
    page = client.get(bulk("delete", certified, newcomer)).content.decode()
    assert "These people have training records" in page
    assert "1 completion record, 1 enrolment" in page

    response = client.post(bulk("delete", certified, newcomer), follow=True)
    assert response.status_code == 200
    assert User.objects.filter(pk=certified.pk).exists()
    assert not User.objects.filter(pk=newcomer.pk).exists()
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "1 user has been deleted" in shown
    assert "was kept" in shown


def offered_groups(response) -> set[str]:
    return set(response.context["form"].fields["groups"].queryset.values_list("name", flat=True))


def test_staff_are_offered_only_roles_they_hold_a_superuser_every_role(
    client, province, staff, admins
):
    edit = reverse("wagtailusers_users:edit", args=[province.lecturer.pk])
    client.force_login(staff)
    response = client.get(edit)
    offered = offered_groups(response)
    assert {STAFF, LECTURERS} <= offered
    assert PROVINCE not in offered and admins.name not in offered
    page = response.content.decode()
    assert PROVINCE not in page and admins.name not in page
    assert "is_superuser" not in response.context["form"].fields

    client.force_login(province.superuser)
    response = client.get(edit)
    assert offered_groups(response) == set(Group.objects.values_list("name", flat=True))
    assert "is_superuser" in response.context["form"].fields
    choices = client.get(bulk("assign_role", province.lecturer)).context["form"]
    assert set(choices.fields["role"].queryset) == set(Group.objects.all())


def test_a_role_with_page_permissions_is_offered_only_to_who_holds_them(client, province, staff):
    """Wagtail's page permissions count too: publishing on the site's root page."""
    root = Page.objects.filter(depth=2).first()
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    editors = Group.objects.create(name="Biên tập trang")
    GroupPagePermission.objects.create(group=editors, page=root, permission=publish)
    edit = reverse("wagtailusers_users:edit", args=[province.lecturer.pk])
    client.force_login(staff)
    assert editors.name not in offered_groups(client.get(edit))
    staff_role = Group.objects.get(name=STAFF)
    GroupPagePermission.objects.create(group=staff_role, page=root, permission=publish)
    assert editors.name in offered_groups(client.get(edit))


def test_a_forged_post_grants_neither_the_province_role_nor_administrator(client, province, staff):
    client.force_login(staff)
    lecturer = province.lecturer
    province_role = Group.objects.get(name=PROVINCE)
    edit = reverse("wagtailusers_users:edit", args=[lecturer.pk])
    groups = [*account(lecturer)["groups"], province_role.pk]
    client.post(edit, account(lecturer, groups=groups))
    assert not lecturer.groups.filter(pk=province_role.pk).exists()

    client.post(edit, account(lecturer, is_superuser="on"))
    assert not User.objects.get(pk=lecturer.pk).is_superuser


def test_a_role_the_editor_may_not_assign_survives_their_save(client, province, staff, admins):
    lecturer = province.lecturer
    lecturer.groups.add(admins)
    staff_role = Group.objects.get(name=STAFF)
    client.force_login(staff)
    edit = reverse("wagtailusers_users:edit", args=[lecturer.pk])
    # The form posts back the roles it shows: the lecturers' one, and staff is added.
    lecturers = Group.objects.get(name=LECTURERS)
    response = client.post(
        edit, account(lecturer, groups=[lecturers.pk, staff_role.pk], first_name="Mới")
    )
    assert response.status_code == 302
    assert set(lecturer.groups.values_list("name", flat=True)) == {
        LECTURERS,
        STAFF,
        admins.name,
    }


def test_the_bulk_role_offers_and_accepts_only_roles_the_editor_holds(
    client, province, staff, admins
):
    client.force_login(staff)
    lecturer = province.lecturer
    url = bulk("assign_role", lecturer)
    choices = client.get(url).context["form"].fields["role"].queryset
    names = set(choices.values_list("name", flat=True))
    assert STAFF in names and PROVINCE not in names and admins.name not in names
    for group in (Group.objects.get(name=PROVINCE), admins):
        response = client.post(url, {"role": group.pk})
        assert response.status_code == 200  # the form again, with its error
        assert not lecturer.groups.filter(pk=group.pk).exists()
    client.post(url, {"role": Group.objects.get(name=STAFF).pk})
    assert lecturer.groups.filter(name=STAFF).exists()
