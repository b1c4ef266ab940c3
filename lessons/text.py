"""Text helpers for Vietnamese content."""

from django.utils.text import slugify

from quizzes.text import normalise


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Nghị quyết Đảng" -> "nghi quyet dang".

    Search indexes a folded copy of every course and lesson and folds the query the same
    way, so a learner typing without a Vietnamese keyboard still finds what they mean,
    on SQLite and PostgreSQL alike. The same folding compares short quiz answers, so it
    lives in quizzes (the lowest layer)."""
    return normalise(text)


def ascii_slug(text: str) -> str:
    """An address-friendly slug: "Điều lệ Đảng" -> "dieu-le-dang"."""
    return slugify(fold(text))
