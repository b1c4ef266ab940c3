"""A real django-q2 cluster and a real web server writing to one SQLite file at once.

With SQLite's defaults a worker saving task results beside the web server loses writes
to "database is locked"; the settings (WAL, IMMEDIATE transactions, busy timeout) must
make every write land. The broker is the ORM, or Redis when REDIS_URL is set, so the
same test proves the wiring of both; on Redis each test's cluster has a queue of its own
(own_queue), or it would take tasks queued by another test for another database.
"""

import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TASKS = int(os.environ.get("CLUSTER_TEST_TASKS", "600"))
LOGINS = int(os.environ.get("CLUSTER_TEST_LOGINS", "240"))

pytestmark = [pytest.mark.cluster]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60) -> None:
    """Until a server started by a test listens on ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def site_env(tmp_path, own_queue, migrated_sqlite):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{migrated_sqlite}",
        "VUNTRONG_VAR_DIR": str(tmp_path),
        "Q_WORKERS": "2",
        "Q_NAME": own_queue,
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "User.objects.create_user('hocvien', password='mat-khau-hoc-vien')",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    return env, manage, migrated_sqlite


def log_in(port: int) -> int:
    """GET the log-in form, POST the password; returns the final status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = f"csrfmiddlewaretoken={token}&username=hocvien&password=mat-khau-hoc-vien"
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": f"http://127.0.0.1:{port}/",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def stop(process):
    """SIGTERM to the leader lets the cluster stop its workers gracefully."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def count(db: Path, table: str, where: str = "1 = 1") -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]  # noqa: S608


# Only this test's tasks: the cluster also runs the project's own schedules.
OURS = "func = 'math.floor'"


def test_worker_and_web_server_write_at_once_and_lose_nothing(site_env, tmp_path):
    env, manage, db = site_env
    port = free_port()
    logs = tmp_path / "logs.txt"
    with logs.open("w") as log:
        worker = subprocess.Popen(
            [*manage, "qcluster"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_port(port)
            statuses: list[int] = []

            def browse(n):
                for _ in range(n):
                    statuses.append(log_in(port))

            browsers = [threading.Thread(target=browse, args=(LOGINS // 8,)) for _ in range(8)]
            for thread in browsers:
                thread.start()
            subprocess.run(
                [
                    *manage,
                    "shell",
                    "-c",
                    "from django_q.tasks import async_task\n"
                    f"for i in range({TASKS}): async_task('math.floor', i + 0.5)",
                ],
                env=env,
                check=True,
                cwd=ROOT,
            )
            for thread in browsers:
                thread.join()
            deadline = time.monotonic() + 180
            while count(db, "django_q_task", OURS) < TASKS and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            for process in (worker, web):
                stop(process)
    output = logs.read_text()
    assert "database is locked" not in output
    assert statuses == [302] * LOGINS  # every log-in succeeded and redirected
    assert count(db, "django_session") == LOGINS
    assert count(db, "django_q_task", OURS) == TASKS, output[-3000:]
    with sqlite3.connect(db) as conn:
        results = conn.execute(
            f"SELECT COUNT(*) FROM django_q_task WHERE success = 1 AND {OURS}"  # noqa: S608
        ).fetchone()
    assert results[0] == TASKS


SUBMIT_ATTEMPT = """
from django.contrib.auth.models import User
from quizzes import attempts
from quizzes.models import Option, Question, QuestionCategory, QuizPage, QuizSlot
from tests.factories import add_catalogue, add_course, build_site



course = add_course(add_catalogue(build_site()), lessons=1)
category = QuestionCategory.objects.create(course=course, name="Chương 1")
questions = []
for number in range(3):
    question = Question.objects.create(category=category, kind="single", stem=f"<p>Câu {number}</p>")
    Option.objects.bulk_create(
        Option(question=question, text=f"<p>{text}</p>", is_correct=text == "A", sort_order=n)
        for n, text in enumerate("AB")
    )
    questions.append(question)
quiz = course.add_child(instance=QuizPage(
    title="Kiểm tra", slug="kiem-tra", shuffle_options=False,
    slots=[QuizSlot(question=question) for question in questions],
))
quiz.save_revision().publish()
learner = User.objects.create_user("hocvien2", password="x")
attempt = attempts.start_attempt(quiz, learner, "")
for question, text in zip(questions, "AAB"):
    attempts.save_answer(attempt, question.pk, [question.options.get(text=f"<p>{text}</p>").pk])
attempts.submit(attempt)  # enqueues grading once the (autocommit) write is done
print(attempt.pk)
"""


def test_a_real_cluster_grades_a_submitted_attempt_and_tells_the_learner_once(site_env, tmp_path):
    env, manage, db = site_env
    submitted = subprocess.run(
        [*manage, "shell", "-c", SUBMIT_ATTEMPT],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    attempt_id = int(submitted.stdout.strip().splitlines()[-1])
    assert count(db, "quizzes_attempt", f"id = {attempt_id} AND state = 'submitted'") == 1
    # The same grading task queued a second time, as an at-least-once broker may deliver it.
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            f"from django_q.tasks import async_task; async_task('quizzes.tasks.grade_attempt', {attempt_id})",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    logs = tmp_path / "grading.txt"
    with logs.open("w") as log:
        worker = subprocess.Popen(
            [*manage, "qcluster"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            graded = "func = 'quizzes.tasks.grade_attempt' AND success = 1"
            deadline = time.monotonic() + 120
            while count(db, "django_q_task", graded) < 2 and time.monotonic() < deadline:
                time.sleep(0.3)
        finally:
            stop(worker)
    output = logs.read_text()
    assert count(db, "django_q_task", graded) == 2, output[-3000:]
    with sqlite3.connect(db) as conn:
        state, score = conn.execute(
            "SELECT state, score FROM quizzes_attempt WHERE id = ?", (attempt_id,)
        ).fetchone()
        notices = conn.execute(
            "SELECT subject FROM lms_notification WHERE kind = 'quiz_graded'"
        ).fetchall()
    assert state == "graded" and float(score) == 6.67
    assert len(notices) == 1 and "6,67/10" in notices[0][0]
