"""The two decisions: opening the class and recognising completion."""

from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    Spacer,
)

from ..models.paperwork import fill
from ..pdf import BOLD
from .blocks import (
    BODY,
    PORTRAIT,
    SUBTITLE,
    TITLE,
    Rule,
    build_pdf,
    centred,
    fit_widths,
    fonts_ready,
    grade_text,
    grid,
    header,
    learner_cells,
    para,
    period,
    recipients,
    signature,
    style,
)

# --- Decisions -------------------------------------------------------------------------------


def _decision(training_class, wording, *, subject, basis, articles, values, annex_title, annex):
    fonts_ready()
    letterhead = training_class.centre.letterhead
    grounds = style("grounds", 12, align=TA_JUSTIFY, firstLineIndent=10 * mm, leading=17)
    article_style = BODY
    story = [
        header(letterhead, PORTRAIT[0], symbol=wording.decision_symbol),
        para(_("DECISION"), TITLE),
        para(subject, SUBTITLE),
        Rule(30 * mm),
        para(wording.maker(), style("maker", 12, BOLD, TA_CENTER, spaceBefore=6, spaceAfter=8)),
    ]
    story += [para(fill(line, values), grounds) for line in basis.splitlines() if line.strip()]
    story.append(para(_("DECIDES:"), style("decides", 13, BOLD, TA_CENTER, spaceBefore=8)))
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
    story.append(para(annex_title, TITLE))
    story.append(para(training_class.title, SUBTITLE))
    story.append(
        para(
            _("(Attached to Decision No. ……/%(symbol)s of %(maker)s)")
            % {"symbol": wording.decision_symbol, "maker": training_class.centre.name},
            style("attached", 10, align=TA_CENTER, spaceAfter=8),
        )
    )
    story.append(annex)
    return build_pdf(story, PORTRAIT, _("DECISION"), training_class.centre.name)


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
        widths = fit_widths([32, 140, 68, None, 100], 1, PORTRAIT[0])
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
        widths = fit_widths([32, None, 68, 110, 44, 52, 80], 1, PORTRAIT[0])
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
