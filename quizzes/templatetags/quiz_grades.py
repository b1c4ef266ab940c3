from django import template

from ..formatting import format_grade

register = template.Library()


@register.filter
def grade(value, none="—"):
    """A grade, score or number of points, the one way (quizzes/formatting.py)."""
    return format_grade(value, none)
