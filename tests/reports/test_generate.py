"""The province data set generator, run tiny on the test database."""

import pytest
from django.core.management import CommandError, call_command

from lms.models import Attendance, Centre, Enrolment, LearnerProfile, LessonProgress, TrainingClass
from lms.reports import figures
from lms.reports.models import PlanLine
from quizzes.models import Attempt

pytestmark = pytest.mark.django_db


def test_generate_province_writes_the_counts_asked_for(home):
    call_command("generate_province", scale=0.001)
    assert Centre.objects.count() == 1
    assert LearnerProfile.objects.filter(user__username__startswith="tinh-").count() == 100
    assert TrainingClass.objects.count() == 4
    assert Enrolment.objects.count() == 400
    assert (
        LessonProgress.objects.exists()
        or not TrainingClass.objects.exclude(status="planned").exists()
    )
    assert Attendance.objects.count() <= 400 * 3
    assert Attempt.objects.filter(context__startswith="class:").count() <= 400
    assert PlanLine.objects.exists()
    # Issue 14: the plan, the organisations and the learners are each centre's.
    assert not PlanLine.objects.filter(centre__isnull=True).exists()
    assert not LearnerProfile.objects.filter(centre__isnull=True).exists()
    from lms.models import Organisation

    assert not Organisation.objects.filter(centre__isnull=True).exists()
    # The reports read it: every enrolment of the generated years is counted once.
    total = sum(row.enrolled for row in figures.class_completion(figures.Filters()))
    assert total == 400
    # New rows after the generated ids work (the id counters moved past them).
    TrainingClass.objects.create(
        centre=Centre.objects.get(),
        course=TrainingClass.objects.first().course,
        year=2030,
        number=0,
    )


def test_generate_province_refuses_to_run_twice(home):
    call_command("generate_province", scale=0.001)
    with pytest.raises(CommandError):
        call_command("generate_province", scale=0.001)
    with pytest.raises(CommandError):
        call_command("generate_province", scale=0)
