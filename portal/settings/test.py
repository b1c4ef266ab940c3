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
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
else:
    CACHES = {
        **CACHES,
        "default": {
            **CACHES["default"],
            "BACKEND": "tests.caches.WorkerRedisCache",
            "KEY_PREFIX": f"vuntrong-test-{WORKER}",
        },
    }
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
if REDIS_URL:
    # Parallel workers share one Redis database: each its own queue and heartbeats, so
    # one worker's purge or fake heartbeat is not another's (the real clusters that tests
    # start get names of their own too, tests/conftest.py: own_queue).
    Q_CLUSTER["name"] = f"vuntrong-test-{WORKER}"
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="vuntrong-test-media-"))
PRIVATE_ROOT = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
