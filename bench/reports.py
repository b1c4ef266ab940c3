"""Report timings on a generated province data set (the lead wires ``measure`` into
bench/run.py).

Database: the PostgreSQL database ``BENCH_DATABASE_URL`` names, by default
postgres://postgres@127.0.0.1:5432/vuntrong_bench (issue 7). It is created if absent and
the full-scale province data set is generated in it once (about 5 minutes), then reused:
each run only migrates it, so a schema change reaches the existing data through the
migrations; ``BENCH_REPORTS_REGENERATE=1`` drops and regenerates it. Only when that
PostgreSQL server cannot be reached does it fall back to a temporary SQLite file with the
data set at ``BENCH_REPORTS_SCALE`` (default 0.01: 1,000 learners, 40 classes, 4,000
enrolments), and says so: ``reports_on_postgresql`` is 0 (1 on PostgreSQL), so those
timings are not the issue's figures.

Figures (median of ``BENCH_REPORTS_RUNS`` runs, default 5, after one warm-up):
- annual_report_ms: the annual report's figures (plan and actual per program, totals);
- org_completion_report_ms: completion by organisation with sub-organisations, what the
  report page runs (row count and the first page of 50);
- class_completion_report_ms, not_completed_report_ms: the same for those reports;
- report_ratio: annual_report_ms over the time of one hand-written SQL statement that
  computes the same per-program numbers, measured in the same run;
- admin_dashboard_queries: SQL queries of the Wagtail admin home with the training panels,
  for centre staff (constant in the size of the data);
- admin_dashboard_ms: that page's time, end to end through Django's test client.
- centre_dashboard_ms, centre_dashboard_queries (issue 14): the same admin home for the
  staff of one centre of the province (a member of the first generated centre; the figures
  count that centre only), median time and SQL queries (constant in the size of the data
  and the number of centres), as staff see it again (the figures in the cache);
  centre_dashboard_cold_ms, centre_dashboard_cold_queries: the same right after a change
  retired the figures (each run bumps the ``lms:dashboard`` namespace);
- province_dashboard_ms, province_dashboard_queries, province_dashboard_cold_ms,
  province_dashboard_cold_queries: the admin home of the province's board (every centre,
  with the per-centre charts);
- province_comparison_ms: the "Centres compared" report of the year for the province.

``BENCH_REPORTS_SCALE`` also applies on PostgreSQL (default there 1, the issue's figures):
a smaller data set in a database of one's own (``BENCH_DATABASE_URL``) for quick runs.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_REPORTS_RUNS", "5"))

DIRECT_SQL = """
WITH actual AS (
    SELECT cp.program_id AS program, COUNT(DISTINCT c.id) AS classes,
           COUNT(e.id) AS enrolled, COUNT(e.completed_at) AS completed
    FROM lms_trainingclass c
    JOIN lessons_coursepage cp ON cp.page_ptr_id = c.course_id
    LEFT JOIN lms_enrolment e ON e.training_class_id = c.id AND e.status = 'active'
    WHERE c.year = %(year)s AND c.status IN ('open', 'in_session', 'finished')
    GROUP BY cp.program_id
), certificates AS (
    SELECT cp.program_id AS program, COUNT(*) AS n
    FROM lms_enrolment e
    JOIN lms_trainingclass c ON c.id = e.training_class_id
    JOIN lessons_coursepage cp ON cp.page_ptr_id = c.course_id
    WHERE e.status = 'active' AND e.completed_at >= %(start)s AND e.completed_at < %(end)s
    GROUP BY cp.program_id
), plan AS (
    SELECT program_id AS program, SUM(classes) AS classes, SUM(learners) AS learners
    FROM lms_reports_planline WHERE year = %(year)s GROUP BY program_id
)
SELECT p.id, p.name, plan.classes, plan.learners, actual.classes, actual.enrolled,
       actual.completed, certificates.n
FROM lessons_programtype p
LEFT JOIN plan ON plan.program = p.id
LEFT JOIN actual ON actual.program = p.id
LEFT JOIN certificates ON certificates.program = p.id
WHERE plan.program IS NOT NULL OR actual.program IS NOT NULL
ORDER BY p.sort_order, p.name
"""


def _median_ms(function, runs=RUNS) -> float:
    function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vuntrong_bench"


def _postgres_ready(url: str) -> bool:
    """Whether the server of ``url`` answers; creates the database when it is missing
    (and drops it first when BENCH_REPORTS_REGENERATE=1)."""
    from urllib.parse import urlsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        server = psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
            autocommit=True,
        )
    except psycopg.OperationalError as error:
        print(f"bench/reports.py: PostgreSQL unreachable ({error}); SQLite", file=sys.stderr)
        return False
    with server:
        if os.environ.get("BENCH_REPORTS_REGENERATE") == "1":
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def _setup() -> tuple[str | None, bool]:
    """Configure Django for the chosen database; returns a temporary dir to remove and
    whether the database is PostgreSQL."""
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    temporary = None
    postgres = url.startswith("postgres")
    if postgres and not _postgres_ready(url):
        postgres = False
        temporary = tempfile.mkdtemp(prefix="vuntrong-bench-reports-")
        url = f"sqlite:///{temporary}/reports.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=url,
        VUNTRONG_VAR_DIR=temporary or os.environ.get("VUNTRONG_VAR_DIR", "/tmp"),
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return temporary, postgres


def measure() -> dict[str, float]:
    temporary, postgres = _setup()
    try:
        return _measure(postgres=postgres)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _measure(postgres: bool) -> dict[str, float]:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import Page, Site

    from lms.reports import figures
    from lms.reports.figures import Filters
    from lms.reports.generate import USERNAME_PREFIX, generate
    from lms.reports.views import annual_figures

    User = get_user_model()
    if not User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        if not Site.objects.exists():
            root = Page.get_first_root_node()
            Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
        scale = float(os.environ.get("BENCH_REPORTS_SCALE", "1.0" if postgres else "0.01"))
        generate(scale)
    year = timezone.localdate().year
    local = ZoneInfo(settings.TIME_ZONE)
    params = {
        "year": year,
        "start": datetime(year, 1, 1, tzinfo=local),
        "end": datetime(year + 1, 1, 1, tzinfo=local),
    }

    def direct():
        with connection.cursor() as cursor:
            cursor.execute(DIRECT_SQL, params)
            return cursor.fetchall()

    def organisation_page():
        rows = figures.organisation_completion(Filters(year=year))
        rows.count()
        return rows[0:50]

    def paged(queryset):
        def run():
            queryset.count()
            return list(queryset[:50])

        return run

    annual_ms = _median_ms(lambda: annual_figures(year))
    direct_ms = _median_ms(direct)
    result = {
        "annual_report_ms": annual_ms,
        "org_completion_report_ms": _median_ms(organisation_page),
        "class_completion_report_ms": _median_ms(
            paged(figures.class_completion(Filters(year=year)))
        ),
        "not_completed_report_ms": _median_ms(paged(figures.not_completed(Filters(year=year)))),
        "report_ratio": round(annual_ms / direct_ms, 2) if direct_ms else 0.0,
        "reports_on_postgresql": 1.0 if postgres else 0.0,
    }

    result.update(_dashboards(User, Group, Client, CaptureQueriesContext, connection))
    return result


def _dashboards(User, Group, Client, CaptureQueriesContext, connection) -> dict:
    """The admin home for the staff of one centre and for the province's board."""
    from django.urls import reverse

    from lms.models import Centre, CentreMembership
    from lms.reports.dashboard import DASHBOARD
    from lms.roles import PROVINCE, STAFF

    staff, _ = User.objects.get_or_create(username="bench-canbo", defaults={"is_staff": True})
    staff.groups.add(Group.objects.get(name=STAFF))
    first = Centre.objects.order_by("pk").first()
    CentreMembership.objects.get_or_create(user=staff, centre=first)
    board, _ = User.objects.get_or_create(username="bench-tinh", defaults={"is_staff": True})
    board.groups.add(Group.objects.get(name=PROVINCE))

    def home(user, marker, cold=False):
        client = Client()
        client.force_login(user)
        client.get("/admin/")
        if cold:
            DASHBOARD.bump()
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/")
        assert response.status_code == 200, response.status_code
        assert marker in response.content, marker
        return client, len(captured)

    def cold(client):
        """The home right after a change retired its figures (an enrolment, say)."""

        def run():
            DASHBOARD.bump()
            client.get("/admin/")

        return run

    result = {}
    client, queries = home(staff, b"lms-reports-dashboard")
    result["admin_dashboard_queries"] = queries
    result["admin_dashboard_ms"] = _median_ms(lambda: client.get("/admin/"), runs=3)
    result["centre_dashboard_queries"] = queries
    result["centre_dashboard_cold_queries"] = home(staff, b"lms-reports-dashboard", True)[1]
    result["centre_dashboard_ms"] = _median_ms(lambda: client.get("/admin/"))
    result["centre_dashboard_cold_ms"] = _median_ms(cold(client))
    client, queries = home(board, b"lms-chart-centre-rate")
    result["province_dashboard_queries"] = queries
    result["province_dashboard_cold_queries"] = home(board, b"lms-chart-centre-rate", True)[1]
    result["province_dashboard_ms"] = _median_ms(lambda: client.get("/admin/"))
    result["province_dashboard_cold_ms"] = _median_ms(cold(client))
    centres = reverse("lms_reports:centres")
    result["province_comparison_ms"] = _median_ms(lambda: client.get(centres))
    return result


if __name__ == "__main__":
    print(json.dumps(measure()))
