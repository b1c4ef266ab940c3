"""Who may take a quiz, and in which context.

``quizzes`` does not know about classes or enrolments. It asks Django's permission API,
with the quiz page as the object: ``user.has_perm("quizzes.attempt_quiz", quiz)``. A site
that runs ``lms`` gets the answer from its authentication backend (learners enrolled in
a class of the course); any other site can answer with its own backend, or give the
model-wide permission "Can attempt quizzes" to a group.

The context an attempt belongs to (attempts are counted per quiz, learner and context)
comes from the callable named by the ``QUIZZES_ATTEMPT_CONTEXT`` setting, called with
(user, quiz); without it every attempt is in the empty context.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from . import attempts, errors

ATTEMPT_QUIZ = "quizzes.attempt_quiz"


def can_attempt(user, quiz) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(ATTEMPT_QUIZ, quiz) or user.has_perm(ATTEMPT_QUIZ)


def attempt_context(user, quiz) -> str:
    path = getattr(settings, "QUIZZES_ATTEMPT_CONTEXT", "")
    return str(import_string(path)(user, quiz) or "") if path else ""


def start_attempt(user, quiz, context: str | None = None, now=None):
    """Start (or resume) the user's attempt, after asking whether they may take the quiz.
    The context defaults to the one the site's QUIZZES_ATTEMPT_CONTEXT gives."""
    if not can_attempt(user, quiz):
        raise errors.NotAllowed()
    if context is None:
        context = attempt_context(user, quiz)
    return attempts.start_attempt(quiz, user, context, now=now)


def own_attempt(user, attempt):
    """The attempt, if it is the user's; an attempt of someone else is not found."""
    if user is None or not user.is_authenticated or attempt.user_id != user.pk:
        raise errors.NotYourAttempt()
    return attempt
