"""django-q2 tasks. Delivery is at least once: each task may run twice, or be killed
halfway and run again, and the database still ends right (see each function)."""

from django.contrib.auth import get_user_model

from . import attempts, background, grading
from .background import outlasting_database_restarts
from .models import Question

CLOSE_OVERDUE_SCHEDULE = "quizzes.close_overdue"


@outlasting_database_restarts
def grade_attempt(attempt_id: int) -> bool:
    """Grade a submitted attempt (queued on submission). True if this run graded it."""
    return grading.grade_submitted(attempt_id)


def close_overdue() -> dict[str, int]:
    """Submit, mark overdue or abandon attempts whose time ran out (every minute)."""
    return attempts.close_overdue()


def regrade_question(question_id: int, user_id: int | None = None, reason: str = "") -> int:
    """Regrade the automatic answers to a question after its answer key changed."""
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        return 0
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return grading.regrade(question, by=by, reason=reason)


def ensure_schedule(**kwargs) -> None:
    """Create the every-minute schedule of close_overdue once (post_migrate)."""
    background.ensure_schedule(
        CLOSE_OVERDUE_SCHEDULE, "quizzes.tasks.close_overdue", every_minutes=1
    )
