from django import template
from django.conf import settings
from django.templatetags.static import static
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


@register.simple_tag
def admin_brand() -> dict:
    """The centre's name and logo for the admin (settings WAGTAIL_SITE_NAME and
    VUNTRONG_ADMIN_LOGO, a static path or an absolute URL)."""
    logo = getattr(settings, "VUNTRONG_ADMIN_LOGO", "portal/logo.svg")
    if not logo.startswith(("/", "http://", "https://")):
        logo = static(logo)
    return {"name": settings.WAGTAIL_SITE_NAME, "logo": logo}
