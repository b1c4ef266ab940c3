"""The spreadsheets for download: the blank template to fill in, and the rejected rows
with their reasons, ready to fix and re-import."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from .cells import (
    CATEGORIES,
    CATEGORY,
    COLUMNS,
    DATE_OF_BIRTH,
    GENDER,
    GENDERS,
    MAX_ROWS,
    PHONE,
    REASON_HEADER,
)
from .checking import ImportResult


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
