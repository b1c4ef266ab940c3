"""A small data set whose figures are computed by hand in the tests.

2026, program "nhận thức về Đảng" (World's course, 3 required lessons, plus a quiz):
- klass (open): learner (cell) completed; an (cell) not, 2 lessons, present at the one
  past session, passed the quiz; binh (committee itself, party member) completed;
  cuong (farmers' association) not, absent; duong (cell) completed but withdrawn.
- other_class (open): other_learner (cell) not completed.
2025: old_class (finished): em (farmers' association) completed on 10/01/2026.
Plan 2026: nhận thức 4 classes / 10 learners; sơ cấp 2 classes / 60 learners.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from lessons.models import ProgramType
from lms.models import (
    Attendance,
    ClassSession,
    Enrolment,
    LessonProgress,
    Organisation,
    TrainingClass,
)
from lms.reports.models import PlanLine
from quizzes.models import Attempt, QuizPage

from ..factories import publish
from ..lms.personas import World, make_class, make_learner, make_user

COMPLETED = datetime(2026, 6, 1, 3, tzinfo=UTC)


class ReportWorld(World):
    def __init__(self):
        super().__init__()
        self.farmers = Organisation.add_root(name="Hội Nông dân xã", kind="mass_organisation")
        # Siblings are kept in name order: the new root moved the others' paths.
        self.committee.refresh_from_db()
        self.cell.refresh_from_db()
        self.old_class = make_class(
            self.centre, self.course, year=2025, status=TrainingClass.Status.FINISHED
        )
        self.an = make_learner("an", self.cell, "Trần Văn An")
        self.binh = make_learner("binh", self.committee, "Phạm Thị Bình")
        self.binh.category = "party_member"
        self.binh.save()
        self.cuong = make_learner("cuong", self.farmers, "Hoàng Văn Cường")
        self.duong = make_learner("duong", self.cell, "Vũ Văn Dương")
        self.em = make_learner("em", self.farmers, "Đỗ Thị Em")
        klass = self.klass
        Enrolment.objects.filter(pk=self.enrolment.pk).update(completed_at=COMPLETED)
        self.e_an = Enrolment.objects.create(training_class=klass, learner=self.an)
        Enrolment.objects.create(training_class=klass, learner=self.binh, completed_at=COMPLETED)
        self.e_cuong = Enrolment.objects.create(training_class=klass, learner=self.cuong)
        Enrolment.objects.create(
            training_class=klass,
            learner=self.duong,
            completed_at=COMPLETED,
            status=Enrolment.Status.WITHDRAWN,
        )
        Enrolment.objects.create(
            training_class=self.old_class,
            learner=self.em,
            completed_at=datetime(2026, 1, 10, 3, tzinfo=UTC),
        )
        now = timezone.now()
        for lesson in self.lessons[:2]:
            LessonProgress.objects.create(
                enrolment=self.e_an,
                lesson=lesson,
                first_viewed_at=now,
                last_seen_at=now,
                completed_at=now,
            )
        past = ClassSession.objects.create(
            training_class=klass,
            date=timezone.localdate() - timedelta(days=2),
            starts_at=time(7, 30),
            ends_at=time(11),
            venue="Hội trường",
        )
        Attendance.objects.create(session=past, enrolment=self.e_an, status="present")
        Attendance.objects.create(session=past, enrolment=self.e_cuong, status="absent")
        self.quiz = publish(
            self.course.add_child(instance=QuizPage(title="Kiểm tra cuối khoá", slug="kiem-tra"))
        )
        for user, score, number in ((self.an.user, 6, 1), (self.cuong.user, 3, 1)):
            Attempt.objects.create(
                quiz=self.quiz,
                user=user,
                context=f"class:{klass.pk}",
                number=number,
                state=Attempt.State.GRADED,
                seed=1,
                started_at=now,
                submitted_at=now,
                graded_at=now,
                max_points=Decimal(10),
                points=Decimal(score),
                score=Decimal(score),
            )
        self.program = ProgramType.objects.get(slug="nhan-thuc-ve-dang")
        self.other_program = ProgramType.objects.exclude(pk=self.program.pk).first()
        PlanLine.objects.create(
            centre=self.centre, year=2026, program=self.program, classes=4, learners=10
        )
        PlanLine.objects.create(
            centre=self.centre, year=2026, program=self.other_program, classes=2, learners=60
        )
        # Staff without the reporting permission: admin access and class management only.
        plain = Group.objects.create(name="Cán bộ không báo cáo")
        plain.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="manage_all_classes"),
        )
        self.unreporting_staff = make_user("canbo2", plain.name, is_staff=True)


@pytest.fixture
def rworld(db):
    return ReportWorld()


__all__ = ["COMPLETED", "ReportWorld", "date"]
