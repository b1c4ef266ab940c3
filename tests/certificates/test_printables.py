"""The class's documents on paper (issue 18, item 4): the register as a book, the results
sheet and its XLSX, the results notice to an organisation, the two decisions and the
attendance sheet to sign. Figures against hand-computed values, the text as extracted
from the PDFs (diacritics intact), who may print what, and constant query counts."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from lms.certificates import issuing
from lms.certificates.models import PaperworkSettings
from lms.certificates.results import class_results
from lms.models import Enrolment, LearnerProfile

from ..lms.personas import make_learner


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def pdf_text(response) -> str:
    # Words wrapped inside a table cell come back on two lines: compare with single spaces.
    return " ".join(" ".join(pdf_pages(response)).split())


def is_landscape(response) -> bool:
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    return float(page.mediabox.width) > float(page.mediabox.height)


@pytest.fixture
def sheet(cw, commits):
    """Three learners of the class, by hand:

    - Nguyễn Văn An (Chi bộ thôn Đồng Cọ): both sessions, quiz right (10), essay 8
      -> final 8 (the essay's grade) -> Giỏi; certificate issued -> completed.
    - Đặng Thị Hà (Chi bộ Trường Tiểu học): one session of two, quiz wrong (0),
      essay 6.5 -> final 6,5 -> Khá; not completed.
    - Hoàng Văn Bảo (Chi bộ thôn Đồng Cọ): nothing -> 0/2, no grade, not completed.
    """
    cw.full_rule()
    school = cw.committee.add_child(name="Chi bộ Trường Tiểu học", kind="party_cell")
    LearnerProfile.objects.filter(pk=cw.learner.pk).update(
        date_of_birth=date(1990, 3, 9), position="Bí thư chi đoàn"
    )
    ha = cw.klass.enrolments.create(learner=make_learner("ha", school, "Đặng Thị Hà"))
    bao = cw.klass.enrolments.create(learner=make_learner("bao", cw.cell, "Hoàng Văn Bảo"))
    with commits():
        cw.complete_everything(cw.enrolment)
        cw.attend(ha, [cw.session])
        cw.take_quiz(ha, right=False)
        cw.write_essay(ha, Decimal("6.5"))
    record, _ = issuing.issue(cw.enrolment)
    cw.commits = commits
    cw.school, cw.ha, cw.bao, cw.record = school, ha, bao, record
    return cw


def test_results_figures_match_the_hand_computed_ones(sheet):
    with translation.override("vi"):
        results = class_results(sheet.klass)
    assert results.sessions == 2
    assert [quiz.pk for quiz in results.quizzes] == [sheet.quiz.pk]
    assert results.essay_quiz == sheet.essay
    rows = {row.learner.full_name: row for row in results.rows}
    # In Vietnamese alphabetical order (Đ after D, before H).
    assert list(rows) == ["Đặng Thị Hà", "Hoàng Văn Bảo", "Nguyễn Văn An"]
    an, ha, bao = rows["Nguyễn Văn An"], rows["Đặng Thị Hà"], rows["Hoàng Văn Bảo"]
    assert (an.present, ha.present, bao.present) == (2, 1, 0)
    assert an.quiz_grades == [Decimal(10)] and ha.quiz_grades == [Decimal(0)]
    assert bao.quiz_grades == [None]
    assert (an.essay, ha.essay, bao.essay) == (Decimal(8), Decimal("6.5"), None)
    assert (an.final, ha.final, bao.final) == (Decimal(8), Decimal("6.5"), None)
    assert (an.classification, ha.classification, bao.classification) == ("Giỏi", "Khá", "")
    assert an.completed and not ha.completed and not bao.completed
    assert an.result == "Hoàn thành" and ha.result == "Chưa hoàn thành"
    assert [row.learner.full_name for row in results.completed] == ["Nguyễn Văn An"]
    assert dict(results.tally()) == {"Giỏi": 1, "Khá": 1}


def test_results_sheet_pdf_and_xlsx(sheet, client):
    client.force_login(sheet.lecturer)  # a lecturer of the class may print it
    url = reverse("lms_certificates_results_sheet", args=[sheet.klass.pk])
    response = client.get(url)
    assert is_landscape(response)
    text = pdf_text(response)
    for expected in (
        "KẾT QUẢ HỌC TẬP",
        sheet.klass.title,
        "HUYỆN UỶ CHIÊM HOÁ",
        "TRUNG TÂM CHÍNH TRỊ HUYỆN CHIÊM HOÁ",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Nguyễn Văn An 09/03/1990 Chi bộ thôn Đồng Cọ 2/2 10 8 8 Giỏi Hoàn thành",
        "Đặng Thị Hà",
        "Chi bộ Trường Tiểu học 1/2 0 6,5 6,5 Khá Chưa hoàn thành",
        "Hoàng Văn Bảo",
        "0/2",
        "Bài thu hoạch",
        "Điểm tổng kết",
        "Xếp loại",
    ):
        assert expected in text, expected

    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Đơn vị",
        "Số buổi có mặt",
        "Tổng số buổi",
    )
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Nguyễn Văn An"][4:] == (
        2,
        2,
        10,
        8,
        8,
        "Giỏi",
        "Hoàn thành",
        sheet.record.register_number,
    )
    assert by_name["Đặng Thị Hà"][4:] == (1, 2, 0, 6.5, 6.5, "Khá", "Chưa hoàn thành", None)
    assert by_name["Hoàng Văn Bảo"][4:9] == (0, 2, None, None, None)


def test_results_notice_lists_only_the_organisations_learners(sheet, client):
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_results_notice", args=[sheet.klass.pk, sheet.cell.pk])
    text = pdf_text(client.get(url))
    for expected in (
        "THÔNG BÁO",
        "Kính gửi: Chi bộ thôn Đồng Cọ",
        "Số: ……/TB-TTCT",
        "Nguyễn Văn An",
        "Hoàng Văn Bảo",
        sheet.record.register_number,
        "Giỏi",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert "Đặng Thị Hà" not in text
    other = reverse("lms_certificates_results_notice", args=[sheet.klass.pk, sheet.school.pk])
    text = pdf_text(client.get(other))
    assert "Đặng Thị Hà" in text and "Nguyễn Văn An" not in text
    # An organisation without learners in the class has no notice to send.
    nobody = sheet.committee.add_child(name="Chi bộ Khu phố 3", kind="party_cell")
    url = reverse("lms_certificates_results_notice", args=[sheet.klass.pk, nobody.pk])
    assert client.get(url).status_code == 404


def test_opening_decision_lists_every_learner_with_the_centres_wording(sheet, client):
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_opening_decision", args=[sheet.klass.pk])
    pages = pdf_pages(client.get(url))
    assert len(pages) == 2  # the decision, then its list
    decision = " ".join(pages[0].split())
    for expected in (
        "QUYẾT ĐỊNH",
        f"Về việc mở {sheet.klass.title}",
        "GIÁM ĐỐC TRUNG TÂM CHÍNH TRỊ HUYỆN CHIÊM HOÁ",
        "Căn cứ chức năng, nhiệm vụ, quyền hạn của Trung tâm Chính trị huyện Chiêm Hoá;",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Mở {sheet.klass.title}",
        "Lớp gồm 3 học viên",
        "Số: ……/QĐ-TTCT",
        "Nơi nhận:",
    ):
        assert expected in decision, expected
    annex = " ".join(pages[1].split())
    assert "DANH SÁCH HỌC VIÊN" in annex
    for name in ("Nguyễn Văn An", "Đặng Thị Hà", "Hoàng Văn Bảo", "Bí thư chi đoàn"):
        assert name in annex, name

    # Staff edit the wording in the admin; the next print says what they wrote.
    PaperworkSettings.objects.create(
        centre=sheet.centre,
        decision_symbol="QĐ-TTCTCH",
        opening_basis="Căn cứ Kế hoạch số 15-KH/TTCT năm {year};",
    )
    text = pdf_text(client.get(url))
    assert "Căn cứ Kế hoạch số 15-KH/TTCT năm 2026;" in text
    assert "Số: ……/QĐ-TTCTCH" in text


def test_completion_decision_lists_those_who_completed(sheet, client):
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_completion_decision", args=[sheet.klass.pk])
    pages = pdf_pages(client.get(url))
    decision, annex = (" ".join(page.split()) for page in pages[:2])
    assert "Về việc công nhận hoàn thành chương trình và cấp giấy chứng nhận" in decision
    assert f"Điều 1. Công nhận 1 học viên {sheet.klass.title} đã hoàn thành" in decision
    assert "DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH" in annex
    assert "Nguyễn Văn An" in annex and sheet.record.register_number in annex
    assert "Giỏi" in annex
    assert "Đặng Thị Hà" not in annex and "Hoàng Văn Bảo" not in annex


def test_register_book_numbers_the_years_entries_and_marks_revoked_ones(sheet, client):
    second, _ = issuing.issue(sheet.bao, by=sheet.staff, override_reason="Học bù")
    issuing.revoke(second, by=sheet.staff, reason="Cấp nhầm người")
    third = issuing.reissue(second, by=sheet.staff)
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_register_book")
    response = client.get(url, {"centre": sheet.centre.pk, "year": sheet.record.year})
    assert is_landscape(response)
    text = pdf_text(response)
    for expected in (
        f"SỔ CẤP GIẤY CHỨNG NHẬN NĂM {sheet.record.year}",
        sheet.record.register_number,
        "Nguyễn Văn An 09/03/1990 Chi bộ thôn Đồng Cọ",
        "Giỏi",
        second.register_number,
        "Hoàng Văn Bảo",
        "ĐÃ THU HỒI",
        "Cấp nhầm người",
        f"Cấp lại thay số {second.register_number}",
        third.register_number,
        "Trang 1",
    ):
        assert expected in text, expected
    # The register's page in the admin links to its book.
    page = client.get(reverse("lms_certificates_register"), {"year": sheet.record.year})
    assert f"{url}?year={sheet.record.year}" in page.content.decode().replace("&amp;", "&")
    empty = pdf_text(client.get(url, {"centre": sheet.centre.pk, "year": 1999}))
    assert "SỔ CẤP GIẤY CHỨNG NHẬN NĂM 1999" in empty and "Nguyễn Văn An" not in empty


def test_attendance_sheet_to_sign(sheet, client):
    client.force_login(sheet.lecturer)
    url = reverse("lms_attendance_sheet", args=[sheet.session.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "DANH SÁCH KÝ NHẬN",
        "Nguyễn Văn An",
        "Chi bộ Trường Tiểu học",
        "09/03/1990",
        "Ký tên",
        "TRUNG TÂM CHÍNH TRỊ HUYỆN CHIÊM HOÁ",
        sheet.session.date.strftime("%d/%m/%Y"),
    ):
        assert expected in html, expected
    assert html.index("Đặng Thị Hà") < html.index("Hoàng Văn Bảo") < html.index("Nguyễn Văn An")


def test_class_page_links_to_each_document(sheet, client):
    edit = reverse("lms_classes:edit", args=[sheet.klass.pk])
    client.force_login(sheet.staff)
    html = client.get(edit).content.decode()
    for url in (
        reverse("lms_certificates_results_sheet", args=[sheet.klass.pk]),
        reverse("lms_certificates_opening_decision", args=[sheet.klass.pk]),
        reverse("lms_certificates_completion_decision", args=[sheet.klass.pk]),
        reverse("lms_certificates_results_notice", args=[sheet.klass.pk, sheet.cell.pk]),
        reverse("lms_certificates_results_notice", args=[sheet.klass.pk, sheet.school.pk]),
        reverse("lms_certificates_register_book"),
        reverse("lms_attendance_sheet", args=[sheet.session.pk]),
    ):
        assert url in html, url
    assert "Giấy tờ in" in html
    assert "Quyết định mở lớp" in html and "Thông báo kết quả gửi từng tổ chức" in html
    assert ">label<" not in html  # each link is shown once, by its label
    # A lecturer of the class sees the results sheet and the attendance sheets only.
    client.force_login(sheet.lecturer)
    html = client.get(edit).content.decode()
    assert reverse("lms_certificates_results_sheet", args=[sheet.klass.pk]) in html
    assert reverse("lms_attendance_sheet", args=[sheet.session.pk]) in html
    assert reverse("lms_certificates_opening_decision", args=[sheet.klass.pk]) not in html


def refused(response) -> bool:
    return response.status_code in (302, 403, 404)


def test_who_may_print_what(sheet, client):
    pk = sheet.klass.pk
    staff_only = [
        reverse("lms_certificates_opening_decision", args=[pk]),
        reverse("lms_certificates_completion_decision", args=[pk]),
        reverse("lms_certificates_results_notice", args=[pk, sheet.cell.pk]),
        reverse("lms_certificates_register_book"),
    ]
    class_people = [
        reverse("lms_certificates_results_sheet", args=[pk]),
        reverse("lms_attendance_sheet", args=[sheet.session.pk]),
    ]
    for persona in ("learner", "other lecturer"):
        client.force_login(sheet.personas[persona])
        for url in staff_only + class_people:
            assert refused(client.get(url)), (persona, url)
    client.logout()
    for url in staff_only + class_people:
        assert refused(client.get(url)), url
    client.force_login(sheet.lecturer)
    for url in staff_only:  # the admin turns the refusal into a redirect with a message
        assert refused(client.get(url)), url
    for url in class_people:
        assert client.get(url).status_code == 200, url
    client.force_login(sheet.staff)
    for url in staff_only + class_people:
        assert client.get(url).status_code == 200, url


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_class(sheet, client):
    pk = sheet.klass.pk
    urls = [
        reverse("lms_certificates_results_sheet", args=[pk]),
        reverse("lms_certificates_results_sheet", args=[pk]) + "?format=xlsx",
        reverse("lms_certificates_results_notice", args=[pk, sheet.cell.pk]),
        reverse("lms_certificates_opening_decision", args=[pk]),
        reverse("lms_certificates_completion_decision", args=[pk]),
        reverse("lms_certificates_register_book") + f"?centre={sheet.centre.pk}&year=2026",
        reverse("lms_attendance_sheet", args=[sheet.session.pk]),
        reverse("lms_classes:edit", args=[pk]),
    ]
    client.force_login(sheet.staff)
    for url in urls:  # the session's first request checks the password once, and each
        client.get(url)  # page fills its caches (e.g. the admin's menu) on its first view
    small = {url: _queries(client, url) for url in urls}
    for n in range(27):  # 3 learners -> 30
        learner = make_learner(f"them{n}", sheet.cell, f"Trần Văn Thêm {n}")
        enrolment = Enrolment.objects.create(training_class=sheet.klass, learner=learner)
        with sheet.commits():
            sheet.attend(enrolment, [sheet.session])
            sheet.write_essay(enrolment, 7)
        if n % 3 == 0:
            issuing.issue(enrolment, by=sheet.staff, override_reason="Đủ điều kiện")
    assert Enrolment.objects.filter(training_class=sheet.klass).count() == 30
    large = {url: _queries(client, url) for url in urls}
    assert large == small
