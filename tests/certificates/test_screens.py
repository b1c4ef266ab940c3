"""Where people see it: the learner's dashboard ("what is missing", the download), the
lecturer's roster column, and the staff screens (register with XLSX, issue class,
revoke)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from lms.certificates import issuing
from lms.certificates.models import CompletionRecord

from ..lms.personas import make_learner


def test_dashboard_lists_what_is_missing_then_offers_the_certificate(cw, client, commits):
    cw.full_rule()
    client.force_login(cw.learner.user)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert "✗" in html and cw.quiz.title in html
    assert reverse("lms:certificate_pdf", args=[1]) not in html
    with commits():
        cw.complete_everything(cw.enrolment)
    record = CompletionRecord.objects.get(enrolment=cw.enrolment)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert reverse("lms:certificate_pdf", args=[record.pk]) in html
    assert record.register_number in html


def test_dashboard_queries_do_not_grow_with_the_class(
    cw, client, commits, django_assert_max_num_queries
):
    cw.full_rule()
    client.force_login(cw.learner.user)
    client.get(reverse("lms:dashboard"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("lms:dashboard"))
    for n in range(15):
        profile = make_learner(f"dong{n}", cw.cell)
        enrolment = cw.klass.enrolments.create(learner=profile)
        with commits():
            cw.complete_lessons(enrolment)
            cw.attend(enrolment)
    with commits():
        cw.complete_lessons(cw.enrolment, 2)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("lms:dashboard"))
    assert len(small) == DASHBOARD_QUERIES_UNDER_RULES


# As without rules (tests/lms/test_learning.py): the certificate panel's one query of
# its own is the rules with their quizzes; the record and the open surveys are columns
# of the enrolments, the grades come from the learner's attempts (lms.hooks.Known).
DASHBOARD_QUERIES_UNDER_RULES = 10


def test_roster_shows_each_learners_standing(cw, client):
    cw.rule(min_lessons_percent=100)
    ready = cw.klass.enrolments.create(learner=make_learner("sansang", cw.cell, "Đỗ Văn Sẵn"))
    cw.complete_lessons(ready)
    client.force_login(cw.lecturer)
    html = client.get(reverse("lms:roster", args=[cw.klass.pk])).content.decode()
    assert "✓" in html and "✗" in html
    assert reverse("lms_certificates_issue_class", args=[cw.klass.pk]) not in html  # staff only
    client.force_login(cw.staff)
    html = client.get(reverse("lms:roster", args=[cw.klass.pk])).content.decode()
    assert reverse("lms_certificates_issue_class", args=[cw.klass.pk]) in html


def test_register_page_and_xlsx_keep_revoked_entries(cw, client):
    cw.rule(min_lessons_percent=0)
    first, _ = issuing.issue(cw.enrolment)
    other = cw.klass.enrolments.create(learner=make_learner("thu2", cw.cell, "Phạm Thị Thu"))
    second, _ = issuing.issue(other)
    issuing.revoke(first, by=cw.staff, reason="Cấp nhầm")
    url = reverse("lms_certificates_register")
    client.force_login(cw.lecturer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(cw.staff)
    html = client.get(url).content.decode()
    assert first.register_number in html and second.register_number in html
    assert "Cấp nhầm" in html
    # The count under the list names what the register holds.
    assert "2 giấy chứng nhận" in html and "bản ghi hoàn thành" not in html
    response = client.get(url, {"export": "xlsx", "centre": cw.centre.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    by_number = {row[0]: row for row in rows[1:]}
    assert "Cấp nhầm" in by_number[first.register_number]
    assert "Phạm Thị Thu" in by_number[second.register_number]


def issue_form(client, url, **by_enrolment) -> dict:
    """The issue screen's form as the browser sends it, with ``{"<enrolment pk>": {"confirm":
    "on"}}`` or ``{"reason": ...}`` filled in for some learners."""
    formset = client.get(url).context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for index, form in enumerate(formset):
        enrolment = form.initial["enrolment"]
        data[f"form-{index}-enrolment"] = enrolment
        for field, value in by_enrolment.get(str(enrolment), {}).items():
            data[f"form-{index}-{field}"] = value
    return data


def test_issue_class_screen(cw, client):
    cw.rule(min_lessons_percent=100)
    behind = cw.klass.enrolments.create(learner=make_learner("cham", cw.cell, "Vũ Văn Chậm"))
    cw.complete_lessons(cw.enrolment)
    url = reverse("lms_certificates_issue_class", args=[cw.klass.pk])
    client.force_login(cw.lecturer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(cw.staff)
    html = client.get(url).content.decode()
    assert "Vũ Văn Chậm" in html and "✗" in html
    client.post(url, issue_form(client, url))
    client.post(url, issue_form(client, url))  # pressed twice
    assert CompletionRecord.objects.filter(enrolment__training_class=cw.klass).count() == 1
    reason = {"reason": "Học bù đủ, có xác nhận của chi bộ"}
    client.post(url, issue_form(client, url, **{str(behind.pk): reason}))
    record = CompletionRecord.objects.get(enrolment=behind)
    assert record.override_reason == "Học bù đủ, có xác nhận của chi bộ"
    assert record.issued_by == cw.staff


def test_a_tampered_issue_form_issues_nothing(cw, client):
    cw.rule(min_lessons_percent=0)
    url = reverse("lms_certificates_issue_class", args=[cw.klass.pk])
    client.force_login(cw.staff)
    response = client.post(url, {}, follow=True)  # no management form
    assert "chưa cấp giấy chứng nhận nào" in response.content.decode()
    assert not CompletionRecord.objects.filter(enrolment__training_class=cw.klass).exists()


def test_revoke_screen_needs_a_reason(cw, client):
    cw.rule(min_lessons_percent=0)
    record, _ = issuing.issue(cw.enrolment)
    url = reverse("lms_certificates_revoke", args=[record.pk])
    client.force_login(cw.staff)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.is_valid
    client.post(url, {"reason": "Gian lận bài thu hoạch"})
    record.refresh_from_db()
    assert not record.is_valid and record.revoked_by == cw.staff


def test_staff_confirm_learners_on_the_issue_screen(cw, client, commits):
    cw.rule(min_lessons_percent=0, staff_confirms=True)
    url = reverse("lms_certificates_issue_class", args=[cw.klass.pk])
    client.force_login(cw.staff)
    html = client.get(url).content.decode()
    assert 'name="form-0-confirm"' in html and cw.enrolment.learner.full_name in html
    data = issue_form(client, url, **{str(cw.enrolment.pk): {"confirm": "on"}})
    with commits():
        client.post(url, data)
    record = CompletionRecord.objects.get(enrolment=cw.enrolment)
    assert record.override_reason == ""  # met the rules: confirmed, not overridden


def test_roster_queries_do_not_grow_with_learners_under_rules(cw, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cw.full_rule()
    client.force_login(cw.lecturer)
    url = reverse("lms:roster", args=[cw.klass.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        enrolment = cw.klass.enrolments.create(learner=make_learner(f"them{n}", cw.cell))
        cw.complete_lessons(enrolment, 1)
        cw.attend(enrolment, [cw.session])
    issuing.issue(cw.enrolment, by=cw.staff, override_reason="Kiểm tra số truy vấn")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("✗") == 12  # the twelve others, each with what they miss
    assert len(many) == len(few) == ROSTER_QUERIES_UNDER_RULES


# As without rules (tests/lms/test_learning.py ROSTER_QUERIES): the certificate column
# asks for the rules (their quizzes joined) and every quiz's grades in one query each.
ROSTER_QUERIES_UNDER_RULES = 9


def test_each_unmet_requirement_links_to_where_it_is_met(cw, client, commits):
    cw.full_rule()
    client.force_login(cw.learner.user)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert f'→ <a href="{cw.essay.url}">Làm bài thu hoạch</a>' in html
    assert f'→ <a href="{cw.quiz.url}">Làm bài kiểm tra</a>' in html
    path = reverse("lms:class_path", args=[cw.klass.pk])
    assert f'→ <a href="{path}">Xem các bài còn phải đọc</a>' in html
    # The next step comes first: before the progress bar and the certificate panel.
    assert html.index('class="next-step"') < html.index("<progress") < html.index("✗")
    with commits():
        cw.take_quiz(cw.enrolment)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert f'→ <a href="{cw.quiz.url}">' not in html  # met: no link


def test_issue_certificates_is_an_action_on_the_class_itself(cw, client):
    issue = reverse("lms_certificates_issue_class", args=[cw.klass.pk])
    client.force_login(cw.staff)
    listing = client.get(reverse("lms_classes:index")).content.decode()
    edit = client.get(reverse("lms_classes:edit", args=[cw.klass.pk])).content.decode()
    assert issue in listing and issue in edit
    page = client.get(issue).content.decode()
    assert cw.klass.title in page and "Của lớp" in page
    client.force_login(cw.lecturer)
    edit = client.get(reverse("lms_classes:edit", args=[cw.klass.pk]))
    assert edit.status_code == 200 and issue not in edit.content.decode()
