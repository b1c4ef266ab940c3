"""The class's documents on paper, as PDFs drawn with reportlab's platypus: the
register as the centre's book, the results sheet, the results notice to an
organisation, and the two decisions (opening the class, recognising completion).

Each document opens with the centre's header in the official two-column layout (the
issuing body under its parent on the left, the national or Party header on the right,
each underlined), and tables repeat their heading row on every page. Everything is
written in the site's language (Vietnamese) whoever prints it, as the certificate is.
The bundled DejaVu Serif (see pdf.py) carries every Vietnamese letter.
"""

from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lms.grades import format_grade

from .models.paperwork import fill
from .pdf import BOLD, RED, REGULAR, _fonts

PORTRAIT, LANDSCAPE = A4, landscape(A4)
MARGIN = 15 * mm


# --- Building blocks ----------------------------------------------------------------------


def _style(name, size=12, font=REGULAR, align=TA_LEFT, **kwargs) -> ParagraphStyle:
    kwargs.setdefault("leading", size * 1.3)
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **kwargs)


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def grade_text(value) -> str:
    return format_grade(value) if value is not None else ""


CENTRED = _style("centred", 11, align=TA_CENTER, leading=14)
CENTRED_BOLD = _style("centred-bold", 11, BOLD, TA_CENTER, leading=14)
TITLE = _style("title", 15, BOLD, TA_CENTER, spaceBefore=10, spaceAfter=2)
SUBTITLE = _style("subtitle", 12, BOLD, TA_CENTER, spaceAfter=8)
BODY = _style("body", 12, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4, leading=17)
SMALL = _style("small", 10, leading=13)
SMALL_BOLD = _style("small-bold", 10, BOLD, leading=13)
CELL = _style("cell", 9, leading=11)
CELL_CENTRED = _style("cell-centred", 9, align=TA_CENTER, leading=11)
HEAD = _style("head", 9, BOLD, TA_CENTER, leading=11)
MARK = _style("mark", 9, BOLD, textColor=RED, leading=11)


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
        _p(letterhead.parent_body, CENTRED),
        _p(letterhead.issuing_body, CENTRED_BOLD),
        Rule(25 * mm),
    ]
    if symbol:
        left.append(_p(_("No.: ……/%(symbol)s") % {"symbol": symbol}, CENTRED))
    right = [_p(line, CENTRED_BOLD) for line in letterhead.header_lines]
    right.append(Rule(45 * mm))
    right.append(_p(letterhead.dated(day or timezone.localdate()), CENTRED))
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
        _p(line.upper(), CENTRED_BOLD) for line in letterhead.signatory_title.splitlines() or [""]
    ]
    right += [Spacer(1, 22 * mm), _p(letterhead.signatory_name, CENTRED_BOLD)]
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
    return [_p(_("Recipients:"), SMALL_BOLD), *[_p(line, SMALL) for line in lines]]


def grid(headings, rows, widths):
    """A ruled table whose heading row repeats on every page. ``rows`` hold strings or
    flowables; numbers and dates are centred by the caller's choice of cells."""
    data = [[_p(heading, HEAD) for heading in headings]]
    for row in rows:
        data.append([cell if not isinstance(cell, str) else _p(cell, CELL) for cell in row])
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
    return _p(text, CELL_CENTRED)


def _fit_widths(fixed: list, flexible: int, page_width: float) -> list:
    """``fixed`` widths with None for each flexible column, which share the rest."""
    usable = page_width - 2 * MARGIN
    rest = usable - sum(width for width in fixed if width)
    share = rest / max(flexible, 1)
    return [width if width else share for width in fixed]


def _build(story, pagesize, title, author, on_page=None) -> bytes:
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


def _ready():
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


# --- The register as the centre's book -----------------------------------------------------


def register_book(centre, year: int, records) -> bytes:
    """The year's register, A4 landscape, one numbered row per entry, as each entry was
    written when it was issued (name, date of birth, unit, classification); every page
    repeats the running head and the table's headings."""
    _ready()
    letterhead = centre.letterhead
    with override(settings.LANGUAGE_CODE):
        title = _("CERTIFICATE REGISTER %(year)s") % {"year": year}
        running = f"{centre.name} · {title}"
        page_label = _("Page %(page)s")

        def on_page(canvas, doc):
            canvas.saveState()
            canvas.setFont(REGULAR, 8)
            width, height = LANDSCAPE
            canvas.drawString(MARGIN, height - MARGIN, running)
            canvas.drawRightString(width - MARGIN, height - MARGIN, page_label % {"page": doc.page})
            canvas.restoreState()

        story = [
            header(letterhead, LANDSCAPE[0]),
            _p(title, TITLE),
            _p(
                _("%(count)s entries, numbered in the order of issue") % {"count": len(records)},
                SUBTITLE,
            ),
        ]
        rows = []
        for record in records:
            notes = []
            if record.reissue_of_id:
                notes.append(
                    _p(
                        _("Re-issue of %(number)s") % {"number": record.reissue_of.register_number},
                        CELL,
                    )
                )
            if not record.is_valid:
                revoked = timezone.localdate(record.revoked_at) if record.revoked_at else None
                notes.append(
                    _p(
                        _("REVOKED %(date)s: %(reason)s")
                        % {"date": day_text(revoked), "reason": record.revoked_reason},
                        MARK,
                    )
                )
            rows.append(
                [
                    centred(str(record.sequence)),
                    centred(record.register_number),
                    record.learner_name,
                    centred(day_text(record.date_of_birth)),
                    record.unit,
                    record.class_title,
                    centred(record.get_classification_display()),
                    centred(day_text(record.issued_on)),
                    notes,
                ]
            )
        headings = [
            _("No."),
            _("Register number"),
            _("Full name"),
            _("Date of birth"),
            _("Unit"),
            _("Course and class"),
            _("Classification"),
            _("Issued on"),
            _("Notes"),
        ]
        widths = _fit_widths([32, 80, 115, 68, 105, None, 56, 68, 100], 1, LANDSCAPE[0])
        if rows:
            story.append(grid(headings, rows, widths))
        else:
            story.append(_p(_("No certificate was issued this year."), SUBTITLE))
        return _build(story, LANDSCAPE, title, centre.name, on_page)


# --- Results --------------------------------------------------------------------------------


def _results_rows(results, number_from=1):
    rows = []
    for number, row in enumerate(results.rows, start=number_from):
        rows.append(
            [
                *learner_cells(number, row.learner),
                centred(f"{row.present}/{results.sessions}"),
                *[centred(grade_text(grade)) for grade in row.quiz_grades],
                *([centred(grade_text(row.essay))] if results.essay_quiz else []),
                centred(grade_text(row.final)),
                centred(row.classification),
                centred(row.result),
            ]
        )
    return rows


def _results_headings(results):
    return [
        _("No."),
        _("Full name"),
        _("Date of birth"),
        _("Unit"),
        _("Sessions attended"),
        *[quiz.title for quiz in results.quizzes],
        *([_("Reflection essay")] if results.essay_quiz else []),
        _("Final grade"),
        _("Classification"),
        _("Result"),
    ]


def _tally_text(results) -> str:
    parts = [
        _("Learners: %(count)s") % {"count": len(results.rows)},
        _("Completed: %(count)s") % {"count": len(results.completed)},
    ]
    parts += [f"{label}: {count}" for label, count in results.tally()]
    return "; ".join(parts) + "."


def results_sheet(results) -> bytes:
    """Kết quả học tập: the class's learners with their figures, A4 landscape."""
    _ready()
    training_class = results.training_class
    letterhead = training_class.centre.letterhead
    with override(settings.LANGUAGE_CODE):
        title = _("LEARNING RESULTS")
        story = [
            header(letterhead, LANDSCAPE[0]),
            _p(title, TITLE),
            _p(training_class.title, SUBTITLE),
            _p(
                _("Study period: from %(opens)s to %(closes)s; %(sessions)s in-person sessions.")
                % {**period(training_class), "sessions": results.sessions},
                _style("period", 11, align=TA_CENTER, spaceAfter=8),
            ),
        ]
        assessed = len(results.quizzes) + (1 if results.essay_quiz else 0)
        widths = _fit_widths([32, 130, 68, None, 52, *[48] * assessed, 48, 56, 92], 1, LANDSCAPE[0])
        story.append(grid(_results_headings(results), _results_rows(results), widths))
        story.append(Spacer(1, 4 * mm))
        story.append(_p(_tally_text(results), SMALL))
        story.append(signature(letterhead, LANDSCAPE[0]))
        return _build(story, LANDSCAPE, title, training_class.centre.name)


def results_notice(results, organisation, wording) -> bytes:
    """Thông báo kết quả học tập to one organisation: its learners in the class."""
    _ready()
    training_class = results.training_class
    letterhead = training_class.centre.letterhead
    values = {
        "centre": training_class.centre.name,
        "organisation": organisation.name,
        "class": training_class.title,
        "course": training_class.course.title,
        "year": training_class.year,
        **period(training_class),
    }
    with override(settings.LANGUAGE_CODE):
        title = _("NOTICE")
        story = [
            header(letterhead, PORTRAIT[0], symbol=wording.notice_symbol),
            _p(title, TITLE),
            _p(
                _("Learning results of the learners of %(class)s")
                % {"class": training_class.title},
                SUBTITLE,
            ),
            _p(
                _("To: %(organisation)s") % {"organisation": organisation.name},
                _style("to", 12, BOLD, TA_CENTER, spaceAfter=8),
            ),
            _p(fill(wording.notice_text, values), BODY),
        ]
        rows = []
        for number, row in enumerate(results.rows, start=1):
            rows.append(
                [
                    centred(str(number)),
                    row.learner.full_name,
                    centred(day_text(row.learner.date_of_birth)),
                    centred(f"{row.present}/{results.sessions}"),
                    centred(grade_text(row.final)),
                    centred(row.classification),
                    centred(row.result),
                    centred(row.record.register_number if row.completed else ""),
                ]
            )
        headings = [
            _("No."),
            _("Full name"),
            _("Date of birth"),
            _("Sessions attended"),
            _("Final grade"),
            _("Classification"),
            _("Result"),
            _("Certificate number"),
        ]
        widths = _fit_widths([32, None, 68, 50, 46, 52, 86, 80], 1, PORTRAIT[0])
        story.append(grid(headings, rows, widths))
        story.append(Spacer(1, 4 * mm))
        story.append(_p(fill(wording.notice_closing, values), BODY))
        story.append(
            signature(letterhead, PORTRAIT[0], recipients(_("- As above;\n- Filed: office.")))
        )
        return _build(story, PORTRAIT, title, training_class.centre.name)


# --- Decisions -------------------------------------------------------------------------------


def _decision(training_class, wording, *, subject, basis, articles, values, annex_title, annex):
    _ready()
    letterhead = training_class.centre.letterhead
    grounds = _style("grounds", 12, align=TA_JUSTIFY, firstLineIndent=10 * mm, leading=17)
    article_style = BODY
    story = [
        header(letterhead, PORTRAIT[0], symbol=wording.decision_symbol),
        _p(_("DECISION"), TITLE),
        _p(subject, SUBTITLE),
        Rule(30 * mm),
        _p(wording.maker(), _style("maker", 12, BOLD, TA_CENTER, spaceBefore=6, spaceAfter=8)),
    ]
    story += [_p(fill(line, values), grounds) for line in basis.splitlines() if line.strip()]
    story.append(_p(_("DECIDES:"), _style("decides", 13, BOLD, TA_CENTER, spaceBefore=8)))
    story.append(Spacer(1, 2 * mm))
    for line in articles.splitlines():
        if not line.strip():
            continue
        text = escape(fill(line, values))
        # "Điều 1." in bold, as decisions print their article numbers.
        head, dot, rest = text.partition(".")
        if dot and len(head) <= 12:
            text = f"<b>{head}.</b>{rest}"
        story.append(Paragraph(text, article_style))
    story.append(signature(letterhead, PORTRAIT[0], recipients(wording.recipients)))
    story.append(PageBreak())
    story.append(_p(annex_title, TITLE))
    story.append(_p(training_class.title, SUBTITLE))
    story.append(
        _p(
            _("(Attached to Decision No. ……/%(symbol)s of %(maker)s)")
            % {"symbol": wording.decision_symbol, "maker": training_class.centre.name},
            _style("attached", 10, align=TA_CENTER, spaceAfter=8),
        )
    )
    story.append(annex)
    return _build(story, PORTRAIT, _("DECISION"), training_class.centre.name)


def _values(training_class, count):
    return {
        "centre": training_class.centre.name,
        "class": training_class.title,
        "course": training_class.course.title,
        "year": training_class.year,
        "venue": training_class.venue or training_class.centre.name,
        "count": count,
        **period(training_class),
    }


def opening_decision(training_class, enrolments, wording) -> bytes:
    """Quyết định mở lớp, with the list of its learners."""
    with override(settings.LANGUAGE_CODE):
        rows = [
            [*learner_cells(number, enrolment.learner), enrolment.learner.position]
            for number, enrolment in enumerate(enrolments, start=1)
        ]
        headings = [_("No."), _("Full name"), _("Date of birth"), _("Unit"), _("Position")]
        widths = _fit_widths([32, 140, 68, None, 100], 1, PORTRAIT[0])
        return _decision(
            training_class,
            wording,
            subject=_("On opening %(class)s") % {"class": training_class.title},
            basis=wording.opening_basis,
            articles=wording.opening_articles,
            values=_values(training_class, len(rows)),
            annex_title=_("LIST OF LEARNERS"),
            annex=grid(headings, rows, widths),
        )


def completion_decision(results, wording) -> bytes:
    """Quyết định công nhận hoàn thành chương trình và cấp giấy chứng nhận, with the
    list of those who completed (a valid certificate in the register)."""
    training_class = results.training_class
    with override(settings.LANGUAGE_CODE):
        completed = results.completed
        rows = [
            [
                *learner_cells(number, row.learner),
                centred(grade_text(row.final)),
                centred(row.classification),
                centred(row.record.register_number),
            ]
            for number, row in enumerate(completed, start=1)
        ]
        headings = [
            _("No."),
            _("Full name"),
            _("Date of birth"),
            _("Unit"),
            _("Final grade"),
            _("Classification"),
            _("Certificate number"),
        ]
        widths = _fit_widths([32, None, 68, 110, 44, 52, 80], 1, PORTRAIT[0])
        return _decision(
            training_class,
            wording,
            subject=_(
                "On recognising completion of the programme and issuing certificates to the learners of %(class)s"
            )
            % {"class": training_class.title},
            basis=wording.completion_basis,
            articles=wording.completion_articles,
            values=_values(training_class, len(rows)),
            annex_title=_("LIST OF LEARNERS WHO COMPLETED THE PROGRAMME"),
            annex=grid(headings, rows, widths),
        )
