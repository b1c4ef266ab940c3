from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page's address in another language (/en/... for English)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


@register.filter
def minutes(duration) -> int:
    """Whole minutes of a timedelta (the log-in lock-out time)."""
    return int(duration.total_seconds() // 60) if duration else 0
