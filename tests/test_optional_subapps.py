"""A site may leave any of the lms sub-apps out of INSTALLED_APPS (docs/developers.md):
the core and the portal still check, migrate and answer, with no link to what is missing.

Each variant runs in a process of its own (tests/subapps_site.py) with the settings of
tests/subapps_settings.py, on a copy of one SQLite file migrated once with the core alone
(so the core's migrations need none of a sub-app's); the variant migrates the sub-apps it
keeps on top. About 10 s for the core's migrations, then 3 to 6 s per variant."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .lms.personas import World
from .subapps_site import LINKS, add_rules, visit

SUBAPPS = list(LINKS)
ROOT = Path(__file__).parent.parent


def _run(database: Path, left_out: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.subapps_settings",
        "LMS_LEAVE_OUT": ",".join(left_out),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    # Its own caches in memory, whatever Redis the suite shares.
    for name in ("PYTEST_XDIST_WORKER", "REDIS_URL"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def core_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with the migrations of a site without any sub-app."""
    database = tmp_path_factory.mktemp("core") / "core.sqlite3"
    done = _run(database, SUBAPPS, "manage.py", "migrate", "--noinput", "-v0")
    assert done.returncode == 0, done.stderr[-3000:]
    return database


# Processes of their own, about 30 s in all: on one xdist worker, beside the real cluster.
@pytest.mark.cluster
@pytest.mark.parametrize(
    "left_out", [[app] for app in SUBAPPS] + [SUBAPPS], ids=[*SUBAPPS, "all four"]
)
def test_a_site_without(left_out, core_sqlite, tmp_path):
    database = tmp_path / "site.sqlite3"
    shutil.copyfile(core_sqlite, database)
    done = _run(database, left_out, "-m", "tests.subapps_site")
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(answers) == (9 if "lms.certificates" in left_out else 10)
    for answer in answers:
        where = f"{answer['persona']} {answer['url']}"
        assert "error" not in answer, f"{where}: {answer['error']}"
        assert answer["status"] == 200, where
        for app in left_out:
            assert answer["links"][app] == [], f"{where} links to {app}"
    if "lms.discussions" in left_out:  # no column, and no rule, of posts nobody can write
        assert not any(answer["posts_column"] or answer["posts_rule"] for answer in answers)


@pytest.mark.django_db
def test_with_every_subapp_the_pages_link_to_each():
    """What the variants must not find is there on the full site: each sub-app's links,
    on the pages the variants fetch."""
    world = World()
    add_rules(world)
    answers = visit(world)
    for answer in answers:
        assert answer.get("status") == 200, answer
    for app in SUBAPPS:
        assert any(answer["links"][app] for answer in answers), app
    found = {(a["persona"], a["url"]): a["links"]["lms.discussions"] for a in answers}
    learner_dashboard = found[("learner", "/learn/")]
    assert any("/learn/discussions/classes/" in href for href in learner_dashboard)
    assert any("/learn/discussions/settings/" in href for href in learner_dashboard)
    assert any("/learn/discussions/classes/" in href for href in found[("lecturer", "/learn/")])
    roster = reverse("lms:roster", args=[world.klass.pk])
    assert all(a["posts_column"] for a in answers if a["url"].startswith(roster))
    assert answers[-1]["url"] == reverse("lms_certificates_rules:add")
    assert answers[-1]["posts_rule"]
