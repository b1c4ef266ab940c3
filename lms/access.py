"""Who may see what: the one place that answers it.

``lessons`` and ``quizzes`` ask through Django's permission API with the object,
e.g. ``user.has_perm("lessons.view_lessonpage", lesson)``; this backend answers. Views in
``lms`` call the same functions. Answers are remembered on the user object for the rest
of the request (``lessons.caching.remember``), so asking twice costs nothing; a learner's
enrolment is also kept in the cache for a few minutes, in the ``ACCESS`` namespace, which
saving or deleting an enrolment, a class or a lecturer retires (lessons/caching.py).
"""

from django.contrib.auth.backends import BaseBackend
from django.db.models.signals import post_delete, post_save

from lessons.caching import Namespace, remember
from lessons.models import CoursePage

from .models import ClassLecturer, Enrolment, LearnerProfile, TrainingClass
from .roles import MANAGE_ALL_CLASSES

# Classes whose learners may read the course (kept for callers; the rule lives on the model).
READABLE_CLASS_STATUSES = TrainingClass.READABLE_STATUSES


def _memo(user, key, compute):
    """Remembered for the request, on the user object (lessons.caching.remember)."""
    return remember(user, ("lms.access", *key), compute)


def is_staff_member(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_ALL_CLASSES)


ACCESS_CACHE_SECONDS = 300


def _access_signals() -> list[tuple]:
    return [
        (signal, model)
        for model in (Enrolment, TrainingClass, ClassLecturer)
        for signal in (post_save, post_delete)
    ]


# A learner's current enrolment per course (the look-up behind reading a course).
ACCESS = Namespace("lms:access", timeout=ACCESS_CACHE_SECONDS, invalidated_by=_access_signals)


def access_changed(**kwargs) -> None:
    """Forget every remembered enrolment look-up: call after changing enrolments or
    classes in bulk (saving or deleting one sends a signal that does it)."""
    ACCESS.bump()


def _find_enrolment(user, course) -> Enrolment | None:
    remembered = ACCESS.get("enrolment", user.pk, course.pk)
    if remembered is not None:
        enrolment_id, class_id = remembered
        return Enrolment(pk=enrolment_id, training_class_id=class_id) if enrolment_id else None
    enrolment = (
        Enrolment.objects.filter(
            learner__user=user,
            status=Enrolment.Status.ACTIVE,
            training_class__course_id=course.pk,
            training_class__status__in=TrainingClass.READABLE_STATUSES,
        )
        .order_by("-training_class__year", "-training_class__number")
        .only("pk", "training_class_id")
        .first()
    )
    ACCESS.set(
        (enrolment.pk, enrolment.training_class_id) if enrolment else (0, 0),
        "enrolment",
        user.pk,
        course.pk,
    )
    return enrolment


def current_enrolment(user, course) -> Enrolment | None:
    """The learner's enrolment in the most recent readable class of the course, if any.
    It is what gives a learner access, and what their progress is recorded against.
    Remembered for a few minutes; any change to enrolments, classes or lecturers (or a
    bulk change that calls access_changed()) makes it be looked up again."""
    if not user.is_authenticated:
        return None
    return _memo(user, ("enrolment", course.pk), lambda: _find_enrolment(user, course))


def lectures_course(user, course) -> bool:
    return _memo(
        user,
        ("lectures", course.pk),
        lambda: ClassLecturer.objects.filter(
            user=user, training_class__course_id=course.pk
        ).exists(),
    )


def can_read_course(user, course) -> bool:
    """A learner enrolled in an open class of the course, its lecturers, and staff."""
    if not user.is_authenticated:
        return False
    if current_enrolment(user, course) is not None:
        return True
    return is_staff_member(user) or lectures_course(user, course)


def is_lecturer_of(user, training_class) -> bool:
    return _memo(
        user,
        ("lecturer", training_class.pk),
        lambda: ClassLecturer.objects.filter(training_class=training_class, user=user).exists(),
    )


def can_manage_class(user, training_class) -> bool:
    """Staff and the class's own lecturers: roster, attendance, moderation."""
    return user.is_authenticated and (is_staff_member(user) or is_lecturer_of(user, training_class))


def can_view_learner(user, profile) -> bool:
    """Personal data: the learner, staff, and lecturers of a class the learner is in."""
    if not user.is_authenticated:
        return False
    if profile.user_id == user.pk or is_staff_member(user):
        return True
    return _memo(
        user,
        ("learner", profile.pk),
        lambda: ClassLecturer.objects.filter(
            user=user, training_class__enrolments__learner=profile
        ).exists(),
    )


def quiz_course(quiz) -> CoursePage | None:
    """The course a quiz page sits in (its parent page), if it is one; fetched once per
    quiz instance."""
    if "_lms_course" not in quiz.__dict__:
        parent_path = quiz.path[: -quiz.steplen]
        quiz.__dict__["_lms_course"] = CoursePage.objects.filter(path=parent_path).first()
    return quiz.__dict__["_lms_course"]


def can_attempt_quiz(user, quiz) -> bool:
    """Learners enrolled in a readable class of the quiz's course; its lecturers and
    staff may try the quiz too (their attempts have no class)."""
    course = quiz_course(quiz)
    return course is not None and can_read_course(user, course)


def quiz_attempt_context(user, quiz) -> str:
    """QUIZZES_ATTEMPT_CONTEXT: attempts are counted per class, so a learner who enrols
    in a new class of the course gets fresh attempts."""
    course = quiz_course(quiz)
    enrolment = current_enrolment(user, course) if course is not None else None
    return TrainingClass.context_of(enrolment.training_class_id) if enrolment is not None else ""


def reviewable_attempt_contexts(user):
    """QUIZZES_REVIEWABLE_CONTEXTS: staff review every attempt; a lecturer those made in
    the classes they teach."""
    if is_staff_member(user):
        return None
    return [
        TrainingClass.context_of(class_id)
        for class_id in ClassLecturer.objects.filter(user=user).values_list(
            "training_class_id", flat=True
        )
    ]


def attempt_context_labels(contexts) -> dict[str, str]:
    """QUIZZES_CONTEXT_LABELS: "class:12" -> the class's title, in one query."""
    return {
        TrainingClass.context_of(pk): title
        for pk, title in TrainingClass.objects.for_contexts(contexts).values_list("pk", "title")
    }


class AccessBackend(BaseBackend):
    """Answers object permissions only; model-wide permissions stay with ModelBackend."""

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not user_obj.is_active:
            return False
        if perm == "lessons.view_lessonpage":
            return can_read_course(user_obj, obj.get_course())
        if perm == "lessons.view_coursepage":
            return can_read_course(user_obj, obj)
        if perm == "quizzes.attempt_quiz":
            return can_attempt_quiz(user_obj, obj)
        if perm == "lms.change_trainingclass" and isinstance(obj, TrainingClass):
            return can_manage_class(user_obj, obj)
        if perm == "lms.view_learnerprofile" and isinstance(obj, LearnerProfile):
            return can_view_learner(user_obj, obj)
        return False
