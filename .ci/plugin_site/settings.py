"""What a new `wagtail start` site adds to run the plugin: exactly the settings that
docs/developers.md lists (copied to mysite/settings/local.py, which dev.py imports last).
Keep the two in step: a setting needed here and missing there is a documentation bug."""

# ruff: noqa: F405
import os

from .base import *  # noqa: F403

# INSTALLED_APPS: the plugin's apps (lms and its four sub-apps, whose URLs lms.urls
# includes) before Wagtail's; django-q2 and axes.
INSTALLED_APPS = [
    "home",
    "search",
    "lms",
    "lms.evaluation",
    "lms.discussions",
    "lms.reports",
    "lms.certificates",
    "lessons",
    "quizzes",
    *[app for app in INSTALLED_APPS if app not in ("home", "search")],
    "django_q",
    "axes",
]

# MIDDLEWARE: the two page caches, the first-log-in password change, axes last.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lessons.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.enrolment.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lessons.page_cache.PageRouteCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "lms.enrolment.backends.OneTimePasswordBackend",
    "lms.access.AccessBackend",
]
QUIZZES_ATTEMPT_CONTEXT = "lms.access.quiz_attempt_context"
QUIZZES_REVIEWABLE_CONTEXTS = "lms.access.reviewable_attempt_contexts"
QUIZZES_CONTEXT_LABELS = "lms.access.attempt_context_labels"

# The "default" cache is shared by every process (the web server and the cluster): a file
# cache here. "local" is optional.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.join(BASE_DIR, "var", "cache"),
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "plugin"},
}

# The request and i18n context processors (base template contract).
TEMPLATES[0]["OPTIONS"]["context_processors"] += ["django.template.context_processors.i18n"]

ROOT_URLCONF = "mysite.plugin_urls"  # mysite/urls.py, with the plugin's URLs before it
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "lms:dashboard"
LOGOUT_REDIRECT_URL = "/"

# A task cluster (django-q2) on the ORM broker.
Q_CLUSTER = {
    "name": "plugin-site",
    "workers": 1,
    "timeout": 60,
    "retry": 120,
    "max_attempts": 3,
    "catch_up": False,
    "poll": 0.2,
    "orm": "default",
}
