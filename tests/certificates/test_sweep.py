"""The certificates' kinds of background work when their tasks are lost (issue 11): a
completion check due and a PDF not rendered are done by the sweep, once."""

from datetime import timedelta

from django.utils import timezone
from redis.exceptions import ConnectionError as RedisDown

from lms import sweep
from lms.certificates.models import CompletionRecord, EvaluationDue


def test_a_lost_completion_check_and_a_lost_pdf_are_done_by_the_sweep(
    cw, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(func, *args, **kwargs):
        raise RedisDown("Connection refused.")

    monkeypatch.setattr("django_q.tasks.async_task", refuse)
    cw.rule(min_lessons_percent=100)
    with django_capture_on_commit_callbacks(execute=True):
        cw.complete_lessons(cw.enrolment)
    # The lessons are read and the check is due; its task never reached the broker.
    assert EvaluationDue.objects.filter(enrolment=cw.enrolment).exists()
    assert not CompletionRecord.objects.exists()
    assert {row.kind: row.count for row in sweep.due_work()}["completion_checks"] == 0
    EvaluationDue.objects.update(since=timezone.now() - timedelta(minutes=2))
    due = {row.kind: row for row in sweep.due_work()}["completion_checks"]
    assert due.count == 1 and due.oldest_age_seconds >= 119

    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep() == {"completion_checks": 1}
    record = CompletionRecord.objects.get(enrolment=cw.enrolment)
    assert not EvaluationDue.objects.exists()
    assert not record.pdf  # its render task was refused too

    CompletionRecord.objects.update(issued_at=timezone.now() - timedelta(minutes=2))
    assert {row.kind: row.count for row in sweep.due_work()}["certificate_pdfs"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep() == {"certificate_pdfs": 1}
        assert sweep.sweep() == {}
    record.refresh_from_db()
    assert record.pdf and record.pdf.read(5) == b"%PDF-"
    assert CompletionRecord.objects.count() == 1


def test_a_check_that_ran_is_no_longer_due(cw, django_capture_on_commit_callbacks):
    cw.rule(min_lessons_percent=100)
    with django_capture_on_commit_callbacks(execute=True):
        cw.complete_lessons(cw.enrolment, count=1)  # not enough yet: no record
    assert not EvaluationDue.objects.exists()
    assert not CompletionRecord.objects.exists()
