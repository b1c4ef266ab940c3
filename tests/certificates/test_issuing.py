"""The register: one record per enrolment ever, numbers without gaps, refusals and
overrides, "issue class" run twice or stopped halfway, revocation."""

import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from lms.certificates import issuing, rules, tasks
from lms.certificates.models import CertificateSettings, CompletionRecord, RegisterCounter
from lms.models import ClassSession, Enrolment, Notification

from ..lms.personas import make_learner


def learners(cw, count):
    result = []
    for n in range(count):
        profile = make_learner(f"hv{n:03d}", cw.cell, f"Trần Thị Hồng {n:03d}")
        result.append(Enrolment.objects.create(training_class=cw.klass, learner=profile))
    return result


def sequences(centre, year):
    return list(
        CompletionRecord.objects.filter(centre=centre, year=year)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )


def test_numbers_follow_the_centre_format_per_year(cw):
    cw.rule(min_lessons_percent=0)
    CertificateSettings.objects.create(centre=cw.centre, number_format="{seq}/{year}/CCNT")
    first, second, third = learners(cw, 3)
    a, _ = issuing.issue(first, today=date(2025, 12, 31))
    b, _ = issuing.issue(second, today=date(2026, 1, 2))
    c, _ = issuing.issue(third, today=date(2026, 1, 3))
    assert [a.register_number, b.register_number, c.register_number] == [
        "1/2025/CCNT",
        "1/2026/CCNT",
        "2/2026/CCNT",
    ]
    assert len({a.code, b.code, c.code}) == 3
    assert len(a.code) >= 43  # 32 random bytes, url-safe: 256 bits
    assert a.register_number not in a.code


def test_refused_without_the_rules_unless_staff_give_a_reason(cw):
    cw.full_rule()
    with pytest.raises(issuing.IssueRefused) as refusal:
        issuing.issue(cw.enrolment)
    text = " ".join(refusal.value.messages)
    assert "Nguyễn Văn An" in text  # names the learner and what is missing
    evaluation = rules.evaluate(cw.enrolment)
    assert [c.key for c in evaluation.missing] == [
        "lessons",
        f"quiz:{cw.quiz.pk}",
        "essay",
        "attendance",
    ]
    assert evaluation.missing_text() in text
    assert not CompletionRecord.objects.exists()
    assert not RegisterCounter.objects.filter(last__gt=0).exists()
    with pytest.raises(issuing.IssueRefused):
        issuing.issue(cw.enrolment, by=cw.staff, override_reason="   ")
    record, created = issuing.issue(
        cw.enrolment, by=cw.staff, override_reason="Ốm, đã học bù tại cơ sở"
    )
    assert created and record.override_reason == "Ốm, đã học bù tại cơ sở"
    assert record.issued_by == cw.staff


def test_a_second_issue_returns_the_first(cw):
    cw.rule(min_lessons_percent=0)
    record, created = issuing.issue(cw.enrolment)
    again, created_again = issuing.issue(cw.enrolment)
    assert created and not created_again and again.pk == record.pk
    assert CompletionRecord.objects.count() == 1
    assert RegisterCounter.objects.get().last == 1


def test_failed_issue_gives_its_number_back(cw):
    cw.rule(min_lessons_percent=0)
    first, second = learners(cw, 2)
    with (
        mock.patch("lms.certificates.issuing.notify", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        issuing.issue(first)
    issuing.issue(second)
    issuing.issue(first)
    assert sequences(cw.centre, timezone.localdate().year) == [1, 2]


def test_issue_class_twice_and_after_a_crash(cw, commits, monkeypatch):
    cw.rule(min_lessons_percent=0)
    enrolments = learners(cw, 6)
    monkeypatch.setattr(issuing, "BATCH", 2)
    real_issue = issuing._issue_locked
    calls = {"n": 0}

    def dies_on_the_fourth(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")
        return real_issue(*args, **kwargs)

    with (
        mock.patch("lms.certificates.issuing._issue_locked", dies_on_the_fourth),
        pytest.raises(SystemExit),
    ):
        issuing.issue_class(cw.klass, by=cw.staff)
    # The first batch of two was committed; the second died with nothing written.
    assert CompletionRecord.objects.count() == 2
    assert RegisterCounter.objects.get().last == 2
    first = issuing.issue_class(cw.klass, by=cw.staff)
    second = issuing.issue_class(cw.klass, by=cw.staff)  # "issue class" pressed again
    assert len(first.issued) == 5 and len(second.issued) == 0
    total = len(enrolments) + 1  # the World's learner too
    assert len(second.already) == total
    assert sequences(cw.centre, timezone.localdate().year) == list(range(1, total + 1))
    assert (
        Enrolment.objects.filter(training_class=cw.klass, completed_at__isnull=False).count()
        == total
    )
    assert tasks.issue_class(cw.klass.pk, cw.staff.pk) == 0


def test_issue_class_refuses_with_missing_rules_and_honours_overrides(cw):
    cw.rule(min_lessons_percent=100)
    ready, behind = learners(cw, 2)
    cw.complete_lessons(ready)
    report = issuing.issue_class(cw.klass, by=cw.staff)
    assert [e.pk for e in report.issued] == [ready.pk]
    refused = {e.pk: text for e, text in report.refused}
    assert behind.pk in refused and "0" in refused[behind.pk]
    report = issuing.issue_class(
        cw.klass, by=cw.staff, overrides={behind.pk: "Đã học đủ trên giấy"}
    )
    assert [e.pk for e in report.issued] == [behind.pk]
    assert CompletionRecord.objects.get(enrolment=behind).override_reason == "Đã học đủ trên giấy"


def test_issue_class_waits_for_the_final_session(cw):
    cw.rule(min_lessons_percent=0)
    ClassSession.objects.create(
        training_class=cw.klass,
        date=timezone.localdate() + timedelta(days=5),
        starts_at="07:30",
        ends_at="11:00",
        venue="Hội trường",
    )
    with pytest.raises(issuing.IssueRefused) as refusal:
        issuing.issue_class(cw.klass, by=cw.staff)
    assert refusal.value.code == "sessions_pending"
    assert not CompletionRecord.objects.exists()


def test_revoke_keeps_the_entry_and_tells_the_learner(cw, commits):
    cw.rule(min_lessons_percent=0)
    with commits():
        record, _ = issuing.issue(cw.enrolment)
    assert Notification.objects.filter(
        user=cw.learner.user, kind=Notification.Kind.CERTIFICATE_ISSUED
    ).exists()
    with pytest.raises(issuing.IssueRefused):
        issuing.revoke(record, by=cw.staff, reason=" ")
    assert issuing.revoke(record, by=cw.staff, reason="Khai man kết quả")
    assert not issuing.revoke(record, by=cw.staff, reason="Lần hai")
    record.refresh_from_db()
    assert record.status == "revoked" and record.revoked_reason == "Khai man kết quả"
    assert record.revoked_by == cw.staff and record.revoked_at
    cw.enrolment.refresh_from_db()
    assert cw.enrolment.completed_at is None
    notice = Notification.objects.get(
        user=cw.learner.user, kind=Notification.Kind.CERTIFICATE_REVOKED
    )
    assert "Khai man kết quả" in notice.message
    # Exactly one record ever: the enrolment does not get a second one.
    assert issuing.issue(cw.enrolment)[0].pk == record.pk
    tasks.sweep()
    assert CompletionRecord.objects.filter(enrolment=cw.enrolment).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_the_same_moment_make_one_record():
    from .conftest import CertWorld

    cw = CertWorld()
    cw.rule(min_lessons_percent=0)
    others = learners(cw, 4)
    barrier = threading.Barrier(6)
    results, errors = [], []

    def worker(enrolment):
        try:
            barrier.wait()
            results.append(issuing.issue(enrolment.pk))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    targets = [cw.enrolment, cw.enrolment] + others
    threads = [threading.Thread(target=worker, args=(e,)) for e in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert CompletionRecord.objects.filter(enrolment=cw.enrolment).count() == 1
    assert sum(created for _record, created in results) == 5
    assert sequences(cw.centre, timezone.localdate().year) == [1, 2, 3, 4, 5]
