"""Each completion rule, and evaluation driven by events and by the nightly sweep."""

from decimal import Decimal

import pytest
from django_q.models import Schedule

from lms import participation
from lms.certificates import rules, tasks
from lms.certificates.models import CompletionRecord, CompletionRule, StaffConfirmation
from lms.certificates.tasks import SCHEDULE_NAME, ensure_schedule
from lms.models import Enrolment


def missing(cw, enrolment=None):
    return [check.key for check in rules.evaluate(enrolment or cw.enrolment).missing]


def test_no_rules_means_nothing_automatic(cw, commits):
    with commits():
        cw.complete_lessons(cw.enrolment)
    evaluation = rules.evaluate(cw.enrolment)
    assert not evaluation.configured and not evaluation.met
    assert evaluation.missing_text()  # says that no rules are set
    assert not CompletionRecord.objects.exists()


def test_required_lessons_share(cw, commits):
    cw.rule(min_lessons_percent=60)
    with commits():
        cw.complete_lessons(cw.enrolment, 1)
    assert missing(cw) == ["lessons"]
    check = rules.evaluate(cw.enrolment).missing[0]
    assert "1" in check.detail and "60%" in check.detail
    with commits():
        cw.complete_lessons(cw.enrolment, 2)
    assert missing(cw) == []


def test_quiz_must_be_passed_in_this_class(cw, commits):
    cw.rule(min_lessons_percent=0, quizzes=[cw.quiz])
    with commits():
        cw.take_quiz(cw.enrolment, right=False)
    assert missing(cw) == [f"quiz:{cw.quiz.pk}"]
    # Passed in another class (another context) does not count here.
    other = Enrolment.objects.create(training_class=cw.other_class, learner=cw.learner)
    with commits():
        cw.take_quiz(other, right=True)
    assert missing(cw) == [f"quiz:{cw.quiz.pk}"]
    with commits():
        cw.take_quiz(cw.enrolment, right=True)  # highest grade counts (the quiz's method)
    assert missing(cw) == []


def test_quiz_grading_method_last_attempt(cw, commits):
    cw.quiz.grading_method = "last"
    cw.quiz.save()
    cw.rule(min_lessons_percent=0, quizzes=[cw.quiz])
    with commits():
        cw.take_quiz(cw.enrolment, right=True)
        cw.take_quiz(cw.enrolment, right=False)
    assert missing(cw) == [f"quiz:{cw.quiz.pk}"]


def test_attendance_counts_every_session_of_the_class(cw, commits):
    cw.rule(min_lessons_percent=0, min_attendance_percent=80)
    with commits():
        cw.attend(cw.enrolment, [cw.session])
    evaluation = rules.evaluate(cw.enrolment)
    assert [c.key for c in evaluation.missing] == ["attendance"]
    assert "1/2" in evaluation.missing[0].detail and "80%" in evaluation.missing[0].detail
    with commits():
        cw.attend(cw.enrolment, [cw.session2])
    assert missing(cw) == []


def test_essay_grade(cw, commits):
    cw.rule(min_lessons_percent=0, essay_quiz=cw.essay, min_essay_grade=Decimal(5))
    with commits():
        cw.write_essay(cw.enrolment, 4)
    assert missing(cw) == ["essay"]
    assert "4" in rules.evaluate(cw.enrolment).missing[0].detail


def test_essay_grade_enough(cw, commits):
    cw.rule(min_lessons_percent=0, essay_quiz=cw.essay, min_essay_grade=Decimal(5))
    with commits():
        cw.write_essay(cw.enrolment, 5)
    assert missing(cw) == []
    assert CompletionRecord.objects.get(enrolment=cw.enrolment).grades["essay"] == "5.00"


@pytest.fixture
def posts():
    """A stand-in discussions app registering its counter, as lms.discussions does."""
    counted = {}

    def count_posts(enrolments):
        return {pk: counted[pk] for pk in enrolments.values_list("pk", flat=True) if pk in counted}

    participation.register(count_posts)
    yield counted
    participation._counters.remove(count_posts)


def test_discussion_participation(cw, commits, posts):
    cw.rule(min_lessons_percent=0, min_posts=2)
    posts[cw.enrolment.pk] = 1
    assert missing(cw) == ["discussion"]
    posts[cw.enrolment.pk] = 2
    assert missing(cw) == []


def test_staff_confirms(cw, commits):
    from lms.certificates.issuing import confirm

    cw.rule(min_lessons_percent=0, staff_confirms=True)
    assert missing(cw) == ["confirmed"]
    with commits():
        assert confirm(cw.enrolment, by=cw.staff)
    assert StaffConfirmation.objects.get(enrolment=cw.enrolment).confirmed_by == cw.staff
    assert CompletionRecord.objects.filter(enrolment=cw.enrolment).exists()


def test_class_rules_replace_the_course_rules(cw, commits):
    cw.rule(min_lessons_percent=100)
    CompletionRule.objects.create(course=cw.course, training_class=cw.klass, min_lessons_percent=0)
    assert missing(cw) == []
    other = Enrolment.objects.get(training_class=cw.other_class)
    assert missing(cw, other) == ["lessons"]


# --- Events and the nightly sweep ------------------------------------------------------


def test_events_issue_when_the_last_rule_is_met(cw, commits):
    cw.full_rule()
    with commits():
        cw.complete_lessons(cw.enrolment)
        cw.take_quiz(cw.enrolment)
        cw.write_essay(cw.enrolment, 7)
    assert not CompletionRecord.objects.exists()
    with commits():  # the last rule: attendance, saved with the register screen's function
        cw.attend(cw.enrolment)
    record = CompletionRecord.objects.get(enrolment=cw.enrolment)
    assert record.issued_by is None and record.is_valid
    cw.enrolment.refresh_from_db()
    assert cw.enrolment.completed_at is not None
    assert record.grades["lessons"] == "3/3" and record.grades["attendance"] == "2/2"


def test_nothing_is_enqueued_before_commit(cw, django_capture_on_commit_callbacks):
    cw.full_rule()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cw.complete_everything(cw.enrolment)
    assert callbacks  # the work waits for the commit
    assert not CompletionRecord.objects.exists()


@pytest.fixture
def deaf():
    """The certificates app misses every event (a lost task, a worker that died)."""
    from django.db.models.signals import post_save

    from lms.certificates import events
    from lms.models import Attendance
    from lms.signals import attendance_recorded, lesson_completed
    from quizzes.signals import attempt_graded

    wiring = [
        (lesson_completed, events.on_lesson_completed, "lms_certificates.lesson", None),
        (attempt_graded, events.on_attempt_graded, "lms_certificates.attempt", None),
        (attendance_recorded, events.on_attendance_recorded, "lms_certificates.attendance", None),
        (post_save, events.on_attendance_saved, "lms_certificates.mark", Attendance),
    ]
    for signal, _receiver, uid, sender in wiring:
        signal.disconnect(sender=sender, dispatch_uid=uid)
    yield
    for signal, receiver, uid, sender in wiring:
        signal.connect(receiver, sender=sender, dispatch_uid=uid)


def test_nightly_sweep_catches_what_events_missed(cw, commits, deaf):
    cw.full_rule()
    with commits():
        cw.complete_everything(cw.enrolment)
    assert not CompletionRecord.objects.exists()
    assert tasks.sweep() == 1
    assert tasks.sweep() == 0  # idempotent
    assert CompletionRecord.objects.count() == 1


def test_evaluation_is_idempotent(cw, commits, deaf):
    cw.full_rule()
    with commits():
        cw.complete_everything(cw.enrolment)
    assert tasks.evaluate_enrolments([cw.enrolment.pk]) == 1
    assert tasks.evaluate_enrolments([cw.enrolment.pk]) == 0
    assert CompletionRecord.objects.count() == 1


def test_withdrawn_learners_are_not_issued(cw, commits, deaf):
    cw.full_rule()
    with commits():
        cw.complete_everything(cw.enrolment)
    Enrolment.objects.filter(pk=cw.enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    assert tasks.sweep() == 0


def test_schedule_created_once(db):
    Schedule.objects.filter(name=SCHEDULE_NAME).delete()
    ensure_schedule()
    ensure_schedule()
    schedule = Schedule.objects.get(name=SCHEDULE_NAME)
    assert schedule.func == "lms.certificates.tasks.sweep"
    assert schedule.schedule_type == Schedule.DAILY
