"""Reading an uploaded learner list (XLSX or CSV) into rows, before any row is checked.

``read_rows(uploaded_file)`` checks the file as a whole (size, kind, header) and returns
its rows as dicts of raw cell values with their spreadsheet row number (the header is
row 1). A problem with the whole file raises ``ImportFileError``.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .cells import (
    COLUMNS,
    FOLDED_HEADERS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    blank,
    fold,
)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``message`` says why, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def _rows_from_table(table: list[tuple]) -> list[dict]:
    if not any(not blank(value) for row in table for value in row):
        raise ImportFileError(_("The file is empty."))
    header = table[0]
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = FOLDED_HEADERS.get(fold(value)) if not blank(value) else None
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
        if all(blank(value) for value in row.values()):
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
