"""The official certificate (issue 18): every field of a Vietnamese "Giấy chứng nhận"
read back from the PDF with its diacritics, the revoked mark, the class ZIP without
revoked certificates, and re-issue with a new number linked to the old record."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lms.certificates import issuing, tasks
from lms.certificates.models import CertificateSettings, CompletionRecord
from lms.certificates.verification import verify_url
from lms.models import ClassSession, Enrolment, TrainingClass

pytestmark = pytest.mark.django_db


def text_of(record) -> str:
    record.refresh_from_db()
    data = tasks.render_bytes(
        CompletionRecord.objects.select_related("centre", "enrolment__training_class").get(
            pk=record.pk
        )
    )
    page = PdfReader(io.BytesIO(data)).pages[0]
    return " ".join(page.extract_text().split())


@pytest.fixture
def issued(cw, commits):
    centre = cw.centre
    centre.issuing_authority = "Huyện ủy Chiêm Hóa"
    centre.issuing_body = "Trung tâm Chính trị"
    centre.header_lines = "ĐẢNG CỘNG SẢN VIỆT NAM"
    centre.place_name = "Chiêm Hóa"
    centre.signer_title = "Giám đốc"
    centre.signer_name = "Nguyễn Văn Đức"
    centre.save()
    CertificateSettings.objects.create(centre=centre, wording="Đã hoàn thành chương trình")
    learner = cw.learner
    learner.full_name = "Hoàng Thị Ánh Tuyết"
    learner.gender = "female"
    learner.date_of_birth = date(1988, 3, 9)
    learner.save()
    TrainingClass.objects.filter(pk=cw.klass.pk).update(
        study_opens=date(2026, 11, 2), study_closes=date(2026, 12, 4)
    )
    cw.full_rule()
    with commits():
        cw.complete_everything(cw.enrolment)  # issued automatically once the rules are met
    record, _ = issuing.issue(cw.enrolment)
    return record


def test_every_field_of_the_certificate_is_printed_with_its_diacritics(cw, issued):
    text = text_of(issued)
    klass = cw.klass
    assert issued.final_grade is not None
    grade = f"{issued.final_grade}".replace(".", ",").removesuffix(",0")
    expected = [
        "HUYỆN ỦY CHIÊM HÓA",  # the parent body
        "TRUNG TÂM CHÍNH TRỊ",  # the issuing body
        "ĐẢNG CỘNG SẢN VIỆT NAM",  # the Party header
        "GIẤY CHỨNG NHẬN",
        "Bà:",  # Ông/Bà, by the learner's gender
        "Hoàng Thị Ánh Tuyết",
        "Sinh ngày: 09/03/1988",
        "Đơn vị: Chi bộ thôn Đồng Cọ",
        "Đã hoàn thành chương trình:",
        cw.course.title,
        f"Lớp: Lớp thứ {klass.number}/{klass.year}",
        "Thời gian học: từ ngày 02/11/2026 đến ngày 04/12/2026",
        f"Kết quả học tập: điểm {grade}, xếp loại: {issued.get_classification_display()}",
        f"Số vào sổ: {issued.register_number}",
        cw.centre.letterhead.dated(issued.issued_on),
        "GIÁM ĐỐC",
        "(Ký tên, đóng dấu)",
        "Nguyễn Văn Đức",
        verify_url(issued),
    ]
    for piece in expected:
        assert piece in text, piece
    assert "ĐÃ THU HỒI" not in text
    assert "chứng chỉ" not in text.lower()
    assert "bồi dưỡng Bồi dưỡng" not in text  # the wording and the course no longer repeat


def test_the_classification_follows_the_final_grade(cw, issued):
    # The essay is the final grade: 8 points of the essay's 10 → giỏi by default.
    assert issued.grades["essay"] is not None
    assert issued.final_grade == Decimal(issued.grades["essay"]).quantize(Decimal("0.1"))
    assert issued.classification in {"excellent", "good", "average"}


def test_a_revoked_certificate_carries_the_revoked_mark(cw, issued):
    issuing.revoke(issued, by=cw.staff, reason="Khai sai năm sinh")
    issued.refresh_from_db()
    text = text_of(issued)
    revoked_on = timezone.localtime(issued.revoked_at).strftime("%d/%m/%Y")
    assert "ĐÃ THU HỒI" in text
    assert f"ngày {revoked_on}. Lý do: Khai sai năm sinh" in text


def test_the_stored_pdf_is_drawn_again_with_the_mark_when_revoked(cw, issued, commits, client):
    assert tasks.render_pdf(issued.pk)
    with commits():
        issuing.revoke(issued, by=cw.staff, reason="Học thay")
    issued.refresh_from_db()
    assert issued.pdf  # re-rendered by the task
    with issued.pdf.open("rb") as stored:
        assert "ĐÃ THU HỒI" in PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()
    client.force_login(cw.staff)
    response = client.get(reverse("lms:certificate_pdf", args=[issued.pk]))
    assert "giay-chung-nhan-" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert "ĐÃ THU HỒI" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_class_zip_leaves_revoked_certificates_out_and_lists_them(cw, issued, client, commits):
    other = Enrolment.objects.create(training_class=cw.klass, learner=cw.other_learner)
    with commits():
        cw.complete_everything(other)
    second, _ = issuing.issue(other)
    issuing.revoke(issued, by=cw.staff, reason="Học thay")
    client.force_login(cw.staff)
    response = client.get(reverse("lms:certificate_class_zip", args=[cw.klass.pk]))
    assert response.status_code == 200
    assert "giay-chung-nhan" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    pdfs = [name for name in names if name.endswith(".pdf")]
    assert len(pdfs) == 1 and second.learner_name in pdfs[0]
    listing = archive.read("DANH-SACH.txt").decode("utf-8-sig")
    assert issued.register_number in listing and "ĐÃ THU HỒI" in listing and "Học thay" in listing
    assert second.register_number in listing


def test_reissue_after_revocation_takes_a_new_number_and_names_the_old_one(cw, issued):
    with pytest.raises(issuing.IssueRefused):
        issuing.reissue(issued, by=cw.staff)  # still valid: revoke first
    issuing.revoke(issued, by=cw.staff, reason="Sai họ tên")
    cw.learner.full_name = "Hoàng Thị Ánh Tuyết (đã sửa)"
    cw.learner.save()
    new = issuing.reissue(issued, by=cw.staff, today=date(2027, 1, 6))
    assert new.pk != issued.pk and new.reissue_of_id == issued.pk
    assert new.register_number != issued.register_number
    assert (new.year, new.sequence) == (2027, 1)  # the register of the year it happens in
    assert new.learner_name.endswith("(đã sửa)") and new.is_valid
    issued.refresh_from_db()
    assert issued.status == CompletionRecord.Status.REVOKED and issued.reissued_as == new
    with pytest.raises(issuing.IssueRefused):
        issuing.reissue(issued, by=cw.staff)  # once
    # The sweep issues nothing more for the learner.
    assert issuing.evaluate_and_issue([cw.enrolment.pk]) == 0
    assert CompletionRecord.objects.filter(enrolment=cw.enrolment).count() == 2


def test_staff_reissue_from_the_register(cw, issued, client):
    issuing.revoke(issued, by=cw.staff, reason="Sai họ tên")
    client.force_login(cw.staff)
    page = client.get(reverse("lms_certificates_register")).content.decode()
    action = reverse("lms_certificates_reissue", args=[issued.pk])
    assert action in page
    response = client.post(action)
    assert response.status_code == 302
    new = CompletionRecord.objects.get(reissue_of=issued)
    page = client.get(reverse("lms_certificates_register")).content.decode()
    assert new.register_number in page
    issuing.revoke(new, by=cw.staff, reason="Thử")
    client.force_login(cw.lecturer)  # not staff: refused
    response = client.post(reverse("lms_certificates_reissue", args=[new.pk]))
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert not CompletionRecord.objects.filter(reissue_of=new).exists()


def test_the_study_period_falls_back_to_the_sessions(cw):
    TrainingClass.objects.filter(pk=cw.klass.pk).update(study_opens=None, study_closes=None)
    days = sorted(
        ClassSession.objects.filter(training_class=cw.klass).values_list("date", flat=True)
    )
    assert issuing.study_period(TrainingClass.objects.get(pk=cw.klass.pk)) == (days[0], days[-1])
