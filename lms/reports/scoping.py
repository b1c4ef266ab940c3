"""Who may read the reports, and which centres they count: the one place the report views
ask (``lms.access`` answers; the province role and superusers count every centre)."""

from django.core.exceptions import PermissionDenied

from lms.access import centre_ids, scope

from .models import VIEW_REPORTS


def require_reporting(request):
    if not request.user.has_perm(VIEW_REPORTS):
        raise PermissionDenied


def counted_centres(user, chosen=None) -> frozenset[int] | None:
    """The centres a report counts: the one chosen in its filter (already limited to the
    user's), else all of the user's (None: every centre)."""
    if chosen is not None:
        return frozenset([chosen.pk])
    return centre_ids(user)


def scoped(queryset, user, path="centre"):
    return scope(queryset, user, path)
