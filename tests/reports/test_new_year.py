"""A class that spans New Year (issue 18): each completion and its certificate count in
the year they happened, the same in the annual report, the admin home's figures and the
register; the annual report's headline is printed once."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.certificates import issuing
from lms.certificates.models import CompletionRecord
from lms.models import Enrolment, TrainingClass
from lms.reports.dashboard import dashboard
from lms.reports.views import annual_figures

from ..lms.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_year(db):
    world = World()
    klass = world.klass  # a class of 2026
    TrainingClass.objects.filter(pk=klass.pk).update(
        year=2026, study_opens=date(2026, 12, 15), study_closes=date(2027, 1, 10)
    )
    second = Enrolment.objects.create(training_class=klass, learner=world.other_learner)
    why = "Hoàn thành theo biên bản của lớp"
    world.december, _ = issuing.issue(
        world.enrolment, by=world.staff, override_reason=why, today=date(2026, 12, 30)
    )
    world.january, _ = issuing.issue(
        second, by=world.staff, override_reason=why, today=date(2027, 1, 5)
    )
    return world


def program_row(world, year):
    report = annual_figures(year)
    rows = {row.pk: row for row in report["programs"]}
    return rows[world.course.program_id], report


def test_each_completion_counts_in_the_year_it_happened_everywhere(new_year, client):
    world = new_year
    # The register: one certificate in each year's book.
    assert (world.december.year, world.january.year) == (2026, 2027)
    for record in (world.december, world.january):
        completed = Enrolment.objects.get(pk=record.enrolment_id).completed_at
        assert timezone.localdate(completed) == record.issued_on  # one date for both

    # The annual report.
    row, report = program_row(world, 2026)
    assert (row.classes, row.completed, row.certificates) == (2, 1, 1)  # the World has two
    assert (report["totals"]["completed"], report["totals"]["certificates"]) == (1, 1)
    row, report = program_row(world, 2027)
    assert (row.classes, row.completed, row.certificates) == (0, 1, 1)

    # The admin home's figures.
    for year, month in ((2026, 12), (2027, 1)):
        data = dashboard(year)
        assert (data["completed"], data["certificates"]) == (1, 1), year
        assert dict(data["months"])[month] == 1

    # The register screen, year by year.
    client.force_login(world.staff)
    register = reverse("lms_certificates_register")
    for year, shown, hidden in (
        (2026, world.december, world.january),
        (2027, world.january, world.december),
    ):
        page = client.get(register, {"centre": world.centre.pk, "year": year}).content.decode()
        assert shown.register_number in page and hidden.register_number not in page
    assert CompletionRecord.objects.filter(year=2026, status="valid").count() == 1


def test_revoked_completion_leaves_the_year_it_was_counted_in(new_year):
    issuing.revoke(new_year.december, by=new_year.staff, reason="Sai sót")
    row, _ = program_row(new_year, 2026)  # the class of 2026 keeps the row
    assert (row.classes, row.completed, row.certificates) == (2, 0, 0)
    assert dashboard(2026)["certificates"] == 0
    assert dashboard(2027)["certificates"] == 1


def test_the_annual_headline_is_printed_once(new_year, client):
    client.force_login(new_year.staff)
    url = reverse("lms_reports:annual")
    headline = annual_figures(2026)["headline"]
    for query in ({"year": 2026}, {"year": 2026, "print": 1}):
        page = client.get(url, query).content.decode()
        assert page.count(headline) == 1, query
