"""Quiz grades as learners meet them in ``lms``: a notification when an attempt is graded
(or its grade changes), and the recent grades on the dashboard.

``quizzes`` announces grading with its ``attempt_graded`` signal, sent after the grading
transaction commits and once per change, so a grading task that runs twice tells the
learner once (the notification key is the attempt and the moment of grading).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from quizzes.models import Attempt

from .models import Notification
from .notify import notify

RECENT_GRADES = 5


def attempt_graded(sender, attempt, regraded=False, **kwargs) -> None:
    # Every grading or change sets graded_at anew: to the microsecond, it tells changes
    # apart however quickly they follow one another.
    stamp = attempt.graded_at.isoformat() if attempt.graded_at else ""
    with override(settings.LANGUAGE_CODE):  # tasks have no request: the site's language
        grade = formats.number_format(attempt.score, decimal_pos=2, use_l10n=True)
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
