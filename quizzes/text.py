"""Comparing short answers written in Vietnamese; text for spreadsheet cells."""

import unicodedata
from html import unescape

from django.db.models import CharField, Func, Q
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

# Đ/đ is a letter of its own in Unicode, not D plus a combining mark: NFD leaves it alone.
_D = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    """ "Hồ Chí Minh" -> "Ho Chi Minh", "Đảng" -> "Dang"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def ascii_slug(text: str) -> str:
    """An address-friendly slug, the same as lesson pages get: "Kiểm tra Điều lệ Đảng" ->
    "kiem-tra-dieu-le-dang"."""
    return slugify(strip_diacritics(text))


def normalise(text: str, *, diacritics_matter: bool = False) -> str:
    """The form in which a short answer is compared with the accepted ones.

    Unicode NFC (a phone keyboard may send "ồ" as "o" plus two combining marks), case
    folded, runs of spaces, tabs and line breaks made one space, the ends trimmed; and,
    unless diacritics matter, the Vietnamese diacritics dropped (đ becomes d), so a
    learner without a Vietnamese keyboard is not marked wrong for it."""
    text = unicodedata.normalize("NFC", text or "")
    if not diacritics_matter:
        text = strip_diacritics(text)
    return " ".join(text.casefold().split())


def plain_text(html: str, length: int = 80) -> str:
    """The start of a rich-text field as plain text: a name for lists."""
    text = " ".join(unescape(strip_tags(html or "")).split())
    return Truncator(text).chars(length)


# Every Vietnamese letter with a diacritic, lower and upper case, and its plain letter.
_MARKED = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_MARKED += _MARKED.upper()
_PLAIN = "".join(strip_diacritics(letter) for letter in _MARKED)


class Folded(Func):
    """A database expression of a text folded like :func:`normalise` (no diacritics,
    lower case), so the admin's lists find "Nguyễn Văn An" by "nguyen van an" with no
    extra column to keep up to date. PostgreSQL translates the letters in SQL; SQLite
    calls :func:`normalise` itself (registered on each connection by quizzes.apps)."""

    function = "vt_fold"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"lower(translate(%(expressions)s, '{_MARKED}', '{_PLAIN}'))",
            **extra_context,
        )


def register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "vt_fold",
            1,
            lambda text: None if text is None else normalise(text),
            deterministic=True,
        )


def folded_search(queryset, fields, query: str):
    """Rows whose ``fields`` contain ``query`` as typed (case-insensitive) or folded."""
    folded = normalise(query)
    condition = Q()
    aliases = {}
    for number, field in enumerate(fields):
        condition |= Q(**{f"{field}__icontains": query})
        aliases[f"_folded_{number}"] = Folded(field)
        condition |= Q(**{f"_folded_{number}__contains": folded})
    return queryset.alias(**aliases).filter(condition)


# A cell starting with one of these runs as a formula in a spreadsheet program.
FORMULA_STARTS = "=+-@"


def spreadsheet_text(value):
    """A value for a spreadsheet cell written for download: text that looks like a
    formula gets a leading apostrophe, so a name never runs as a formula. The one guard
    every export uses (quizzes' question bank, lms's lists and reports)."""
    if isinstance(value, str) and value[:1] and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def from_spreadsheet_text(text: str) -> str:
    """The reverse of spreadsheet_text, for a file read back in."""
    if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text
