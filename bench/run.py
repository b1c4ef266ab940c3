"""`make bench`: measure the demo lesson page and write bench/results.json.

Figures (one flat JSON object):
- lesson_page_queries: SQL queries of a demo lesson for the enrolled demo learner, as
  they read it again; lesson_page_cold_queries: the same right after a publish retired
  the caches.
- lesson_page_bytes: the lesson's HTML plus the CSS and JavaScript it links, before compression.
- dashboard_queries, roster_queries: the learner's dashboard, and a lecturer's roster of
  a class of 31 learners.
- import_rows_per_s: a 2,500-row learner list imported into a new class (median of 3).
- grading_attempts_per_s, noop_tasks_per_s, grading_ratio, submit_to_graded_ms_p95:
  a real django-q2 cluster on the ORM broker (see bench/grading.py).
- lesson_page_rps / minimal_view_rps: requests per second through gunicorn on loopback,
  production settings, SQLite, both signed in as the same enrolled learner (the minimal
  view loads request.user); measured in alternating rounds in the same run.
- lesson_page_rps_ratio: median lesson rps over median minimal-view rps.
- class_pack_bytes: the demo class's offline pack for the demo learner (bench/class_pack.py).
- lesson_slow3g_load_ms: the same lesson, same learner, through the same gunicorn, in
  Chromium on an emulated slow 3G network, cold cache (median; see bench/offline.py).
- offline_sync_lost: answers lost over scripted offline quiz sessions (bench/offline.py).
- the sub-apps' own figures: each of bench/<name>.py for the names in SUBAPP_BENCHES runs
  alone (it builds its own temporary site) and prints one JSON object, merged in here
  (see each file for what its figures mean).
"""

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.json"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
SUBAPP_BENCHES = ("discussions", "certificates", "reports", "offline")


def environment(var_dir: Path) -> dict:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        VUNTRONG_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'bench.sqlite3'}",
        SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdefghij",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def child_on_fresh_demo(script: str, name: str, static: bool = True) -> dict:
    """Run ``script --child`` against a fresh demo database (migrated, seeded, and its
    static files collected when ``static``) and return the JSON its last line prints."""
    var_dir = Path(tempfile.mkdtemp(prefix=f"vuntrong-bench-{name}-"))
    env = environment(var_dir)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        if static:
            manage(env, "collectstatic", "--noinput")
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(script).resolve()), "--child"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def measure_in_process(env) -> dict:
    """Queries and bytes, measured with Django's test client in this process."""
    os.environ.update(env)
    import django

    django.setup()
    import re

    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lessons.caching import PAGES
    from lessons.models import CoursePage
    from lms.models import TrainingClass

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        return len(captured), response

    course = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
    lesson = list(course.lessons())[1]
    # The demo has a site per centre, so Wagtail gives full URLs: the path is what counts.
    lesson_path = urlsplit(lesson.url).path
    learner = Client(HTTP_HOST="127.0.0.1")
    learner.force_login(get_user_model().objects.get(username="hocvien"))
    learner.get("/learn/", secure=True)  # the session's first request
    learner.get(lesson_path, secure=True)  # the first view is recorded (a write, once)
    PAGES.bump()  # as a publish does: the page is found and rendered afresh
    cold, _ = queries(learner, lesson_path)
    warm, response = queries(learner, lesson_path)
    html = response.content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    asset_bytes = sum(Path(staticfiles_storage.path(a.decode())).stat().st_size for a in assets)
    learner.get("/learn/", secure=True)
    dashboard, _ = queries(learner, "/learn/")
    lecturer = Client(HTTP_HOST="127.0.0.1")
    lecturer.force_login(get_user_model().objects.get(username="giangvien"))
    training_class = TrainingClass.objects.filter(course=course).order_by("number").first()
    roster_url = f"/learn/classes/{training_class.pk}/roster/"
    lecturer.get(roster_url, secure=True)
    roster, _ = queries(lecturer, roster_url)
    from bench.class_pack import child as class_pack_figures

    return {
        **class_pack_figures(),
        "import_rows_per_s": measure_import(course),
        "lesson_url": lesson_path,
        "session_cookie": learner.cookies["sessionid"].value,
        "lesson_page_queries": warm,
        "lesson_page_cold_queries": cold,
        "lesson_page_bytes": len(html) + asset_bytes,
        "dashboard_queries": dashboard,
        "roster_queries": roster,
    }


IMPORT_ROWS = 2500


def measure_import(course) -> float:
    """Rows per second of importing a 2,500-row learner list into a new class, as read
    from the spreadsheet (text cells); median of three runs, each with new people."""
    import time as clock

    from lms.enrolment.importer import import_learners
    from lms.models import Centre, Organisation, TrainingClass

    # The demo's first centre (it has two) and an organisation of its area.
    centre = Centre.objects.order_by("pk").first()
    organisation = Organisation.objects.filter(depth=2, centre=centre).first()
    rates = []
    for run in range(3):
        training_class = TrainingClass.objects.create(
            centre=centre, course=course, year=2030 + run, number=0
        )
        rows = [
            {
                "row": n + 2,
                "full_name": f"Người Học Thử {run}-{n}",
                "date_of_birth": f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/{1960 + n % 40}",
                "gender": "Nam" if n % 2 else "Nữ",
                "ethnicity": "Tày",
                "organisation": organisation.name,
                "category": "Đảng viên",
                "position": "",
                "phone": f"08{run}{n:07d}" if n % 3 else "",
                "email": "",
            }
            for n in range(IMPORT_ROWS)
        ]
        started = clock.perf_counter()
        result = import_learners(training_class, rows)
        elapsed = clock.perf_counter() - started
        assert result.ok and result.enrolled == IMPORT_ROWS, result.errors[:3]
        rates.append(IMPORT_ROWS / elapsed)
    return round(statistics.median(rates), 1)


def hammer(path: str, seconds: float, cookie: str = "") -> float:
    """Requests per second from CLIENTS threads, each a fresh connection per request
    (gunicorn's sync worker closes every connection)."""
    count = [0] * CLIENTS
    errors = [0]
    stop = time.perf_counter() + seconds

    def run(slot):
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            conn.request("GET", path, headers={"X-Forwarded-Proto": "https", "Cookie": cookie})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                count[slot] += 1
            else:
                errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors[0]:
        raise SystemExit(f"{errors[0]} non-200 responses from {path}")
    return sum(count) / (time.perf_counter() - started)


def wait_for_server():
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/_bench/minimal", headers={"X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main():
    var_dir = Path(tempfile.mkdtemp(prefix="vuntrong-bench-"))
    env = environment(var_dir)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput")
        figures = measure_in_process(env)
        lesson_url = figures.pop("lesson_url")
        # Both sides signed in as the same enrolled learner.
        cookie = f"sessionid={figures.pop('session_cookie')}"
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for_server()
            hammer(lesson_url, 1, cookie)  # warm up
            hammer("/_bench/minimal", 1, cookie)
            minimal, lesson = [], []
            for _ in range(ROUNDS):  # alternate, so both see the same machine noise
                minimal.append(hammer("/_bench/minimal", SECONDS, cookie))
                lesson.append(hammer(lesson_url, SECONDS, cookie))
            from bench.offline import slow3g_load_ms

            figures["lesson_slow3g_load_ms"] = slow3g_load_ms(
                f"http://127.0.0.1:{PORT}", lesson_url, cookie.split("=", 1)[1]
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
        grading = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "grading.py")],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        figures.update(json.loads(grading.stdout.strip().splitlines()[-1]))
        figures.update(
            minimal_view_rps=round(statistics.median(minimal), 1),
            lesson_page_rps=round(statistics.median(lesson), 1),
            lesson_page_rps_ratio=round(statistics.median(lesson) / statistics.median(minimal), 3),
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    for name in SUBAPP_BENCHES:
        script = ROOT / "bench" / f"{name}.py"
        if script.is_file():
            output = subprocess.run(  # noqa: S603
                [sys.executable, str(script)], cwd=ROOT, check=True, capture_output=True, text=True
            )
            figures.update(json.loads(output.stdout.strip().splitlines()[-1]))
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
