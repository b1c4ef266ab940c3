"""Who may see what: the one place that answers it.

``lessons`` and ``quizzes`` ask through Django's permission API with the object,
e.g. ``user.has_perm("lessons.view_lessonpage", lesson)``; this backend answers. Views in
``lms`` call the same functions. Answers are remembered on the user object for the rest
of the request (``lessons.caching.remember``), so asking twice costs nothing; a learner's
enrolment is also kept in the cache for a few minutes, in the ``ACCESS`` namespace, which
saving or deleting an enrolment, a class or a lecturer retires (lessons/caching.py).
"""

from django.contrib.auth.backends import BaseBackend
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.db.models.signals import post_delete, post_save

from lessons.caching import Namespace, remember
from lessons.models import CoursePage

from .models import (
    Centre,
    CentreMembership,
    ClassLecturer,
    Enrolment,
    LearnerProfile,
    TrainingClass,
)
from .roles import MANAGE_ALL_CLASSES, VIEW_ALL_CENTRES
from .signals import enrolments_changed

# Classes whose learners may read the course (kept for callers; the rule lives on the model).
READABLE_CLASS_STATUSES = TrainingClass.READABLE_STATUSES


def _memo(user, key, compute):
    """Remembered for the request, on the user object (lessons.caching.remember)."""
    parts = key if isinstance(key, tuple) else (key,)
    return remember(user, ("lms.access", *parts), compute)


def is_staff_member(user) -> bool:
    """Staff of a centre: they manage every class of their centres (``centre_ids``)."""
    return user.is_active and user.has_perm(MANAGE_ALL_CLASSES)


ACCESS_CACHE_SECONDS = 300


def _access_signals() -> list[tuple]:
    return [
        (signal, model)
        for model in (Enrolment, TrainingClass, ClassLecturer)
        for signal in (post_save, post_delete)
    ] + [(enrolments_changed, None)]


# A learner's current enrolment per course (the look-up behind reading a course).
ACCESS = Namespace("lms:access", timeout=ACCESS_CACHE_SECONDS, invalidated_by=_access_signals)


def access_changed(**kwargs) -> None:
    """Forget every remembered enrolment look-up: call after changing enrolments or
    classes in bulk (saving or deleting one sends a signal that does it)."""
    ACCESS.bump()


def _centre_signals() -> list[tuple]:
    return [
        (signal, model)
        for model in (CentreMembership, Centre)
        for signal in (post_save, post_delete)
    ]


# The centres each user works for (memberships), retired when memberships or centres change.
CENTRES = Namespace("lms:centres", timeout=ACCESS_CACHE_SECONDS, invalidated_by=_centre_signals)


def centres_changed(**kwargs) -> None:
    """Forget every remembered centre membership (saving or deleting one does it)."""
    CENTRES.bump()


def _member_centres(user) -> frozenset[int]:
    remembered = CENTRES.get(user.pk)
    if remembered is None:
        remembered = tuple(
            CentreMembership.objects.filter(user=user).values_list("centre_id", flat=True)
        )
        if not remembered:
            # An installation with one centre needs no memberships: everyone works for it.
            only = _two_centres()
            remembered = only if len(only) == 1 else ()
        CENTRES.set(remembered, user.pk)
    return frozenset(remembered)


def _two_centres() -> tuple[int, ...]:
    """Up to two centre ids, enough to tell one centre from several (remembered under the
    centres version, like the memberships)."""
    remembered = CENTRES.get("two")
    if remembered is None:
        remembered = tuple(Centre.objects.values_list("pk", flat=True)[:2])
        CENTRES.set(remembered, "two")
    return remembered


def several_centres() -> bool:
    """Whether the installation hosts more than one centre."""
    return len(_two_centres()) > 1


def sees_all_centres(user) -> bool:
    """Superusers and the province role (lms.view_all_centres) see every centre."""
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL_CENTRES))


def centre_ids(user) -> frozenset[int] | None:
    """The centres whose classes, learners, organisations and records the user may see:
    None for every centre (superusers and the province role), else the centres of their
    memberships (``CentreMembership``). An installation with a single centre needs no
    memberships: a user without any works for it. Remembered for the request, and across
    requests under the centres version (changed whenever memberships or centres are)."""
    if not user.is_authenticated:
        return frozenset()
    if sees_all_centres(user):
        return None
    return _memo(user, "centres", lambda: _member_centres(user))


def scope(queryset, user, path="centre", unassigned=False):
    """``queryset`` narrowed to what belongs to the user's centres; ``path`` is the lookup
    from its model to the centre ("centre", "training_class__centre", or "pk" for Centre).
    ``unassigned``: also what has no centre yet (organisations and learners created before
    a second centre existed, or by code that did not set one)."""
    ids = centre_ids(user)
    if ids is None:
        return queryset
    condition = Q(**{f"{path}__in": ids})
    if unassigned:
        condition |= Q(**{f"{path}__isnull": True})
    return queryset.filter(condition)


def in_scope(user, centre_id, unassigned=False) -> bool:
    """Whether an object of centre ``centre_id`` belongs to the user's centres."""
    ids = centre_ids(user)
    return ids is None or centre_id in ids or (unassigned and centre_id is None)


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
    if not user.is_authenticated:
        return False
    if is_staff_member(user) and in_scope(user, training_class.centre_id):
        return True
    return is_lecturer_of(user, training_class)


def can_view_learner(user, profile) -> bool:
    """Personal data: the learner, staff, and lecturers of a class the learner is in."""
    if not user.is_authenticated:
        return False
    if profile.user_id == user.pk:
        return True
    if is_staff_member(user) and can_see_learner_in_centres(user, profile):
        return True
    return _memo(
        user,
        ("learner", profile.pk),
        lambda: ClassLecturer.objects.filter(
            user=user, training_class__enrolments__learner=profile
        ).exists(),
    )


def visible_classes(user, queryset=None):
    """The classes a user's lists, filters and choosers offer: staff those of their
    centres, the province role every centre's, a lecturer those they teach."""
    queryset = TrainingClass.objects.all() if queryset is None else queryset
    if is_staff_member(user) or sees_all_centres(user):
        return scope(queryset, user)
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(lecturer_links__user=user)


def can_see_learner_in_centres(user, profile) -> bool:
    """A learner belongs to the user's centres when they live in their area or took a
    class there (a learner who moved keeps their records with the old centre), or has
    no centre and no class yet."""
    ids = centre_ids(user)
    if ids is None or profile.centre_id in ids:
        return True

    def enrolled():
        enrolments = Enrolment.objects.filter(learner_id=profile.pk)
        if profile.centre_id is None and not enrolments.exists():
            return True  # of no centre and no class yet
        return enrolments.filter(training_class__centre_id__in=ids).exists()

    return _memo(user, ("learner-centres", profile.pk), enrolled)


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
    """QUIZZES_REVIEWABLE_CONTEXTS: staff review the attempts made in their centres'
    classes (superusers and the province role every attempt), a lecturer those made in
    the classes they teach."""
    if is_staff_member(user) or sees_all_centres(user):
        ids = centre_ids(user)
        if ids is None:
            return None
        classes = TrainingClass.objects.filter(centre_id__in=ids)
    else:
        classes = TrainingClass.objects.filter(lecturer_links__user=user)
    # A query of contexts, not a list: it runs as a subquery of the attempts' own query.
    return classes.annotate(
        context=Concat(Value(TrainingClass.CONTEXT_PREFIX), Cast("pk", CharField()))
    ).values_list("context", flat=True)


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
