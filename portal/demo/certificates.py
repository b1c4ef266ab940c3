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
from quizzes.models import Attempt, QuizPage

from .quiz_content import REFLECTION

FINISHED_CLASS_SIZE = 12
BEHIND = 2  # learners of the finished class who missed too much
# The grades of the finished class's learners in its quizzes, in turn (a mix of every
# classification on its results sheet).
QUIZ_GRADES = ("9.5", "8.0", "7.0", "8.5", "6.0", "9.0", "7.5", "5.5", "8.0", "6.5", "7.0", "4.5")


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
    # Last year's class ran before the reflection essay: its own rules, without it; its
    # final grade is then the mean of its quizzes' (lms.grades.final_grade), so it needs
    # their grades, or its results sheet has no final grade nor classification.
    rule, _ = CompletionRule.objects.get_or_create(
        course=course,
        training_class=finished,
        defaults={"min_lessons_percent": 100, "min_attendance_percent": 75},
    )
    quizzes = list(QuizPage.objects.child_of(course).live().exclude(pk=getattr(essay, "pk", None)))
    rule.quizzes.set(quizzes)
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
    _grade_quizzes(finished, enrolments, quizzes, now)
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


def _grade_quizzes(training_class, enrolments, quizzes, when) -> None:
    """One graded attempt per learner and quiz, in the class's context, announced (the
    sweep sends no notice for last year's grades)."""
    context = TrainingClass.context_of(training_class)
    attempts = []
    for n, enrolment in enumerate(enrolments):
        score = Decimal(QUIZ_GRADES[n % len(QUIZ_GRADES)])
        for m, quiz in enumerate(quizzes):
            started = when + timedelta(days=m, minutes=n)
            attempts.append(
                Attempt(
                    quiz=quiz,
                    user_id=enrolment.learner.user_id,
                    context=context,
                    number=1,
                    state=Attempt.State.GRADED,
                    seed=1000 * n + m,
                    started_at=started,
                    submitted_at=started + timedelta(minutes=12),
                    graded_at=started + timedelta(minutes=12),
                    announced_at=started + timedelta(minutes=12),
                    max_points=Decimal(10),
                    points=score,
                    score=score,
                )
            )
    Attempt.objects.bulk_create(attempts, ignore_conflicts=True)
