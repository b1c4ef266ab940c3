"""The building blocks of the class's documents: styles, the official header, the
signature, tables, and building a PDF."""

from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lms.grades import format_grade

from ..pdf import BOLD, RED, REGULAR, _fonts

PORTRAIT, LANDSCAPE = A4, landscape(A4)

MARGIN = 15 * mm


# --- Building blocks ----------------------------------------------------------------------


def style(name, size=12, font=REGULAR, align=TA_LEFT, **kwargs) -> ParagraphStyle:
    kwargs.setdefault("leading", size * 1.3)
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **kwargs)


def para(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def day_text(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def grade_text(value) -> str:
    return format_grade(value) if value is not None else ""


CENTRED = style("centred", 11, align=TA_CENTER, leading=14)
CENTRED_BOLD = style("centred-bold", 11, BOLD, TA_CENTER, leading=14)
TITLE = style("title", 15, BOLD, TA_CENTER, spaceBefore=10, spaceAfter=2)
SUBTITLE = style("subtitle", 12, BOLD, TA_CENTER, spaceAfter=8)
BODY = style("body", 12, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4, leading=17)
SMALL = style("small", 10, leading=13)
SMALL_BOLD = style("small-bold", 10, BOLD, leading=13)
CELL = style("cell", 9, leading=11)
CELL_CENTRED = style("cell-centred", 9, align=TA_CENTER, leading=11)
HEAD = style("head", 9, BOLD, TA_CENTER, leading=11)
MARK = style("mark", 9, BOLD, textColor=RED, leading=11)


class Rule(Flowable):
    """A short centred line under a heading, as the header's underlines are drawn."""

    def __init__(self, width):
        super().__init__()
        self.line_width = width

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, 9

    def draw(self):
        # 6 points under the line above: clear of the dots under its letters.
        start = (self.available - self.line_width) / 2
        self.canv.setLineWidth(0.7)
        self.canv.line(start, 3, start + self.line_width, 3)


def header(letterhead, page_width: float, *, symbol: str = "", day: date | None = None):
    """The two-column header (``Centre.letterhead``); ``symbol`` adds "No.: ……/symbol"
    under the issuing body."""
    left = [
        para(letterhead.parent_body, CENTRED),
        para(letterhead.issuing_body, CENTRED_BOLD),
        Rule(25 * mm),
    ]
    if symbol:
        left.append(para(_("No.: ……/%(symbol)s") % {"symbol": symbol}, CENTRED))
    right = [para(line, CENTRED_BOLD) for line in letterhead.header_lines]
    right.append(Rule(45 * mm))
    right.append(para(letterhead.dated(day or timezone.localdate()), CENTRED))
    usable = page_width - 2 * MARGIN
    table = Table([[left, right]], colWidths=[usable * 0.45, usable * 0.55])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def signature(letterhead, page_width: float, left=None):
    """The signatory's block on the right (title, room for the signature and seal,
    name); ``left`` (e.g. the recipients) beside it."""
    usable = page_width - 2 * MARGIN
    right = [
        para(line.upper(), CENTRED_BOLD) for line in letterhead.signatory_title.splitlines() or [""]
    ]
    right += [Spacer(1, 22 * mm), para(letterhead.signatory_name, CENTRED_BOLD)]
    table = Table([[left or "", right]], colWidths=[usable * 0.5, usable * 0.5])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6 * mm), table])


def recipients(text: str) -> list:
    lines = [line for line in text.splitlines() if line.strip()]
    return [para(_("Recipients:"), SMALL_BOLD), *[para(line, SMALL) for line in lines]]


def grid(headings, rows, widths):
    """A ruled table whose heading row repeats on every page. ``rows`` hold strings or
    flowables; numbers and dates are centred by the caller's choice of cells."""
    data = [[para(heading, HEAD) for heading in headings]]
    for row in rows:
        data.append([cell if not isinstance(cell, str) else para(cell, CELL) for cell in row])
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(commands))
    return table


def centred(text) -> Paragraph:
    return para(text, CELL_CENTRED)


def fit_widths(fixed: list, flexible: int, page_width: float) -> list:
    """``fixed`` widths with None for each flexible column, which share the rest."""
    usable = page_width - 2 * MARGIN
    rest = usable - sum(width for width in fixed if width)
    share = rest / max(flexible, 1)
    return [width if width else share for width in fixed]


def build_pdf(story, pagesize, title, author, on_page=None) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + (6 * mm if on_page else 0),
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="Vun Trồng",
    )
    doc.build(story, onFirstPage=on_page or _nothing, onLaterPages=on_page or _nothing)
    return buffer.getvalue()


def _nothing(canvas, doc):
    pass


def fonts_ready():
    _fonts()
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def learner_cells(number, learner):
    return [
        centred(str(number)),
        learner.full_name,
        centred(day_text(learner.date_of_birth)),
        learner.organisation.name if learner.organisation else "",
    ]


def period(training_class) -> dict:
    return {
        "opens": day_text(training_class.study_opens) or "……",
        "closes": day_text(training_class.study_closes) or "……",
    }
