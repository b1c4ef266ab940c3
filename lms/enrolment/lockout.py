"""Log-in lock-out that a commune classroom can live with.

django-axes counts failures per account (``AXES_LOCKOUT_PARAMETERS = ["username"]``):
a learner whose password is tried wrongly too often is locked for a while, whoever
typed it. Learners of one classroom often share one address, so the limit per address
is kept apart and far higher (``LMS_LOGIN_ADDRESS_LIMIT``, 400 failures in the cool-off
time by default: 80 learners mistyping a few times each stay below it; a script trying
passwords from one address does not). The class's lecturer or the centre's staff lift a
learner's lock-out from the roster in one click; each unlock is recorded in Wagtail's
log (see lms.wagtail_hooks).
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Value
from django.utils import timezone
from wagtail.log_actions import log

UNLOCK_ACTION = "lms.unlock_login"


def address_limit() -> int:
    return getattr(settings, "LMS_LOGIN_ADDRESS_LIMIT", 400)


def _cooloff() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


def _address_key(request) -> str:
    return f"lms:login-failures:{get_client_ip_address(request)}"


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler (per account) plus a per-address count in the cache."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return (cache.get(_address_key(request)) or 0) >= address_limit()

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            key = _address_key(request)
            if not cache.add(key, 1, timeout=int(_cooloff().total_seconds())):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.add(key, 1, timeout=int(_cooloff().total_seconds()))
        return super().user_login_failed(sender, credentials, request, **kwargs)


def _lockouts():
    """The lock-outs in force now."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=get_failure_limit(None, None),
        attempt_time__gte=timezone.now() - _cooloff(),
    )


def is_locked(username_field: str):
    """An expression for a queryset's ``annotate``: is the account whose user name is at
    ``username_field`` locked out now (no query of its own)."""
    if not settings.AXES_ENABLED:
        return Value(False)
    return Exists(_lockouts().filter(username=OuterRef(username_field)))


def unlock(user, by) -> int:
    """Lift the account's lock-out; recorded with who did it. Returns the attempts
    cleared (0: it was not locked)."""
    cleared = reset(username=user.get_username())
    if cleared:
        log(instance=user, action=UNLOCK_ACTION, user=by)
    return cleared
