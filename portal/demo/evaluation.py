"""Demo lecturer evaluation: a second (part-time) lecturer in the demo learner's class,
an open survey there for the demo learner to answer; in another class (a finished one if
there is one), a closed survey with enough answers about both lecturers to show results,
and two class observations of its past sessions. Running it again changes nothing."""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.evaluation import surveys
from lms.evaluation.models import Observation, Survey, SurveyTemplate
from lms.models import ClassLecturer, ClassSession, Enrolment, TrainingClass
from lms.roles import LECTURERS

SECOND_LECTURER = ("giangvien2", "Ma Văn", "Kiêm")  # user name, family+middle, given name
ANSWERS_IN_CLOSED_SURVEY = 12


def seed_evaluation(course, out, password: str) -> None:
    template = SurveyTemplate.default()
    lecturer = get_user_model().objects.filter(username="giangvien").first()
    demo_enrolment = (
        Enrolment.objects.filter(learner__user__username="hocvien", training_class__course=course)
        .select_related("training_class")
        .order_by("-training_class__year", "training_class__number")
        .first()
    )
    if template is None or lecturer is None or demo_enrolment is None:
        return
    second = _second_lecturer(password)
    open_class = demo_enrolment.training_class
    ClassLecturer.objects.get_or_create(
        training_class=open_class, user=second, defaults={"kind": ClassLecturer.Kind.PART_TIME}
    )
    if not Survey.objects.filter(training_class=open_class).exists():
        Survey.open_for(open_class, template)
        out.write(f"  + open lecturer survey: {open_class}")

    closed_class = (
        TrainingClass.objects.filter(course=course, status=TrainingClass.Status.FINISHED)
        .exclude(pk=open_class.pk)
        .first()
        or TrainingClass.objects.filter(course=course, centre=open_class.centre)
        .exclude(pk=open_class.pk)
        .exclude(status=TrainingClass.Status.CANCELLED)
        .order_by("-year", "number")
        .first()
    )
    if closed_class is None:
        return
    if not Survey.objects.filter(training_class=closed_class).exists():
        _answered_survey(closed_class, template, [lecturer, second])
        out.write(
            f"  + closed lecturer survey with {ANSWERS_IN_CLOSED_SURVEY} answers per lecturer: {closed_class}"
        )
    _observations(closed_class, lecturer, second, out)


def _second_lecturer(password):
    User = get_user_model()
    username, family, given = SECOND_LECTURER
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": family,
            "last_name": given,
            "email": f"{username}@example.org",
            "is_staff": True,
        },
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=LECTURERS))
    return user


def _answered_survey(training_class, template, lecturers):
    links = [
        ClassLecturer.objects.get_or_create(
            training_class=training_class,
            user=user,
            defaults={
                "kind": ClassLecturer.Kind.FULL_TIME if n == 0 else ClassLecturer.Kind.PART_TIME
            },
        )[0]
        for n, user in enumerate(lecturers)
    ]
    survey = Survey.open_for(training_class, template, days=None)
    questions = list(survey.questions.all())
    pick = random.Random(2026)
    comments = [
        "Giảng viên liên hệ thực tiễn ở xã rất sát.",
        "Nên dành thêm thời gian cho thảo luận nhóm.",
        "",
        "Bài giảng dễ hiểu, có nhiều ví dụ.",
    ]
    enrolments = Enrolment.objects.filter(
        training_class=training_class, status=Enrolment.Status.ACTIVE
    ).order_by("pk")[:ANSWERS_IN_CLOSED_SURVEY]
    for link in links:
        for number, enrolment in enumerate(enrolments):
            surveys.answer(
                survey,
                enrolment,
                link,
                {q.pk: pick.choice([3, 4, 4, 5, 5]) for q in questions},
                comments[number % len(comments)],
            )
    survey.status = Survey.Status.CLOSED
    survey.save()


def _observations(training_class, lecturer, second, out):
    sessions = list(
        ClassSession.objects.filter(
            training_class=training_class, date__lte=timezone.localdate()
        ).order_by("date")[:2]
    )
    if len(sessions) < 2:
        return
    plan = [
        (
            second,
            lecturer,
            sessions[0],
            (5, 4, 5, 4, 5),
            "Nắm chắc nội dung, nhiều ví dụ từ các chi bộ trong huyện.",
            "Nên mời học viên phát biểu nhiều hơn.",
        ),
        (
            lecturer,
            second,
            sessions[1],
            (4, 5, 4, 3, 5),
            "Tổ chức thảo luận nhóm sôi nổi.",
            "Phân bổ thời gian: phần tổng kết còn vội.",
        ),
    ]
    for observer, observed, session, scores, strengths, suggestions in plan:
        _observation, created = Observation.objects.get_or_create(
            observer=observer,
            observed=observed,
            session=session,
            defaults={
                "date": session.date,
                "content_score": scores[0],
                "method_score": scores[1],
                "practice_score": scores[2],
                "time_score": scores[3],
                "manner_score": scores[4],
                "strengths": strengths,
                "suggestions": suggestions,
            },
        )
        if created:
            out.write(f"  + class observation: {_observation}")
