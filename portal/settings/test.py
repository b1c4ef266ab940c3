"""Tests: fast hashing, local-memory cache, tasks run synchronously in-process.

The database follows DATABASE_URL like everywhere else, so `.ci/run` runs the same
suite on SQLite and on PostgreSQL; REDIS_URL switches the cache and the broker.

Parallel workers (pytest-xdist, PYTEST_XDIST_WORKER=gw0, gw1, ...) each get their own
test database (pytest-django adds the suffix), media directory (mkdtemp below) and
local-memory caches (one per process); on Redis each keeps its keys under its own
prefix and clears only those."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, Q_CLUSTER, REDIS_URL

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
else:
    WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
    CACHES = {
        **CACHES,
        "default": {
            **CACHES["default"],
            "BACKEND": "tests.caches.WorkerRedisCache",
            "KEY_PREFIX": f"vuntrong-test-{WORKER}",
        },
    }
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="vuntrong-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
