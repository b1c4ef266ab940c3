"""The two decisions as DOCX, for staff to edit before signing (issue 18, item 4): the
centre's header, the wording, the learners list, Vietnamese letters intact; centre staff
only; linked from the class."""

import io

from django.urls import reverse
from docx import Document

from lms.certificates.printing import DOCX, class_documents

from .test_printables import sheet  # noqa: F401  (the class of three learners)


def docx_text(response) -> tuple[str, list[list[str]]]:
    """(every paragraph and header cell as one text, the last table's rows)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables[:-1]:
        parts += [cell.text for row in table.rows for cell in row.cells]
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    return " ".join(" ".join(parts).split()), rows


def test_opening_decision_as_docx_has_the_header_wording_and_every_learner(sheet, client):  # noqa: F811
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_opening_decision", args=[sheet.klass.pk])
    text, rows = docx_text(client.get(url, {"format": "docx"}))
    for expected in (
        "TRUNG TÂM CHÍNH TRỊ HUYỆN CHIÊM HOÁ",  # the header, diacritics intact
        "Số: ……/QĐ-TTCT",
        "QUYẾT ĐỊNH",
        f"Về việc mở {sheet.klass.title}",
        "Căn cứ chức năng, nhiệm vụ, quyền hạn của Trung tâm Chính trị huyện Chiêm Hoá;",
        f"Điều 1. Mở {sheet.klass.title}",
        "Lớp gồm 3 học viên",
        "Nơi nhận:",
        "DANH SÁCH HỌC VIÊN",
    ):
        assert expected in text, expected
    assert rows[0] == ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ"]
    names = [row[1] for row in rows[1:]]
    assert names == ["Đặng Thị Hà", "Hoàng Văn Bảo", "Nguyễn Văn An"]  # in the roster's order
    an = rows[1 + names.index("Nguyễn Văn An")]
    assert an[2:] == ["09/03/1990", "Chi bộ thôn Đồng Cọ", "Bí thư chi đoàn"]


def test_completion_decision_as_docx_lists_only_those_who_completed(sheet, client):  # noqa: F811
    client.force_login(sheet.staff)
    url = reverse("lms_certificates_completion_decision", args=[sheet.klass.pk])
    text, rows = docx_text(client.get(url, {"format": "docx"}))
    assert "Về việc công nhận hoàn thành chương trình và cấp giấy chứng nhận" in text
    assert f"Điều 1. Công nhận 1 học viên {sheet.klass.title} đã hoàn thành" in text
    assert "DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH" in text
    assert len(rows) == 2  # the headings and An
    assert rows[1][1] == "Nguyễn Văn An" and rows[1][-1] == sheet.record.register_number
    assert "Giỏi" in rows[1]
    assert "Đặng Thị Hà" not in text + str(rows)


def test_only_centre_staff_get_the_docx_and_the_class_links_to_it(sheet, client):  # noqa: F811
    url = reverse("lms_certificates_opening_decision", args=[sheet.klass.pk])
    client.force_login(sheet.lecturer)
    assert client.get(url, {"format": "docx"}).status_code in (302, 403)
    links = {link["label"]: link["url"] for link in class_documents(sheet.staff, sheet.klass)}
    assert links["Quyết định mở lớp (DOCX, sửa được)"] == f"{url}?format=docx"
    completion = reverse("lms_certificates_completion_decision", args=[sheet.klass.pk])
    key = "Quyết định công nhận hoàn thành, cấp giấy chứng nhận (DOCX, sửa được)"
    assert links[key] == f"{completion}?format=docx"
