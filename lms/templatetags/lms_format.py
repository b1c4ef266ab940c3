"""One way to write a moment on learner pages: "03:36, 05/12/2026" (a date alone:
"05/12/2026"), in the site's time zone, whatever the language."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()

MOMENT = "H:i, d/m/Y"
DAY = "d/m/Y"


@register.filter
def when(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, MOMENT)
    if isinstance(value, date):
        return date_format(value, DAY)
    return str(value)


@register.filter
def at(sequence, index):
    """The item at ``index``: a column's heading for a roster cell shown as a card."""
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return ""
