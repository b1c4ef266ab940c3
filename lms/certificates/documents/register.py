"""The register of certificates as the centre's book, a year at a time."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..pdf import REGULAR
from .blocks import (
    CELL,
    LANDSCAPE,
    MARGIN,
    MARK,
    SUBTITLE,
    TITLE,
    build_pdf,
    centred,
    day_text,
    fit_widths,
    fonts_ready,
    grid,
    header,
    para,
)

# --- The register as the centre's book -----------------------------------------------------


def register_book(centre, year: int, records) -> bytes:
    """The year's register, A4 landscape, one numbered row per entry, as each entry was
    written when it was issued (name, date of birth, unit, classification); every page
    repeats the running head and the table's headings."""
    fonts_ready()
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
            para(title, TITLE),
            para(
                _("%(count)s entries, numbered in the order of issue") % {"count": len(records)},
                SUBTITLE,
            ),
        ]
        rows = []
        for record in records:
            notes = []
            if record.reissue_of_id:
                notes.append(
                    para(
                        _("Re-issue of %(number)s") % {"number": record.reissue_of.register_number},
                        CELL,
                    )
                )
            if not record.is_valid:
                revoked = timezone.localdate(record.revoked_at) if record.revoked_at else None
                notes.append(
                    para(
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
        widths = fit_widths([32, 80, 115, 68, 105, None, 56, 68, 100], 1, LANDSCAPE[0])
        if rows:
            story.append(grid(headings, rows, widths))
        else:
            story.append(para(_("No certificate was issued this year."), SUBTITLE))
        return build_pdf(story, LANDSCAPE, title, centre.name, on_page)
