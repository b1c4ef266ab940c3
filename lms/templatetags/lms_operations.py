from django import template

from ..operations import age_text

register = template.Library()


@register.filter
def age(seconds) -> str:
    """Seconds as "3 hours"."""
    return age_text(seconds)


@register.filter
def age_since(moment, now) -> str:
    """The time from ``moment`` to ``now`` as "3 hours"."""
    if not moment or not now:
        return ""
    return age_text((now - moment).total_seconds())
