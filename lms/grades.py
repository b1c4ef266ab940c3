"""Quiz grades as learners meet them in ``lms``: a notification when an attempt is graded
(or its grade changes), the recent grades on the dashboard, and a learner's final grade
in a class with its classification (xếp loại) on the 10-point scale.

``quizzes`` announces grading with its ``attempt_graded`` signal, sent after the grading
transaction commits and once per change, so a grading task that runs twice tells the
learner once (the notification key is the attempt and the moment of grading).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import SimpleNamespace

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext_lazy

from quizzes.formatting import format_grade
from quizzes.models import Attempt

from .models import Notification
from .notify import notify

RECENT_GRADES = 5


def attempt_graded(sender, attempt, regraded=False, **kwargs) -> None:
    # Every grading or change sets graded_at anew: to the microsecond, it tells changes
    # apart however quickly they follow one another.
    stamp = attempt.graded_at.isoformat() if attempt.graded_at else ""
    with override(settings.LANGUAGE_CODE):  # tasks have no request: the site's language
        grade = format_grade(attempt.score)
        if regraded:
            subject = _("Your grade for “%(quiz)s” changed: %(grade)s/10")
        else:
            subject = _("“%(quiz)s” is graded: %(grade)s/10")
        subject = subject % {"quiz": attempt.quiz.title, "grade": grade}
        message = _("Open the result to see the feedback.")
        url = reverse("quizzes:result", args=[attempt.pk])
    notify(
        [attempt.user_id],
        kind=Notification.Kind.QUIZ_GRADED,
        key=f"quiz:{attempt.pk}:{stamp}",
        subject=subject[:255],
        message=message,
        url=url,
    )


def recent_grades(user) -> list[Attempt]:
    """The learner's last graded attempts, newest first (one query)."""
    return list(
        Attempt.objects.filter(user=user, state=Attempt.State.GRADED)
        .select_related("quiz")
        .only("pk", "score", "graded_at", "number", "quiz__title")
        .order_by("-graded_at")[:RECENT_GRADES]
    )


def recent_from(rows) -> list:
    """recent_grades from the rows of lms.path.user_attempts (no query): objects with
    ``pk``, ``score``, ``graded_at``, ``number`` and ``quiz.title``."""
    graded = [row for row in rows if row[5] == Attempt.State.GRADED and row[7] is not None]
    graded.sort(key=lambda row: row[7], reverse=True)
    return [
        SimpleNamespace(
            pk=pk,
            score=score,
            graded_at=graded_at,
            number=number,
            quiz=SimpleNamespace(title=title),
        )
        for pk, _quiz, _user, _context, number, _state, score, graded_at, title in graded[
            :RECENT_GRADES
        ]
    ]


# --- Final grade and classification -------------------------------------------------------

# The lowest final grade of each classification on the 10-point scale, best first; below
# the last one the learner has not passed. A site changes them with
# LMS_CLASSIFICATION_THRESHOLDS = {"excellent": 8, "good": 6.5, "average": 5}.
DEFAULT_THRESHOLDS = {"excellent": Decimal("8"), "good": Decimal("6.5"), "average": Decimal("5")}


class Classification(models.TextChoices):
    """Xếp loại: giỏi / khá / trung bình, and không đạt below the pass mark."""

    EXCELLENT = "excellent", pgettext_lazy("classification", "Excellent")
    GOOD = "good", pgettext_lazy("classification", "Good")
    AVERAGE = "average", pgettext_lazy("classification", "Average")
    FAILED = "failed", pgettext_lazy("classification", "Not passed")


def thresholds() -> dict[str, Decimal]:
    configured = getattr(settings, "LMS_CLASSIFICATION_THRESHOLDS", None) or {}
    return {
        key: Decimal(str(configured.get(key, value))) for key, value in DEFAULT_THRESHOLDS.items()
    }


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def classify(grade) -> Classification | None:
    """The classification of a final grade (a number or its text; None: not graded)."""
    grade = _decimal(grade)
    if grade is None:
        return None
    limits = thresholds()
    for key in ("excellent", "good", "average"):
        if grade >= limits[key]:
            return Classification(key)
    return Classification.FAILED


def final_grade(summary: dict) -> Decimal | None:
    """A learner's final grade in a class from its grade summary (what the completion
    rules report and a completion record keeps: {"essay": "8.5", "quizzes": {title:
    "7"}, ...}): the reflection essay's grade when the class has one, otherwise the mean
    of the required quizzes' grades; rounded half up to one decimal. None while
    something that counts is not graded, or when nothing is graded at all."""
    summary = summary or {}
    if "essay" in summary:
        grades = [summary["essay"]]
    else:
        grades = list((summary.get("quizzes") or {}).values())
    values = [_decimal(grade) for grade in grades]
    present = [value for value in values if value is not None]
    if not values or len(present) < len(values):
        return None
    mean = sum(present, Decimal(0)) / len(present)
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
