import pytest

from quizzes.signals import attempt_graded, attempt_submitted

from . import builders


@pytest.fixture(autouse=True)
def plugin_alone(settings):
    """These tests use quizzes as a plugin on its own: every grader reviews every attempt
    (the portal's lms narrows that to a lecturer's classes; see tests/lms)."""
    settings.QUIZZES_REVIEWABLE_CONTEXTS = ""
    settings.QUIZZES_CONTEXT_LABELS = ""


@pytest.fixture
def bank(course):
    return builders.category(course)


@pytest.fixture
def signals():
    """Records every attempt_submitted and attempt_graded sent during the test."""
    sent = {"submitted": [], "graded": []}

    def on_submitted(sender, attempt, automatically, **kwargs):
        sent["submitted"].append((attempt.pk, automatically))

    def on_graded(sender, attempt, regraded, **kwargs):
        sent["graded"].append((attempt.pk, attempt.state, attempt.score, regraded))

    attempt_submitted.connect(on_submitted, dispatch_uid="tests.quizzes.submitted")
    attempt_graded.connect(on_graded, dispatch_uid="tests.quizzes.graded")
    yield sent
    attempt_submitted.disconnect(dispatch_uid="tests.quizzes.submitted")
    attempt_graded.disconnect(dispatch_uid="tests.quizzes.graded")
