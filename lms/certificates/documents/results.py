"""The class's results: the results sheet and the results notice to an organisation."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import (
    Spacer,
)

from ..models.paperwork import fill
from ..pdf import BOLD
from .blocks import (
    BODY,
    LANDSCAPE,
    PORTRAIT,
    SMALL,
    SUBTITLE,
    TITLE,
    build_pdf,
    centred,
    day_text,
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
    fonts_ready()
    training_class = results.training_class
    letterhead = training_class.centre.letterhead
    with override(settings.LANGUAGE_CODE):
        title = _("LEARNING RESULTS")
        story = [
            header(letterhead, LANDSCAPE[0]),
            para(title, TITLE),
            para(training_class.title, SUBTITLE),
            para(
                _("Study period: from %(opens)s to %(closes)s; %(sessions)s in-person sessions.")
                % {**period(training_class), "sessions": results.sessions},
                style("period", 11, align=TA_CENTER, spaceAfter=8),
            ),
        ]
        assessed = len(results.quizzes) + (1 if results.essay_quiz else 0)
        widths = fit_widths([32, 130, 68, None, 52, *[48] * assessed, 48, 56, 92], 1, LANDSCAPE[0])
        story.append(grid(_results_headings(results), _results_rows(results), widths))
        story.append(Spacer(1, 4 * mm))
        story.append(para(_tally_text(results), SMALL))
        story.append(signature(letterhead, LANDSCAPE[0]))
        return build_pdf(story, LANDSCAPE, title, training_class.centre.name)


def results_notice(results, organisation, wording) -> bytes:
    """Thông báo kết quả học tập to one organisation: its learners in the class."""
    fonts_ready()
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
            para(title, TITLE),
            para(
                _("Learning results of the learners of %(class)s")
                % {"class": training_class.title},
                SUBTITLE,
            ),
            para(
                _("To: %(organisation)s") % {"organisation": organisation.name},
                style("to", 12, BOLD, TA_CENTER, spaceAfter=8),
            ),
            para(fill(wording.notice_text, values), BODY),
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
        widths = fit_widths([32, None, 68, 50, 46, 52, 86, 80], 1, PORTRAIT[0])
        story.append(grid(headings, rows, widths))
        story.append(Spacer(1, 4 * mm))
        story.append(para(fill(wording.notice_closing, values), BODY))
        story.append(
            signature(letterhead, PORTRAIT[0], recipients(_("- As above;\n- Filed: office.")))
        )
        return build_pdf(story, PORTRAIT, title, training_class.centre.name)
