"""Demo certificates: completion rules for the Party awareness course, and a finished
class of last year in which most learners have certificates and one was revoked.
Running it again changes nothing."""

from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.certificates import issuing
from lms.certificates.models import CertificateSettings, CompletionRecord, CompletionRule
from lms.models import (
    Attendance,
    Centre,
    ClassSession,
    Enrolment,
    LearnerProfile,
    LessonProgress,
    TrainingClass,
)
from quizzes.models import QuizPage

from .quiz_content import REFLECTION

FINISHED_CLASS_SIZE = 12
BEHIND = 2  # learners of the finished class who missed too much


def seed_certificates(course, out) -> None:
    centre = Centre.objects.first()
    if centre is None:
        return
    CertificateSettings.objects.get_or_create(
        centre=centre,
        defaults={
            "number_format": "{seq}/{year}/CCNT",
            "wording": "Đã hoàn thành chương trình",
        },
    )
    essay = QuizPage.objects.child_of(course).filter(slug=REFLECTION["quiz_slug"]).first()
    CompletionRule.objects.get_or_create(
        course=course,
        training_class=None,
        defaults={
            "min_lessons_percent": 100,
            "min_attendance_percent": 80,
            "essay_quiz": essay,
            "min_essay_grade": Decimal(5),
        },
    )
    today = timezone.localdate()
    finished, created = TrainingClass.objects.get_or_create(
        centre=centre,
        course=course,
        year=today.year - 1,
        number=1,
        defaults={
            "venue_kind": TrainingClass.Venue.CENTRE,
            "venue": "Hội trường Trung tâm",
            "status": TrainingClass.Status.FINISHED,
            "study_opens": today - timedelta(days=400),
            "study_closes": today - timedelta(days=370),
        },
    )
    if CompletionRecord.objects.filter(enrolment__training_class=finished).exists():
        return
    # Last year's class ran before the reflection essay: its own rules, without it.
    CompletionRule.objects.get_or_create(
        course=course,
        training_class=finished,
        defaults={"min_lessons_percent": 100, "min_attendance_percent": 75},
    )
    profiles = list(
        LearnerProfile.objects.filter(user__username__startswith="demo").order_by("pk")[
            :FINISHED_CLASS_SIZE
        ]
    )
    if len(profiles) < FINISHED_CLASS_SIZE:
        return
    enrolments = [
        Enrolment.objects.get_or_create(training_class=finished, learner=profile)[0]
        for profile in profiles
    ]
    sessions = [
        ClassSession.objects.get_or_create(
            training_class=finished,
            date=today - timedelta(days=390 - 7 * n),
            starts_at=time(7, 30),
            defaults={"ends_at": time(11, 0), "venue": "Hội trường Trung tâm"},
        )[0]
        for n in range(4)
    ]
    lessons = list(course.lessons())
    now = timezone.now() - timedelta(days=375)
    for n, enrolment in enumerate(enrolments):
        behind = n >= FINISHED_CLASS_SIZE - BEHIND
        for lesson in lessons[: len(lessons) - (2 if behind else 0)]:
            LessonProgress.objects.get_or_create(
                enrolment=enrolment,
                lesson=lesson,
                defaults={
                    "first_viewed_at": now,
                    "last_seen_at": now,
                    "completed_at": now,
                    "seconds_spent": 900,
                },
            )
        for m, session in enumerate(sessions):
            absent = behind and m < 2
            Attendance.objects.get_or_create(
                session=session,
                enrolment=enrolment,
                defaults={"status": "absent" if absent else "present"},
            )
    staff = get_user_model().objects.filter(username="canbo").first()
    # Issued a few days after the final session, in last year's register.
    report = issuing.issue_class(finished, by=staff, today=sessions[-1].date + timedelta(days=5))
    first = CompletionRecord.objects.filter(enrolment__training_class=finished).order_by("sequence")
    if first:
        issuing.revoke(
            first[0],
            by=staff,
            reason="Cấp nhầm: học viên học thay cho người khác (biên bản ngày 12/3).",
        )
    out.write(
        f"  + {finished}: {len(report.issued)} certificates, 1 revoked, "
        f"{len(report.refused)} not meeting the rules"
    )
