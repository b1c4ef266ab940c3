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
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

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


def _fit(canvas, text, font, size, width) -> float:
    """The font size at which ``text`` fits ``width`` (never above ``size``)."""
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _logo(layout):
    if not layout.logo_id:
        return None
    try:
        with layout.logo.file.open("rb") as file:
            return ImageReader(BytesIO(file.read()))
    except (OSError, ValueError):
        return None


def render(record, layout, verify_url: str) -> bytes:
    """The certificate of ``record`` in the centre's ``layout`` (CertificateSettings)."""
    _fonts()
    buffer = BytesIO()
    width, height = PAGE
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"{layout.heading} {record.register_number}")
    canvas.setAuthor(layout.centre.name)
    canvas.setCreator("Vun Trồng")
    centre = layout.centre
    signer_name, signer_title = layout.signer

    # Frame.
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    with override(settings.LANGUAGE_CODE):
        # Top left: the issuing authority and the centre; top right: the national motto.
        left, right = width * 0.27, width * 0.73
        canvas.setFillColor(black)
        canvas.setFont(REGULAR, 12)
        canvas.drawCentredString(left, height - 30 * mm, centre.issuing_authority.upper())
        canvas.setFont(BOLD, 12)
        canvas.drawCentredString(left, height - 36 * mm, centre.name.upper())
        canvas.setFont(BOLD, 12)
        canvas.drawCentredString(right, height - 30 * mm, layout.motto)
        logo = _logo(layout)
        if logo is not None:
            canvas.drawImage(
                logo,
                22 * mm,
                height - 58 * mm,
                width=22 * mm,
                height=22 * mm,
                preserveAspectRatio=True,
                mask="auto",
            )

        canvas.setFillColor(RED)
        canvas.setFont(BOLD, 34)
        canvas.drawCentredString(width / 2, height - 68 * mm, layout.heading)
        canvas.setFillColor(black)
        canvas.setFont(REGULAR, 15)
        canvas.drawCentredString(
            width / 2,
            height - 82 * mm,
            _("%(centre)s certifies that") % {"centre": centre.name},
        )
        size = _fit(canvas, record.learner_name, BOLD, 28, width - 70 * mm)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(width / 2, height - 98 * mm, record.learner_name)
        canvas.setFont(REGULAR, 15)
        canvas.drawCentredString(width / 2, height - 112 * mm, layout.wording)
        size = _fit(canvas, record.course_title, BOLD, 19, width - 70 * mm)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(width / 2, height - 124 * mm, record.course_title)
        canvas.setFont(REGULAR, 13)
        canvas.drawCentredString(width / 2, height - 134 * mm, record.class_title)

        # Bottom left: number and QR code; bottom right: place, date, signer.
        canvas.setFont(REGULAR, 11)
        canvas.drawString(
            24 * mm,
            56 * mm,
            _("Register no.: %(number)s") % {"number": record.register_number},
        )
        draw_qr(canvas, verify_url, 24 * mm, 22 * mm, 30 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(56 * mm, 24 * mm, _("Check at:"))
        canvas.drawString(56 * mm, 20 * mm, verify_url)

        date = record.issued_on
        place = layout.place or centre.short_name or centre.name
        canvas.setFont(REGULAR, 12)
        canvas.drawCentredString(
            right,
            62 * mm,
            _("%(place)s, %(day)02d/%(month)02d/%(year)s")
            % {"place": place, "day": date.day, "month": date.month, "year": date.year},
        )
        canvas.setFont(BOLD, 12)
        canvas.drawCentredString(right, 54 * mm, (signer_title or "").upper())
        canvas.setFont(BOLD, 13)
        canvas.drawCentredString(right, 26 * mm, signer_name or "")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


__all__ = ["draw_qr", "qr_runs", "render"]
