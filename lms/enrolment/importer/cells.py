"""The spreadsheet's format and its cells: the columns in the template's order, the fixed
Vietnamese values of the choice columns, and how one cell is read (text, date, phone).

The headers and values ("Nam", "Đảng viên"...) are a fixed Vietnamese format shared with
the party cells, so they are not translated; messages are.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from lms.models import LearnerProfile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 5000

FULL_NAME = "full_name"
DATE_OF_BIRTH = "date_of_birth"
GENDER = "gender"
ETHNICITY = "ethnicity"
ORGANISATION = "organisation"
CATEGORY = "category"
POSITION = "position"
PHONE = "phone"
EMAIL = "email"

# (key, header in the spreadsheet), in the template's order.
COLUMNS = [
    (FULL_NAME, "Họ và tên"),
    (DATE_OF_BIRTH, "Ngày sinh"),
    (GENDER, "Giới tính"),
    (ETHNICITY, "Dân tộc"),
    (ORGANISATION, "Đơn vị"),
    (CATEGORY, "Đối tượng"),
    (POSITION, "Chức vụ"),
    (PHONE, "Số điện thoại"),
    (EMAIL, "Email"),
]
HEADERS = dict(COLUMNS)
REQUIRED = (FULL_NAME, DATE_OF_BIRTH)
REASON_HEADER = "Lý do"

GENDERS = {
    "Nam": LearnerProfile.Gender.MALE,
    "Nữ": LearnerProfile.Gender.FEMALE,
    "Khác": LearnerProfile.Gender.OTHER,
}
CATEGORIES = {
    "Đảng viên": LearnerProfile.Category.PARTY_MEMBER,
    "Đảng viên dự bị": LearnerProfile.Category.PROBATIONARY,
    "Quần chúng ưu tú": LearnerProfile.Category.ELITE_MASSES,
    "Đoàn viên": LearnerProfile.Category.YOUTH_UNION,
    "Hội viên": LearnerProfile.Category.ASSOCIATION,
    "Cán bộ": LearnerProfile.Category.CADRE,
    "Khác": LearnerProfile.Category.OTHER,
}

NON_DIGITS = re.compile(r"\D")
DATE_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
PHONE_VALID = re.compile(r"0\d{9,10}")


def clean_text(value) -> str:
    """A cell as text: NFC (Vietnamese typed on different keyboards compares equal),
    trimmed, inner runs of spaces collapsed (``str.split`` splits at the same whitespace
    as the regular expression ``\\s+``, in a third of the time; a list has thousands of
    cells)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(text: str) -> str:
    """For comparing names: case-insensitive, whitespace-insensitive."""
    return clean_text(text).casefold()


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


FOLDED_GENDERS = {fold(label): value for label, value in GENDERS.items()}
FOLDED_CATEGORIES = {fold(label): value for label, value in CATEGORIES.items()}
FOLDED_HEADERS = {fold(label): key for key, label in COLUMNS}


def normalise_phone(value) -> str:
    """Digits only, +84 (or 0084, 84) becomes 0; "912345678" (Excel dropped the
    leading zero of a number) becomes "0912345678". "" when blank; ValueError when it
    is not a Vietnamese phone number."""
    text = clean_text(value)
    if not text:
        return ""
    digits = NON_DIGITS.sub("", text)
    if text.startswith("+84"):
        digits = "0" + digits[2:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits
    if not PHONE_VALID.fullmatch(digits):
        raise ValueError(text)
    return digits


def parse_date(value) -> date:
    """A real spreadsheet date, or text dd/mm/yyyy (also with - or .), or yyyy-mm-dd."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    match = DATE_DMY.fullmatch(text)
    if match:
        day, month, year = map(int, match.groups())
        return date(year, month, day)
    match = DATE_ISO.fullmatch(text)
    if match:
        year, month, day = map(int, match.groups())
        return date(year, month, day)
    raise ValueError(value)
