"""The rules about classes live on TrainingClass and its queryset: which statuses are
readable or under way, and the quiz attempt context "class:<id>"."""

from lms.access import attempt_context_labels, quiz_attempt_context
from lms.models import TrainingClass

from .personas import make_class


def test_the_attempt_context_is_built_and_read_back_in_one_place(world):
    context = world.klass.attempt_context
    assert context == f"class:{world.klass.pk}"
    assert TrainingClass.context_of(world.klass.pk) == context
    assert TrainingClass.pk_from_context(context) == world.klass.pk
    for other in ("", "class:", "class:12a", "user:3", "klass:3"):
        assert TrainingClass.pk_from_context(other) is None
    labels = attempt_context_labels([context, "class:999999", "something else"])
    assert labels == {context: world.klass.title}


def test_a_learner_attempts_quizzes_in_the_context_of_their_class(world):
    from quizzes.models import QuizPage

    quiz = world.course.add_child(instance=QuizPage(title="Kiểm tra", slug="kiem-tra"))
    assert quiz_attempt_context(world.learner.user, quiz) == world.klass.attempt_context


def test_status_groups_on_the_queryset(world):
    statuses = TrainingClass.Status
    classes = {status: make_class(world.centre, world.course, status=status) for status in statuses}
    mine = TrainingClass.objects.filter(pk__in=[c.pk for c in classes.values()])
    readable = {c.status for c in mine.readable()}
    assert readable == {statuses.OPEN, statuses.IN_SESSION, statuses.FINISHED}
    assert {c.status for c in mine.running()} == {statuses.OPEN, statuses.IN_SESSION}
    assert statuses.CANCELLED not in {c.status for c in mine.not_cancelled()}
    assert mine.not_cancelled().count() == len(statuses) - 1
    assert [c.is_readable for c in classes.values()] == [status in readable for status in classes]
