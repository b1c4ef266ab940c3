"""Who may start an attempt: quizzes asks Django's permission API and never imports lms."""

import pytest
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import override_settings

from quizzes import access, attempts, errors
from quizzes.access import ATTEMPT_QUIZ
from quizzes.models import Attempt

from . import builders as b
from .builders import T0

BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "tests.quizzes.test_access.QuizBackend",
]


class QuizBackend(BaseBackend):
    """What a site's backend (lms.access.AccessBackend) does: answers the object
    permission, here for users whose name starts with "lop"."""

    def has_perm(self, user_obj, perm, obj=None):
        return perm == ATTEMPT_QUIZ and obj is not None and user_obj.username.startswith("lop")


def context_from_username(user, quiz):
    return f"class:{user.username[-1]}"


@pytest.fixture
def quiz(course, bank):
    return b.quiz(course, questions=[b.single(bank)])


@override_settings(AUTHENTICATION_BACKENDS=BACKENDS)
def test_the_object_permission_comes_from_the_sites_backend(quiz):
    assert access.can_attempt(b.user("lop1"), quiz)
    assert not access.can_attempt(b.user("ngoai"), quiz)
    assert not access.can_attempt(AnonymousUser(), quiz)
    assert not access.can_attempt(None, quiz)
    inactive = b.user("lop2")
    inactive.is_active = False
    assert not access.can_attempt(inactive, quiz)


@override_settings(AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"])
def test_without_such_a_backend_a_site_grants_the_model_permission(quiz):
    user = b.user("hocvien1")
    assert not access.can_attempt(user, quiz)
    user.user_permissions.add(Permission.objects.get(codename="attempt_quiz"))
    user = type(user).objects.get(pk=user.pk)  # forget the cached permissions
    assert access.can_attempt(user, quiz)
    assert ModelBackend().has_perm(user, ATTEMPT_QUIZ)


@override_settings(AUTHENTICATION_BACKENDS=BACKENDS)
def test_start_asks_first(quiz):
    with pytest.raises(errors.NotAllowed) as refused:
        access.start_attempt(b.user("ngoai"), quiz, now=T0)
    assert refused.value.status == 403
    assert not Attempt.objects.exists()
    attempt = access.start_attempt(b.user("lop1"), quiz, now=T0)
    assert (attempt.state, attempt.context) == (Attempt.State.IN_PROGRESS, "")


@override_settings(
    AUTHENTICATION_BACKENDS=BACKENDS,
    QUIZZES_ATTEMPT_CONTEXT="tests.quizzes.test_access.context_from_username",
)
def test_the_context_comes_from_the_site(quiz):
    attempt = access.start_attempt(b.user("lop7"), quiz, now=T0)
    assert attempt.context == "class:7"
    assert access.start_attempt(b.user("lop8"), quiz, "explicit", now=T0).context == "explicit"


@override_settings(AUTHENTICATION_BACKENDS=BACKENDS)
def test_an_attempt_is_only_its_owners(quiz):
    owner, other = b.user("lop1"), b.user("lop2")
    attempt = access.start_attempt(owner, quiz, now=T0)
    assert access.own_attempt(owner, attempt) is attempt
    for intruder in (other, AnonymousUser(), None):
        with pytest.raises(errors.NotYourAttempt) as refused:
            access.own_attempt(intruder, attempt)
        assert refused.value.status == 404


def test_an_unpublished_quiz_or_one_without_questions_cannot_be_started(course, bank, learner):
    draft = b.quiz(course, questions=[b.single(bank)], live=False)
    with pytest.raises(errors.QuizUnavailable):
        attempts.start_attempt(draft, learner, now=T0)
    empty = b.quiz(course, draws=[(b.category(course, name="Trống"), 5)])
    with pytest.raises(errors.QuizUnavailable):
        attempts.start_attempt(empty, learner, now=T0)
    assert not Attempt.objects.exists()
