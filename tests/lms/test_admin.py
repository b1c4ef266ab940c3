"""The training screens of the Wagtail admin, through the test client: the organisation
tree, centres, classes with their sessions and lecturers, enrolments, learners, who sees
what, and constant queries on the class listing."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from lms.models import (
    Centre,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    Organisation,
    TrainingClass,
)
from lms.roles import LEARNERS

from .personas import make_class, make_learner, make_user

pytestmark = pytest.mark.django_db

# A day within the study period of the World's classes (they open ten days ago).
SOON = timezone.localdate() + timedelta(days=5)


@pytest.fixture(autouse=True)
def english_admin(source_language):
    """These tests read the admin's messages in English (the source language); the
    Vietnamese catalogue is checked by rendering elsewhere."""


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def url(name, *args, **query):
    address = reverse(name, args=args)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def form_errors(response) -> dict:
    form = response.context["form"]
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Organisations: an editable tree ------------------------------------------------------


def add_organisation(client, name, parent=None, kind="party_cell", place=""):
    response = client.post(
        url("lms_organisations:add"),
        {"name": name, "kind": kind, "place": place, "parent": parent.pk if parent else ""},
    )
    assert response.status_code == 302, form_errors(response)
    return Organisation.objects.get(name=name)


def move(client, node, parent):
    return client.post(
        url("lms_organisations:edit", node.pk),
        {
            "name": node.name,
            "kind": node.kind,
            "place": node.place,
            "parent": parent.pk if parent else "",
        },
    )


def test_staff_build_a_three_level_tree_and_see_it_indented_in_tree_order(client, world):
    as_user(client, world.staff)
    province = add_organisation(client, "Tỉnh uỷ Tuyên Quang", kind="party_committee")
    district = add_organisation(client, "Huyện uỷ Chiêm Hoá", province, "party_committee")
    cell = add_organisation(client, "Chi bộ thôn Bản Chợ", district, place="Xã Kim Bình")
    assert (province.depth, district.depth, cell.depth) == (1, 2, 3)
    assert cell.get_parent() == district and district.get_parent() == province
    assert province.is_root()

    response = client.get(url("lms_organisations:index"))
    html = response.content.decode()
    names = ["Tỉnh uỷ Tuyên Quang", "— Huyện uỷ Chiêm Hoá", "— — Chi bộ thôn Bản Chợ"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Xã Kim Bình" in html
    # The form offers the tree, indented, to choose the parent from.
    form = client.get(url("lms_organisations:add", parent=district.pk)).context["form"]
    assert form["parent"].value() == str(district.pk)
    labels = [label for _value, label in form.fields["parent"].choices]
    assert "— — Chi bộ thôn Bản Chợ" in labels


def test_moving_a_node_takes_its_subtree_along(client, world):
    as_user(client, world.staff)
    province = add_organisation(client, "Tỉnh uỷ", kind="party_committee")
    district = add_organisation(client, "Huyện uỷ", province, "party_committee")
    cell = add_organisation(client, "Chi bộ Bản Chợ", district)
    # world.committee (Đảng bộ xã Yên Nguyên) has world.cell below it.
    response = move(client, world.committee, district)
    assert response.status_code == 302
    world.committee.refresh_from_db()
    world.cell.refresh_from_db()
    assert world.committee.get_parent() == district
    assert world.cell.get_parent() == world.committee and world.cell.depth == 4
    # Move a leaf back up to the top level.
    assert move(client, cell, None).status_code == 302
    cell.refresh_from_db()
    assert cell.is_root() and cell.depth == 1
    # treebeard's own consistency check finds nothing wrong.
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_moving_a_node_under_its_own_descendant_is_refused_with_a_message(client, world):
    as_user(client, world.staff)
    province = add_organisation(client, "Tỉnh uỷ", kind="party_committee")
    district = add_organisation(client, "Huyện uỷ", province, "party_committee")
    cell = add_organisation(client, "Chi bộ", district)
    before = list(Organisation.objects.order_by("path").values_list("name", "path"))

    response = move(client, province, cell)
    assert response.status_code == 200
    [error] = form_errors(response)["parent"]
    assert "Chi bộ" in error and "Tỉnh uỷ" in error
    response = move(client, province, province)
    assert form_errors(response)["parent"]
    assert list(Organisation.objects.order_by("path").values_list("name", "path")) == before


def test_renaming_keeps_siblings_in_name_order(client, world):
    as_user(client, world.staff)
    root = add_organisation(client, "Đảng bộ", kind="party_committee")
    for name in ["Chi bộ A", "Chi bộ B", "Chi bộ C"]:
        add_organisation(client, name, root)
    first = Organisation.objects.get(name="Chi bộ A")
    response = client.post(
        url("lms_organisations:edit", first.pk),
        {"name": "Chi bộ D", "kind": "party_cell", "place": "", "parent": root.pk},
    )
    assert response.status_code == 302
    children = [node.name for node in Organisation.objects.get(pk=root.pk).get_children()]
    assert children == ["Chi bộ B", "Chi bộ C", "Chi bộ D"]


def test_an_organisation_with_sub_organisations_is_not_deleted(client, world):
    as_user(client, world.staff)
    response = client.post(url("lms_organisations:delete", world.committee.pk))
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=world.committee.pk).exists()
    assert Organisation.objects.filter(pk=world.cell.pk).exists()
    response = client.get(response["Location"])
    assert any("sub-organisation" in message for message in messages_of(response))


# --- Centres ------------------------------------------------------------------------------


def test_staff_edit_the_centre(client, world):
    as_user(client, world.staff)
    response = client.post(
        url("lms_centres:edit", world.centre.pk),
        {
            "site": Site.objects.get(is_default_site=True).pk,
            "name": "Trường Chính trị tỉnh Tuyên Quang",
            "short_name": "Trường Chính trị",
            "issuing_authority": "Tỉnh uỷ Tuyên Quang",
            "signer_name": "Nguyễn Văn Bình",
            "signer_title": "Hiệu trưởng",
            "address": "Phường Minh Xuân",
            "issuing_body": "Trường Chính trị",
            "header_lines": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\nĐộc lập - Tự do - Hạnh phúc",
            "place_name": "Tuyên Quang",
            "name_order": "given",
        },
    )
    assert response.status_code == 302
    world.centre.refresh_from_db()
    assert world.centre.name_order == "given"
    assert world.centre.issuing_authority == "Tỉnh uỷ Tuyên Quang"
    head = world.centre.letterhead
    assert (head.parent_body, head.issuing_body) == ("TỈNH UỶ TUYÊN QUANG", "TRƯỜNG CHÍNH TRỊ")
    assert head.header_lines[-1] == "Độc lập - Tự do - Hạnh phúc"
    assert head.signatory_title == "Hiệu trưởng"


# --- Classes, sessions, lecturers --------------------------------------------------------


def class_data(world, **overrides):
    data = {
        "centre": world.centre.pk,
        "course": world.course.pk,
        "year": 2026,
        "number": "",
        "venue_kind": "cluster",
        "venue": "Cụm xã Kim Bình",
        "study_opens": "2026-03-01",
        "study_closes": "2026-04-15",
        "status": "planned",
        "capacity": "60",
    }
    data.update(overrides)
    return data


def test_a_new_class_gets_the_next_number_suggested_and_a_generated_title(client, world):
    as_user(client, world.staff)
    # World already has classes no. 1 and 2 of the course in 2026.
    response = client.get(url("lms_classes:add", course=world.course.pk, year=2026))
    form = response.context["form"]
    assert form["number"].value() == 3
    assert form["centre"].value() == world.centre.pk
    assert "next free" in form.fields["number"].help_text
    assert "title" not in form.fields

    response = client.post(url("lms_classes:add"), class_data(world))
    assert response.status_code == 302, form_errors(response)
    created = TrainingClass.objects.get(number=3, year=2026, course=world.course)
    assert created.title == created.make_title()
    assert "3/2026" in created.title
    assert created.venue == "Cụm xã Kim Bình"

    # The title is shown, read-only, on the class's page; it cannot be posted.
    response = client.get(url("lms_classes:edit", created.pk))
    assert created.title in response.content.decode()
    response = client.post(
        url("lms_classes:edit", created.pk),
        class_data(world, number=3, status="open", title="Sửa tiêu đề"),
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.status == "open" and created.title == created.make_title()


def test_a_taken_number_is_refused_with_the_next_free_one(client, world):
    as_user(client, world.staff)
    response = client.post(url("lms_classes:add"), class_data(world, number=2))
    assert response.status_code == 200
    [error] = form_errors(response)["number"]
    assert "2/2026" in error and "3" in error
    assert TrainingClass.objects.count() == 2


def test_the_study_window_must_be_in_order(client, world):
    as_user(client, world.staff)
    response = client.post(
        url("lms_classes:add"),
        class_data(world, study_opens="2026-05-01", study_closes="2026-04-01"),
    )
    assert form_errors(response)["study_closes"]


def test_staff_add_a_session_and_a_lecturer_from_the_class_page(client, world):
    as_user(client, world.staff)
    klass = world.klass
    page = client.get(url("lms_classes:edit", klass.pk)).content.decode()
    add_session = url("lms_sessions:add", training_class=klass.pk)
    add_lecturer = url("lms_class_lecturers:add", training_class=klass.pk)
    assert add_session.replace("&", "&amp;") in page or add_session in page
    assert add_lecturer in page

    form = client.get(add_session).context["form"]
    assert form["training_class"].value() == str(klass.pk)
    lesson = world.lessons[1]
    response = client.post(
        add_session,
        {
            "training_class": klass.pk,
            "date": f"{SOON:%d/%m/%Y}",
            "starts_at": "07:30",
            "ends_at": "11:00",
            "venue": "Hội trường Trung tâm",
            "kind": "discussion",
            "topic": lesson.pk,
            "lecturer": world.lecturer.pk,
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == url("lms_classes:edit", klass.pk) + "#sessions"
    session = ClassSession.objects.get(training_class=klass, date=SOON)
    assert session.topic_id == lesson.pk and session.kind == "discussion"

    second = make_user("giangvien3", "Giảng viên", first_name="Lê", last_name="Hà")
    response = client.post(
        add_lecturer, {"training_class": klass.pk, "user": second.pk, "kind": "part_time"}
    )
    assert response.status_code == 302, form_errors(response)
    assert ClassLecturer.objects.filter(
        training_class=klass, user=second, kind="part_time"
    ).exists()

    page = client.get(url("lms_classes:edit", klass.pk)).content.decode()
    assert f"{SOON:%d/%m/%Y}" in page and "Lê Hà" in page
    assert reverse("lms_attendance", args=[session.pk]) in page


def test_session_times_and_topic_are_checked(client, world):
    as_user(client, world.staff)
    other_lesson = world.other_course.get_children().first()
    response = client.post(
        url("lms_sessions:add"),
        {
            "training_class": world.klass.pk,
            "date": f"{SOON:%d/%m/%Y}",
            "starts_at": "11:00",
            "ends_at": "07:30",
            "venue": "Hội trường",
            "kind": "lecture",
            "topic": other_lesson.pk,
        },
    )
    errors = form_errors(response)
    assert errors["ends_at"] and errors["topic"]
    assert not ClassSession.objects.filter(date=SOON).exists()


def test_a_lecturer_is_assigned_once(client, world):
    as_user(client, world.staff)
    response = client.post(
        url("lms_class_lecturers:add"),
        {"training_class": world.klass.pk, "user": world.lecturer.pk, "kind": "full_time"},
    )
    assert response.status_code == 200
    assert "already lectures" in form_errors(response)["user"][0]
    assert ClassLecturer.objects.filter(training_class=world.klass).count() == 1


# --- Enrolments -----------------------------------------------------------------------------


def test_staff_enrol_a_learner_and_a_second_enrolment_is_refused(client, world):
    as_user(client, world.staff)
    newcomer = make_learner("hocvien3", world.cell, "Hoàng Văn Cường")
    add = url("lms_enrolments:add", training_class=world.klass.pk)
    assert client.get(add).context["form"]["training_class"].value() == str(world.klass.pk)
    data = {"training_class": world.klass.pk, "learner": newcomer.pk, "status": "active"}
    response = client.post(add, data)
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == url("lms_enrolments:index", training_class=world.klass.pk)
    assert Enrolment.objects.filter(training_class=world.klass, learner=newcomer).exists()

    response = client.post(add, data)
    assert response.status_code == 200
    [error] = form_errors(response)["learner"]
    assert "Hoàng Văn Cường" in error and "already enrolled" in error
    assert messages_of(response)  # the form-level "could not be created" message
    assert Enrolment.objects.filter(training_class=world.klass, learner=newcomer).count() == 1
    # The same learner may join another class.
    data["training_class"] = world.other_class.pk
    assert client.post(add, data).status_code == 302


def test_a_race_lost_to_the_database_constraint_returns_the_form(client, world, monkeypatch):
    """Two people enrolling the same learner at once: the form's check passes for both,
    the unique constraint refuses the second, who gets the form back."""
    from lms.admin.forms import EnrolmentForm

    # Both checks see no enrolment yet, as they would in a race.
    monkeypatch.setattr(EnrolmentForm, "clean", lambda form: form.cleaned_data)
    monkeypatch.setattr(Enrolment, "validate_constraints", lambda *args, **kwargs: None)
    as_user(client, world.staff)
    response = client.post(
        url("lms_enrolments:add"),
        {"training_class": world.klass.pk, "learner": world.learner.pk, "status": "active"},
    )
    assert response.status_code == 200
    assert "at the same moment" in str(response.context["form"].non_field_errors())
    assert Enrolment.objects.filter(training_class=world.klass, learner=world.learner).count() == 1


def test_a_full_class_takes_no_more_learners(client, world):
    as_user(client, world.staff)
    TrainingClass.objects.filter(pk=world.klass.pk).update(capacity=1)
    newcomer = make_learner("hocvien3", world.cell)
    response = client.post(
        url("lms_enrolments:add"),
        {"training_class": world.klass.pk, "learner": newcomer.pk, "status": "active"},
    )
    assert "full" in form_errors(response)["training_class"][0]


# --- Learners -------------------------------------------------------------------------------


def test_staff_add_a_learner_with_a_log_in_account(client, world):
    as_user(client, world.staff)
    response = client.post(
        url("lms_learners:add"),
        {
            "full_name": "Ma Thị Dung",
            "date_of_birth": "1990-05-02",
            "gender": "female",
            "ethnicity": "Tày",
            "organisation": world.cell.pk,
            "category": "elite_masses",
            "position": "Bí thư chi đoàn",
            "phone": "0912 345 678",
            "username": "",
        },
    )
    assert response.status_code == 302, form_errors(response)
    profile = LearnerProfile.objects.get(full_name="Ma Thị Dung")
    assert profile.phone == "0912345678"
    assert profile.user.username == "0912345678"
    assert not profile.user.has_usable_password()
    # Like an imported learner: a one-time password on a slip, changed at first log-in.
    assert profile.user.login_slip.password
    assert profile.user.login_slip.created_by == world.staff
    profile.refresh_from_db()
    assert profile.must_change_password
    assert profile.user.groups.filter(name=LEARNERS).exists()
    assert profile.user.get_full_name() == "Ma Thị Dung"

    # The phone number is taken now: the next learner with it gets a generated code.
    response = client.post(
        url("lms_learners:add"),
        {"full_name": "Ma Văn Đức", "phone": "0912345678", "category": "other", "username": ""},
    )
    assert response.status_code == 302, form_errors(response)
    assert LearnerProfile.objects.get(full_name="Ma Văn Đức").user.username.startswith("hv")


def test_learners_are_searched_by_name_or_phone_and_filtered(client, world):
    as_user(client, world.staff)
    LearnerProfile.objects.filter(pk=world.learner.pk).update(phone="0987654321")
    other_branch = Organisation.add_root(name="Huyện đoàn", kind="mass_organisation")
    youth = make_learner("doanvien", other_branch, "Phạm Thị Yến")
    LearnerProfile.objects.filter(pk=youth.pk).update(category="youth_union")

    def names(**query):
        response = client.get(url("lms_learners:index", **query))
        assert response.status_code == 200
        return {row.full_name for row in response.context["object_list"]}

    assert names(q="Bình") == {"Lê Thị Bình"}
    assert names(q="0987654") == {"Nguyễn Văn An"}
    # The organisation filter includes the organisations below the one chosen.
    assert names(organisation=world.committee.pk) == {"Nguyễn Văn An", "Lê Thị Bình"}
    assert names(category="youth_union") == {"Phạm Thị Yến"}


# --- Who sees what ----------------------------------------------------------------------


def menu_urls(client) -> set[str]:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return set(re.findall(r'"(/admin/training/[^"]*)"', json.dumps(json.loads(props))))


def test_menu_items_follow_permissions(client, world):
    every = {
        "/admin/training/classes/",
        "/admin/training/sessions/",
        "/admin/training/enrolments/",
        "/admin/training/learners/",
        "/admin/training/organisations/",
        "/admin/training/centres/",
        "/admin/training/centre-memberships/",
    }
    as_user(client, world.staff)
    assert menu_urls(client) == every
    as_user(client, world.lecturer)
    assert menu_urls(client) == {
        "/admin/training/classes/",
        "/admin/training/sessions/",
        "/admin/training/learners/",
    }


@pytest.mark.parametrize(
    "name", ["lms_classes", "lms_sessions", "lms_learners", "lms_enrolments", "lms_centres"]
)
@pytest.mark.parametrize("persona", ["anonymous", "learner"])
def test_learners_and_visitors_have_no_admin_access(client, world, persona, name):
    as_user(client, world.personas[persona])
    response = client.get(url(f"{name}:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_lecturer_sees_and_edits_only_their_own_classes(client, world):
    as_user(client, world.lecturer)
    listed = client.get(url("lms_classes:index")).context["object_list"]
    assert [klass.pk for klass in listed] == [world.klass.pk]
    assert client.get(url("lms_classes:edit", world.other_class.pk)).status_code == 404
    assert client.post(url("lms_classes:edit", world.other_class.pk), {}).status_code == 404
    assert client.get(url("lms_classes:history", world.other_class.pk)).status_code == 404

    response = client.get(url("lms_classes:edit", world.klass.pk))
    assert response.status_code == 200
    form = response.context["form"]
    # Course, centre, year and number are staff's decisions.
    assert {"centre", "course", "year", "number"}.isdisjoint(form.fields)
    response = client.post(
        url("lms_classes:edit", world.klass.pk),
        {
            "venue_kind": "centre",
            "venue": "Phòng học số 2",
            "study_opens": "",
            "study_closes": "",
            "status": "in_session",
            "capacity": "",
        },
    )
    assert response.status_code == 302, form_errors(response)
    world.klass.refresh_from_db()
    assert world.klass.status == "in_session" and world.klass.venue == "Phòng học số 2"
    # A lecturer neither creates nor deletes classes.
    assert client.get(url("lms_classes:add")).status_code == 302
    assert client.post(url("lms_classes:delete", world.klass.pk)).status_code in (302, 404)
    assert TrainingClass.objects.filter(pk=world.klass.pk).exists()


def test_a_lecturer_adds_sessions_only_to_their_classes(client, world):
    as_user(client, world.lecturer)
    form = client.get(url("lms_sessions:add")).context["form"]
    assert list(form.fields["training_class"].queryset) == [world.klass]
    data = {
        "training_class": world.other_class.pk,
        "date": f"{SOON:%d/%m/%Y}",
        "starts_at": "07:30",
        "ends_at": "11:00",
        "venue": "Hội trường",
        "kind": "lecture",
    }
    response = client.post(url("lms_sessions:add"), data)
    assert "training_class" in form_errors(response)
    assert (
        client.post(url("lms_sessions:add"), {**data, "training_class": world.klass.pk}).status_code
        == 302
    )
    other_session = ClassSession.objects.create(
        training_class=world.other_class,
        date=timezone.localdate(),
        starts_at="07:30",
        ends_at="11:00",
        venue="Hội trường",
    )
    assert client.get(url("lms_sessions:edit", other_session.pk)).status_code == 404
    listed = client.get(url("lms_sessions:index")).context["object_list"]
    assert {session.training_class_id for session in listed} == {world.klass.pk}


def test_a_lecturer_reads_only_the_learners_of_their_classes(client, world):
    as_user(client, world.lecturer)
    listed = client.get(url("lms_learners:index")).context["object_list"]
    assert [profile.pk for profile in listed] == [world.learner.pk]
    response = client.get(url("lms_learners:inspect", world.learner.pk))
    assert response.status_code == 200 and "Nguyễn Văn An" in response.content.decode()
    assert client.get(url("lms_learners:inspect", world.other_learner.pk)).status_code == 404
    # Read-only: no editing, no adding.
    for address in [url("lms_learners:edit", world.learner.pk), url("lms_learners:add")]:
        response = client.get(address)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    "address",
    [
        lambda w: url("lms_enrolments:index"),
        lambda w: url("lms_organisations:index"),
        lambda w: url("lms_centres:index"),
        lambda w: url("lms_class_lecturers:add", training_class=w.klass.pk),
    ],
)
def test_a_lecturer_cannot_open_staff_screens(client, world, address):
    as_user(client, world.lecturer)
    response = client.get(address(world))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_deleting_a_learner_with_enrolments_is_refused_with_a_message(client, world):
    as_user(client, world.staff)
    response = client.post(url("lms_learners:delete", world.learner.pk))
    assert response.status_code == 302
    assert LearnerProfile.objects.filter(pk=world.learner.pk).exists()
    messages = messages_of(client.get(response["Location"]))
    assert any("cannot be deleted" in message for message in messages)


# --- Constant queries --------------------------------------------------------------------------


# Pinned: the session and user, permissions, the admin menu, the count and the page of
# classes with their course, centre and counts (one query).
PINNED_CLASS_LISTING_QUERIES = 11


def listing_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_the_class_listing_runs_a_constant_number_of_queries(client, world):
    as_user(client, world.staff)
    address = url("lms_classes:index")
    client.get(address)  # warm the permission caches of the session's user load
    two = listing_queries(client, address)
    for number in range(18):
        klass = make_class(world.centre, world.other_course, year=2025)
        ClassLecturer.objects.create(training_class=klass, user=world.lecturer)
        Enrolment.objects.create(training_class=klass, learner=world.learner)
        ClassSession.objects.create(
            training_class=klass,
            date=timezone.localdate() - timedelta(days=number),
            starts_at="07:30",
            ends_at="11:00",
            venue="Hội trường",
        )
    assert TrainingClass.objects.count() == 20
    twenty = listing_queries(client, address)
    assert two == twenty
    assert twenty == PINNED_CLASS_LISTING_QUERIES, twenty
    # A lecturer's listing is constant too.
    as_user(client, world.lecturer)
    assert len(client.get(address).context["object_list"]) == 19
    assert listing_queries(client, address) <= twenty


def test_the_session_and_learner_listings_run_a_constant_number_of_queries(client, world):
    as_user(client, world.staff)
    addresses = [url("lms_sessions:index"), url("lms_learners:index"), url("lms_enrolments:index")]
    client.get(addresses[0])  # the first request of a session loads more
    before = [listing_queries(client, address) for address in addresses]
    for number in range(15):
        profile = make_learner(f"them{number}", world.cell, f"Học viên thêm {number}")
        Enrolment.objects.create(training_class=world.klass, learner=profile)
        ClassSession.objects.create(
            training_class=world.klass,
            date=timezone.localdate() - timedelta(days=number),
            starts_at="07:30",
            ends_at="11:00",
            venue="Hội trường",
            lecturer=world.lecturer,
        )
    after = [listing_queries(client, address) for address in addresses]
    assert before == after


def test_centre_is_one_per_site(world):
    assert Centre.objects.count() == 1


def test_lecturers_and_staff_can_build_question_banks_and_grade(world):
    for user in (world.lecturer, world.staff):
        assert user.has_perm("quizzes.add_question")
        assert user.has_perm("quizzes.change_answer")
    assert world.staff.has_perm("quizzes.delete_question")
    assert not world.lecturer.has_perm("quizzes.delete_question")
    assert not world.learner.user.has_perm("quizzes.add_question")
