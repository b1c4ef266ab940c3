"""Deployment checks (`manage.py check --deploy`): what an operator forgot to configure.

The session reminders are always scheduled (lms.reminders), grade and certificate notices
are e-mailed to learners who want them, and forgotten passwords are reset by e-mail, so a
server without outgoing mail fails silently for learners: that is an error here."""

from django.conf import settings
from django.core.checks import Error, Warning, register

UNDELIVERED_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "consolemail://",
    "django.core.mail.backends.dummy.EmailBackend": "dummymail://",
    "django.core.mail.backends.locmem.EmailBackend": "memorymail://",
    "django.core.mail.backends.filebased.EmailBackend": "filemail://",
}
EMAIL_HINT = (
    "Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587 (STARTTLS), "
    "smtp+ssl://user:password@mail.example.org:465 or smtp://127.0.0.1:25 for a local relay; "
    "see docs/operations.md."
)


@register("email", deploy=True)
def check_email(app_configs, **kwargs):
    problems = []
    if not getattr(settings, "EMAIL_URL", ""):
        problems.append(
            Error(
                "Outgoing e-mail is not configured (EMAIL_URL is not set): session reminders, "
                "grade and certificate notices and password-reset mails cannot be sent.",
                hint=EMAIL_HINT,
                id="portal.E001",
            )
        )
    elif settings.EMAIL_BACKEND in UNDELIVERED_BACKENDS:
        problems.append(
            Warning(
                f"E-mail is not delivered: EMAIL_URL uses "
                f"{UNDELIVERED_BACKENDS[settings.EMAIL_BACKEND]} (mail is printed, kept or "
                "dropped, never sent).",
                hint=EMAIL_HINT,
                id="portal.W002",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        problems.append(
            Warning(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: most mail servers "
                "refuse or bin mail from such a sender.",
                hint='Set DEFAULT_FROM_EMAIL, e.g. "Trung tâm Chính trị <no-reply@ttct.example.vn>".',
                id="portal.W003",
            )
        )
    return problems
