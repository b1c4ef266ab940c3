"""The class and organisation filters are choosers, not <select>s: the enrolment list and
the completion report filtered by class and organisation cost the same queries, and
carry no option per class or organisation, with 5 or with 4,000 of each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import Organisation, TrainingClass

from .personas import World

pytestmark = pytest.mark.django_db


def add_many(world, count):
    """``count`` more classes and organisations (bulk, as a province's data would be)."""
    start = TrainingClass.objects.count() + 1
    TrainingClass.objects.bulk_create(
        TrainingClass(
            centre=world.centre,
            course=world.other_course,
            year=2025,
            number=start + n,
            title=f"Lớp {start + n}/2025",
            status=TrainingClass.Status.FINISHED,
            venue_kind=TrainingClass.Venue.CENTRE,
        )
        for n in range(count)
    )
    roots = Organisation.get_root_nodes().count()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Chi bộ {n}",
            kind="party_cell",
            path=Organisation._get_path(None, 1, roots + n + 1),
            depth=1,
            numchild=0,
        )
        for n in range(count)
    )


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode().count("<option")


@pytest.mark.parametrize(
    "address",
    [
        lambda w: reverse("lms_enrolments:index") + f"?training_class={w.klass.pk}",
        lambda w: reverse("lms_learners:index") + f"?organisation={w.committee.pk}",
        lambda w: (
            reverse("lms_reports:class_completion")
            + f"?training_class={w.klass.pk}&organisation={w.committee.pk}"
        ),
    ],
    ids=["enrolments", "learners", "class completion report"],
)
def test_class_and_organisation_filters_stay_small_and_constant(client, address):
    world = World()
    client.force_login(world.staff)
    url = address(world)
    measure(client, url)  # the first request fills the session's and Wagtail's caches
    few = measure(client, url)
    add_many(world, 4000)
    many = measure(client, url)
    assert many == few
    assert many[1] < 60  # options of the other filters only
