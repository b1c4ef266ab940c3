"""{% offline_head %}: the learner app's manifest, theme colour and the script that
registers the service worker and sends progress queued offline (lms/offline/)."""

from django import template
from django.template.loader import render_to_string

from ..offline.views import THEME_COLOUR, user_key

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_head(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return render_to_string(
        "lms/offline/head.html",
        {
            "theme_colour": THEME_COLOUR,
            "user_key": user_key(user) if user else "",
            # The offline page is kept once for everyone: it names no account.
            "offline_page": context.get("offline_page", False),
        },
    )
