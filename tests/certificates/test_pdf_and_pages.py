"""The certificate PDF (Vietnamese text extracted back, the QR code's address), the
public verification page, the learner's download and a class's ZIP."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lms.certificates import issuing, tasks
from lms.certificates.models import CertificateSettings, CompletionRecord
from lms.certificates.verification import RATE_LIMIT, verify_path, verify_url

from ..lms.personas import make_learner


@pytest.fixture
def record(cw):
    cw.rule(min_lessons_percent=0)
    CertificateSettings.objects.create(
        centre=cw.centre,
        signer_name="Nguyễn Thị Hường",
        signer_title="Giám đốc Trung tâm",
        wording="Đã hoàn thành chương trình",
    )
    record, _ = issuing.issue(cw.enrolment)
    return record


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height and round(width) == 842 and round(height) == 595  # A4 landscape
    return page.extract_text()


def test_pdf_keeps_vietnamese_diacritics(record):
    assert tasks.render_pdf(record.pk)  # the task stores it
    assert not tasks.render_pdf(record.pk)  # once
    record.refresh_from_db()
    with record.pdf.open("rb") as file:
        text = pdf_text(file.read())
    for expected in (
        "Nguyễn Văn An",
        "Trung tâm Chính trị huyện Chiêm Hoá".upper(),
        "GIẤY CHỨNG NHẬN",
        "Đã hoàn thành chương trình",
        "Nguyễn Thị Hường",
        "GIÁM ĐỐC TRUNG TÂM",
        record.register_number,
        record.course_title,
    ):
        assert expected in text, expected
    assert verify_url(record) in text


def test_pdf_qr_code_points_to_the_verification_page(record):
    import segno

    from lms.certificates.pdf import qr_runs

    url = verify_url(record)
    assert url.endswith(verify_path(record.code))
    count, runs = qr_runs(url)
    drawn = {(row, column + n) for row, column, length in runs for n in range(length)}
    decoded = segno.make(url, error="m", micro=False, mask=0)
    expected = {
        (y, x) for y, line in enumerate(decoded.matrix) for x, dark in enumerate(line) if dark
    }
    assert count == len(decoded.matrix) and drawn == expected


def test_learner_downloads_only_their_own_valid_certificate(cw, record, client):
    url = reverse("lms:certificate_pdf", args=[record.pk])
    assert client.get(url).status_code == 302  # log in first
    client.force_login(cw.other_learner.user)
    assert client.get(url).status_code == 404
    client.force_login(cw.learner.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Nguyễn Văn An" in pdf_text(b"".join(response.streaming_content))
    issuing.revoke(record, by=cw.staff, reason="Sai thông tin")
    assert client.get(url).status_code == 404
    client.force_login(cw.staff)
    assert client.get(url).status_code == 200  # staff keep access to revoked ones


def test_verification_page_valid(record, client):
    response = client.get(verify_path(record.code))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        "Nguyễn Văn An",
        record.course_title,
        record.class_title,
        record.register_number,
        record.issued_on.strftime("%d/%m/%Y"),
    ):
        assert shown in html
    assert "✓" in html


def test_verification_page_shows_nothing_extra(cw, record, client):
    from datetime import date

    cw.learner.date_of_birth = date(1990, 5, 17)
    cw.learner.save()
    html = client.get(verify_path(record.code)).content.decode()
    assert "17/05/1990" not in html and "1990-05-17" not in html
    assert cw.cell.name not in html  # no organisation
    assert "3/3" not in html and "grade" not in html.lower()  # no grades


def test_verification_page_revoked(cw, record, client):
    issuing.revoke(record, by=cw.staff, reason="Khai man")
    response = client.get(verify_path(record.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert "✗" in html and "✓" not in html
    assert "Khai man" not in html  # the reason is for the register, not the public


def test_verification_unknown_code_is_not_found(record, client):
    response = client.get(verify_path("khong-co-ma-nay"))
    assert response.status_code == 404
    assert record.learner_name not in response.content.decode()


def test_verification_is_rate_limited_per_client(record, client):
    path = verify_path(record.code)
    for _n in range(RATE_LIMIT):
        assert client.get(path, REMOTE_ADDR="203.0.113.7").status_code == 200
    limited = client.get(path, REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert record.learner_name not in limited.content.decode()
    assert client.get(path, REMOTE_ADDR="203.0.113.8").status_code == 200  # another client


def test_class_zip_streams_every_certificate(cw, record, client):
    for n in range(3):
        profile = make_learner(f"zip{n}", cw.cell, f"Hoàng Văn Đạt {n}")
        enrolment = cw.klass.enrolments.create(learner=profile)
        issuing.issue(enrolment)
    url = reverse("lms:certificate_class_zip", args=[cw.klass.pk])
    client.force_login(cw.learner.user)
    assert client.get(url).status_code == 403
    client.force_login(cw.staff)
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert (
        len(names)
        == 4
        == CompletionRecord.objects.filter(enrolment__training_class=cw.klass).count()
    )
    assert any("Hoàng Văn Đạt 2" in name for name in names)
    assert "Hoàng Văn Đạt 2" in archive.read("DANH-SACH.txt").decode("utf-8-sig")
    first = archive.read(names[0])
    assert first.startswith(b"%PDF")
