"""Class observations (dự giờ): a lecturer records one in the admin; the observer, the
observed lecturer and staff see it; nobody else does."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from lms.evaluation.models import Observation
from lms.models import ClassSession
from lms.roles import LECTURERS

from ..lms.personas import make_user

pytestmark = pytest.mark.django_db

SCORES = {
    "content_score": 5,
    "method_score": 4,
    "practice_score": 4,
    "time_score": 3,
    "manner_score": 5,
}


@pytest.fixture
def observed_session(world):
    """A session of the other class, taught by the other lecturer."""
    return ClassSession.objects.create(
        training_class=world.other_class,
        date=timezone.localdate() - timedelta(days=2),
        starts_at=time(13, 30),
        ends_at=time(16, 30),
        venue="Nhà văn hoá xã Kim Bình",
        lecturer=world.other_lecturer,
    )


@pytest.fixture
def observation(world, observed_session):
    return Observation.objects.create(
        observer=world.lecturer,
        observed=world.other_lecturer,
        session=observed_session,
        date=observed_session.date,
        strengths="Bài giảng sinh động, nhiều ví dụ ở cơ sở.",
        suggestions="Dành thêm thời gian cho thảo luận nhóm.",
        **SCORES,
    )


def form_data(session, person, **changes):
    data = {
        "observed": person.pk,
        "session": session.pk,
        "date": session.date.isoformat(),
        "strengths": "Chuẩn bị kỹ.",
        "suggestions": "",
        **SCORES,
    }
    data.update(changes)
    return data


ADD = "lms_evaluation_observations:add"
INDEX = "lms_evaluation_observations:index"


def test_lecturer_records_an_observation(client, world, observed_session):
    client.force_login(world.lecturer)
    response = client.post(reverse(ADD), form_data(observed_session, world.other_lecturer))
    assert response.status_code == 302, response.context["form"].errors
    observation = Observation.objects.get()
    assert observation.observer == world.lecturer  # always the person recording it
    assert observation.observed == world.other_lecturer
    assert observation.average == pytest.approx(21 / 5)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"content_score": 6}, "content_score"),
        ({"time_score": 0}, "time_score"),
        ({"method_score": ""}, "method_score"),
        ({"observed": "self"}, "observed"),
        ({"observed": "not teaching"}, "observed"),
    ],
    ids=["score above 5", "score below 1", "missing score", "oneself", "not teaching"],
)
def test_bad_observations_are_refused(client, world, observed_session, changes, field):
    if changes.get("observed") == "self":
        changes["observed"] = world.lecturer.pk
    elif changes.get("observed") == "not teaching":
        outsider = make_user("giangvien9", LECTURERS, is_staff=True)
        changes["observed"] = outsider.pk
    client.force_login(world.lecturer)
    response = client.post(
        reverse(ADD), form_data(observed_session, world.other_lecturer, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Observation.objects.exists()


def visible_to(client, user):
    client.force_login(user)
    response = client.get(reverse(INDEX))
    if response.status_code != 200:
        return None
    return list(response.context["object_list"])


def test_who_sees_an_observation(client, world, observation):
    third = make_user("giangvien3", LECTURERS, is_staff=True)
    assert visible_to(client, world.lecturer) == [observation]  # the observer
    assert visible_to(client, world.other_lecturer) == [observation]  # the observed
    assert visible_to(client, world.staff) == [observation]  # staff, the director
    assert visible_to(client, third) == []  # another lecturer
    assert visible_to(client, world.learner.user) is None  # learners: no admin at all
    assert visible_to(client, world.other_learner.user) is None


def test_another_lecturer_cannot_open_it(client, world, observation):
    third = make_user("giangvien3", LECTURERS, is_staff=True)
    client.force_login(third)
    for name in ("inspect", "edit", "delete"):
        response = client.get(reverse(f"lms_evaluation_observations:{name}", args=[observation.pk]))
        assert response.status_code in (302, 403, 404), name
        assert "Bài giảng sinh động" not in response.content.decode()


def test_observed_lecturer_reads_but_cannot_change_it(client, world, observation):
    client.force_login(world.other_lecturer)
    inspect = client.get(reverse("lms_evaluation_observations:inspect", args=[observation.pk]))
    assert inspect.status_code == 200
    assert "Bài giảng sinh động" in inspect.content.decode()
    edit = client.post(
        reverse("lms_evaluation_observations:edit", args=[observation.pk]),
        form_data(observation.session, world.other_lecturer, content_score=1),
    )
    assert edit.status_code in (302, 403, 404)
    observation.refresh_from_db()
    assert observation.content_score == 5


def test_observer_edits_and_staff_delete(client, world, observation):
    client.force_login(world.lecturer)
    response = client.post(
        reverse("lms_evaluation_observations:edit", args=[observation.pk]),
        form_data(observation.session, world.other_lecturer, content_score=3),
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.content_score == 3
    client.force_login(world.staff)
    response = client.post(reverse("lms_evaluation_observations:delete", args=[observation.pk]))
    assert response.status_code == 302
    assert not Observation.objects.exists()


def test_staff_without_the_permission_see_none(client, world, observation):
    clerk = make_user("vanthu", is_staff=True)
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert visible_to(client, clerk) is None
    # a lecturers' group that lost the permission sees none either
    group = Group.objects.get(name=LECTURERS)
    group.permissions.remove(
        Permission.objects.get(codename="view_observation"),
        Permission.objects.get(codename="change_observation"),
        Permission.objects.get(codename="add_observation"),
    )
    assert visible_to(client, world.lecturer) is None
