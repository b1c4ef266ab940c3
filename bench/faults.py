"""`make faults`: nothing is lost when a process dies (issue 11).

Starts its own PostgreSQL (initdb into a temporary folder, a free loopback port), its
own Redis, gunicorn (3 workers) and a django-q2 cluster (2 workers) with production
settings, and drives learners over HTTP (stdlib http.client, one thread each) through
log-in -> lesson -> quiz -> answers -> submit -> result. Then, each with fresh learners:

- rush: FAULTS_LEARNERS learners arrive within FAULTS_RAMP_S seconds and take the quiz;
- kill: a burst of submits, the cluster's process group killed (-9) mid-burst, restarted
  10 s later;
- redis: Redis stopped while a burst submits, started again;
- postgres: PostgreSQL restarted (fast) under a burst; learners press again on a 503;
- twice: every grading and completion task delivered again, and the sweep run twice.

Then it audits the database: every submitted attempt graded exactly once with one grade
notice; every learner who passed has one completion record with its PDF; the register
has no gaps. It merges into bench/results.json: faults_lost, faults_duplicated,
faults_recovery_s, rush_errors, rush_login_p95_ms, rush_submit_to_graded_p95_ms (and a
few more, prefixed faults_ / rush_), and fails if nothing may be lost, duplicated or
slow to recover. Bounded (FAULTS_DEADLINE_S, 600 s), stops everything it started, and
sends traffic to 127.0.0.1 only. `make faults-quick` runs fewer learners (CI).

Environment: FAULTS_LEARNERS (200), FAULTS_BURST (100), FAULTS_RAMP_S (20),
FAULTS_BROKER (orm | redis; default: what production uses), PG_BIN.
"""

import contextlib
import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.json"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
LEARNERS = int(os.environ.get("FAULTS_LEARNERS", "200"))
BURST = int(os.environ.get("FAULTS_BURST", "100"))
RAMP_S = float(os.environ.get("FAULTS_RAMP_S", "20"))
BROKER = os.environ.get("FAULTS_BROKER", "orm")
DEADLINE_S = float(os.environ.get("FAULTS_DEADLINE_S", "600"))
QUESTIONS = 8
PASSWORD = "mat-khau-thu-loi-2026"  # noqa: S105
WAIT_GRADED_S = 150
STARTED = time.monotonic()


def log(message):
    print(f"[faults {time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def overdue():
    if time.monotonic() - STARTED > DEADLINE_S:
        raise SystemExit(f"the fault suite ran past its {DEADLINE_S:.0f} s bound")


# --- The processes ---------------------------------------------------------------------


class Stack:
    """PostgreSQL, Redis, gunicorn and qcluster of its own, in a temporary folder."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="vuntrong-faults-"))
        self.tmp.chmod(0o755)
        self.pg_port, self.redis_port, self.web_port = free_port(), free_port(), free_port()
        self.pgdata = self.tmp / "pg"
        self.redis = self.web = self.cluster = None
        self.as_postgres = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        var = self.tmp / "var"
        var.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "faults-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/vuntrong",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "Q_BROKER": BROKER,
            "Q_WORKERS": "2",
            "VUNTRONG_VAR_DIR": str(var),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "ERROR",
        }

    def run(self, *command, **kwargs):
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603

    # PostgreSQL
    def start_postgres(self):
        self.pgdata.mkdir()
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.pgdata, user.pw_uid, user.pw_gid)
        self.run(
            *self.as_postgres,
            str(PG_BIN / "initdb"),
            "-D",
            str(self.pgdata),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.pg_ctl("start")
        self.run(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U",
            "postgres", "vuntrong",
        )  # fmt: skip

    def pg_ctl(self, action, *extra):
        options = (
            f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -k {self.pgdata} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100"
        )
        self.run(
            *self.as_postgres,
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-l",
            str(self.pgdata / "log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            *extra,
            action,
        )

    # Redis
    def start_redis(self):
        self.redis = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.tmp)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def stop_redis(self):
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=10)

    # Django
    def manage(self, *args):
        return self.run(sys.executable, str(ROOT / "manage.py"), *args, env=self.env, cwd=ROOT)

    def start_web(self):
        self.web = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind",
             f"127.0.0.1:{self.web_port}", "--workers", "3", "--timeout", "60",
             "--backlog", "2048", "--log-level", "error"],
            env=self.env, cwd=ROOT, start_new_session=True,
            stderr=open(self.tmp / "web.log", "a"),  # noqa: SIM115
        )  # fmt: skip
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.web_port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status in (200, 503):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def start_cluster(self):
        self.cluster = subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            env=self.env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=open(self.tmp / "cluster.log", "a"),  # noqa: SIM115
        )  # fmt: skip

    def kill_cluster(self):
        os.killpg(self.cluster.pid, signal.SIGKILL)
        self.cluster.wait(timeout=10)

    def stop(self):
        for process in (self.web, self.cluster):
            if process and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=15)
                except (OSError, subprocess.TimeoutExpired):
                    os.killpg(process.pid, signal.SIGKILL)
        self.stop_redis()
        if (self.pgdata / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- The site: content and learners (run in the driver, with Django set up) ------------


def build_content(count: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from lessons.access import CourseAccess
    from lms.certificates.models import CompletionRule
    from lms.models import Centre, Enrolment, LearnerProfile, TrainingClass
    from lms.roles import LEARNERS
    from quizzes.models import Option, Question, QuestionCategory, QuizPage, QuizSlot
    from tests.factories import add_catalogue, add_course, build_site

    # A small site of its own (the demo's content would only slow the set-up down).
    home = build_site()
    course = add_course(add_catalogue(home), lessons=2, access=CourseAccess.CATALOGUE)
    centre = Centre.objects.create(
        site=Site.objects.get(is_default_site=True),
        name="Trung tâm Chính trị thử lỗi",
        issuing_authority="Huyện uỷ",
    )
    category = QuestionCategory.objects.create(course=course, name="Thử lỗi")
    right = {}
    slots = []
    for number in range(QUESTIONS):
        question = Question.objects.create(
            category=category, kind=Question.Kind.SINGLE, stem=f"<p>Câu {number + 1}</p>"
        )
        options = Option.objects.bulk_create(
            Option(question=question, text=f"<p>{text}</p>", is_correct=text == "A", sort_order=n)
            for n, text in enumerate("ABCD")
        )
        right[question.pk] = options[0].pk
        slots.append(QuizSlot(question=question))
    quiz = course.add_child(
        instance=QuizPage(title="Kiểm tra thử lỗi", slug="kiem-tra-thu-loi", slots=slots)
    )
    quiz.save_revision().publish()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    from django.utils import timezone

    klass = TrainingClass.objects.create(
        centre=centre,
        course=course,
        year=timezone.localdate().year,
        number=90,
        venue_kind=TrainingClass.Venue.CENTRE,
        venue="Hội trường",
        status=TrainingClass.Status.OPEN,
        study_opens=timezone.localdate(),
    )
    rule = CompletionRule.objects.create(
        course=course, training_class=klass, min_lessons_percent=0, min_attendance_percent=0
    )
    rule.quizzes.set([quiz])
    User = get_user_model()
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(username=f"tl{n:04d}", password=password)  # no e-mail: no mail server here
        for n in range(count)
    )
    learners = Group.objects.get(name=LEARNERS)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=learners.pk) for user in users
    )
    profiles = LearnerProfile.objects.bulk_create(
        LearnerProfile(user=user, full_name=f"Học viên {n:04d}") for n, user in enumerate(users)
    )
    Enrolment.objects.bulk_create(Enrolment(training_class=klass, learner=p) for p in profiles)
    lesson = next(iter(course.lessons()))
    return {
        "quiz_id": quiz.pk,
        "quiz_url": quiz.url,
        "lesson_url": lesson.url,
        "class_id": klass.pk,
        "right": right,
    }


# --- A learner ---------------------------------------------------------------------------


class Outage(Exception):
    """A 503 or a refused connection: the learner waits and presses again."""


class Learner:
    def __init__(self, port: int, username: str, site: dict, stats):
        self.port, self.username, self.site, self.stats = port, username, site, stats
        self.cookies = {}
        self.attempt = None
        self.submitted_at = None

    def request(self, method, path, *, form=None, json_body=None, phase="", step=""):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            body = json.dumps(json_body)
            headers.update({"Content-Type": "application/json", "Accept": "application/json"})
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.stats.error(phase, step, f"{type(error).__name__}")
            raise Outage(str(error)) from error
        elapsed = time.monotonic() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.stats.record(phase, step, response.status, elapsed)
        if response.status == 503:
            raise Outage("503")
        if response.status >= 500:
            raise RuntimeError(f"{step}: {response.status}")
        return response, text

    def token(self, text):
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        return found.group(1) if found else ""

    def log_in(self, phase):
        _response, text = self.request("GET", "/accounts/login/", phase=phase, step="login_form")
        response, _text = self.request(
            "POST",
            "/accounts/login/",
            form={
                "csrfmiddlewaretoken": self.token(text),
                "username": self.username,
                "password": PASSWORD,
            },
            phase=phase,
            step="login",
        )
        if response.status != 302:
            raise RuntimeError(f"log-in of {self.username} refused: {response.status}")

    def take_quiz(self, phase):
        self.request("GET", self.site["lesson_url"], phase=phase, step="lesson")
        _response, text = self.request("GET", self.site["quiz_url"], phase=phase, step="quiz")
        response, _text = self.request(
            "POST",
            self.site["quiz_url"],
            form={"csrfmiddlewaretoken": self.token(text)},
            phase=phase,
            step="start",
        )
        location = response.headers["Location"]
        self.attempt = int(re.search(r"/attempts/(\d+)/", location).group(1))
        self.request("GET", location, phase=phase, step="attempt")
        for question, option in self.site["right"].items():
            self.request(
                "POST",
                f"/learn/quizzes/attempts/{self.attempt}/answer/",
                json_body={"question": int(question), "choices": [option]},
                phase=phase,
                step="answer",
            )

    def submit(self, phase):
        path = f"/learn/quizzes/attempts/{self.attempt}/submit/"
        response, text = self.request("GET", path, phase=phase, step="confirm")
        if response.status == 302 and "/result/" in response.headers.get("Location", ""):
            # Pressed again after an outage: the first press had gone through.
            self.submitted_at = self.submitted_at or time.time()
            return
        response, _text = self.request(
            "POST", path, form={"csrfmiddlewaretoken": self.token(text)}, phase=phase, step="submit"
        )
        if response.status != 302:
            raise RuntimeError(f"submit refused: {response.status}")
        self.submitted_at = time.time()
        self.request("GET", response.headers["Location"], phase=phase, step="result")


def persist(action, *, tries=20, pause=1.0):
    """Press again after an outage, as a learner would (at most ``tries`` times)."""
    for attempt in range(tries):
        try:
            return action()
        except Outage:
            if attempt == tries - 1:
                raise
            time.sleep(pause)
    return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[tuple[str, str], list[float]] = {}
        self.errors: dict[str, int] = {}
        self.bare_500 = 0

    def record(self, phase, step, status, elapsed):
        with self.lock:
            self.times.setdefault((phase, step), []).append(elapsed)
            if status >= 500:
                self.errors[phase] = self.errors.get(phase, 0) + 1
                if status != 503:
                    self.bare_500 += 1

    def error(self, phase, step, what):
        with self.lock:
            self.errors[phase] = self.errors.get(phase, 0) + 1

    def p95_ms(self, phase, step):
        values = sorted(self.times.get((phase, step), []))
        if not values:
            return None
        return round(values[min(len(values) - 1, int(0.95 * len(values)))] * 1000)


# --- Phases ----------------------------------------------------------------------------


def graded_count(attempt_ids) -> int:
    from django.db import close_old_connections

    from quizzes.models import Attempt

    for _ in range(30):
        try:
            return Attempt.objects.filter(pk__in=attempt_ids, state="graded").count()
        except Exception:  # the database restarting
            close_old_connections()
            from django.db import connection

            connection.close()
            time.sleep(1)
    return 0


def wait_graded(attempt_ids, limit=WAIT_GRADED_S) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if graded_count(attempt_ids) == len(attempt_ids):
            return time.monotonic() - started
        time.sleep(0.5)
        overdue()
    return None


def seconds(value):
    return None if value is None else round(value, 1)


def prepare(learners, phase):
    """Log in, start and answer: ready to submit."""
    with ThreadPoolExecutor(max_workers=min(32, len(learners))) as pool:
        list(
            pool.map(
                lambda learner: (
                    persist(lambda: learner.log_in(phase)),
                    persist(lambda: learner.take_quiz(phase)),
                ),
                learners,
            )
        )


def submit_all(learners, phase, spread_s):
    def go(pair):
        n, learner = pair
        time.sleep(spread_s * n / max(1, len(learners)))
        try:
            persist(lambda: learner.submit(phase))
        except (Outage, RuntimeError, KeyError) as error:
            log(f"{phase}: {learner.username} could not submit: {error}")

    with ThreadPoolExecutor(max_workers=len(learners)) as pool:
        return pool.map(go, enumerate(learners))


def main():
    stack = Stack()
    stats = Stats()
    figures = {}
    try:
        log(f"PostgreSQL :{stack.pg_port}, Redis :{stack.redis_port}, broker {BROKER}")
        stack.start_postgres()
        stack.start_redis()
        log("PostgreSQL and Redis up")
        stack.manage("migrate", "--noinput")
        log("migrated")
        stack.manage("collectstatic", "--noinput")
        log("static files collected")
        os.environ.update(stack.env)
        import django

        django.setup()
        total = LEARNERS + 3 * BURST
        site = build_content(total)
        from django.db import connection

        connection.close()
        names = [f"tl{n:04d}" for n in range(total)]
        groups = {
            "rush": names[:LEARNERS],
            "kill": names[LEARNERS : LEARNERS + BURST],
            "redis": names[LEARNERS + BURST : LEARNERS + 2 * BURST],
            "postgres": names[LEARNERS + 2 * BURST :],
        }
        people = {
            phase: [Learner(stack.web_port, name, site, stats) for name in group]
            for phase, group in groups.items()
        }
        stack.start_web()
        stack.start_cluster()
        log(f"site ready: {total} learners; rush of {LEARNERS} over {RAMP_S:.0f} s")

        # Rush: a class arrives, logs in and takes the quiz.
        def arrive(pair):
            n, learner = pair
            time.sleep(RAMP_S * n / max(1, LEARNERS))
            try:
                learner.log_in("rush")
                learner.take_quiz("rush")
                learner.submit("rush")
            except (Outage, RuntimeError, KeyError, AttributeError) as error:
                log(f"rush: {learner.username}: {error}")

        with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
            list(pool.map(arrive, enumerate(people["rush"])))
        rush_ids = [p.attempt for p in people["rush"] if p.submitted_at]
        wait_graded(rush_ids)
        from quizzes.models import Attempt

        delays = sorted(
            (a.graded_at - a.submitted_at).total_seconds()
            for a in Attempt.objects.filter(pk__in=rush_ids, state="graded")
        )
        figures["rush_learners"] = LEARNERS
        figures["rush_errors"] = stats.errors.get("rush", 0) + (LEARNERS - len(rush_ids))
        figures["rush_login_p95_ms"] = stats.p95_ms("rush", "login")
        figures["rush_submit_p95_ms"] = stats.p95_ms("rush", "submit")
        figures["rush_submit_to_graded_p95_ms"] = (
            round(delays[min(len(delays) - 1, int(0.95 * len(delays)))] * 1000) if delays else None
        )
        log(f"rush done: {json.dumps({k: v for k, v in figures.items() if k.startswith('rush')})}")

        # Kill -9 of the cluster mid-burst, restarted 10 s later.
        prepare(people["kill"], "kill")
        burst = threading.Thread(target=lambda: list(submit_all(people["kill"], "kill", 6)))
        burst.start()
        time.sleep(3)
        stack.kill_cluster()
        log("cluster killed (-9) mid-burst")
        burst.join()
        time.sleep(10)
        stack.start_cluster()
        restarted = time.monotonic()
        kill_ids = [p.attempt for p in people["kill"] if p.submitted_at]
        recovered = wait_graded(kill_ids)
        figures["faults_recovery_s"] = (
            round(time.monotonic() - restarted, 1) if recovered is not None else None
        )
        log(f"kill: {len(kill_ids)} submitted, all graded after {figures['faults_recovery_s']} s")

        # Redis stopped while learners submit, then started.
        prepare(people["redis"], "redis")
        stack.stop_redis()
        log("Redis stopped")
        list(submit_all(people["redis"], "redis", 4))
        time.sleep(2)
        stack.start_redis()
        log("Redis started")
        redis_ids = [p.attempt for p in people["redis"] if p.submitted_at]
        figures["faults_redis_submitted"] = len(redis_ids)
        figures["faults_redis_graded_s"] = seconds(wait_graded(redis_ids))

        # PostgreSQL restarted under load.
        prepare(people["postgres"], "postgres")
        burst = threading.Thread(target=lambda: list(submit_all(people["postgres"], "postgres", 6)))
        burst.start()
        time.sleep(2)
        stack.pg_ctl("restart", "-m", "fast")
        log("PostgreSQL restarted")
        burst.join()
        pg_ids = [p.attempt for p in people["postgres"] if p.submitted_at]
        figures["faults_postgres_submitted"] = len(pg_ids)
        figures["faults_postgres_graded_s"] = seconds(wait_graded(pg_ids))
        figures["faults_outage_responses"] = sum(
            stats.errors.get(phase, 0) for phase in ("kill", "redis", "postgres")
        )
        figures["faults_bare_500"] = stats.bare_500

        # The same tasks delivered twice.
        from django_q.tasks import async_task

        from lms import sweep
        from lms.models import Enrolment

        connection.close()
        every = [p.attempt for group in people.values() for p in group if p.submitted_at]
        enrolments = list(
            Enrolment.objects.filter(training_class_id=site["class_id"]).values_list(
                "pk", flat=True
            )
        )
        for pk in every:
            async_task("quizzes.tasks.grade_attempt", pk)
        async_task("lms.certificates.tasks.evaluate_enrolments", enrolments)
        sweep.sweep(delay_seconds=0)
        sweep.sweep(delay_seconds=0)
        time.sleep(10)
        wait_graded(every)
        time.sleep(5)  # completion checks and PDFs after the last grades
        figures.update(audit(site, every, enrolments))
    finally:
        stack.stop()
    figures["faults_broker"] = BROKER
    figures["faults_seconds"] = round(time.monotonic() - STARTED, 1)
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged.update(figures)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(json.dumps(figures, indent=2))
    problems = []
    if figures.get("faults_lost") != 0:
        problems.append("attempts or records lost")
    if figures.get("faults_duplicated") != 0:
        problems.append("something done twice")
    if figures.get("faults_recovery_s") is None or figures["faults_recovery_s"] > 90:
        problems.append("the killed cluster's work took over 90 s to recover")
    if figures.get("rush_errors"):
        problems.append("errors in the rush")
    if figures.get("faults_bare_500"):
        problems.append("bare 500s during outages")
    if problems:
        raise SystemExit("make faults: " + "; ".join(problems))


def audit(site, submitted, enrolments) -> dict:
    """What the database says after everything."""
    from django.db.models import Count

    from lms.certificates.models import CompletionRecord
    from lms.models import Notification
    from quizzes.models import Attempt, GradeChange

    ours = Attempt.objects.filter(quiz_id=site["quiz_id"])
    ungraded = ours.filter(pk__in=submitted).exclude(state="graded").count()
    notices = dict(
        Notification.objects.filter(kind="quiz_graded", user__username__startswith="tl")
        .values_list("url")
        .annotate(n=Count("pk"))
        .values_list("url", "n")
    )
    urls = {
        pk: f"/learn/quizzes/attempts/{pk}/result/"
        for pk in ours.filter(state="graded").values_list("pk", flat=True)
    }
    unannounced = sum(1 for url in urls.values() if notices.get(url, 0) == 0)
    twice_notified = sum(1 for url in urls.values() if notices.get(url, 0) > 1)
    regraded = GradeChange.objects.filter(attempt__quiz_id=site["quiz_id"]).count()
    records = CompletionRecord.objects.filter(enrolment_id__in=enrolments)
    passed = ours.filter(state="graded", score__gte=5).values("user_id").distinct().count()
    missing_records = passed - records.count()
    unrendered = records.filter(pdf="").count()
    gaps = 0
    for centre, year in records.values_list("centre_id", "year").distinct():
        sequences = sorted(
            CompletionRecord.objects.filter(centre_id=centre, year=year).values_list(
                "sequence", flat=True
            )
        )
        gaps += sequences[-1] - len(sequences) if sequences else 0
    return {
        "faults_submitted": len(submitted),
        "faults_lost": ungraded + unannounced + max(0, missing_records) + unrendered,
        "faults_duplicated": twice_notified + regraded + gaps,
        "faults_ungraded": ungraded,
        "faults_unannounced": unannounced,
        "faults_records": records.count(),
        "faults_records_missing": max(0, missing_records),
        "faults_pdfs_missing": unrendered,
        "faults_register_gaps": gaps,
    }


if __name__ == "__main__":
    main()
