"""What a lecturer or staff member finds on /learn/: the classes they teach, each with
the essays waiting for a grade and the next session, and the open courses for anyone
signed in who is in no class. A fixed number of queries whatever the number of classes."""

from django.db.models import Count
from django.utils import timezone

from lessons.access import CourseAccess
from lessons.models import CoursePage
from quizzes.models import Answer, Attempt, Question

from .models import ClassSession, TrainingClass


def teaching(user) -> list[TrainingClass]:
    """The user's classes as a lecturer (not cancelled), with ``essays_waiting`` and
    ``next_session`` set on each: three queries."""
    classes = list(
        TrainingClass.objects.filter(lecturer_links__user=user)
        .exclude(status=TrainingClass.Status.CANCELLED)
        .select_related("course")
        .order_by("-year", "number")
    )
    if not classes:
        return classes
    contexts = {TrainingClass.context_of(c.pk): c for c in classes}
    waiting = dict(
        Answer.objects.filter(
            points__isnull=True,
            attempt_question__question__kind=Question.Kind.ESSAY,
            attempt_question__attempt__state=Attempt.State.SUBMITTED,
            attempt_question__attempt__context__in=list(contexts),
        )
        .order_by()
        .values("attempt_question__attempt__context")
        .annotate(n=Count("pk"))
        .values_list("attempt_question__attempt__context", "n")
    )
    upcoming: dict[int, ClassSession] = {}
    for session in ClassSession.objects.filter(
        training_class__in=classes, date__gte=timezone.localdate()
    ).order_by("date", "starts_at"):
        upcoming.setdefault(session.training_class_id, session)
    for training_class in classes:
        # Figures for the "Classes I teach" cards, carried on the instances.
        training_class.essays_waiting = waiting.get(TrainingClass.context_of(training_class.pk), 0)  # type: ignore[attr-defined]
        training_class.next_session = upcoming.get(training_class.pk)  # type: ignore[attr-defined]
    return classes


def open_courses():
    """Courses anyone may read, for a signed-in user in no class (one query)."""
    return (
        CoursePage.objects.live()
        .public()
        .filter(access=CourseAccess.OPEN)
        .select_related("program")
        .order_by("path")
    )
