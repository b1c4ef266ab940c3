"""Importing the learner list a party cell sends, as XLSX or CSV, into a class.

Three steps, each usable alone:

``read_rows(uploaded_file)``
    Checks the file as a whole (size, kind, header) and returns its rows as dicts with
    their spreadsheet row number (the header is row 1). Raises ``ImportFileError``.
``import_learners(training_class, rows, *, skip_invalid=False)``
    Validates every row, matches existing learners (by phone number, else by name and
    date of birth), then, in one transaction, creates the new accounts and enrols
    everyone: all or nothing, or only the valid rows when ``skip_invalid``. A constant
    number of lookups and bulk inserts, whatever the number of rows.
``rejected_workbook(result)``
    The rejected rows as XLSX, with a "Lý do" (reason) column, ready to fix and re-import.

The spreadsheet's headers and values ("Nam", "Đảng viên"...) are a fixed Vietnamese
format shared with the party cells, so they are not translated; messages are.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from lms.access import access_changed
from lms.models import Enrolment, LearnerProfile, LoginSlip, Organisation, TrainingClass
from lms.roles import LEARNERS

from . import accounts

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

SPACES = re.compile(r"\s+")
DATE_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
PHONE_VALID = re.compile(r"0\d{9,10}")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``message`` says why, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Normalising cell values -----------------------------------------------------


def clean_text(value) -> str:
    """A cell as text: NFC (Vietnamese typed on different keyboards compares equal),
    trimmed, inner runs of spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(text: str) -> str:
    """For comparing names: case-insensitive, whitespace-insensitive."""
    return clean_text(text).casefold()


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
    digits = re.sub(r"\D", "", text)
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
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    match = DATE_ISO.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(value)


# --- Reading the file ------------------------------------------------------------


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _(
            "This file is not a spreadsheet we can read. Upload an Excel file (.xlsx) or a "
            "CSV file (UTF-8), for example one made from the template."
        )
    )


def _xlsx_rows(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise _not_a_spreadsheet() from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _("This spreadsheet is too large once unpacked. Split the list into several files.")
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = [tuple(values) for values in sheet.iter_rows(values_only=True)]
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign zip
        raise _not_a_spreadsheet() from error
    return rows


def _csv_rows(data: bytes):
    if b"\x00" in data:
        raise _not_a_spreadsheet()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "This file is neither an Excel spreadsheet (.xlsx) nor a CSV file in UTF-8. "
                "If it is a CSV file, save it again choosing the encoding “UTF-8”."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        return [
            tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise _not_a_spreadsheet() from error


def read_rows(uploaded_file) -> list[dict]:
    """The rows of an uploaded XLSX or CSV file, as dicts of raw cell values keyed by
    column (see COLUMNS) plus "row", the row number in the spreadsheet. Entirely blank
    rows are skipped. Raises ImportFileError for a problem with the whole file."""
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportFileError(file_too_large_message(size))
    data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(file_too_large_message(len(data)))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    name = (getattr(uploaded_file, "name", "") or "").lower()
    if data.startswith(b"PK\x03\x04"):
        raw_rows = _xlsx_rows(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls). Open it in Excel and save it as "
                "“Excel Workbook (.xlsx)”, then upload it again."
            )
        )
    elif name.endswith((".xlsx", ".xlsm", ".xls", ".ods", ".pdf", ".doc", ".docx")):
        raise _not_a_spreadsheet()
    else:
        raw_rows = _csv_rows(data)
    return _rows_from_table(raw_rows)


def file_too_large_message(size: int) -> str:
    return _(
        "The file is too large (%(size)s MB). The limit is %(limit)s MB: split the list "
        "into several files."
    ) % {"size": f"{size / (1024 * 1024):.1f}", "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows_from_table(table: list[tuple]) -> list[dict]:
    if not any(not _blank(value) for row in table for value in row):
        raise ImportFileError(_("The file is empty."))
    header = table[0]
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = FOLDED_HEADERS.get(fold(value)) if not _blank(value) else None
        if key is not None and key not in positions:
            positions[key] = index
    missing = [label for key, label in COLUMNS if key not in positions]
    if missing:
        raise ImportFileError(
            _(
                "The first row must be the header, with these columns: %(expected)s. "
                "Missing: %(missing)s. Download the template and copy the list into it."
            )
            % {
                "expected": ", ".join(f"“{label}”" for _key, label in COLUMNS),
                "missing": ", ".join(f"“{label}”" for label in missing),
            }
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        row = {
            key: (values[index] if index < len(values) else None)
            for key, index in positions.items()
        }
        # Blank in every column of ours: skipped (a pre-numbered "STT" column is common).
        if all(_blank(value) for value in row.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(limit)s learners. Split it into several files.")
                % {"limit": MAX_ROWS}
            )
        row["row"] = number
        rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has a header but no learners."))
    return rows


# --- Validating and importing -------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str | None  # the header as in the spreadsheet, or None for the whole row
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class Learner:
    """A valid row, cleaned."""

    row: int
    raw: dict
    full_name: str
    date_of_birth: date
    gender: str
    ethnicity: str
    organisation_id: int | None
    category: str
    position: str
    phone: str
    email: str
    profile_id: int | None = None  # an existing learner it matched

    @property
    def name_key(self) -> tuple[str, date]:
        return (fold(self.full_name), self.date_of_birth)


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0  # new learners (with new accounts and slips)
    matched: int = 0  # existing learners newly enrolled
    already_enrolled: list[tuple[int, str]] = field(default_factory=list)  # (row, name)
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)  # raw rows, with "reasons"
    written: bool = False
    skip_invalid: bool = False

    @property
    def enrolled(self) -> int:
        return self.created + self.matched

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_errors


def _too_long(limit: int) -> str:
    return _("At most %(limit)s characters.") % {"limit": limit}


def _validate(raw: dict, organisations: dict[str, list[int]]) -> tuple[Learner | None, list]:
    """Field checks of one row: (learner, []) or (None, [(column key, message), ...])."""
    errors: list[tuple[str, str]] = []
    full_name = clean_text(raw.get(FULL_NAME))
    if not full_name:
        errors.append((FULL_NAME, _("The full name is missing.")))
    elif len(full_name) > 200:
        errors.append((FULL_NAME, _too_long(200)))

    born = None
    if _blank(raw.get(DATE_OF_BIRTH)):
        errors.append((DATE_OF_BIRTH, _("The date of birth is missing.")))
    else:
        try:
            born = parse_date(raw[DATE_OF_BIRTH])
        except ValueError:
            errors.append(
                (
                    DATE_OF_BIRTH,
                    _("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. 25/03/1990.")
                    % {"value": clean_text(raw[DATE_OF_BIRTH])},
                )
            )
        else:
            if born.year < 1900 or born > timezone.localdate():
                errors.append(
                    (
                        DATE_OF_BIRTH,
                        _("%(value)s is not a possible date of birth.")
                        % {"value": born.strftime("%d/%m/%Y")},
                    )
                )
                born = None

    gender = ""
    text = clean_text(raw.get(GENDER))
    if text:
        gender = FOLDED_GENDERS.get(text.casefold(), "")
        if not gender:
            errors.append(
                (
                    GENDER,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": text, "choices": ", ".join(GENDERS)},
                )
            )

    ethnicity = clean_text(raw.get(ETHNICITY))
    if len(ethnicity) > 100:
        errors.append((ETHNICITY, _too_long(100)))

    organisation_id = None
    text = clean_text(raw.get(ORGANISATION))
    if text:
        found = organisations.get(text, [])
        if len(found) == 1:
            organisation_id = found[0]
        elif not found:
            errors.append(
                (
                    ORGANISATION,
                    _(
                        "No organisation is called “%(value)s”. Check the spelling, or ask the "
                        "centre's staff to add it to the organisations first."
                    )
                    % {"value": text},
                )
            )
        else:
            errors.append(
                (
                    ORGANISATION,
                    _(
                        "Several organisations are called “%(value)s”; enrol this learner by "
                        "hand and choose the right one."
                    )
                    % {"value": text},
                )
            )

    category = LearnerProfile.Category.OTHER
    text = clean_text(raw.get(CATEGORY))
    if text:
        category = FOLDED_CATEGORIES.get(text.casefold(), "")
        if not category:
            errors.append(
                (
                    CATEGORY,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": text, "choices": ", ".join(CATEGORIES)},
                )
            )

    position = clean_text(raw.get(POSITION))
    if len(position) > 200:
        errors.append((POSITION, _too_long(200)))

    phone = ""
    try:
        phone = normalise_phone(raw.get(PHONE))
    except ValueError:
        errors.append(
            (
                PHONE,
                _("“%(value)s” is not a phone number (10 or 11 digits, starting with 0 or +84).")
                % {"value": clean_text(raw.get(PHONE))},
            )
        )

    email = clean_text(raw.get(EMAIL))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append((EMAIL, _("“%(value)s” is not an e-mail address.") % {"value": email}))

    if errors:
        return None, errors
    return (
        Learner(
            row=raw["row"],
            raw=raw,
            full_name=full_name,
            date_of_birth=born,
            gender=gender,
            ethnicity=ethnicity,
            organisation_id=organisation_id,
            category=category,
            position=position,
            phone=phone,
            email=email,
        ),
        [],
    )


def import_learners(
    training_class: TrainingClass, rows: list[dict], *, skip_invalid: bool = False, by=None
) -> ImportResult:
    """Validate every row, then enrol: all rows or none, or with ``skip_invalid`` the
    valid ones (``result.rejected`` lists the others with their reasons). ``by`` is the
    user importing, recorded on the new log-in slips."""
    result = ImportResult(rows=len(rows), skip_invalid=skip_invalid)
    with transaction.atomic():
        # Imports into one class queue up here, so the capacity check holds.
        training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        problems: dict[int, list[tuple[str | None, str]]] = {}
        learners = _check_rows(training_class, rows, result, problems, skip_invalid)
        _record_problems(rows, problems, result)
        if not result.ok and not skip_invalid:
            return result
        if learners:
            _write(training_class, learners, result, by)
    return result


def _check_rows(training_class, rows, result, problems, skip_invalid) -> list[Learner]:
    def reject(row: int, column: str | None, message: str) -> None:
        problems.setdefault(row, []).append((column, message))

    if training_class.status == TrainingClass.Status.CANCELLED:
        result.file_errors.append(_("This class is cancelled: nobody can be enrolled in it."))
        return []

    names = {clean_text(row.get(ORGANISATION)) for row in rows} - {""}
    organisations: dict[str, list[int]] = {}
    # The organisations of the class's centre's area (and those of no centre yet).
    ours = Q(centre_id=training_class.centre_id) | Q(centre__isnull=True)
    for pk, name in Organisation.objects.filter(ours, name__in=names).values_list("pk", "name"):
        organisations.setdefault(clean_text(name), []).append(pk)

    # 1. Each row on its own.
    valid: list[Learner] = []
    for raw in rows:
        learner, errors = _validate(raw, organisations)
        for column, message in errors:
            reject(raw["row"], column, message)
        if learner is not None:
            valid.append(learner)

    # 2. The same learner twice in the file.
    by_phone: dict[str, int] = {}
    by_name: dict[tuple, int] = {}
    unique: list[Learner] = []
    for learner in valid:
        if learner.phone and learner.phone in by_phone:
            reject(
                learner.row,
                PHONE,
                _("The same phone number is on row %(other)s: is it the same learner twice?")
                % {"other": by_phone[learner.phone]},
            )
            continue
        if learner.name_key in by_name:
            reject(
                learner.row,
                FULL_NAME,
                _("The same learner (name and date of birth) is already on row %(other)s.")
                % {"other": by_name[learner.name_key]},
            )
            continue
        if learner.phone:
            by_phone[learner.phone] = learner.row
        by_name[learner.name_key] = learner.row
        unique.append(learner)

    # 3. Learners we already know: by phone number, else by name and date of birth.
    known_by_phone: dict[str, list[dict]] = {}
    known_by_name: dict[tuple, list[dict]] = {}
    phones = list(by_phone)
    births = list({learner.date_of_birth for learner in unique})
    fields = ("pk", "full_name", "date_of_birth", "phone")
    if phones:
        for profile in LearnerProfile.objects.filter(phone__in=phones).values(*fields):
            known_by_phone.setdefault(profile["phone"], []).append(profile)
    if births:
        for profile in LearnerProfile.objects.filter(date_of_birth__in=births).values(*fields):
            known_by_name.setdefault(
                (fold(profile["full_name"]), profile["date_of_birth"]), []
            ).append(profile)

    matched_rows: dict[int, int] = {}  # profile -> row
    new_or_matched: list[Learner] = []
    for learner in unique:
        candidates = []
        if learner.phone:
            same_phone = known_by_phone.get(learner.phone, [])
            candidates = [p for p in same_phone if fold(p["full_name"]) == fold(learner.full_name)]
            if same_phone and not candidates:
                reject(
                    learner.row,
                    PHONE,
                    _(
                        "This phone number belongs to another learner with a different name. "
                        "Check the name and the phone number, or leave the phone number blank."
                    ),
                )
                continue
            if not candidates:
                # A learner recorded earlier without a phone number.
                candidates = [p for p in known_by_name.get(learner.name_key, []) if not p["phone"]]
        else:
            candidates = known_by_name.get(learner.name_key, [])
        if len(candidates) > 1:
            reject(
                learner.row,
                None,
                _(
                    "Several learners already recorded have this name and date of birth; add "
                    "the phone number to tell them apart, or enrol this learner by hand."
                ),
            )
            continue
        if candidates:
            profile_id = candidates[0]["pk"]
            if profile_id in matched_rows:
                reject(
                    learner.row,
                    None,
                    _("This is the same learner as on row %(other)s.")
                    % {"other": matched_rows[profile_id]},
                )
                continue
            matched_rows[profile_id] = learner.row
            learner.profile_id = profile_id
        new_or_matched.append(learner)

    # 4. Already in this class: reported, not enrolled twice.
    enrolled = set(
        Enrolment.objects.filter(
            training_class=training_class, learner_id__in=list(matched_rows)
        ).values_list("learner_id", flat=True)
    )
    to_enrol = []
    for learner in new_or_matched:
        if learner.profile_id in enrolled:
            result.already_enrolled.append((learner.row, learner.full_name))
        else:
            to_enrol.append(learner)

    # 5. Room in the class.
    if training_class.capacity and to_enrol:
        taken = Enrolment.objects.filter(
            training_class=training_class, status=Enrolment.Status.ACTIVE
        ).count()
        room = max(training_class.capacity - taken, 0)
        if len(to_enrol) > room and skip_invalid:
            for learner in to_enrol[room:]:
                reject(
                    learner.row,
                    None,
                    _("The class is full (%(capacity)s learners).")
                    % {"capacity": training_class.capacity},
                )
            to_enrol = to_enrol[:room]
        elif len(to_enrol) > room:
            result.file_errors.append(
                _(
                    "The class holds %(capacity)s learners and has %(taken)s already: there is "
                    "room for %(room)s more, but %(count)s would be enrolled."
                )
                % {
                    "capacity": training_class.capacity,
                    "taken": taken,
                    "room": room,
                    "count": len(to_enrol),
                }
            )
    return to_enrol


def _record_problems(rows, problems, result) -> None:
    by_number = {row["row"]: row for row in rows}
    for number in sorted(problems):
        reasons = []
        for column, message in problems[number]:
            label = HEADERS.get(column) if column else None
            result.errors.append(RowError(number, label, message))
            reasons.append(f"{label}: {message}" if label else message)
        result.rejected.append({**by_number[number], "reasons": reasons})


def _write(training_class, learners: list[Learner], result: ImportResult, by) -> None:
    User = get_user_model()
    now = timezone.now()
    new = [learner for learner in learners if learner.profile_id is None]
    matched_ids = [learner.profile_id for learner in learners if learner.profile_id is not None]
    usernames = accounts.assign_usernames([learner.phone or None for learner in new])
    users = [
        User(
            **{User.USERNAME_FIELD: username},
            first_name=learner.full_name[:150],  # Vietnamese order: family name first
            email=learner.email,
            password=accounts.unusable_password(),
            date_joined=now,
        )
        for learner, username in zip(new, usernames, strict=True)
    ]
    User._default_manager.bulk_create(users)
    if users and users[0].pk is None:  # a database that does not return ids
        ids = dict(
            User._default_manager.filter(**{f"{User.USERNAME_FIELD}__in": usernames}).values_list(
                User.USERNAME_FIELD, "pk"
            )
        )
        for user in users:
            user.pk = ids[user.get_username()]
    profiles = [
        LearnerProfile(
            user_id=user.pk,
            full_name=learner.full_name,
            date_of_birth=learner.date_of_birth,
            gender=learner.gender,
            ethnicity=learner.ethnicity,
            organisation_id=learner.organisation_id,
            category=learner.category,
            position=learner.position,
            phone=learner.phone,
            must_change_password=True,
            centre_id=training_class.centre_id,  # the area of the centre that enrols them
        )
        for learner, user in zip(new, users, strict=True)
    ]
    LearnerProfile.objects.bulk_create(profiles)
    if profiles and profiles[0].pk is None:
        ids = dict(
            LearnerProfile.objects.filter(user_id__in=[user.pk for user in users]).values_list(
                "user_id", "pk"
            )
        )
        for profile in profiles:
            profile.pk = ids[profile.user_id]
    for learner, profile in zip(new, profiles, strict=True):
        learner.profile_id = profile.pk
    LoginSlip.objects.bulk_create(
        LoginSlip(
            user_id=user.pk, password=accounts.one_time_password(), created_at=now, created_by=by
        )
        for user in users
    )
    # Everyone enrolled is in the learners' group, including learners recorded by hand.
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    existing_users = (
        list(LearnerProfile.objects.filter(pk__in=matched_ids).values_list("user_id", flat=True))
        if matched_ids
        else []
    )
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user.pk, group_id=group.pk) for user in users]
        + [Membership(user_id=user_id, group_id=group.pk) for user_id in existing_users],
        ignore_conflicts=True,
    )
    Enrolment.objects.bulk_create(
        Enrolment(training_class=training_class, learner_id=learner.profile_id, enrolled_at=now)
        for learner in learners
    )
    access_changed()  # bulk_create sends no signal: forget remembered "not enrolled" answers
    result.created = len(new)
    result.matched = len(learners) - len(new)
    result.written = True


# --- Spreadsheets for download -------------------------------------------------------


def _text_cell(cell) -> None:
    # A value that starts with "=" stays text, never a formula.
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_sheet(sheet, headers) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [28, 13, 10, 12, 30, 18, 22, 15, 28, 60]
    for index, width in enumerate(widths[: len(headers)]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def template_workbook() -> bytes:
    """The blank template: the header row, drop-down lists for gender and category, the
    phone column as text (so Excel keeps the leading 0), and a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Học viên"
    _header_sheet(sheet, [label for _key, label in COLUMNS])
    last = MAX_ROWS + 1
    letters = {key: chr(ord("A") + index) for index, (key, _label) in enumerate(COLUMNS)}
    for key, choices in ((GENDER, GENDERS), (CATEGORY, CATEGORIES)):
        validation = DataValidation(
            type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
        )
        validation.add(f"{letters[key]}2:{letters[key]}{last}")
        sheet.add_data_validation(validation)
    for row in range(2, 502):
        sheet[f"{letters[PHONE]}{row}"].number_format = "@"
        sheet[f"{letters[DATE_OF_BIRTH]}{row}"].number_format = "DD/MM/YYYY"

    notes = workbook.create_sheet("Hướng dẫn")
    notes.column_dimensions["A"].width = 110
    lines = [
        _("How to fill in this list"),
        _("One learner per row, from row 2 of the first sheet. Do not change the header row."),
        _("Required: “Họ và tên” (full name) and “Ngày sinh” (date of birth, dd/mm/yyyy)."),
        _("“Giới tính” (gender): %(choices)s.") % {"choices": ", ".join(GENDERS)},
        _("“Đối tượng” (category): %(choices)s.") % {"choices": ", ".join(CATEGORIES)},
        _("“Đơn vị” (organisation): exactly as it is named in the portal's list of organisations."),
        _(
            "“Số điện thoại” (phone): becomes the learner's user name. A learner already "
            "recorded is recognised by the phone number, or else by name and date of birth."
        ),
        _("“Email” is optional; a learner with an e-mail address can reset a forgotten password."),
    ]
    for line in lines:
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    return _save(workbook)


def rejected_workbook(result: ImportResult) -> bytes:
    """The rejected rows with their reasons, in the template's columns: fix and re-import."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Học viên"
    _header_sheet(sheet, [label for _key, label in COLUMNS] + [REASON_HEADER])
    for raw in result.rejected:
        reasons = "; ".join(raw["reasons"])
        values = []
        for key, _label in COLUMNS:
            value = raw.get(key)
            if isinstance(value, datetime | date):
                value = value.strftime("%d/%m/%Y")
            values.append(value)
        sheet.append(
            [*values, _("Row %(row)s: %(reasons)s") % {"row": raw["row"], "reasons": reasons}]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _text_cell(cell)
    return _save(workbook)
