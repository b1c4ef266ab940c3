"""Progress through a course's lessons: viewed, time spent, completed.

The lesson page and the progress endpoints call these functions; a task or a report
calls the same ones. Writes happen only when something changes: a page view writes once
per lesson, time is written by a heartbeat at most every HEARTBEAT_SECONDS.
"""

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone

from lessons.models import LessonPage

from .models import Enrolment, LessonProgress
from .signals import lesson_completed

HEARTBEAT_SECONDS = 60
# A heartbeat credits at most this much: a phone that lost its connection for an hour
# does not earn an hour of study when it comes back.
MAX_CREDIT_SECONDS = 90


def record_view(enrolment: Enrolment, lesson: LessonPage, now=None) -> LessonProgress:
    """Mark the lesson viewed (once); later views change nothing."""
    now = now or timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={"first_viewed_at": now, "last_seen_at": now},
    )
    if created:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    return progress


def record_time(enrolment: Enrolment, lesson: LessonPage, now=None) -> int:
    """Credit the time since the last heartbeat, capped; returns the seconds credited.

    The server measures the interval, so a heartbeat sent twice by a flaky connection
    credits (almost) nothing the second time."""
    now = now or timezone.now()
    with transaction.atomic():
        progress = (
            LessonProgress.objects.select_for_update()
            .filter(enrolment=enrolment, lesson=lesson)
            .first()
        )
        if progress is None:
            record_view(enrolment, lesson, now)
            return 0
        elapsed = (now - progress.last_seen_at).total_seconds()
        credit = int(max(0, min(elapsed, MAX_CREDIT_SECONDS)))
        LessonProgress.objects.filter(pk=progress.pk).update(
            seconds_spent=F("seconds_spent") + credit, last_seen_at=now
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    return credit


def mark_completed(enrolment: Enrolment, lesson: LessonPage, now=None) -> bool:
    """Mark the lesson completed; True the first time, False if it already was."""
    now = now or timezone.now()
    with transaction.atomic():
        record_view(enrolment, lesson, now)
        changed = LessonProgress.objects.filter(
            enrolment=enrolment, lesson=lesson, completed_at__isnull=True
        ).update(completed_at=now, last_seen_at=now)
        if changed:
            Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
            transaction.on_commit(
                lambda: lesson_completed.send(
                    sender=LessonProgress, enrolment=enrolment, lesson=lesson
                )
            )
    return bool(changed)


def _course_path():
    """The tree path of a lesson's course: the lesson's own path less its last step."""
    return Substr("path", 1, (F("depth") - 1) * LessonPage.steplen)


def required_lesson_counts(courses) -> dict[int, int]:
    """Published required lessons per course, in one query."""
    paths = {course.path: course.pk for course in courses}
    if not paths:
        return {}
    rows = (
        LessonPage.objects.live()
        .filter(required=True)
        .annotate(course_path=_course_path())
        .filter(course_path__in=list(paths))
        .order_by()
        .values("course_path")
        .annotate(total=Count("pk"))
    )
    return {paths[row["course_path"]]: row["total"] for row in rows}


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


def lessons_by_course(courses) -> dict[int, list[LessonPage]]:
    """Published lessons of several courses, in order, in one query."""
    paths = {course.path: course.pk for course in courses}
    result: dict[int, list[LessonPage]] = {pk: [] for pk in paths.values()}
    if not paths:
        return result
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    for lesson in (
        LessonPage.objects.live()
        .filter(children)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path", "estimated_minutes", "required")
    ):
        result[paths[lesson.path[: -lesson.steplen]]].append(lesson)
    return result


def classes_raised_by(lesson) -> list:
    """The running classes (open or in session) of a lesson's course whose requirement a
    first publication of this required lesson raises: their learners must now complete
    it too. Empty when the lesson is not required or was published before."""
    from .models import TrainingClass

    first = lesson.first_published_at
    if not lesson.required or first is None or lesson.last_published_at != first:
        return []
    course_path = lesson.path[: -LessonPage.steplen]
    return list(
        TrainingClass.objects.filter(
            course__path=course_path,
            status__in=[TrainingClass.Status.OPEN, TrainingClass.Status.IN_SESSION],
        ).order_by("title")
    )


def record_offline(enrolment: Enrolment, lesson: LessonPage, kind: str, at, seconds=0) -> None:
    """Apply one progress event a phone recorded offline at ``at`` (lms/offline/sync.py
    makes sure each is applied once). The same rules as online: a view is recorded once,
    finishing sends lesson_completed once, time is capped per heartbeat. Events may come
    in any order: the first view keeps the earliest time, last activity the latest."""
    with transaction.atomic():
        before = (
            Enrolment.objects.filter(pk=enrolment.pk)
            .values_list("last_activity_at", flat=True)
            .first()
        )
        if kind == "finished":
            mark_completed(enrolment, lesson, at)
        else:
            record_view(enrolment, lesson, at)
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson)
        progress.filter(first_viewed_at__gt=at).update(first_viewed_at=at)
        if kind == "time":
            credit = int(max(0, min(seconds, MAX_CREDIT_SECONDS)))
            progress.update(seconds_spent=F("seconds_spent") + credit)
        progress.filter(last_seen_at__lt=at).update(last_seen_at=at)
        latest = max(filter(None, [before, at]))
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=latest)
