"""Importing a class's learner list from XLSX or CSV: good files, re-imports, every kind
of bad input (which leaves the database as it was), the file of rejected rows, access
to the staff screens, and the printable log-in slips."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from lms.enrolment.accounts import PASSWORD_ALPHABET, one_time_password
from lms.enrolment.importer import (
    ImportFileError,
    LearnerRowForm,
    import_learners,
    normalise_phone,
    read_rows,
)
from lms.enrolment.importer.cells import clean_text
from lms.models import Enrolment, LearnerProfile, LoginSlip
from lms.roles import LEARNERS

from .conftest import LEARNER_HEADER
from .personas import make_learner

User = get_user_model()

# The pages are asked for in English, so that the tests read the same whatever the state
# of the Vietnamese catalogue; functions called directly run in English too.
EN = "/en"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


MAI = ["Hoàng Thị Mai", "12/05/1990", "Nữ", "Tày", "Chi bộ thôn Đồng Cọ", "Đảng viên",
       "Bí thư chi bộ", "0912 345 678", "mai@example.com"]  # fmt: skip
HUNG = ["Ma Văn Hùng", date(1985, 1, 2), "Nam", "", "Đảng bộ xã Yên Nguyên",
        "Quần chúng ưu tú", "", "+84 987 654 321", ""]  # fmt: skip
HOA = ["Lý Thị Hoa", "03/11/2001", "Nữ", "Dao", "", "Đoàn viên", "", "", ""]
GOOD = [MAI, HUNG, HOA]


def as_text(rows):
    return [
        [value.strftime("%d/%m/%Y") if isinstance(value, date) else value for value in row]
        for row in rows
    ]


def import_url(world, klass=None):
    return f"{EN}/learn/enrolment/classes/{(klass or world.klass).pk}/import/"


def slips_url(world, klass=None):
    return f"{EN}/learn/enrolment/classes/{(klass or world.klass).pk}/slips/"


def counts():
    return (
        User.objects.count(),
        LearnerProfile.objects.count(),
        Enrolment.objects.count(),
        LoginSlip.objects.count(),
    )


def upload(client, world, sheet, *, skip_invalid=False, klass=None):
    client.force_login(world.staff)
    data = {"file": sheet}
    if skip_invalid:
        data["skip_invalid"] = "on"
    return client.post(import_url(world, klass), data)


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Good files ----------------------------------------------------------------------


def assert_good_rows_imported(world):
    mai = LearnerProfile.objects.get(full_name="Hoàng Thị Mai")
    assert (mai.date_of_birth, mai.gender, mai.ethnicity) == (date(1990, 5, 12), "female", "Tày")
    assert (mai.organisation, mai.category, mai.position) == (
        world.cell,
        "party_member",
        "Bí thư chi bộ",
    )
    assert mai.phone == "0912345678" and mai.must_change_password
    assert mai.user.username == "0912345678" and mai.user.email == "mai@example.com"
    hung = LearnerProfile.objects.get(full_name="Ma Văn Hùng")
    assert hung.date_of_birth == date(1985, 1, 2) and hung.organisation == world.committee
    assert hung.user.username == "0987654321" and hung.category == "elite_masses"
    hoa = LearnerProfile.objects.get(full_name="Lý Thị Hoa")
    assert re.fullmatch(r"hv\d{6}", hoa.user.username) and hoa.organisation is None
    learners = Group.objects.get(name=LEARNERS)
    for profile in (mai, hung, hoa):
        user = profile.user
        assert not user.has_usable_password()
        assert learners in user.groups.all()
        slip = user.login_slip
        assert len(slip.password) == 10 and set(slip.password) <= set(PASSWORD_ALPHABET)
        assert Enrolment.objects.filter(training_class=world.klass, learner=profile).exists()


def test_a_good_xlsx_file_enrols_new_learners_with_accounts_and_slips(client, world, learner_sheet):
    before = counts()
    response = upload(client, world, learner_sheet(GOOD))
    assert response.status_code == 200
    assert "3 learners enrolled: 3 new, 0 already recorded" in page_text(response)
    assert counts() == (before[0] + 3, before[1] + 3, before[2] + 3, before[3] + 3)
    assert_good_rows_imported(world)


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (";", False)])
def test_a_good_csv_file_enrols_the_same_learners(client, world, learner_sheet, delimiter, bom):
    sheet = learner_sheet(as_text(GOOD), kind="csv", delimiter=delimiter, bom=bom)
    response = upload(client, world, sheet)
    assert "3 learners enrolled" in page_text(response)
    assert_good_rows_imported(world)


def test_importing_the_same_file_again_duplicates_nobody(client, world, learner_sheet):
    upload(client, world, learner_sheet(GOOD))
    after_first = counts()
    response = upload(client, world, learner_sheet(GOOD))
    text = page_text(response)
    assert counts() == after_first
    assert "3 learners already in this class" in text
    assert "Row 2: Hoàng Thị Mai" in text and "Row 4: Lý Thị Hoa" in text


def test_known_learners_are_matched_by_phone_or_by_name_and_birth_date(
    client, world, learner_sheet
):
    # Mai learnt in another class last year, recorded with her phone number (written
    # differently); Hoa was recorded without one.
    mai = make_learner("0912345678", full_name="Hoàng  thị Mai")
    mai.phone = "0912345678"
    mai.save()
    Enrolment.objects.create(training_class=world.other_class, learner=mai)
    hoa = make_learner("hoa", full_name="Lý Thị Hoa")
    hoa.date_of_birth = date(2001, 11, 3)
    hoa.save()
    before = counts()
    response = upload(client, world, learner_sheet(GOOD))
    assert "3 learners enrolled: 1 new, 2 already recorded" in page_text(response)
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 3, before[3] + 1)
    assert set(mai.enrolments.values_list("training_class", flat=True)) == {
        world.klass.pk,
        world.other_class.pk,
    }
    assert hoa.enrolments.filter(training_class=world.klass).exists()
    assert not LoginSlip.objects.filter(user__in=[mai.user, hoa.user]).exists()


def test_new_rows_are_enrolled_and_already_enrolled_ones_only_reported(
    client, world, learner_sheet
):
    upload(client, world, learner_sheet([MAI]))
    before = counts()
    response = upload(client, world, learner_sheet(GOOD))
    text = page_text(response)
    assert "2 learners enrolled: 2 new" in text
    assert "1 learner already in this class" in text and "Row 2: Hoàng Thị Mai" in text
    assert counts()[2] == before[2] + 2


def test_a_phone_number_taken_as_a_user_name_gives_a_generated_one(client, world, learner_sheet):
    User.objects.create_user("0912345678", password="x")  # e.g. a member of staff
    upload(client, world, learner_sheet([MAI]))
    profile = LearnerProfile.objects.get(full_name="Hoàng Thị Mai")
    assert re.fullmatch(r"hv\d{6}", profile.user.username)
    assert profile.phone == "0912345678"


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912-345-678", "0912345678"),
        ("84912345678", "0912345678"),
        (912345678, "0912345678"),  # Excel dropped the leading zero
        ("02073 822 123", "02073822123"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(written, normal):
    assert normalise_phone(written) == normal


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("  Hoàng\tThị\n\nMai ", "Hoàng Thị Mai"),
        ("Hoàng\xa0Thị\u3000 Mai", "Hoàng Thị Mai"),  # no-break and ideographic spaces
        ("Hoa\u0300ng", "Hoàng"),  # a decomposed accent (another keyboard) composed
        ("\u2003", ""),
        (1990.0, "1990"),
        (None, ""),
    ],
)
def test_a_cell_is_read_as_trimmed_text_with_single_spaces(written, clean):
    assert clean_text(written) == clean


def test_the_template_has_the_vietnamese_headers_and_reads_back(client, world, learner_sheet):
    client.force_login(world.lecturer)
    response = client.get(f"{EN}/learn/enrolment/template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == LEARNER_HEADER
    with pytest.raises(ImportFileError, match="header but no learners"):
        read_rows(SimpleUploadedFile("mau.xlsx", response.content))
    # Filled in, it imports.
    sheet.append(MAI)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    rows = read_rows(SimpleUploadedFile("mau.xlsx", buffer.getvalue()))
    assert import_learners(world.klass, rows).created == 1


def test_the_template_is_not_for_learners(client, world):
    client.force_login(world.learner.user)
    assert client.get(f"{EN}/learn/enrolment/template.xlsx").status_code == 403


# --- Bad files: a clear message, and nothing written --------------------------------


def zip_bytes(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("danh-sach.xlsx", PDF, "not a spreadsheet we can read"),
        ("danh-sach.xlsx", bytes(range(256)) * 40, "not a spreadsheet we can read"),
        ("danh-sach.csv", bytes(range(256)) * 40, "not a spreadsheet we can read"),
        ("danh-sach.csv", "Họ và tên".encode("utf-16"), "not a spreadsheet we can read"),
        ("danh-sach.csv", "Họ tên,Ngày sinh".encode("latin-1", "replace"), "CSV file in UTF-8"),
        ("danh-sach.xlsx", zip_bytes({"word/document.xml": "<w/>"}), "not a spreadsheet"),
        ("danh-sach.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Excel file"),
        ("danh-sach.xlsx", b"", "The file is empty"),
        ("danh-sach.csv", b"\n\n  \n", "The file is empty"),
    ],
    # Fixed ids: a zip's bytes carry its timestamp, and test workers must collect the same ids.
    ids=["pdf", "noise-xlsx", "noise-csv", "utf16", "latin1", "docx", "xls", "empty", "blank"],
)
def test_a_file_that_is_not_a_readable_spreadsheet_is_refused(
    client, world, name, content, message
):
    before = counts()
    response = upload(client, world, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in page_text(response)
    assert counts() == before


def test_a_20_mb_file_is_refused_and_changes_nothing(client, world):
    before = counts()
    big = SimpleUploadedFile("danh-sach.xlsx", b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024))
    response = upload(client, world, big)
    text = page_text(response)
    assert "The file is too large (20.0 MB). The limit is 5 MB" in text
    assert counts() == before


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Ho va ten", *LEARNER_HEADER[1:]], "Missing: “Họ và tên”"),
        (LEARNER_HEADER[:-2], "Missing: “Số điện thoại”, “Email”"),
        (["STT", "Tên", "Năm sinh"], "Missing: “Họ và tên”, “Ngày sinh”"),
    ],
)
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_wrong_header_is_refused(client, world, learner_sheet, header, missing, kind):
    before = counts()
    rows = [["Hoàng Thị Mai", "12/05/1990", "Nữ", "", "", "", "", "", ""]]
    response = upload(client, world, learner_sheet(rows, kind=kind, header=header))
    text = page_text(response)
    assert "The first row must be the header" in text and missing in text
    assert counts() == before


def test_a_header_without_rows_is_refused(client, world, learner_sheet):
    response = upload(client, world, learner_sheet([]))
    assert "The file has a header but no learners." in page_text(response)


BAD_ROWS = [
    # (row, expected message)
    (["", "12/05/1990", "Nữ", "", "", "", "", "0911111111", ""],
     "Row 2, column “Họ và tên”: The full name is missing."),
    (["Trần Văn Ba", "", "Nam", "", "", "", "", "", ""],
     "Row 2, column “Ngày sinh”: The date of birth is missing."),
    (["Trần Văn Ba", "31/02/1990", "Nam", "", "", "", "", "", ""],
     "Row 2, column “Ngày sinh”: “31/02/1990” is not a date"),
    (["Trần Văn Ba", "1990/13/01", "Nam", "", "", "", "", "", ""],
     "Row 2, column “Ngày sinh”: “1990/13/01” is not a date"),
    (["Trần Văn Ba", "01/01/2999", "Nam", "", "", "", "", "", ""],
     "Row 2, column “Ngày sinh”: 01/01/2999 is not a possible date of birth"),
    (["Trần Văn Ba", "31/12/1899", "Nam", "", "", "", "", "", ""],
     "Row 2, column “Ngày sinh”: 31/12/1899 is not a possible date of birth"),
    (["Trần Văn Ba", "01/01/1990", "Trai", "", "", "", "", "", ""],
     "Row 2, column “Giới tính”: “Trai” is not one of: Nam, Nữ, Khác."),
    (["Trần Văn Ba", "01/01/1990", "Nam", "", "Chi bộ không có", "", "", "", ""],
     "Row 2, column “Đơn vị”: No organisation is called “Chi bộ không có”"),
    (["Trần Văn Ba", "01/01/1990", "Nam", "", "", "Đảng viên chính thức", "", "", ""],
     "Row 2, column “Đối tượng”: “Đảng viên chính thức” is not one of"),
    (["Trần Văn Ba", "01/01/1990", "Nam", "", "", "", "", "12345", ""],
     "Row 2, column “Số điện thoại”: “12345” is not a phone number"),
    (["Trần Văn Ba", "01/01/1990", "Nam", "", "", "", "", "", "ba@"],
     "Row 2, column “Email”: “ba@” is not an e-mail address."),
]  # fmt: skip


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_one_bad_row_stops_the_whole_import(client, world, learner_sheet, row, message):
    before = counts()
    response = upload(client, world, learner_sheet([row, MAI, HOA]))
    text = page_text(response)
    assert "Nothing was imported" in text
    error = response.context["result"].errors[0]
    assert str(error).startswith(message)
    assert error.row == 2 and error.column in LEARNER_HEADER
    assert counts() == before


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet(
    client, world, learner_sheet
):
    before = counts()
    rows = [MAI, [None] * 9, ["", "", "", "", "", "", "", "", ""], HUNG,
            ["Trần Văn Ba", "32/01/1990", "", "", "", "", "", "", ""]]  # fmt: skip
    response = upload(client, world, learner_sheet(rows))
    errors = response.context["result"].errors
    assert [(error.row, error.column) for error in errors] == [(6, "Ngày sinh")]
    assert counts() == before


def test_a_row_with_some_cells_but_not_the_required_ones_is_an_error(client, world, learner_sheet):
    rows = [MAI, ["", "", "Nam", "", "", "Đoàn viên", "", "", ""]]
    response = upload(client, world, learner_sheet(rows))
    errors = [str(error) for error in response.context["result"].errors]
    assert errors == [
        "Row 3, column “Họ và tên”: The full name is missing.",
        "Row 3, column “Ngày sinh”: The date of birth is missing.",
    ]


def test_the_same_learner_twice_in_a_file_is_reported(client, world, learner_sheet):
    before = counts()
    twin_by_phone = ["Hoàng Thị Mai", "12/05/1990", "Nữ", "", "", "", "", "+84912345678", ""]
    twin_by_name = ["Lý  thị Hoa", "03/11/2001", "", "", "", "", "", "", ""]
    response = upload(client, world, learner_sheet([MAI, HOA, twin_by_phone, twin_by_name]))
    errors = [str(error) for error in response.context["result"].errors]
    assert errors == [
        "Row 4, column “Số điện thoại”: The same phone number is on row 2: is it the same "
        "learner twice?",
        "Row 5, column “Họ và tên”: The same learner (name and date of birth) is already on row 3.",
    ]
    assert counts() == before


def test_a_phone_number_of_a_learner_with_another_name_is_refused(client, world, learner_sheet):
    other = make_learner("khac", full_name="Đặng Văn Khác")
    other.phone = "0912345678"
    other.save()
    before = counts()
    response = upload(client, world, learner_sheet([MAI]))
    error = response.context["result"].errors[0]
    assert (error.row, error.column) == (2, "Số điện thoại")
    assert "belongs to another learner with a different name" in error.message
    assert "Đặng Văn Khác" not in page_text(response)  # someone else's data stays private
    assert counts() == before


def test_a_full_class_refuses_the_file(client, world, learner_sheet):
    world.klass.capacity = 3  # one learner enrolled already
    world.klass.save()
    before = counts()
    response = upload(client, world, learner_sheet(GOOD))
    assert (
        "The class holds 3 learners and has 1 already: there is room for 2 more, but 3 would "
        "be enrolled."
    ) in page_text(response)
    assert counts() == before


def test_a_cancelled_class_takes_nobody(client, world, learner_sheet):
    world.klass.status = "cancelled"
    world.klass.save()
    before = counts()
    response = upload(client, world, learner_sheet(GOOD))
    assert "This class is cancelled" in page_text(response)
    assert counts() == before


# --- Importing the valid rows only -------------------------------------------------


def test_valid_rows_only_imports_them_and_returns_the_rejected_ones(client, world, learner_sheet):
    bad_date = ["Trần Văn Ba", "30/02/1990", "Nam", "", "", "", "", "=HYPERLINK(1)", ""]
    no_name = ["", "01/01/1990", "Nam", "", "Chi bộ thôn Đồng Cọ", "", "", "", ""]
    before = counts()
    # CSV: "=HYPERLINK(1)" arrives as text, as a party cell might type it.
    sheet = learner_sheet(as_text([MAI, bad_date, HUNG, no_name, HOA]), kind="csv")
    response = upload(client, world, sheet, skip_invalid=True)
    text = page_text(response)
    assert "3 learners enrolled: 3 new" in text and "2 rows rejected" in text
    assert counts() == tuple(number + 3 for number in before)
    assert not LearnerProfile.objects.filter(full_name="Trần Văn Ba").exists()

    rejected = client.get(response.context["rejected_url"])
    assert rejected.status_code == 200
    sheet = load_workbook(io.BytesIO(rejected.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [*LEARNER_HEADER, "Lý do"]
    assert [row[0] for row in rows[1:]] == ["Trần Văn Ba", None]
    assert rows[1][-1].startswith("Row 3: Ngày sinh: “30/02/1990” is not a date")
    assert "Số điện thoại: “=HYPERLINK(1)” is not a phone number" in rows[1][-1]
    assert sheet["H2"].data_type == "s"  # text, never run as a formula
    assert rows[2][-1] == "Row 5: Họ và tên: The full name is missing."

    # The file is the importer's: another member of staff, or another class, gets nothing.
    client.force_login(world.lecturer)
    assert client.get(response.context["rejected_url"]).status_code == 404


def test_valid_rows_only_fills_a_class_up_to_its_capacity(client, world, learner_sheet):
    world.klass.capacity = 3
    world.klass.save()
    response = upload(client, world, learner_sheet(GOOD), skip_invalid=True)
    result = response.context["result"]
    assert result.enrolled == 2
    assert [(error.row, error.message) for error in result.errors] == [
        (4, "The class is full (3 learners).")
    ]
    assert world.klass.enrolments.count() == 3


def test_the_rejected_rows_fixed_import_cleanly(client, world, learner_sheet):
    bad = ["Trần Văn Ba", "30/02/1990", "Nam", "", "", "", "", "", ""]
    response = upload(client, world, learner_sheet([MAI, bad]), skip_invalid=True)
    content = client.get(response.context["rejected_url"]).content
    workbook = load_workbook(io.BytesIO(content))
    workbook.worksheets[0]["B2"] = "28/02/1990"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, world, SimpleUploadedFile("sua.xlsx", buffer.getvalue()))
    assert "1 learner enrolled: 1 new" in page_text(response)
    assert LearnerProfile.objects.get(full_name="Trần Văn Ba").date_of_birth == date(1990, 2, 28)


# --- Scale ------------------------------------------------------------------------


def generated_rows(count, start=0, name="Nguyễn Văn Học"):
    return [
        {
            "row": index + 2,
            "full_name": f"{name} {index}",
            "date_of_birth": f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/{1960 + index % 40}",
            "gender": "Nam",
            "ethnicity": "Tày",
            "organisation": "Chi bộ thôn Đồng Cọ",
            "category": "Đảng viên",
            "position": "",
            "phone": f"09{start + index:08d}" if index % 2 else "",
            "email": "",
        }
        for index in range(count)
    ]


def test_a_large_import_makes_a_bounded_number_of_queries(world):
    with CaptureQueriesContext(connection) as small:
        assert import_learners(
            world.other_class, generated_rows(100, start=5000, name="Lê Thị Thử")
        ).ok
    with CaptureQueriesContext(connection) as large:
        result = import_learners(world.klass, generated_rows(2500))
    assert (result.ok, result.created) == (True, 2500)
    assert world.klass.enrolments.count() == 2501

    def lookups(queries):
        return [q for q in queries.captured_queries if not q["sql"].startswith("INSERT")]

    # Look-ups do not depend on the number of rows; inserts are in bulk (SQLite takes at
    # most 999 parameters a statement, so 2,500 rows need a few dozen of them).
    assert len(lookups(large)) == len(lookups(small)) < 20
    inserts = len(large) - len(lookups(large))
    assert inserts <= 5 + 5 * 2500 * 11 // 999
    assert len(large) < 120


def bad_rows(count):
    """Rows each wrong in one of several ways, cycling through them."""
    faults = [
        {"full_name": ""},
        {"date_of_birth": "31/02/1990"},
        {"gender": "Trai"},
        {"organisation": "Chi bộ không có"},
        {"category": "Đảng viên chính thức"},
        {"phone": "12345"},
        {"email": "ba@"},
    ]
    rows = generated_rows(count, start=7000, name="Đỗ Văn Sai")
    for index, row in enumerate(rows):
        row.update(faults[index % len(faults)])
    return rows


def test_checking_rows_makes_as_many_queries_for_100_rows_as_for_10(world):
    results, queries = [], []
    for count in (10, 100):
        with CaptureQueriesContext(connection) as captured:
            results.append(import_learners(world.klass, bad_rows(count)))
        queries.append([q["sql"] for q in captured.captured_queries])
    assert [len(result.errors) for result in results] == [10, 100]
    assert not any(result.written for result in results)
    assert len(queries[0]) == len(queries[1]) < 10


def test_a_row_form_can_still_be_shown_with_its_values_and_errors():
    row = {"row": 2, "full_name": "", "date_of_birth": "31/02/1990", "phone": "0912 345 678"}
    form = LearnerRowForm(row, organisations={})
    assert not form.is_valid()
    html = form.as_div()
    assert "The full name is missing." in html
    assert "“31/02/1990” is not a date" in html
    assert 'name="phone" value="0912 345 678"' in html
    assert form["date_of_birth"].label == "Date of birth"
    assert form["phone"].value() == "0912 345 678"
    # The forms share their fields, not the dict of them.
    other = LearnerRowForm(row, organisations={})
    del other.fields["email"]
    assert "email" in form.fields


def test_one_time_passwords_use_the_whole_alphabet_and_differ():
    passwords = [one_time_password() for _ in range(1000)]
    assert {len(password) for password in passwords} == {10}
    assert set("".join(passwords)) == set(PASSWORD_ALPHABET)
    assert len(set(passwords)) == 1000


# --- Access ---------------------------------------------------------------------------

ACCESS = {
    "anonymous": 302,
    "learner": 403,
    "other learner": 403,
    "other lecturer": 403,
    "lecturer": 200,
    "staff": 200,
}


@pytest.mark.parametrize("page", ["import", "slips", "accounts"])
@pytest.mark.parametrize(("persona", "status"), list(ACCESS.items()))
def test_only_staff_and_the_class_lecturers_open_the_enrolment_pages(
    client, world, page, persona, status
):
    user = world.personas[persona]
    if user is not None:
        client.force_login(user)
    url = f"{EN}/learn/enrolment/classes/{world.klass.pk}/{page}/"
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(f"{EN}/accounts/login/?next=")


@pytest.mark.parametrize(("persona", "status"), list(ACCESS.items()))
def test_only_staff_and_the_class_lecturers_can_post_an_import(
    client, world, learner_sheet, persona, status
):
    user = world.personas[persona]
    if user is not None:
        client.force_login(user)
    before = counts()
    response = client.post(import_url(world), {"file": learner_sheet(GOOD)})
    assert response.status_code == status
    assert counts()[1] == before[1] + (3 if status == 200 else 0)


def test_an_unknown_class_is_404(client, world):
    client.force_login(world.staff)
    assert client.get(f"{EN}/learn/enrolment/classes/999999/import/").status_code == 404


# --- Log-in slips ---------------------------------------------------------------------


def test_slips_show_each_new_learner_with_user_name_password_and_address(
    client, world, learner_sheet
):
    upload(client, world, learner_sheet(GOOD))
    client.force_login(world.lecturer)
    response = client.get(slips_url(world))
    text = page_text(response)
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]
    for profile in LearnerProfile.objects.filter(enrolments__training_class=world.klass).exclude(
        pk=world.learner.pk
    ):
        assert profile.full_name in text
        assert profile.user.username in text
        assert profile.user.login_slip.password in text
    assert world.klass.title in text
    assert f"{settings.PUBLIC_BASE_URL}/en/accounts/login/" in text
    assert "@media print" in text and "<script" not in text.split("<main", 1)[1]
    # The learner recorded by hand has chosen a password: no slip.
    assert "Nguyễn Văn An" not in text


def test_a_learner_who_changed_the_password_has_no_slip(client, world, learner_sheet):
    upload(client, world, learner_sheet([MAI, HOA]))
    mai = LearnerProfile.objects.get(full_name="Hoàng Thị Mai")
    mai.user.set_password("mat-khau-moi-cua-mai")
    mai.user.save()
    text = page_text(client.get(slips_url(world)))
    assert "Lý Thị Hoa" in text and "Hoàng Thị Mai" not in text


@pytest.mark.parametrize("learners", [5, 50])
def test_the_slips_page_runs_a_constant_number_of_queries(client, world, learners):
    result = import_learners(world.klass, generated_rows(learners))
    assert result.created == learners
    client.force_login(world.lecturer)
    client.get(slips_url(world))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(slips_url(world))
    assert response.content.decode().count('class="slip"') == learners
    assert len(queries) == SLIPS_QUERIES


# Session, user, the class, the lecturer's permissions (2) and lecturing, the slips.
SLIPS_QUERIES = 7
