"""Who may see what: the one place that answers it.

``lessons`` and ``quizzes`` ask through Django's permission API with the object,
e.g. ``user.has_perm("lessons.view_lessonpage", lesson)``; this backend answers. Views in
``lms`` call the same functions. Answers are remembered on the user object for the rest
of the request, so asking twice costs nothing.
"""

from django.contrib.auth.backends import BaseBackend
from django.db.models import Q

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


def can_read_course(user, course) -> bool:
    """Staff, a lecturer of any class of the course, or a learner enrolled in an open one."""
    if not user.is_authenticated:
        return False
    if is_staff_member(user):
        return True
    return _memo(
        user,
        ("course", course.pk),
        lambda: (
            TrainingClass.objects.filter(course_id=course.pk)
            .filter(
                Q(lecturer_links__user=user)
                | Q(
                    enrolments__learner__user=user,
                    enrolments__status=Enrolment.Status.ACTIVE,
                    status__in=READABLE_CLASS_STATUSES,
                )
            )
            .exists()
        ),
    )


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
