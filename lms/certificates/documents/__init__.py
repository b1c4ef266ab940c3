"""The class's documents on paper, as PDFs drawn with reportlab's platypus: the
register as the centre's book, the results sheet, the results notice to an
organisation, and the two decisions (opening the class, recognising completion).

Each document opens with the centre's header in the official two-column layout (the
issuing body under its parent on the left, the national or Party header on the right,
each underlined), and tables repeat their heading row on every page. Everything is
written in the site's language (Vietnamese) whoever prints it, as the certificate is.
The bundled DejaVu Serif (see pdf.py) carries every Vietnamese letter.

One module per kind of document, on the building blocks of ``blocks``.
"""

from .decisions import completion_decision, opening_decision
from .register import register_book
from .results import results_notice, results_sheet

__all__ = [
    "completion_decision",
    "opening_decision",
    "register_book",
    "results_notice",
    "results_sheet",
]
