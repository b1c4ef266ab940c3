"""Learning offline: what a scripted offline session loses, and a lesson on slow 3G.

- offline_sync_lost: answers lost over scripted offline sessions (target 0). In each of
  ROUNDS sessions a learner starts a demo quiz (15 minutes) and answers every question
  several times on a phone without a connection; each change is one save with a rising
  sequence number and the moment it was given. When the connection returns the phone's
  queue reaches the real autosave endpoint (Django's test client, the whole request
  path) the way a flaky network delivers it: every save once to three times, in a
  shuffled order, some of them after the deadline (within the quiz's offline grace),
  then the queued submission twice. An answer is lost when the database ends with
  anything but the learner's last change of it; a session also loses one when the
  attempt is not submitted, or is graded other than once (the grading task is run
  twice, as a re-delivery would).
- lesson_slow3g_load_ms: a demo lesson opened in a fresh Chromium (cold cache) on an
  emulated slow 3G network (CDP Network.emulateNetworkConditions: 400 kbit/s down and up,
  400 ms latency), from the request to the load event; median of SLOW3G_LOADS loads,
  signed in as the demo learner (target at most 3,000). bench/run.py calls
  slow3g_load_ms() while its gunicorn serves the demo site.

Alone, it builds a temporary demo site like bench/run.py and prints the sync figure
(``--slow3g``: the slow 3G figure, behind its own gunicorn).
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = int(os.environ.get("BENCH_OFFLINE_ROUNDS", "20"))
CHANGES = 3  # changes of each answer on the phone
SLOW3G_LOADS = int(os.environ.get("BENCH_SLOW3G_LOADS", "5"))
SLOW3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}


def _phone_session(rng, payload, started):
    """The saves a phone queues: CHANGES changes of every answer, in the order given."""
    saves, last = [], {}
    sequence = 1_000
    moment = started
    for change in range(CHANGES):
        for question in payload["questions"]:
            sequence += rng.randint(1, 50)
            moment += timedelta(seconds=rng.randint(1, 20))
            body = {"question": question["id"], "sequence": sequence, "offline": True}
            if question["options"]:
                body["choices"] = [rng.choice(question["options"])["id"]]
            else:
                body["text"] = f"Câu trả lời lần {change + 1} – {rng.random():.6f}"
            body["saved_at"] = moment.isoformat()
            saves.append(body)
            last[question["id"]] = (body.get("choices", []), body.get("text", ""))
    return saves, last, moment


def child() -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from quizzes import attempts, grading
    from quizzes.models import Attempt, QuizPage

    quiz = QuizPage.objects.live().filter(time_limit_minutes__isnull=False).first()
    rng = random.Random(15)
    lost = 0
    for number in range(ROUNDS):
        user = get_user_model().objects.create_user(f"offline-bench-{number}")
        attempt = attempts.start_attempt(quiz, user, context="bench:offline")
        payload = attempts.attempt_payload(attempt)
        saves, last, moment = _phone_session(rng, payload, attempt.started_at)
        # The phone was offline until after the deadline for half of the sessions.
        if number % 2:
            Attempt.objects.filter(pk=attempt.pk).update(
                started_at=attempt.started_at - timedelta(minutes=16),
                deadline=attempt.deadline - timedelta(minutes=16),
            )
            shift = timedelta(minutes=16)
            for body in saves:
                body["saved_at"] = (
                    django.utils.dateparse.parse_datetime(body["saved_at"]) - shift
                ).isoformat()
            moment -= shift
        delivered = [body for body in saves for _ in range(rng.randint(1, 3))]
        rng.shuffle(delivered)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        address = reverse("quizzes:autosave", args=[attempt.pk])
        for body in delivered:
            client.post(address, json.dumps(body), "application/json", secure=True)
        submission = json.dumps({"submitted_at": moment.isoformat(), "offline": True})
        for _ in range(2):
            client.post(
                reverse("quizzes:submit", args=[attempt.pk]),
                submission,
                "application/json",
                HTTP_ACCEPT="application/json",
                secure=True,
            )
        graded = sum(grading.grade_submitted(attempt.pk) for _ in range(2))
        attempt.refresh_from_db()
        stored = {
            row.question_id: (list(row.answer.choice_ids), row.answer.text)
            for row in attempt.questions.select_related("answer")
        }
        lost += sum(1 for question, answer in last.items() if stored.get(question) != answer)
        lost += 0 if attempt.state in Attempt.FINISHED and graded <= 1 else 1
    return {"offline_sync_lost": lost}


def slow3g_load_ms(base_url: str, path: str, cookie_value: str) -> float:
    """Median ms from the request to the load event of ``path`` on slow 3G, cold cache."""
    from playwright.sync_api import sync_playwright

    host = base_url.split("://", 1)[1].split(":")[0]
    loads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for _ in range(SLOW3G_LOADS):
                context = browser.new_context(
                    viewport={"width": 360, "height": 640},
                    device_scale_factor=2,
                    is_mobile=True,
                    extra_http_headers={"X-Forwarded-Proto": "https"},
                )
                context.add_cookies(
                    [{"name": "sessionid", "value": cookie_value, "domain": host, "path": "/"}]
                )
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", SLOW3G)
                started = time.perf_counter()
                response = page.goto(base_url + path, wait_until="load", timeout=60_000)
                loads.append((time.perf_counter() - started) * 1000)
                assert response is not None and response.status == 200, response
                context.close()
        finally:
            browser.close()
    return round(statistics.median(loads), 1)


def signed_in_lesson() -> dict:
    """The demo lesson bench/run.py measures and a session of the demo learner."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lessons.models import CoursePage

    lesson = list(CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang").lessons())[1]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="hocvien"))
    path = urlsplit(lesson.url).path  # a site per centre: Wagtail gives a full URL
    client.get(path, secure=True)  # the first view is recorded (a write, once)
    return {"path": path, "cookie": client.cookies["sessionid"].value}


def measure_slow3g() -> dict[str, float]:
    """Alone: a demo site behind gunicorn, the lesson loaded on slow 3G."""
    from bench.run import PORT, environment, manage, wait_for_server

    var_dir = Path(tempfile.mkdtemp(prefix="vuntrong-bench-slow3g-"))
    env = environment(var_dir)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput")
        found = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).resolve()), "--lesson"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        lesson = json.loads(found.stdout.strip().splitlines()[-1])
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
            + ["--bind", f"127.0.0.1:{PORT}", "--workers", "1", "--log-level", "warning"],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for_server()
            base = f"http://127.0.0.1:{PORT}"
            return {"lesson_slow3g_load_ms": slow3g_load_ms(base, lesson["path"], lesson["cookie"])}
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def measure() -> dict[str, float]:
    from bench.run import child_on_fresh_demo

    return child_on_fresh_demo(__file__, "offline", static=False)


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    elif "--lesson" in sys.argv:
        print(json.dumps(signed_in_lesson()))
    elif "--slow3g" in sys.argv:
        os.chdir(ROOT)
        print(json.dumps(measure_slow3g()))
    else:
        os.chdir(ROOT)
        print(json.dumps(measure()))
