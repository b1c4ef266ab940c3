"""The class journey of test_class_journey.py again, on a site of its own served beside
a real django-q2 cluster (``manage.py serve_demo``: the development server and a
``qcluster`` process on one SQLite file, the ORM broker). Grading the quiz, the
learner's completion and the certificate all go through the broker to the worker: the
test process runs no task and never touches that database until it counts, at the end,
the tasks the worker finished."""

import json
import os
import subprocess
import sys

import pytest

from ..test_cluster import ROOT, count, free_port, stop, wait_for_port
from .conftest import CHROMIUM_ARGS, LAUNCH_TIMEOUT_MS, unavailable
from .test_class_journey import complete_the_class

pytestmark = [pytest.mark.browser, pytest.mark.cluster]

BUILD = (
    "import json; from tests.browser.test_class_journey import build_journey; "
    "print('JOURNEY ' + json.dumps(build_journey()))"
)


@pytest.fixture
def browser(chromium_executable):
    """Chromium without the test database: the site under test has its own."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable,
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=LAUNCH_TIMEOUT_MS,
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def worker_site(tmp_path, migrated_sqlite):
    db = migrated_sqlite
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "1",  # the development server serves the static files
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{db}",
        "VUNTRONG_VAR_DIR": str(tmp_path),
        "Q_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    built = subprocess.run(
        [*manage, "shell", "-c", BUILD],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    line = next(line for line in built.stdout.splitlines() if line.startswith("JOURNEY "))
    journey = json.loads(line.removeprefix("JOURNEY "))
    port = free_port()
    log_path = tmp_path / "serve.txt"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [*manage, "serve_demo", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}", journey, db, log_path
    finally:
        stop(server)


def test_a_class_is_completed_with_a_real_worker(worker_site, phone_page, shoot):
    base, journey, db, log_path = worker_site
    complete_the_class(base, journey, phone_page, shoot, wait_ms=60_000)
    # The quiz's grading, the completion check and the certificate ran in the worker.
    assert count(db, "django_q_task", "success = 1") >= 2, log_path.read_text()[-3000:]
    assert count(db, "lms_certificates_completionrecord") == 1
