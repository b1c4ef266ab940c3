"""The certificate as a PDF: A4 landscape, drawn with reportlab.

reportlab is pure Python, needs no system libraries and draws a page like this in a few
milliseconds (WeasyPrint took about half a second cold here): the issue's budget is 20
certificates a second on one worker. The bundled DejaVu Serif covers every Vietnamese
letter with its diacritics; the font is registered once per process and embedded as a
subset, so a certificate weighs some tens of KB.
"""

from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from quizzes.formatting import format_grade

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "VT-Serif", "VT-Serif-Bold"
RED = Color(0.62, 0.07, 0.07)
PAGE = landscape(A4)


@cache
def _fonts() -> None:
    for name, file in (
        (REGULAR, "DejaVuSerif.ttf"),
        (BOLD, "DejaVuSerif-Bold.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


def qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code's size in modules and its dark runs (row, first column, length).

    The mask is fixed (any of the eight reads the same): choosing the best one costs
    more time than drawing the whole certificate."""
    qr = segno.make(url, error="m", micro=False, mask=0)
    runs = []
    matrix = qr.matrix
    for y, row in enumerate(matrix):
        x, count = 0, len(row)
        while x < count:
            if row[x]:
                start = x
                while x < count and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return len(matrix), runs


def draw_qr(canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled vector path in module units (no image library; a few
    hundred short integer rectangles instead of as many drawing objects)."""
    count, runs = qr_runs(url)
    cell = size / count
    canvas.saveState()
    canvas.setFillColor(black)
    # Origin at the top left corner, one unit per module, rows going down.
    canvas.transform(cell, 0, 0, -cell, x, y + size)
    canvas.addLiteral(
        " ".join(f"{column} {row} {length} 1 re" for row, column, length in runs) + " f"
    )
    canvas.restoreState()


def _fit(canvas, text, font, size, width, smallest=8) -> float:
    """The font size at which ``text`` fits ``width`` (never above ``size``)."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _image(image):
    if image is None:
        return None
    try:
        with image.file.open("rb") as file:
            return ImageReader(BytesIO(file.read()))
    except (OSError, ValueError):
        return None


def _underlined(canvas, x, y, text, font, size, share=1.0) -> None:
    """``text`` centred on ``x``, with a line under ``share`` of its width (the short
    rule under an issuing body's name, the full one under a national motto)."""
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)
    half = pdfmetrics.stringWidth(text, font, size) * share / 2
    canvas.setLineWidth(0.7)
    canvas.line(x - half, y - 3 * mm, x + half, y - 3 * mm)


def _dmy(day) -> str:
    return f"{day:%d/%m/%Y}" if day else "…"


def _class_label(record) -> str:
    klass = record.enrolment.training_class
    return _("Class no. %(number)s/%(year)s") % {"number": klass.number, "year": klass.year}


def _result(record) -> str:
    if record.final_grade is not None and record.classification:
        return _("grade %(grade)s, classification: %(classification)s") % {
            "grade": format_grade(record.final_grade),
            "classification": record.get_classification_display(),
        }
    if record.classification:
        return _("classification: %(classification)s") % {
            "classification": record.get_classification_display()
        }
    return pgettext("certificate result", "Completed")


def _revoked_mark(canvas, record, width, height) -> None:
    """Across the page, in red: ĐÃ THU HỒI, the date and the reason."""
    revoked = timezone.localtime(record.revoked_at) if record.revoked_at else None
    canvas.saveState()
    canvas.setFillColor(Color(0.8, 0.0, 0.0, alpha=0.6))
    canvas.setStrokeColor(Color(0.8, 0.0, 0.0, alpha=0.6))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(18)
    canvas.setLineWidth(3)
    canvas.rect(-125 * mm, -24 * mm, 250 * mm, 50 * mm)
    canvas.setFont(BOLD, 54)
    canvas.drawCentredString(0, 4 * mm, _("REVOKED"))
    detail = _("on %(date)s. Reason: %(reason)s") % {
        "date": _dmy(revoked),
        "reason": " ".join(record.revoked_reason.split()),
    }
    canvas.setFillColor(Color(0.65, 0.0, 0.0, alpha=0.85))
    canvas.setFont(BOLD, _fit(canvas, detail, BOLD, 16, 240 * mm))
    canvas.drawCentredString(0, -15 * mm, detail)
    canvas.restoreState()


def render(record, layout, verify_url: str) -> bytes:
    """The certificate of ``record`` in the centre's ``layout`` (CertificateSettings),
    with the centre's letterhead (``Centre.letterhead``): the layout of a Vietnamese
    "Giấy chứng nhận" of a political-training course."""
    _fonts()
    buffer = BytesIO()
    width, height = PAGE
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"{layout.heading} {record.register_number}")
    canvas.setAuthor(layout.centre.name)
    canvas.setCreator("Vun Trồng")

    # Frame.
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    with override(settings.LANGUAGE_CODE):
        _letterhead(canvas, layout, width, height)
        _learner_lines(canvas, record, layout, width, height)
        _register_number_and_qr(canvas, record, verify_url, width)
        _signature(canvas, record, layout, width)
        if record.status == record.Status.REVOKED:
            _revoked_mark(canvas, record, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _letterhead(canvas, layout, width, height) -> None:
    """Top left: the parent body over the issuing body (underlined); top right: the
    national or Party header, its last line underlined; the logo; the heading."""
    head = layout.centre.letterhead
    left, right = width * 0.25, width * 0.72
    top = height - 28 * mm
    canvas.setFillColor(black)
    canvas.setStrokeColor(black)
    canvas.setFont(REGULAR, 12)
    if head.parent_body:
        canvas.drawCentredString(left, top, head.parent_body)
    _underlined(canvas, left, top - 6 * mm, head.issuing_body, BOLD, 12, share=0.4)
    lines = head.header_lines or ("",)
    for n, line in enumerate(lines):
        y = top - 6 * mm * n
        if n == len(lines) - 1:
            _underlined(canvas, right, y, line, BOLD, 12)
        else:
            canvas.setFont(BOLD, 12)
            canvas.drawCentredString(right, y, line)
    logo = _image(layout.logo if layout.logo_id else None)
    if logo is not None:
        canvas.drawImage(
            logo,
            22 * mm,
            height - 60 * mm,
            width=20 * mm,
            height=20 * mm,
            preserveAspectRatio=True,
            mask="auto",
        )

    canvas.setFillColor(RED)
    canvas.setFont(BOLD, 30)
    canvas.drawCentredString(width / 2, height - 58 * mm, layout.heading)
    canvas.setFillColor(black)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(
        width / 2,
        height - 67 * mm,
        _("%(centre)s certifies that") % {"centre": layout.centre.name},
    )


def _learner_lines(canvas, record, layout, width, height) -> None:
    """The learner and the course, one labelled line each."""
    label_x, value_x = 48 * mm, 100 * mm
    rows = [
        (f"{record.salutation or 'Ông/Bà'}:", record.learner_name, BOLD, 18),
        (_("Date of birth:"), _dmy(record.date_of_birth), REGULAR, 13),
        (_("Unit:"), record.unit or "…", REGULAR, 13),
        (f"{layout.wording}:", record.course_title, BOLD, 14),
        (_("Class:"), _class_label(record), REGULAR, 13),
        (
            _("Study period:"),
            _("from %(start)s to %(end)s")
            % {"start": _dmy(record.study_from), "end": _dmy(record.study_to)},
            REGULAR,
            13,
        ),
        (_("Result:"), _result(record), BOLD, 13),
    ]
    y = height - 81 * mm
    for label, value, font, size in rows:
        canvas.setFont(REGULAR, 13)
        canvas.drawString(label_x, y, label)
        # A long label (the wording) pushes its value along rather than under it.
        x = max(value_x, label_x + pdfmetrics.stringWidth(label, REGULAR, 13) + 3 * mm)
        canvas.setFont(font, _fit(canvas, value, font, size, width - x - 28 * mm))
        canvas.drawString(x, y, value)
        y -= 9.5 * mm


def _register_number_and_qr(canvas, record, verify_url, width) -> None:
    """Bottom left: the register number and the QR code of the verification address."""
    canvas.setFont(BOLD, 11)
    canvas.drawString(
        24 * mm,
        52 * mm,
        _("Register no.: %(number)s") % {"number": record.register_number},
    )
    draw_qr(canvas, verify_url, 24 * mm, 20 * mm, 28 * mm)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(54 * mm, 24 * mm, _("Check at:"))
    canvas.setFont(REGULAR, _fit(canvas, verify_url, REGULAR, 7.5, width * 0.72 - 100 * mm, 5))
    canvas.drawString(54 * mm, 20 * mm, verify_url)


def _signature(canvas, record, layout, width) -> None:
    """Bottom right: place, date, the signer's title and name, the seal (or its area)."""
    head = layout.centre.letterhead
    signer_name, signer_title = layout.signer
    sign_x = width * 0.72
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(sign_x, 56 * mm, head.dated(record.issued_on))
    canvas.setFont(BOLD, 12)
    titles = [line.strip() for line in (signer_title or "").splitlines() if line.strip()]
    for n, line in enumerate(titles[:2]):
        canvas.drawCentredString(sign_x, (50 - 5 * n) * mm, line.upper())
    # The seal area: the stamp goes over the left of the signature.
    seal = _image(head.seal)
    if seal is not None:
        canvas.drawImage(
            seal,
            sign_x - 32 * mm,
            20 * mm,
            width=28 * mm,
            height=28 * mm,
            preserveAspectRatio=True,
            mask="auto",
        )
    else:
        canvas.saveState()
        canvas.setStrokeColor(Color(0.6, 0.6, 0.6))
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        canvas.circle(sign_x - 18 * mm, 32 * mm, 12 * mm)
        canvas.setFillColor(Color(0.5, 0.5, 0.5))
        canvas.setFont(REGULAR, 7)
        canvas.drawCentredString(sign_x - 18 * mm, 31 * mm, _("(seal)"))
        canvas.restoreState()
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(Color(0.4, 0.4, 0.4))
    canvas.drawCentredString(
        sign_x, (45 - 5 * max(0, len(titles[:2]) - 1)) * mm, _("(Signature and seal)")
    )
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 13)
    canvas.drawCentredString(sign_x, 20 * mm, signer_name or "")


__all__ = ["draw_qr", "qr_runs", "render"]
