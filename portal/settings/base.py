"""Settings shared by every deployment. Everything that differs between machines
comes from the environment (DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG)."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import (
    database_from_env,
    email_from_url,
    envbool,
    envint,
    envlist,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VUNTRONG_VAR_DIR", BASE_DIR / "var"))


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project and plugin apps first so their templates and translations win.
    "portal",
    "lms",
    "lms.evaluation",
    "lms.discussions",
    "lms.reports",
    "lms.certificates",
    "lessons",
    "quizzes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with each user's centres on the user forms (lms/admin/users.py).
    "lms.apps_users.LmsUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # One log line per request with its id (portal/request_log.py); first, so it times all.
    "portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Published pages for visitors without a session come from the cache, before the
    # rest of the stack runs (lessons/page_cache.py).
    "lessons.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.enrolment.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.AdminScriptPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Pages found once are served again without Wagtail's site look-up and tree walk; after
    # every middleware whose process_view must see them (the password change, CSRF).
    "lessons.page_cache.PageRouteCacheMiddleware",
    # Axes goes last: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {"default": database_from_env(VAR_DIR / "vuntrong.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- E-mail -----------------------------------------------------------------------
# EMAIL_URL says where mail goes, parsed by django-environ: smtp+tls://user:pass@host:587
# (STARTTLS), smtp+ssl://user:pass@host:465, smtp://host:25 (a local relay), consolemail://
# (printed), dummymail:// (dropped). Characters such as @ : / in the password are
# percent-encoded (%40 %3A %2F).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
# A mail server that does not answer must not hold a worker for minutes.
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Error reports to ADMINS come from SERVER_EMAIL; by default the same sender.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if EMAIL_URL:
    globals().update(email_from_url(EMAIL_URL))

# --- Cache and task broker -------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")

# "local" holds what never changes once written (entries keyed by a content version:
# rendered fragments, found pages); it is fast and per process. Versions themselves and
# everything else live in "default", which all processes share.
LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "vuntrong-local",
    "OPTIONS": {"MAX_ENTRIES": 3000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vuntrong",
            # Redis down is a cache miss, not a failed request: pages are computed from
            # the database meanwhile (a short outage must not stop a quiz).
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        "local": LOCAL_CACHE,
    }
    # Quiet: during an outage every cache call would log a traceback; /healthz tells.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    # A file cache, not local memory: the web workers, the task worker and management
    # commands (publish_scheduled) must see the same page-cache version.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "local": LOCAL_CACHE,
    }

# django-q2: `timeout` (a task is killed after it) stays below `retry` (a task not
# acknowledged by then is handed out again), otherwise a slow task runs twice at once.
# `recycle` restarts a worker after that many tasks to bound memory; it is high enough
# that a burst of grading after a quiz closes is not stalled by worker restarts (a
# recycle stalls the cluster for seconds). The ORM broker is polled every 0.1 s, so a
# submitted quiz is picked up at once (django-q2's default is 0.2 s).
# `name` keys the queue, the clusters' heartbeats and the task signatures: installations
# (or test runs) sharing one Redis database each need their own Q_NAME.
Q_CLUSTER = {
    "name": os.environ.get("Q_NAME", "vuntrong"),
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 3,
    "recycle": 5000,
    "queue_limit": 50,
    "bulk": 5,
    "save_limit": 1000,
    "ack_failures": True,
    "catch_up": False,
    "poll": 0.1,
    "label": _("Background tasks"),
}
# The broker: Q_BROKER=orm (the database) or redis; Redis when REDIS_URL is set unless
# Q_BROKER says otherwise (see docs/deployment.md for the measured choice).
Q_BROKER = os.environ.get("Q_BROKER", "redis" if REDIS_URL else "orm")
if Q_BROKER == "redis" and REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# The sweep (lms/sweep.py) does work whose task has not come after this many seconds
# (at most 60).
BACKGROUND_SWEEP_DELAY = int(os.environ.get("BACKGROUND_SWEEP_DELAY", "30"))
# A grading, completion or PDF task that finds the database gone (a restart, a fail-over)
# tries again on a fresh connection for up to this many seconds before it fails (0: fails
# at once and waits for the sweep); see quizzes/background.py.
TASK_DATABASE_PATIENCE_S = envint("TASK_DATABASE_PATIENCE_S", 30)

# Readiness (/healthz/ready, portal/health.py) answers 503 past any of these, in seconds
# (0 turns a check off): no live task worker, a task waiting in the queue, work the sweep
# knows is due and not done, the last finished sweep.
READINESS = {
    "WORKER_REQUIRED": envbool("READY_WORKER_REQUIRED", True),
    "MAX_TASK_WAIT": envint("READY_MAX_TASK_WAIT", 300),
    "MAX_DUE_AGE": envint("READY_MAX_DUE_AGE", 900),
    "MAX_SWEEP_AGE": envint("READY_MAX_SWEEP_AGE", 300),
}

# --- Authentication ----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "lms.enrolment.backends.OneTimePasswordBackend",
    # Object permissions of lessons and quizzes: enrolled learners, lecturers, staff.
    "lms.access.AccessBackend",
]
# Quiz attempts are counted per class of the course (see quizzes/access.py).
QUIZZES_ATTEMPT_CONTEXT = "lms.access.quiz_attempt_context"
QUIZZES_REVIEWABLE_CONTEXTS = "lms.access.reviewable_attempt_contexts"
QUIZZES_CONTEXT_LABELS = "lms.access.attempt_context_labels"
QUIZZES_CONTEXT_HOME = "lms.path.context_home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (portal/hashers.py); the others only read older hashes, which are
# upgraded at the next log-in.
PASSWORD_HASHERS = [
    "portal.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Learners stay signed in through a study window (30 days from log-in by default), so a
# class does not log in again on the morning of a session; "Log out" ends it at once on
# a shared computer. SESSION_DAYS changes it.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_DAYS", "30")) * 24 * 60 * 60
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "lms:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Log-in throttling (django-axes, see lms/enrolment/lockout.py): ten failures for one
# account lock it for 30 minutes, whatever the address (a class's lecturer or staff
# unlock it from the roster); one address may fail far more often, because a commune
# classroom of 80 shares one.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes warns that failures are not counted per address: on purpose (the per-address
# limit, far higher, is LockoutHandler's own), so `make demo` prints no warning for it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_HANDLER = "lms.enrolment.lockout.LockoutHandler"
LMS_LOGIN_ADDRESS_LIMIT = 400
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
# Day before month in every form, whatever the language (portal/formats/): "11/01/2027" is
# 11 January. The fallbacks below say the same for a language without a formats module.
FORMAT_MODULE_PATH = ["portal.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d %H:%M"]
# Wagtail's admin does not list Vietnamese by itself; offer it to instructors.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# Xếp loại of a final grade on the 10-point scale: the lowest grade of each class
# (lms.grades.classify); below "average" the learner has not passed.
LMS_CLASSIFICATION_THRESHOLDS = {"excellent": 8, "good": 6.5, "average": 5}

# --- Static and media files -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files that only permission-checked views hand out (certificate PDFs): never under
# MEDIA_ROOT, so a web server publishing /media/ cannot publish them.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
# MEDIA_STORAGE=local (default): uploads in MEDIA_ROOT, private files in PRIVATE_ROOT, on
# this host. MEDIA_STORAGE=s3: both in an S3-compatible bucket (MinIO, Ceph, a cloud's
# object storage) through django-storages, so every web host and worker sees the same files:
# uploads under media/, private files under private/ (never public, read through the
# storage API). Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower()


def s3_storage(location: str, **options) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "location": location,
            "file_overwrite": False,
            **options,
        },
    }


def media_storages() -> dict:
    if MEDIA_STORAGE == "s3":
        public = envbool("S3_PUBLIC_MEDIA", False)
        return {
            # Uploads (images, documents): signed links valid a day, unless the bucket
            # publishes media/ itself (S3_PUBLIC_MEDIA=1, optionally S3_CUSTOM_DOMAIN).
            "default": s3_storage(
                "media",
                querystring_auth=not public,
                querystring_expire=envint("S3_LINK_SECONDS", 24 * 60 * 60),
                custom_domain=(os.environ.get("S3_CUSTOM_DOMAIN") or None) if public else None,
            ),
            "private": s3_storage("private", default_acl="private", querystring_auth=True),
        }
    if MEDIA_STORAGE != "local":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}.")
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_ROOT},
        },
    }


STORAGES = {
    **media_storages(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: limited by type and size; documents are always served as downloads.
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.LimitedDocumentForm"

# --- Wagtail ------------------------------------------------------------------------
# The centre's identity in the admin (tab titles, log-in, sidebar): its name, and its logo
# as a static path or an absolute URL (portal/templates/wagtailadmin/).
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Vun Trồng")
VUNTRONG_ADMIN_LOGO = os.environ.get("ADMIN_LOGO", "portal/logo.svg")
# Slugs end up ASCII ("dieu-le-dang", readable when shared by SMS): the admin keeps the
# Vietnamese letters as the editor types and lessons.models.AsciiSlugMixin folds them.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No third-party avatars: the CSP allows no outside images and learners' privacy matters.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The one public address every link that leaves the site is built from: certificate QR
# codes and printed links, e-mails, log-in slips (lms/links.py). `check --deploy` fails
# when it is missing or local. The default is the demo's own address.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL: no stemming, so accent-folded Vietnamese syllables match as typed.
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Security headers (all environments) ---------------------------------------
# No inline script anywhere; styles may be inline because Wagtail's admin sets style
# attributes. Video players (YouTube's no-cookie domain, Vimeo) are the only third-party
# frames, loaded when a learner presses "play".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Logs go to standard error, one line each, with the request id (portal/request_log.py):
# the process manager (systemd's journal, docker) keeps them. REQUEST_LOG=0 turns the
# per-request line off; LOG_LEVEL sets the level of everything else.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.request_log.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "portal.requests": {
            "level": "INFO" if envbool("REQUEST_LOG", True) else "WARNING",
        },
    },
}

# Error reports to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is
# set and sentry-sdk is installed (`pip install vuntrong[sentry]`). No personal data is
# sent (no user names, addresses, cookies or request bodies); the request id is a tag.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    from portal.request_log import sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=sentry_before_send,
    )
