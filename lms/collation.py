"""Vietnamese alphabetical order for people's names, in SQL and in Python.

Code-point order puts "Hoàng" before "Hà" and every "Đ" after "Z". Every list, slip,
roster, report and export of learners sorts through this module instead:

- on PostgreSQL by the ICU collation ``vietnamese`` (provider ICU, locale ``vi``), which
  the migration ``lms.0009_vietnamese_collation`` creates;
- on SQLite by a collation of the same name registered on every new connection
  (``register_sqlite`` below, connected to ``connection_created`` in ``LmsConfig.ready``),
  whose key (``sort_key``) follows the same rules as ICU's: the letters
  a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones only after the letters
  (none, huyền, hỏi, ngã, sắc, nặng, ICU's order), a space before any letter ("Hà Anh"
  before "Hàn"), lower case before upper case.

``name_ordering("learner__full_name")`` gives the ``order_by`` arguments. A centre that
files its lists by given name (the last word: "Nguyễn Văn An" under A) says so in its
``Centre.name_order`` ("given"; "full", the full name as written, otherwise). A new centre
takes the installation's ``LMS_NAME_ORDER`` (default "full"). A list of one centre's
learners passes ``centre=`` (the centre, or its order); a list that may mix centres passes
``centre_path=`` (the lookup from the listed rows to their centre) and each row sorts by
its own centre's order, in the same SQL statement.
Other database vendors are not supported by the plugin.
"""

import unicodedata

from django.conf import settings
from django.db.models import Case, F, Func, Value, When
from django.db.models.functions import Collate

COLLATION = "vietnamese"
GIVEN_NAME_FUNCTION = "lms_given_name"

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: 1000 + index for index, letter in enumerate(_LETTERS)}
# Marks that make a letter of its own (ă â ê ô ơ ư) and tone marks, after NFD.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """(letter, tone, is_upper) for each character of ``text``, letters folded to
    lower case with their own marks kept (ă, ơ) and tones split off."""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        upper = base != base.lower()
        base = base.lower()
        tone = 0
        for mark in marks:
            if (base, mark) in _LETTER_MARKS:
                base = _LETTER_MARKS[(base, mark)]
            elif mark in _TONES:
                tone = _TONES[mark]
        yield base, tone, upper


def _primary(letter: str) -> int:
    if letter in _RANK:
        return _RANK[letter]
    if letter.isspace():
        return 1
    if letter.isdigit():
        return 500 + int(letter) if letter.isascii() else 600
    if letter.isalpha():
        return 10_000 + ord(letter)
    return 10 + min(ord(letter), 400)


def sort_key(text: str) -> tuple:
    """The key that sorts ``text`` in Vietnamese order: the letters, then the tones, then
    the case, each over the whole string, as ICU compares."""
    letters = list(_letters((text or "").strip()))
    return (
        tuple(_primary(letter) for letter, _tone, _upper in letters),
        tuple(tone for _letter, tone, _upper in letters),
        tuple(upper for _letter, _tone, upper in letters),
    )


def given_name(full_name: str) -> str:
    """The last word of a Vietnamese full name: "Nguyễn Văn An" -> "An"."""
    words = (full_name or "").split()
    return words[-1] if words else ""


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite(sender=None, connection=None, **kwargs):
    """``connection_created`` receiver: teaches a new SQLite connection the collation and
    the given-name function the PostgreSQL side has natively."""
    if connection is None or connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_collation(COLLATION, _compare)
    raw.create_function(GIVEN_NAME_FUNCTION, 1, given_name, deterministic=True)


class GivenName(Func):
    """The last word of a name column, in SQL."""

    function = GIVEN_NAME_FUNCTION
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="regexp_replace",
            template="%(function)s(%(expressions)s, '^.*\\s', '')",
            **extra_context,
        )


def collate(expression):
    """``expression`` (a field name or an expression) compared in Vietnamese order."""
    if isinstance(expression, str):
        expression = F(expression)
    return Collate(expression, COLLATION)


GIVEN = "given"


def given_name_first(centre=None) -> bool:
    """Whether names file by given name: ``centre`` (a Centre or its ``name_order``)
    decides, else the installation's ``LMS_NAME_ORDER``."""
    order = getattr(centre, "name_order", centre)
    if not order:
        order = getattr(settings, "LMS_NAME_ORDER", "full")
    return order == GIVEN


def name_ordering(
    field: str = "full_name",
    *then,
    descending: bool = False,
    centre=None,
    centre_path: str | None = None,
) -> list:
    """``order_by`` arguments for a name column in Vietnamese order (by given name first
    when the centre files that way), followed by ``then`` (e.g. "pk"). ``centre``: the
    centre of every listed row (a Centre or its order); ``centre_path``: a lookup to each
    row's centre, whose order then applies row by row (rows without one: the setting)."""
    columns: list = []
    if centre_path:
        # Rows without a centre follow the setting.
        if given_name_first():
            given = Case(
                When(**{f"{centre_path}__name_order": "full"}, then=Value("")),
                default=GivenName(F(field)),
            )
        else:
            given = Case(
                When(**{f"{centre_path}__name_order": GIVEN}, then=GivenName(F(field))),
                default=Value(""),
            )
        columns = [given]
    else:
        columns = [GivenName(F(field))] if given_name_first(centre) else []
    columns.append(F(field))
    ordering = [
        collate(column).desc() if descending else collate(column).asc() for column in columns
    ]
    return [*ordering, *then]


def sort_names(items, key=lambda item: item, centre=None) -> list:
    """``items`` sorted in the same order in Python (for lists built in memory)."""
    if given_name_first(centre):
        return sorted(
            items, key=lambda item: (sort_key(given_name(key(item))), sort_key(key(item)))
        )
    return sorted(items, key=lambda item: sort_key(key(item)))
