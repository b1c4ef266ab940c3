"""What a quiz refuses, and why, in words a learner or a lecturer can read.

Every refusal is an ``AttemptError``: the domain functions raise it, a view turns it into
a 4xx response with ``status`` and shows ``str(error)``. Messages are translated when
they are shown, not when they are raised, with the details in ``params``.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


def when(moment) -> str:
    """A date and time as people read it, in the current language and time zone."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class AttemptError(Exception):
    """Base of every refusal. ``status`` is the HTTP status a view should answer with."""

    message = _("This cannot be done with this attempt.")
    status = 400

    def __init__(self, message=None, **params):
        if message is not None:
            self.message = message
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


# --- Starting ----------------------------------------------------------------------


class NotAllowed(AttemptError):
    message = _("You may not take this quiz.")
    status = 403


class NotYourAttempt(AttemptError):
    message = _("This attempt belongs to someone else.")
    status = 404


class QuizUnavailable(AttemptError):
    message = _("This quiz is not available.")
    status = 404


class QuizNotOpen(AttemptError):
    message = _("This quiz opens at %(opens)s.")
    status = 403


class QuizClosed(AttemptError):
    message = _("This quiz closed at %(closes)s.")
    status = 403


class NoAttemptsLeft(AttemptError):
    message = _("You have used all %(count)s attempts at this quiz.")
    status = 403


# --- Answering and submitting -----------------------------------------------------


class AttemptClosed(AttemptError):
    """The attempt is no longer in progress: submitted, graded or abandoned."""

    message = _("This attempt is finished: it no longer accepts answers.")
    status = 409


class TimeUp(AttemptError):
    message = _("Time is up: the answers were no longer accepted after %(deadline)s.")
    status = 409


class InvalidAnswer(AttemptError):
    """An answer that does not fit the question: nothing is saved."""

    message = _("This answer does not fit the question.")
    status = 400


class NotInAttempt(InvalidAnswer):
    message = _("This question is not part of the attempt.")


class NotAnOption(InvalidAnswer):
    message = _("%(option)s is not one of this question's options.")


class WrongAnswerType(InvalidAnswer):
    message = _("This question takes %(expected)s.")


class AnswerTooLong(InvalidAnswer):
    message = _("An answer may be at most %(limit)s characters long; this one has %(length)s.")
    status = 413


# --- Grading ---------------------------------------------------------------------


class GradingError(AttemptError):
    message = _("This grade cannot be recorded.")


class NotSubmitted(GradingError):
    message = _("This attempt has not been submitted yet.")
    status = 409


class PointsOutOfRange(GradingError):
    message = _("Points must be a number from 0 to %(max)s.")


class ReasonRequired(GradingError):
    message = _("Say why the grade changes: the change is recorded with its reason.")


# --- Answers saved on the phone (see quizzes/offline.py) ----------------------------------


class OfflineTooLate(TimeUp):
    message = _(
        "These answers were saved on the phone in time but reached the server after "
        "%(until)s, when the quiz's offline grace of %(minutes)s minutes ended: they were "
        "not accepted. The answers the server received before are kept."
    )


class SavedOutsideAttempt(TimeUp):
    message = _(
        "This was saved on the phone outside the attempt's time (from its start to "
        "%(deadline)s): it was not accepted. Check the phone's date and time."
    )
