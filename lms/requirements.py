"""Which required lessons each class must complete.

A lesson ticked "Required" is required for every class of its course, unless staff
decide otherwise for a class (``ClassLessonChoice``): when a new required lesson is
published while classes run, staff choose per running class whether it joins what that
class's learners must complete. The completion rules (lms/certificates/rules.py) leave
out the lessons decided "not required" for a class.
"""

from django.db import transaction

from lessons.models import LessonPage

from .models import ClassLessonChoice, TrainingClass
from .progress import lessons_by_course
from .signals import lesson_requirement_changed

RUNNING = (TrainingClass.Status.OPEN, TrainingClass.Status.IN_SESSION)


def running_classes(lesson) -> list[TrainingClass]:
    """The running classes (open or in session) of the lesson's course, by title."""
    course_path = lesson.path[: -LessonPage.steplen]
    return list(
        TrainingClass.objects.filter(course__path=course_path, status__in=RUNNING).order_by("title")
    )


def not_required(class_ids) -> dict[int, set[int]]:
    """{class id: ids of the live required lessons decided not required for it}, in one
    query."""
    result: dict[int, set[int]] = {}
    rows = ClassLessonChoice.objects.filter(
        training_class_id__in=list(class_ids),
        required=False,
        lesson__live=True,
        lesson__required=True,
    ).values_list("training_class_id", "lesson_id")
    for class_id, lesson_id in rows:
        result.setdefault(class_id, set()).add(lesson_id)
    return result


def _decided(classes, lessons) -> dict[tuple[int, int], bool]:
    return {
        (class_id, lesson_id): required
        for class_id, lesson_id, required in ClassLessonChoice.objects.filter(
            training_class__in=classes, lesson__in=lessons
        ).values_list("training_class_id", "lesson_id", "required")
    }


def choices_for_lesson(lesson) -> list[tuple[TrainingClass, bool]]:
    """Each running class of the lesson's course and whether the lesson is required
    for it."""
    classes = running_classes(lesson)
    decided = _decided(classes, [lesson])
    return [(c, decided.get((c.pk, lesson.pk), True)) for c in classes]


def choices_for_class(training_class) -> list[tuple[LessonPage, bool]]:
    """The course's live required lessons, in order, and whether each is required for
    this class."""
    lessons = [
        lesson
        for lesson in lessons_by_course([training_class.course])[training_class.course_id]
        if lesson.required
    ]
    decided = _decided([training_class], lessons)
    return [(lesson, decided.get((training_class.pk, lesson.pk), True)) for lesson in lessons]


@transaction.atomic
def decide(training_class, lesson, required: bool, by=None) -> bool:
    """Record staff's choice; True when it changed what the class must complete."""
    choice = ClassLessonChoice.objects.filter(training_class=training_class, lesson=lesson).first()
    before = choice.required if choice else True
    ClassLessonChoice.objects.update_or_create(
        training_class=training_class,
        lesson=lesson,
        defaults={"required": required, "decided_by": by},
    )
    if before == required:
        return False
    lesson_requirement_changed.send(
        sender=TrainingClass, training_class=training_class, lesson=lesson
    )
    return True
