import pytest

from .personas import World


@pytest.fixture
def world(db):
    return World()


# --- Enrolment (import, log-in slips) ---------------------------------------------

LEARNER_HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Đơn vị",
    "Đối tượng",
    "Chức vụ",
    "Số điện thoại",
    "Email",
]


@pytest.fixture
def learner_sheet():
    """Builds an uploaded learner list: learner_sheet(rows, kind="xlsx" | "csv",
    header=LEARNER_HEADER, name=None, delimiter=",", bom=False)."""
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    def build(rows, kind="xlsx", header=LEARNER_HEADER, name=None, delimiter=",", bom=False):
        if kind == "xlsx":
            workbook = Workbook()
            sheet = workbook.active
            if header is not None:
                sheet.append(header)
            for row in rows:
                sheet.append(list(row))
            buffer = io.BytesIO()
            workbook.save(buffer)
            content = buffer.getvalue()
        else:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=delimiter)
            if header is not None:
                writer.writerow(header)
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])
            content = ("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8")
        return SimpleUploadedFile(name or f"danh-sach.{kind}", content)

    return build
