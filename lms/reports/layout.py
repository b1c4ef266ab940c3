"""Presentation of the figures: numbers as the reader writes them, bar charts as data for
a server-rendered SVG, and the annual report as a workbook laid out like the paper one."""

from io import BytesIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter


def number(value, decimals: int = 0) -> str:
    """2533 -> "2.533" in Vietnamese, "2,533" in English; None -> "–"."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value) -> str:
    return "–" if value is None else f"{number(value, 1)} %"


# In the SVG's view box, 360 units wide: each row is its label on one line and its bar
# with the value below, so a phone 360 px wide draws the text at 12 px or more (15 units
# at a scale of ~0.85) and nothing is cut off; the template caps the width on a desktop.
VIEW_WIDTH, BAR_AREA, ROW_HEIGHT, FONT_SIZE = 360, 270, 46, 15
LEFT = 6  # room for the overhang of a first letter such as "Đ"


def bars(title: str, description: str, rows, *, unit: str = "", maximum=None) -> dict:
    """A horizontal bar chart: ``rows`` are (label, value[, note]) pairs; returns what
    lms_reports/chart.html draws (an SVG with title and description, and the same numbers
    as a table)."""
    rows = [tuple(row) + ("",) * (3 - len(row)) for row in rows]
    top = maximum if maximum is not None else max((row[1] or 0 for row in rows), default=0)
    drawn = []
    for index, (label, value, note) in enumerate(rows):
        share = (value or 0) / top if top else 0
        width = round(BAR_AREA * share, 1)
        label = str(label)
        y = index * ROW_HEIGHT
        drawn.append(
            {
                "label": label,
                # Long names keep their start and their end (a class's number and year).
                "short": label if len(label) <= 40 else f"{label[:21]}…{label[-17:]}",
                "value": value,
                "display": (percent(value) if unit == "%" else number(value)),
                "note": note,
                "y": y,
                "text_y": y + 15,
                "bar_y": y + 21,
                "value_y": y + 36,
                "width": width,
                "x": LEFT,
                "value_x": LEFT + width + 6,
            }
        )
    return {
        "title": title,
        "description": description,
        "rows": drawn,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "view_width": VIEW_WIDTH,
        "font_size": FONT_SIZE,
        "unit": unit,
    }


# --- The annual report as a workbook -----------------------------------------------------

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
ANNUAL_COLUMNS = 10


def annual_workbook(report: dict, per_centre=()) -> bytes:
    """The report on one sheet; with ``per_centre`` (the same report for each centre,
    each with a "centre"), the province's total sheet first, then a sheet per centre."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(_("Total") if per_centre else str(report["year"]))
    _annual_sheet(sheet, report)
    for centre_report in per_centre:
        centre = centre_report["centre"]
        _annual_sheet(
            workbook.create_sheet(_sheet_title(centre.short_name or centre.name)), centre_report
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    r"""A sheet name as Excel accepts it: at most 31 characters, none of []:*?/\."""
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31] or "-"


def _annual_sheet(sheet, report: dict) -> None:
    """Title line, two header rows (plan / actual), one row per program, totals."""
    _annual_header(sheet, report)
    for program in report["programs"]:
        sheet.append(_annual_line(program.name, program))
    sheet.append(_annual_line(_("Total"), report["totals"]))
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=4, max_row=last, max_col=ANNUAL_COLUMNS):
        for cell in row:
            cell.border = BOX
            if cell.row in (4, 5, last):
                cell.font = Font(bold=True)
            if cell.row in (4, 5):
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif cell.column >= 8:
                cell.number_format = "0.0%"
            elif cell.column >= 2:
                cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 48
    for index in range(2, ANNUAL_COLUMNS + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "B6"
    sheet.print_title_rows = "4:5"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1


def _annual_header(sheet, report: dict) -> None:
    """Rows 1-5: the title, the headline, a blank line and the two header rows, merged
    as on the paper form (plan over classes and learners, actual over four columns)."""
    title = _("Annual training report %(year)s") % {"year": report["year"]}
    if report.get("centre") is not None:
        title = f"{title}: {report['centre'].name}"
    sheet.append([title])
    sheet.append([report["headline"]])
    sheet.append([])
    sheet.append(
        [
            _("Program"),
            _("Plan"),
            "",
            _("Actual"),
            "",
            "",
            "",
            _("Share of plan achieved"),
            "",
            _("Completion rate"),
        ]
    )
    sheet.append(
        [
            "",
            _("Classes"),
            _("Learners"),
            _("Classes opened"),
            _("Participations"),
            _("Completions"),
            _("Certificates"),
            _("Classes"),
            _("Learners"),
            "",
        ]
    )
    for cells in ("A4:A5", "B4:C4", "D4:G4", "H4:I4", "J4:J5"):
        sheet.merge_cells(cells)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ANNUAL_COLUMNS)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ANNUAL_COLUMNS)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"].alignment = Alignment(horizontal="center")


def _ratio(value):
    """A percentage (0-100) as the fraction Excel's percent format expects."""
    return None if value is None else round(value / 100, 4)


def _annual_line(label: str, row) -> list:
    """One program's row (an object) or the totals (a dict), in the header's order."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return [
        label,
        get("plan_classes"),
        get("plan_learners"),
        get("classes"),
        get("enrolled"),
        get("completed"),
        get("certificates"),
        _ratio(get("classes_share")),
        _ratio(get("learners_share")),
        _ratio(get("completion_rate")),
    ]
