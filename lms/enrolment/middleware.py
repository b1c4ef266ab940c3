"""Sends a learner who still has a one-time password to choose their own."""

from django.conf import settings
from django.shortcuts import redirect

from lms.models.accounts import SESSION_PASSWORD_OK

from .accounts import must_change_password

CHANGE_VIEW = "lms:enrolment:password_change"
# Pages a learner may open before choosing a password.
EXEMPT_VIEWS = frozenset({CHANGE_VIEW, "logout", "wagtailadmin_logout", "healthz"})


class PasswordChangeRequiredMiddleware:
    """Goes after AuthenticationMiddleware.

    Cost: nothing for visitors who are not signed in (no query); for a signed-in user,
    ``user.learner_profile`` is read once, on the first request of the session, after
    which a session flag says the password is the learner's own and nothing is read.
    A staff reset changes the password hash, which ends the learner's sessions, flag
    included."""

    def __init__(self, get_response):
        self.get_response = get_response
        prefixes = [settings.STATIC_URL, settings.MEDIA_URL, "/healthz"]
        self.exempt_prefixes = tuple(prefix for prefix in prefixes if prefix and prefix != "/")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        session = request.session
        if session.get(SESSION_PASSWORD_OK) == user.pk:
            return None
        if not must_change_password(request, user):
            session[SESSION_PASSWORD_OK] = user.pk
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if request.path_info.startswith(self.exempt_prefixes):
            return None
        return redirect(CHANGE_VIEW)
