"""Log-ins for learners who may have no e-mail address.

An imported learner gets an account with an unusable password and a log-in slip: a
one-time password kept in clear so that it can be printed for them. The slip is
accepted at log-in (``lms.enrolment.backends.OneTimePasswordBackend``) only while it
exists and the account has no usable password; it is deleted as soon as the learner
(or anyone, by any means) sets a real password.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .learners import LearnerProfile


class LoginSlip(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="login_slip",
    )
    password = models.CharField(_("one-time password"), max_length=32)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("log-in slip")
        verbose_name_plural = _("log-in slips")

    def __str__(self) -> str:
        return str(self.user)


# Session keys the first-log-in middleware reads (lms.enrolment.middleware).
SESSION_MUST_CHANGE = "lms_must_change_password"
SESSION_PASSWORD_OK = "lms_password_ok"  # noqa: S105 (a session key)
ONE_TIME_BACKEND = "lms.enrolment.backends.OneTimePasswordBackend"


def password_set(sender, instance, **kwargs):
    """A real password was set (change, reset, the admin): the slip is spent."""
    if kwargs.get("created") or kwargs.get("raw") or getattr(instance, "_password", None) is None:
        return
    LoginSlip.objects.filter(user_id=instance.pk).delete()
    LearnerProfile.objects.filter(user_id=instance.pk, must_change_password=True).update(
        must_change_password=False
    )


def logged_in(sender, request, user, **kwargs):
    """Whoever logs in with a one-time password must choose their own next."""
    if request is not None and getattr(user, "backend", "") == ONE_TIME_BACKEND:
        request.session[SESSION_MUST_CHANGE] = True
        request.session.pop(SESSION_PASSWORD_OK, None)
