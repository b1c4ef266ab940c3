import fcntl
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import clear_url_caches
from django.utils import translation

from .factories import add_catalogue, add_course, build_site


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with an empty cache and in the default language (a request under
    /en/ leaves English active in the test thread)."""
    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    return build_site()


@pytest.fixture
def catalogue(home):
    return add_catalogue(home)


@pytest.fixture
def course(catalogue):
    return add_course(catalogue, lessons=3)


@pytest.fixture
def lessons(course):
    return list(course.lessons())


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("hocvien", password="mat-khau-hoc-vien")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri")


@pytest.fixture
def source_language(settings):
    """Run a test with English, the source language, as the site's default.

    Django keeps the reversed URLs of each language with the prefix it had when they were
    first built ("/en/..." while Vietnamese was the default), so the URL caches are
    cleared on the way in and out."""
    clear_url_caches()
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    clear_url_caches()


# Tests that must not share the machine with themselves run on one worker each under
# `pytest -n`: the browser journeys share one Chromium set-up, axe-core install and
# artifacts directory; the real-cluster test starts gunicorn and a django-q2 cluster.
SERIAL_GROUPS = ("browser", "cluster")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        # One group each, the first that applies: a browser test that also starts a
        # cluster stays with the other browser tests (they share the artifacts folder).
        for group in SERIAL_GROUPS:
            if item.get_closest_marker(group):
                item.add_marker(pytest.mark.xdist_group(group))
                break


@pytest.hookimpl(trylast=True)  # after pytest-xdist has named the groups
def pytest_collection_finish(session):
    """Fail loudly when --dist loadgroup would not keep a group on one worker.

    pytest-xdist tells the scheduler an item's group by appending "@group" to its node id;
    on a pytest whose node ids no longer take that (9.2, pytest-xdist issue 1386) the
    groups are silently spread over every worker, and the browser and real-cluster tests
    run beside themselves."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    for item in session.items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            raise pytest.UsageError(
                f"--dist loadgroup lost the group of {item.nodeid}: this pytest and "
                "pytest-xdist do not work together (see pyproject.toml)"
            )


@pytest.fixture
def own_queue():
    """A django-q2 name (Q_NAME) for the real cluster a test starts in a subprocess: its
    queue, heartbeats and signatures are its own, so on a Redis shared by the other
    workers and by the tests before it no task or heartbeat crosses over. Its keys are
    removed afterwards."""
    name = f"vuntrong-cluster-{uuid.uuid4().hex[:12]}"
    yield name
    if redis_url := os.environ.get("REDIS_URL"):
        import redis

        connection = redis.from_url(redis_url)
        keys = list(connection.scan_iter(match=f"django_q:{name}:*"))
        if keys:
            connection.delete(*keys)
        connection.close()


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with every migration applied, made once per run: the xdist workers
    share pytest's temporary root and take turns on a lock, so the first one migrates
    (about 13 s) and the others find the file."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    made = root / "migrated.sqlite3"
    with (root / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            partial = root / "migrating.sqlite3"
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                "DATABASE_URL": f"sqlite:///{partial}",
                "VUNTRONG_VAR_DIR": str(root),
            }
            manage = [sys.executable, str(Path(__file__).parent.parent / "manage.py")]
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
            os.replace(partial, made)
    return made


@pytest.fixture
def migrated_sqlite(_migrated_sqlite, tmp_path) -> Path:
    """``site.sqlite3`` in the test's folder, migrated: for a test that starts the site in
    processes of its own (gunicorn, runserver, qcluster) on a SQLite file."""
    database = tmp_path / "site.sqlite3"
    shutil.copyfile(_migrated_sqlite, database)
    return database


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that empties the database (a transactional test: the browser journeys'
    live server), put back what the migrations made (the root page, the site, the role
    groups), as the tests after it on this worker expect.

    pytest-django orders transactional tests last, but `--dist loadgroup` sends a whole
    group (the browser tests) to a worker as one unit, which may come before that
    worker's other tests; Django restores the migrations' data only at the start of the
    next test that asks for a serialized rollback."""
    yield
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in names or "live_server" in names
    if nextitem is None or not (transactional or (marker and marker.kwargs.get("transaction"))):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                _restore(connection, contents)


def _restore(connection, contents: str) -> None:
    """Empty the tables (a flush after a test without a serialized rollback re-creates
    content types under new ids), then load what the migrations made, as Django does
    before a serialized rollback. The sequences stay where they are, as in Django's own
    flush between tests: loaded rows keep their ids, new rows take ids above them.

    The content types are loaded first, and the content type cache is emptied around the
    load: building some objects asks for a content type (Wagtail's ``Task.__init__``), and
    with a cold cache and the row not yet loaded that created it under a new id, so the
    row loaded later clashed (UNIQUE app_label, model)."""
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=connection.alias,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    rows = json.loads(contents)
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")  # stable
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(rows))
    ContentType.objects.clear_cache()
