"""People and classes the lms tests share: a centre, a course with lessons, two classes,
and the personas of the access matrix."""

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from lessons.access import CourseAccess
from lms.models import (
    Centre,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    Organisation,
    TrainingClass,
)
from lms.roles import LEARNERS, LECTURERS, STAFF

from ..factories import add_catalogue, add_course, build_site


def make_user(username, *groups, full_name=None, **extra):
    user = get_user_model().objects.create_user(username, password="mat-khau-" + username, **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_learner(username, organisation=None, full_name=None):
    user = make_user(username, LEARNERS)
    return LearnerProfile.objects.create(
        user=user, full_name=full_name or f"Học viên {username}", organisation=organisation
    )


def make_class(centre, course, *, number=None, status=TrainingClass.Status.OPEN, year=2026):
    return TrainingClass.objects.create(
        centre=centre,
        course=course,
        year=year,
        number=number or 0,
        status=status,
        venue_kind=TrainingClass.Venue.CENTRE,
        study_opens=timezone.localdate() - timedelta(days=10),
        study_closes=timezone.localdate() + timedelta(days=20),
    )


class World:
    """Two classes of one course; a learner in each; a lecturer of each; staff."""

    def __init__(self):
        home = build_site()
        catalogue = add_catalogue(home)
        self.course = add_course(catalogue, lessons=3, access=CourseAccess.CATALOGUE)
        self.lessons = list(self.course.lessons())
        self.other_course = add_course(
            catalogue, title="Chuyên đề khác", slug="khac", lessons=1, access=CourseAccess.CATALOGUE
        )
        self.centre = Centre.objects.create(
            site=Site.objects.get(is_default_site=True),
            name="Trung tâm Chính trị huyện Chiêm Hoá",
            issuing_authority="Huyện uỷ Chiêm Hoá",
        )
        self.committee = Organisation.add_root(name="Đảng bộ xã Yên Nguyên", kind="party_committee")
        self.cell = self.committee.add_child(name="Chi bộ thôn Đồng Cọ", kind="party_cell")
        self.klass = make_class(self.centre, self.course)
        self.other_class = make_class(self.centre, self.course)
        self.learner = make_learner("hocvien", self.cell, "Nguyễn Văn An")
        self.other_learner = make_learner("hocvien2", self.cell, "Lê Thị Bình")
        self.enrolment = Enrolment.objects.create(training_class=self.klass, learner=self.learner)
        Enrolment.objects.create(training_class=self.other_class, learner=self.other_learner)
        self.lecturer = make_user("giangvien", LECTURERS, is_staff=True)
        self.other_lecturer = make_user("giangvien2", LECTURERS, is_staff=True)
        ClassLecturer.objects.create(training_class=self.klass, user=self.lecturer)
        ClassLecturer.objects.create(training_class=self.other_class, user=self.other_lecturer)
        self.staff = make_user("canbo", STAFF, is_staff=True)
        self.session = ClassSession.objects.create(
            training_class=self.klass,
            date=timezone.localdate() + timedelta(days=3),
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Hội trường Trung tâm",
        )

    @property
    def personas(self):
        return {
            "anonymous": None,
            "learner": self.learner.user,
            "other learner": self.other_learner.user,
            "lecturer": self.lecturer,
            "other lecturer": self.other_lecturer,
            "staff": self.staff,
        }


__all__ = ["World", "date", "make_class", "make_learner", "make_user"]
