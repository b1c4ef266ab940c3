"""Text helpers for Vietnamese content."""

import unicodedata

from django.utils.text import slugify

# Đ/đ is a letter of its own in Unicode, not D plus a combining mark, so NFD
# decomposition leaves it alone; map it by hand.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Nghị quyết Đảng" -> "nghi quyet dang".

    Search indexes a folded copy of every course and lesson and folds the query the same
    way, so a learner typing without a Vietnamese keyboard still finds what they mean,
    on SQLite and PostgreSQL alike.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def ascii_slug(text: str) -> str:
    """An address-friendly slug: "Điều lệ Đảng" -> "dieu-le-dang"."""
    return slugify(fold(text))
