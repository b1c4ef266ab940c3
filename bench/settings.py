"""Production settings plus one minimal view to compare against (bench/urls.py)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
