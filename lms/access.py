"""Who may see what: the one place that answers it.

``lessons`` and ``quizzes`` ask through Django's permission API with the object,
e.g. ``user.has_perm("lessons.view_lessonpage", lesson)``; this backend answers. Views in
``lms`` call the same functions. Answers are remembered on the user object for the rest
of the request, so asking twice costs nothing.
"""

from django.contrib.auth.backends import BaseBackend

from .models import ClassLecturer, Enrolment, LearnerProfile, TrainingClass
from .roles import MANAGE_ALL_CLASSES

# Classes whose learners may read the course: not before the class opens, nor when cancelled.
READABLE_CLASS_STATUSES = [
    TrainingClass.Status.OPEN,
    TrainingClass.Status.IN_SESSION,
    TrainingClass.Status.FINISHED,
]


def _memo(user, key, compute):
    cache = user.__dict__.setdefault("_lms_access", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def is_staff_member(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_ALL_CLASSES)


def current_enrolment(user, course) -> Enrolment | None:
    """The learner's enrolment in the most recent readable class of the course, if any.
    It is what gives a learner access, and what their progress is recorded against."""
    if not user.is_authenticated:
        return None
    return _memo(
        user,
        ("enrolment", course.pk),
        lambda: (
            Enrolment.objects.filter(
                learner__user=user,
                status=Enrolment.Status.ACTIVE,
                training_class__course_id=course.pk,
                training_class__status__in=READABLE_CLASS_STATUSES,
            )
            .select_related("training_class")
            .order_by("-training_class__year", "-training_class__number")
            .first()
        ),
    )


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


class AccessBackend(BaseBackend):
    """Answers object permissions only; model-wide permissions stay with ModelBackend."""

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not user_obj.is_active:
            return False
        if perm == "lessons.view_lessonpage":
            return can_read_course(user_obj, obj.get_course())
        if perm == "lessons.view_coursepage":
            return can_read_course(user_obj, obj)
        if perm == "lms.change_trainingclass" and isinstance(obj, TrainingClass):
            return can_manage_class(user_obj, obj)
        if perm == "lms.view_learnerprofile" and isinstance(obj, LearnerProfile):
            return can_view_learner(user_obj, obj)
        return False
