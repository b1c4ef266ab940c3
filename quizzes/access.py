"""Who may take a quiz, and in which context.

``quizzes`` does not know about classes or enrolments. It asks Django's permission API,
with the quiz page as the object: ``user.has_perm("quizzes.attempt_quiz", quiz)``. A site
that runs ``lms`` gets the answer from its authentication backend (learners enrolled in
a class of the course); any other site can answer with its own backend, or give the
model-wide permission "Can attempt quizzes" to a group.

The context an attempt belongs to (attempts are counted per quiz, learner and context)
comes from the callable named by the ``QUIZZES_ATTEMPT_CONTEXT`` setting, called with
(user, quiz); without it every attempt is in the empty context.

Whose attempts a grader or a report reader sees is narrowed by the callable named by
``QUIZZES_REVIEWABLE_CONTEXTS``, called with the user: ``None`` for every attempt, or the
list of contexts the user may review (a lecturer: the classes they teach). Without it,
anyone with the admin permission sees every attempt. ``QUIZZES_CONTEXT_LABELS`` names a
callable that turns contexts into what reports show ("class:12" -> the class's title).
``QUIZZES_CONTEXT_HOME`` names a callable that gives, for a context, where a learner
goes on from a quiz: (label, url), e.g. the class's outline; without it (or when it
gives None) the quiz page links to its parent page.
"""

from django.conf import settings
from django.db.models import QuerySet
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


def reviewable_contexts(user) -> list[str] | QuerySet | None:
    """The contexts whose attempts the user may review, or None for all of them; a query
    of contexts stays a query (a subquery of the attempts' own, not one more round trip)."""
    path = getattr(settings, "QUIZZES_REVIEWABLE_CONTEXTS", "")
    contexts = import_string(path)(user) if path else None
    if contexts is None or isinstance(contexts, QuerySet):
        return contexts
    return list(contexts)


def reviewable(user, attempts_queryset, prefix: str = ""):
    """``attempts_queryset`` narrowed to the contexts the user may review; ``prefix`` is
    the lookup path from the queryset's model to the attempt ("attempt_question__attempt__")."""
    contexts = reviewable_contexts(user)
    if contexts is None:
        return attempts_queryset
    return attempts_queryset.filter(**{f"{prefix}context__in": contexts})


def context_labels(contexts) -> dict[str, str]:
    """What to call each context in reports; a context without a label is shown as is."""
    contexts = {context for context in contexts if context}
    path = getattr(settings, "QUIZZES_CONTEXT_LABELS", "")
    labels = import_string(path)(contexts) if path and contexts else {}
    return {context: labels.get(context, context) for context in contexts}


def context_home(context: str) -> tuple[str, str] | None:
    """(label, url) of where a learner goes on from a quiz taken in ``context``."""
    path = getattr(settings, "QUIZZES_CONTEXT_HOME", "")
    return import_string(path)(context) if path and context else None
