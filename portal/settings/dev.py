"""Development: `make demo`. DEBUG on unless the environment says otherwise."""

import os

from .base import *  # noqa: F403
from .base import EMAIL_URL, envbool

DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
if not EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
