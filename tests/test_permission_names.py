"""An administrator setting up a group (Settings → Groups) reads every permission in their
own language: Django stores "Can add page" and the English of each custom permission in
the database, and Wagtail's group form showed those rows as they are (with "Page" for the
page of a page-permission row, and custom names cut short: "Can see every class"). The
names are made when shown (portal/permission_names.py); the rows stay as Django wrote
them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile
from wagtail.users.templatetags import wagtailusers_tags

from portal.permission_names import permission_name

from .admin_crawl import english, texts_of

pytestmark = pytest.mark.django_db


def english_permission_names() -> set[str]:
    """The names Django stored, and Wagtail's shortened forms of them ("Can view", "Can
    see every class" of "Can see every class observation")."""
    names = {"Can add", "Can change", "Can delete", "Can view"}
    for permission in Permission.objects.select_related("content_type"):
        names.add(permission.name)
        names.add(wagtailusers_tags.normalize_permission_label(permission))
    return names


def permission_tables(html: str) -> list[str]:
    """The text of the form's permission panels (object, other, page, collection ones)."""
    soup = BeautifulSoup(html, "html.parser")
    sections = soup.select("section[id$='-section']:not(#name-section)")
    assert len(sections) >= 4, [section.get("id") for section in sections]
    return [text for section in sections for text in texts_of(str(section))]


def untranslated(texts: list[str]) -> list[str]:
    names = english_permission_names()
    return sorted({t for t in texts if english(t) or any(name in t for name in names)})


@pytest.fixture
def group():
    group = Group.objects.create(name="Cán bộ trung tâm")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_all_observations"),
    )
    for codename in ("add_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    return group


def as_admin(client, django_user_model, language):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    UserProfile.get_for_user(admin)
    UserProfile.objects.filter(user=admin).update(preferred_language=language)
    client.force_login(admin)
    return client


def form_pages(client, group) -> dict[str, str]:
    """The new-group form, then the group's edit form (with its page-permission row)."""
    pages = {}
    for address in ("/admin/groups/new/", reverse("wagtailusers_groups:edit", args=[group.pk])):
        response = client.get(address)
        assert response.status_code == 200, address
        pages[address] = response.content.decode()
    return pages


def page_row_label(pages: dict[str, str]) -> str:
    """The (screen-reader) label of the page chooser of the group's page row."""
    edit_form = list(pages.values())[-1]
    label = BeautifulSoup(edit_form, "html.parser").find(
        "label", attrs={"for": "id_page_permissions-0-page"}
    )
    return label.get_text(strip=True).rstrip("*")  # the mark of a required field


def test_the_group_forms_name_every_permission_in_vietnamese(client, django_user_model, group):
    as_admin(client, django_user_model, "vi")
    pages = form_pages(client, group)
    for address, html in pages.items():
        texts = permission_tables(html)
        assert untranslated(texts) == [], address
        for name in (
            "Được vào trang quản trị",  # "Can access Wagtail admin", Wagtail's own
            "Được xem mọi phiếu dự giờ",  # the project's, cut short by Wagtail before
            "Được thêm trang",  # Django's "Can add page", a page row's first box
            "Được thêm lớp",  # Django's "Can add class", an object row's first box
            "Được xem",  # Django's view permission, in a row named by its model
        ):
            assert name in texts, (address, name)
    assert page_row_label(pages) == "Trang"
    # Shown in Vietnamese, stored as Django wrote them.
    assert Permission.objects.get(codename="add_page").name == "Can add page"
    assert Permission.objects.get(codename="access_admin").name == "Can access Wagtail admin"


def test_an_admin_who_prefers_english_reads_them_in_english(client, django_user_model, group):
    as_admin(client, django_user_model, "en")
    pages = form_pages(client, group)
    for address, html in pages.items():
        texts = permission_tables(html)
        assert not [t for t in texts if "Được" in t], address
        for name in (
            "Can access Wagtail admin",
            "Can see every class observation",  # whole, not "Can see every class"
            "Can add page",  # not "Wagtail core | page | Can add page"
            "Can add class",
            "Can view",
        ):
            assert name in texts, (address, name)
        assert "Can see every class" not in texts
    assert page_row_label(pages) == "Page"


def test_a_name_follows_the_active_language():
    observations = Permission.objects.get(codename="view_all_observations")
    add_page = Permission.objects.get(codename="add_page")
    with translation.override("vi"):
        assert permission_name(observations) == "Được xem mọi phiếu dự giờ"
        assert permission_name(add_page) == "Được thêm trang"
    with translation.override("en"):
        assert permission_name(observations) == "Can see every class observation"
        assert permission_name(add_page) == "Can add page"


def test_wagtails_permission_table_is_still_the_one_the_names_are_given_to():
    """The spot portal/permission_names.py changes is Wagtail 8.0's: the context of its
    format_permissions tag and the page rows' label_from_instance. An upgrade that changes
    their shape fails here; check the module against the new Wagtail, then update this."""
    from wagtail.users.forms import GroupForm, PagePermissionsForm

    tag = wagtailusers_tags.register.tags["format_permissions"]
    wrapped = [cell.cell_contents for cell in tag.__closure__ or ()]
    ours = wagtailusers_tags.format_permissions
    assert any(getattr(f, "__wrapped__", None) is ours for f in wrapped), "not portal's tag"
    context = wagtailusers_tags.format_permissions(GroupForm()["permissions"])
    assert set(context) == {"object_perms", "other_perms", "extra_perms_exist"}
    for row in context["object_perms"]:
        assert set(row) <= {"object", "add", "change", "delete", "custom"}, set(row)
        assert all(set(custom) == {"attrs", "perm", "name", "selected"} for custom in row["custom"])
    assert all(isinstance(permission, Permission) for permission, _ in context["other_perms"])
    assert PagePermissionsForm.base_fields["permissions"].label_from_instance is permission_name


def test_the_whole_group_form_is_vietnamese_and_names_a_group_by_its_name(
    client, django_user_model, group
):
    """Beyond the permission tables: the header's "View users in this group" and the tables'
    first column, which read "Họ và tên" (a person's full name) from the learner lists'
    catalogue entry for "Name"."""
    as_admin(client, django_user_model, "vi")
    for address, html in form_pages(client, group).items():
        assert [text for text in texts_of(html) if english(text)] == [], address
        headers = [th.get_text(strip=True) for th in BeautifulSoup(html, "html.parser")("th")]
        assert "Tên" in headers and "Họ và tên" not in headers, (address, headers)
    edit = list(form_pages(client, group).values())[-1]
    assert "Xem người dùng trong nhóm" in edit
