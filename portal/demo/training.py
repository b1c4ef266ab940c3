"""Demo training operations: the centre, organisations, two classes of the Party
awareness course with 60 learners, sessions, attendance and some progress.
Running it again changes nothing."""

import random
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from lms.models import (
    Attendance,
    Centre,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    LessonProgress,
    Organisation,
    TrainingClass,
)
from lms.roles import LEARNERS

from .people import ORGANISATIONS, learners

LEARNER_COUNT = 60


def seed_training(course, out) -> None:
    centre, _ = Centre.objects.get_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "name": "Trung tâm Chính trị huyện Chiêm Hoá",
            "short_name": "TTCT Chiêm Hoá",
            "issuing_authority": "Huyện ủy Chiêm Hóa",
            "signer_name": "Nguyễn Văn Đức",
            "signer_title": "Giám đốc",
            "address": "Thị trấn Vĩnh Lộc, huyện Chiêm Hoá, tỉnh Tuyên Quang",
        },
    )
    if not centre.issuing_body:  # the paperwork identity (issue 18), also on older demos
        centre.issuing_authority = "Huyện ủy Chiêm Hóa"
        centre.issuing_body = "Trung tâm Chính trị"
        centre.header_lines = "ĐẢNG CỘNG SẢN VIỆT NAM"
        centre.place_name = "Chiêm Hóa"
        centre.signer_title = "Giám đốc"
        centre.save()
    cells = _organisations()
    today = timezone.localdate()
    at_centre = _class(
        centre,
        course,
        1,
        TrainingClass.Venue.CENTRE,
        "Hội trường Trung tâm",
        TrainingClass.Status.OPEN,
        today,
    )
    at_cluster = _class(
        centre,
        course,
        2,
        TrainingClass.Venue.CLUSTER,
        "Cụm xã Kim Bình – Yên Nguyên",
        TrainingClass.Status.IN_SESSION,
        today - timedelta(days=14),
    )
    User = get_user_model()
    for username, training_class in [("giangvien", at_centre), ("giangvien", at_cluster)]:
        ClassLecturer.objects.get_or_create(
            training_class=training_class, user=User.objects.get(username=username)
        )
    demo_learner = LearnerProfile.objects.get(user__username="hocvien")
    Enrolment.objects.get_or_create(training_class=at_centre, learner=demo_learner)
    if LearnerProfile.objects.filter(user__username="demo001").exists():
        return  # already seeded (in an earlier year too: the demo people exist once)
    profiles = _learners(cells)
    half = len(profiles) // 2
    Enrolment.objects.bulk_create(
        [Enrolment(training_class=at_centre, learner=p) for p in profiles[:half]]
        + [Enrolment(training_class=at_cluster, learner=p) for p in profiles[half:]]
    )
    lessons = list(course.lessons())
    _sessions(at_centre, today, "Hội trường Trung tâm", lessons)
    _sessions(at_cluster, today - timedelta(days=14), "Nhà văn hoá xã Kim Bình", lessons)
    _attendance_and_progress([at_centre, at_cluster], lessons)
    out.write(f"  + {LEARNER_COUNT} demo learners in two classes: {at_centre}; {at_cluster}")


def _organisations() -> list[Organisation]:
    cells = []
    for name, kind, place, children in ORGANISATIONS:
        parent = Organisation.get_root_nodes().filter(name=name).first() or Organisation.add_root(
            name=name, kind=kind, place=place
        )
        cells.append(parent)
        for child_name, child_kind, child_place in children:
            child = parent.get_children().filter(name=child_name).first() or parent.add_child(
                name=child_name, kind=child_kind, place=child_place
            )
            cells.append(child)
    return [cell for cell in cells if cell.kind != "party_committee"]


def _class(centre, course, number, venue_kind, venue, status, opens) -> TrainingClass:
    training_class, _ = TrainingClass.objects.get_or_create(
        centre=centre,
        course=course,
        year=opens.year,
        number=number,
        defaults={
            "venue_kind": venue_kind,
            "venue": venue,
            "status": status,
            "capacity": 80,
            "study_opens": opens,
            "study_closes": opens + timedelta(days=30),
        },
    )
    return training_class


def _learners(cells) -> list[LearnerProfile]:
    User = get_user_model()
    people = learners(LEARNER_COUNT)
    users = [User(username=p["username"]) for p in people]
    for user in users:
        user.set_unusable_password()  # demo people do not log in; "hocvien" does
    User.objects.bulk_create(users)
    users = {
        u.username: u for u in User.objects.filter(username__in=[p["username"] for p in people])
    }
    Group.objects.get(name=LEARNERS).user_set.add(*users.values())
    return LearnerProfile.objects.bulk_create(
        LearnerProfile(
            user=users[p["username"]],
            full_name=p["full_name"],
            gender=p["gender"],
            ethnicity=p["ethnicity"],
            date_of_birth=date(p["birth_year"], 1 + n % 12, 1 + n % 28),
            category=p["category"],
            phone=p["phone"],
            organisation=cells[n % len(cells)],
        )
        for n, p in enumerate(people)
    )


def _sessions(training_class, opens, venue, lessons) -> None:
    plan = [
        (opens + timedelta(days=7), ClassSession.Kind.LECTURE, lessons[0] if lessons else None),
        (
            opens + timedelta(days=9),
            ClassSession.Kind.DISCUSSION,
            lessons[3] if len(lessons) > 3 else None,
        ),
        (opens + timedelta(days=16), ClassSession.Kind.FIELD_TRIP, None),
        (opens + timedelta(days=23), ClassSession.Kind.EXAM, None),
    ]
    for day, kind, topic in plan:
        ClassSession.objects.create(
            training_class=training_class,
            date=day,
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Di tích lịch sử Kim Bình" if kind == ClassSession.Kind.FIELD_TRIP else venue,
            kind=kind,
            topic=topic,
        )


def _attendance_and_progress(classes, lessons) -> None:
    rng = random.Random(1930)
    now = timezone.now()
    today = timezone.localdate()
    marks, progress = [], []
    for training_class in classes:
        enrolments = list(training_class.enrolments.exclude(learner__user__username="hocvien"))
        for session in training_class.sessions.filter(date__lte=today):
            for enrolment in enrolments:
                status = rng.choices(["present", "excused", "absent"], weights=[85, 10, 5])[0]
                marks.append(Attendance(session=session, enrolment=enrolment, status=status))
        for enrolment in enrolments:
            read = lessons[: rng.randint(0, len(lessons))]
            for lesson in read:
                progress.append(
                    LessonProgress(
                        enrolment=enrolment,
                        lesson=lesson,
                        first_viewed_at=now - timedelta(days=rng.randint(1, 10)),
                        last_seen_at=now - timedelta(days=rng.randint(0, 1)),
                        completed_at=now - timedelta(days=rng.randint(0, 1)),
                        seconds_spent=rng.randint(300, 1800),
                    )
                )
            if read:
                enrolment.last_activity_at = now - timedelta(hours=rng.randint(1, 96))
        Enrolment.objects.bulk_update(enrolments, ["last_activity_at"])
    Attendance.objects.bulk_create(marks)
    LessonProgress.objects.bulk_create(progress)
