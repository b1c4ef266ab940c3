"""The register of an in-person session: recording marks, refusing what does not belong
to the session, who may open it, the attendance rate, and constant queries."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.attendance import AttendanceRefused, record_attendance, register
from lms.models import Attendance, ClassSession, Enrolment

from .personas import make_learner

pytestmark = pytest.mark.django_db

PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"


@pytest.fixture(autouse=True)
def english_admin(source_language):
    """These tests read the admin's messages in English (the source language); the
    Vietnamese catalogue is checked by rendering elsewhere."""


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def add_session(training_class, days_ago=0, **fields):
    return ClassSession.objects.create(
        training_class=training_class,
        date=timezone.localdate() - timedelta(days=days_ago),
        starts_at=time(7, 30),
        ends_at=time(11, 0),
        venue=fields.pop("venue", "Hội trường Trung tâm"),
        **fields,
    )


def enrol(world, count, training_class=None):
    enrolments = []
    for number in range(count):
        profile = make_learner(f"hv{number:03d}", world.cell, f"Học viên số {number:03d}")
        enrolments.append(
            Enrolment.objects.create(training_class=training_class or world.klass, learner=profile)
        )
    return enrolments


@pytest.fixture
def today(world):
    """A session held today in the lecturer's class, with three learners."""
    session = add_session(world.klass, 0, lecturer=world.lecturer)
    world.extra = enrol(world, 2)
    return session


def register_url(session):
    return reverse("lms_attendance", args=[session.pk])


def post_marks(client, session, marks, *, session_field=None):
    data = {"session": session_field or session.pk}
    data.update({f"mark-{enrolment_id}": status for enrolment_id, status in marks.items()})
    return client.post(register_url(session), data)


def stored(session):
    return dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))


# --- Recording ------------------------------------------------------------------------------


def test_the_lecturer_records_marks_and_sees_them_again(client, world, today):
    as_user(client, world.lecturer)
    response = client.get(register_url(today))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["Nguyễn Văn An", "Học viên số 000", "Học viên số 001"]:
        assert name in html
    assert html.count('type="radio"') == 9
    assert "checked" not in html  # nothing recorded yet, nothing pre-selected

    first, second = world.extra
    marks = {world.enrolment.pk: PRESENT, first.pk: EXCUSED, second.pk: ABSENT}
    response = post_marks(client, today, marks)
    assert response.status_code == 302 and response["Location"] == register_url(today)
    assert stored(today) == marks
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {world.lecturer.pk}

    html = client.get(register_url(today)).content.decode()
    assert (
        f'id="mark-{world.enrolment.pk}-present" name="mark-{world.enrolment.pk}" value="present" checked'
        in html
    )
    assert 'value="excused" checked' in html and 'value="absent" checked' in html


def test_saving_again_updates_and_never_duplicates(client, world, today):
    as_user(client, world.lecturer)
    first, second = world.extra
    post_marks(client, today, {world.enrolment.pk: PRESENT, first.pk: ABSENT})
    original = Attendance.objects.get(session=today, enrolment=world.enrolment)

    as_user(client, world.staff)
    response = post_marks(
        client, today, {world.enrolment.pk: PRESENT, first.pk: EXCUSED, second.pk: PRESENT}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=today).count() == 3
    assert stored(today) == {world.enrolment.pk: PRESENT, first.pk: EXCUSED, second.pk: PRESENT}
    # An unchanged mark keeps who recorded it; a changed one names who changed it.
    unchanged = Attendance.objects.get(pk=original.pk)
    assert unchanged.recorded_by == world.lecturer
    assert Attendance.objects.get(session=today, enrolment=first).recorded_by == world.staff


def test_the_domain_function_is_idempotent(world, today):
    marks = {world.enrolment.pk: PRESENT, world.extra[0].pk: ABSENT}
    assert record_attendance(today, marks, world.lecturer) == 2
    assert record_attendance(today, marks, world.lecturer) == 0
    assert record_attendance(today, {str(world.enrolment.pk): ABSENT}, world.staff) == 1
    assert Attendance.objects.count() == 2


def test_prefill_marks_the_unrecorded_present_without_saving(client, world, today):
    as_user(client, world.lecturer)
    record_attendance(today, {world.enrolment.pk: ABSENT}, world.lecturer)
    html = client.get(register_url(today) + "?prefill=present").content.decode()
    assert html.count('value="present" checked') == 2
    assert f'name="mark-{world.enrolment.pk}" value="absent" checked' in html
    assert Attendance.objects.count() == 1


# --- Refusals: nothing is stored ----------------------------------------------------------


def test_an_enrolment_of_another_class_is_refused_and_nothing_is_stored(client, world, today):
    as_user(client, world.staff)
    stranger = Enrolment.objects.get(training_class=world.other_class)
    response = post_marks(client, today, {world.enrolment.pk: PRESENT, stranger.pk: PRESENT})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The attendance was not saved." in html and str(stranger.pk) in html
    assert Attendance.objects.count() == 0


def test_a_register_posted_for_another_session_is_refused(client, world, today):
    as_user(client, world.staff)
    other_session = add_session(world.other_class, 0)
    # The form of this class's session, sent to another class's session address.
    response = post_marks(client, other_session, {world.enrolment.pk: PRESENT})
    assert response.status_code == 400
    # The register of one session, sent with another session's number.
    response = post_marks(
        client, today, {world.enrolment.pk: PRESENT}, session_field=other_session.pk
    )
    assert response.status_code == 400
    assert "another session" in response.content.decode()
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("status", ["late", "", "PRESENT"])
def test_an_unknown_status_is_refused(client, world, today, status):
    as_user(client, world.lecturer)
    response = post_marks(client, today, {world.enrolment.pk: PRESENT, world.extra[0].pk: status})
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_a_withdrawn_learner_and_a_malformed_key_are_refused(client, world, today):
    as_user(client, world.lecturer)
    Enrolment.objects.filter(pk=world.extra[0].pk).update(status="withdrawn")
    assert post_marks(client, today, {world.extra[0].pk: PRESENT}).status_code == 400
    response = client.post(register_url(today), {"session": today.pk, "mark-abc": PRESENT})
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_a_future_session_shows_the_list_but_takes_no_marks(client, world):
    as_user(client, world.lecturer)
    # world.session is three days ahead.
    response = client.get(register_url(world.session))
    assert response.status_code == 200
    assert "Attendance can be recorded from that day" in response.content.decode()
    assert post_marks(client, world.session, {world.enrolment.pk: PRESENT}).status_code == 400
    with pytest.raises(AttendanceRefused):
        record_attendance(world.session, {world.enrolment.pk: PRESENT}, world.staff)
    assert Attendance.objects.count() == 0


# --- Who may open it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", "login"),
        ("learner", "login"),  # learners have no admin access at all
        ("other learner", "login"),
        ("other lecturer", 404),
        ("lecturer", 200),
        ("staff", 200),
    ],
)
def test_access_matrix(client, world, today, persona, expected):
    as_user(client, world.personas[persona])
    for response in [
        client.get(register_url(today)),
        post_marks(client, today, {world.enrolment.pk: PRESENT}),
    ]:
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
        elif expected == 200:
            assert response.status_code in (200, 302)
        else:
            assert response.status_code == expected
    recorded = Attendance.objects.filter(session=today).exists()
    assert recorded == (expected == 200)


def test_an_unknown_session_is_not_found(client, world):
    as_user(client, world.staff)
    assert client.get(reverse("lms_attendance", args=[999999])).status_code == 404


def test_the_register_is_linked_from_the_class_and_the_session_listing(client, world, today):
    as_user(client, world.lecturer)
    class_page = client.get(reverse("lms_classes:edit", args=[world.klass.pk]))
    assert register_url(today) in class_page.content.decode()
    listing = client.get(reverse("lms_sessions:index"))
    assert register_url(today) in listing.content.decode()


# --- The attendance rate ----------------------------------------------------------------------


def test_each_learner_shows_their_rate_over_the_sessions_held_so_far(client, world, today):
    earlier = add_session(world.klass, 7)
    record_attendance(earlier, {world.enrolment.pk: PRESENT, world.extra[0].pk: ABSENT}, None)
    record_attendance(today, {world.enrolment.pk: PRESENT, world.extra[0].pk: PRESENT}, None)
    # world.session, three days ahead, is not held yet: it does not count.
    rows = {row.pk: row for row in register(today)}
    assert rows[world.enrolment.pk].present == 2
    assert rows[world.extra[0].pk].present == 1
    assert rows[world.extra[1].pk].present == 0
    assert rows[world.enrolment.pk].mark == PRESENT and rows[world.extra[1].pk].mark is None

    as_user(client, world.staff)
    html = client.get(register_url(today)).content.decode()
    assert "2/2" in html and "(100%)" in html
    assert "1/2" in html and "(50%)" in html
    assert "0/2" in html and "(0%)" in html


# --- Constant queries -----------------------------------------------------------------------------


# Pinned: a change here is a regression to explain, not a number to update. Of these,
# four are the register's own (the session, "is a lecturer of", the learners with their
# marks and rates, the sessions held); the rest are the session, the user, permissions
# and the admin menu. A lecturer's check costs one more query than staff's.
PINNED_REGISTER_QUERIES = {"staff": 11, "lecturer": 12}


def register_queries(client, session) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(register_url(session))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["staff", "lecturer"])
def test_the_register_runs_a_constant_number_of_queries(client, world, persona):
    session = add_session(world.klass, 0)
    earlier = add_session(world.klass, 7)
    as_user(client, world.personas[persona])
    enrolments = [world.enrolment, *enrol(world, 9)]
    record_attendance(earlier, {e.pk: PRESENT for e in enrolments}, None)
    record_attendance(session, {e.pk: ABSENT for e in enrolments[:5]}, None)
    client.get(register_url(session))  # the session's first request loads more
    ten = register_queries(client, session)

    more = [
        Enrolment.objects.create(
            training_class=world.klass,
            learner=make_learner(f"them{number}", world.cell, f"Học viên thêm {number}"),
        )
        for number in range(50)
    ]
    record_attendance(earlier, {e.pk: EXCUSED for e in more}, None)
    record_attendance(session, {e.pk: PRESENT for e in more[:25]}, None)
    assert Enrolment.objects.filter(training_class=world.klass).count() == 60
    sixty = register_queries(client, session)
    assert ten == sixty
    assert sixty == PINNED_REGISTER_QUERIES[persona]
