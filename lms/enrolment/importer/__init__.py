"""Importing the learner list a party cell sends, as XLSX or CSV, into a class.

Three steps, each usable alone:

``read_rows(uploaded_file)`` (``reading``)
    Checks the file as a whole (size, kind, header) and returns its rows as dicts with
    their spreadsheet row number (the header is row 1). Raises ``ImportFileError``.
``import_learners(training_class, rows, *, skip_invalid=False)`` (``checking``)
    Validates every row with a ``LearnerRowForm`` (``rows``), matches existing learners
    (by phone number, else by name and date of birth), then, in one transaction, creates
    the new accounts and enrols everyone (``writing``): all or nothing, or only the valid
    rows when ``skip_invalid``. A constant number of lookups and bulk inserts, whatever
    the number of rows.
``rejected_workbook(result)`` (``workbooks``)
    The rejected rows as XLSX, with a "Lý do" (reason) column, ready to fix and re-import.

The spreadsheet's format (columns, fixed Vietnamese values) and the reading of one cell
are in ``cells``.
"""

from .cells import COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, normalise_phone, parse_date
from .checking import ImportResult, import_learners
from .reading import ImportFileError, file_too_large_message, read_rows
from .rows import LearnerRowForm, RowError
from .workbooks import rejected_workbook, template_workbook

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "ImportFileError",
    "ImportResult",
    "LearnerRowForm",
    "RowError",
    "file_too_large_message",
    "import_learners",
    "normalise_phone",
    "parse_date",
    "read_rows",
    "rejected_workbook",
    "template_workbook",
]
