"""Grades, scores and points shown one way everywhere: in the active language's number
format (a decimal comma in Vietnamese), up to two decimals, no trailing zeros ("8,5",
"7", "8,25"). Templates use the ``grade`` filter ({% load quiz_grades %}); Python code,
``format_grade``; ``lms`` and its sub-apps use the same."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats

NONE = "—"


def format_grade(value, none: str = NONE) -> str:
    if value is None or value == "":
        return none
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not value.is_finite():
        return str(value)
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    places = max(0, -value.as_tuple().exponent)
    return formats.number_format(value, decimal_pos=places, use_l10n=True)
