"""Reading the environment into settings: typed variables, DATABASE_URL and EMAIL_URL.
Functions only; portal/settings/base.py calls them."""

import os
from pathlib import Path

import dj_database_url
import environ


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# SQLite (the embedded default) runs in WAL mode with IMMEDIATE transactions and a
# busy timeout: with SQLite's defaults a django-q2 worker writing beside the web
# server loses writes to "database is locked" (a deferred transaction that tries to
# upgrade to a write lock fails at once, whatever the timeout).
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_env(default_path: Path) -> dict:
    config = dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{default_path}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A kept connection that PostgreSQL dropped (a restart) is replaced before the
        # request uses it, instead of failing the request.
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    return config


EMAIL_SETTINGS = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "EMAIL_FILE_PATH",
)


def email_from_url(url: str) -> dict:
    """Django's EMAIL_* settings for ``url`` (only those the URL gives)."""
    config = environ.Env.email_url_config(url)
    options = config.pop("OPTIONS", {})  # the query string, keys upper-cased
    if "TIMEOUT" in options:
        config["EMAIL_TIMEOUT"] = int(options["TIMEOUT"])
    return {
        key: value
        for key, value in config.items()
        if key in EMAIL_SETTINGS and value not in (None, "")
    }
