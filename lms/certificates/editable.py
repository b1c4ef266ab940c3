"""The two decisions as Word documents (DOCX), for staff who must edit the text before
it is signed: the same header, wording, articles and annex list as the PDFs of
``documents``, in a file any word processor opens. Written with python-docx, in the
site's language whoever downloads it; Times New Roman, as the centre's papers are
typed.
"""

from io import BytesIO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from .documents.blocks import day_text, grade_text
from .documents.decisions import _values
from .models.paperwork import fill

FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _new_document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    return document


def _line(container, text, *, bold=False, align=None, size=None, indent=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(3)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    return paragraph


def _cell_lines(cell, lines):
    """Fill a table cell with (text, bold) lines, centred."""
    cell.paragraphs[0].text = ""
    first = True
    for text, bold in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.name = FONT
        run.font.size = Pt(12)


def _header(document, letterhead, symbol):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_lines(
        left,
        [
            (letterhead.parent_body, False),
            (letterhead.issuing_body, True),
            (_("No.: ……/%(symbol)s") % {"symbol": symbol}, False),
        ],
    )
    _cell_lines(
        right,
        [
            *[(line, True) for line in letterhead.header_lines],
            (letterhead.dated(timezone.localdate()), False),
        ],
    )


def _signature(document, letterhead, recipients_text):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(_("Recipients:")).bold = True
    for line in recipients_text.splitlines():
        if line.strip():
            left.add_paragraph(line)
    titles = [(line.upper(), True) for line in letterhead.signatory_title.splitlines()]
    _cell_lines(
        right, [*titles, ("", False), ("", False), ("", False), (letterhead.signatory_name, True)]
    )


def _grid(document, headings, rows):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        _cell_lines(cell, [(heading, True)])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return table


def _decision(training_class, wording, *, subject, basis, articles, count, annex, headings, rows):
    letterhead = training_class.centre.letterhead
    values = _values(training_class, count)
    document = _new_document()
    document.core_properties.title = subject
    document.core_properties.author = training_class.centre.name
    _header(document, letterhead, wording.decision_symbol)
    _line(document, _("DECISION"), bold=True, align=CENTER, size=15)
    _line(document, subject, bold=True, align=CENTER)
    _line(document, wording.maker(), bold=True, align=CENTER)
    for line in basis.splitlines():
        if line.strip():
            _line(document, fill(line, values), align=JUSTIFY, indent=True)
    _line(document, _("DECIDES:"), bold=True, align=CENTER)
    for line in articles.splitlines():
        if not line.strip():
            continue
        text = fill(line, values)
        paragraph = document.add_paragraph()
        paragraph.alignment = JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        head, dot, rest = text.partition(".")
        if dot and len(head) <= 12:  # "Điều 1." in bold
            paragraph.add_run(f"{head}.").bold = True
            paragraph.add_run(rest)
        else:
            paragraph.add_run(text)
    _signature(document, letterhead, wording.recipients)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(document, annex, bold=True, align=CENTER, size=14)
    _line(document, training_class.title, bold=True, align=CENTER)
    _line(
        document,
        _("(Attached to Decision No. ……/%(symbol)s of %(maker)s)")
        % {"symbol": wording.decision_symbol, "maker": training_class.centre.name},
        align=CENTER,
        size=11,
    )
    _grid(document, headings, rows)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _learner(number, learner) -> list[str]:
    return [
        str(number),
        learner.full_name,
        day_text(learner.date_of_birth),
        learner.organisation.name if learner.organisation else "",
    ]


def opening_decision(training_class, enrolments, wording) -> bytes:
    """Quyết định mở lớp, with the list of its learners."""
    with override(settings.LANGUAGE_CODE):
        rows = [
            [*_learner(number, enrolment.learner), enrolment.learner.position]
            for number, enrolment in enumerate(enrolments, start=1)
        ]
        return _decision(
            training_class,
            wording,
            subject=_("On opening %(class)s") % {"class": training_class.title},
            basis=wording.opening_basis,
            articles=wording.opening_articles,
            count=len(rows),
            annex=_("LIST OF LEARNERS"),
            headings=[_("No."), _("Full name"), _("Date of birth"), _("Unit"), _("Position")],
            rows=rows,
        )


def completion_decision(results, wording) -> bytes:
    """Quyết định công nhận hoàn thành chương trình, with those who completed."""
    training_class = results.training_class
    with override(settings.LANGUAGE_CODE):
        rows = [
            [
                *_learner(number, row.learner),
                grade_text(row.final),
                row.classification,
                row.record.register_number,
            ]
            for number, row in enumerate(results.completed, start=1)
        ]
        return _decision(
            training_class,
            wording,
            subject=_(
                "On recognising completion of the programme and issuing certificates to the learners of %(class)s"
            )
            % {"class": training_class.title},
            basis=wording.completion_basis,
            articles=wording.completion_articles,
            count=len(rows),
            annex=_("LIST OF LEARNERS WHO COMPLETED THE PROGRAMME"),
            headings=[
                _("No."),
                _("Full name"),
                _("Date of birth"),
                _("Unit"),
                _("Final grade"),
                _("Classification"),
                _("Certificate number"),
            ],
            rows=rows,
        )
