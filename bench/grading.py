"""Grading throughput and latency with a real django-q2 cluster (called by bench/run.py).

Run in its own process with the bench environment (production settings, a temporary
SQLite database, the ORM broker). Prints one JSON object:
- grading_attempts_per_s: attempts of 20 questions graded per second by a cluster of one
  worker (as issue 4 asks), the attempts submitted in bulk before it starts;
- noop_tasks_per_s: no-op tasks per second through the same broker and cluster;
- grading_ratio: the first over the second;
- submit_to_graded_ms_p95: with the cluster idle, from submit() returning to the
  attempt being graded, 95th percentile of 40.
Rates come from the tasks' own start and stop times; 50 uncounted warm-up tasks queued
first take the cluster's start-up. Tasks the demo left queued are dropped first.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ATTEMPTS = int(os.environ.get("BENCH_GRADING_ATTEMPTS", "200"))
QUESTIONS = 20
LATENCY_SAMPLES = 40
WARM_UP = 50


def main():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django_q.models import OrmQ, Task
    from django_q.tasks import async_task

    from lessons.models import CoursePage
    from quizzes import attempts
    from quizzes.models import Attempt, Option, Question, QuestionCategory, QuizPage, QuizSlot

    course = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
    category = QuestionCategory.objects.create(course=course, name="Bench")
    questions = []
    for number in range(QUESTIONS):
        question = Question.objects.create(
            category=category, kind=Question.Kind.SINGLE, stem=f"<p>Câu {number}</p>"
        )
        Option.objects.bulk_create(
            Option(question=question, text=f"<p>{text}</p>", is_correct=text == "A", sort_order=n)
            for n, text in enumerate("ABCD")
        )
        questions.append(question)
    quiz = course.add_child(
        instance=QuizPage(
            title="Bench",
            slug="bench-quiz",
            shuffle_options=False,
            slots=[QuizSlot(question=question) for question in questions],
        )
    )
    quiz.save_revision().publish()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    User = get_user_model()

    def answered_attempt(username):
        user = User.objects.create_user(username)
        attempt = attempts.start_attempt(quiz, user, "bench")
        for item in attempts.attempt_payload(attempt)["questions"]:
            attempts.save_answer(attempt, item["id"], [item["options"][0]["id"]])
        return attempt

    def submit(attempt):
        with transaction.atomic():  # grading is enqueued when this commits
            attempts.submit(attempt)

    # No-op tasks and submitted attempts, all queued before the cluster starts. The demo
    # leaves tasks of its own queued (certificate PDFs, notices): dropped from this
    # throw-away database, so neither rate pays for them.
    OrmQ.objects.all().delete()
    queued_before = 0
    # Uncounted warm-up tasks take the cluster's start-up (and its first schedules), which
    # would otherwise fall on the no-op tasks queued first.
    for n in range(WARM_UP):
        async_task("math.floor", n + 0.5, group="bench-warm-up")
    queued_before = WARM_UP
    for n in range(ATTEMPTS):
        async_task("math.floor", n + 0.5, group="bench-noop")
    pending = [answered_attempt(f"bench{n}") for n in range(ATTEMPTS)]
    for attempt in pending:
        submit(attempt)
    assert OrmQ.objects.count() == queued_before + 2 * ATTEMPTS

    cluster = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "qcluster"],
        cwd=ROOT,
        env={**os.environ, "Q_WORKERS": "1"},  # "graded by one worker" (issue 4)
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        # The bench quiz's attempts only: the demo has graded attempts of its own.
        while Attempt.objects.filter(quiz=quiz, state=Attempt.State.GRADED).count() < ATTEMPTS:
            if time.monotonic() > deadline:
                raise SystemExit("grading did not finish in 10 minutes")
            time.sleep(0.2)
        # The tasks' own records (their start and stop times) are saved by the cluster's
        # monitor after the work itself: the rates wait for all of them.
        grading_tasks = Task.objects.filter(func="quizzes.tasks.grade_attempt")
        while (
            Task.objects.filter(group="bench-noop").count() < ATTEMPTS
            or grading_tasks.count() < ATTEMPTS
        ):
            if time.monotonic() > deadline:
                raise SystemExit("the tasks' records were not saved in 10 minutes")
            time.sleep(0.2)

        def rate(tasks):
            spans = list(tasks.values_list("started", "stopped"))
            elapsed = (max(s for _, s in spans) - min(s for s, _ in spans)).total_seconds()
            return len(spans) / elapsed

        noop = rate(Task.objects.filter(group="bench-noop"))
        grading = rate(grading_tasks)

        # Latency with the cluster idle.
        samples = []
        for n in range(LATENCY_SAMPLES):
            attempt = answered_attempt(f"latency{n}")
            time.sleep(0.3)  # the cluster is idle between samples
            started = time.perf_counter()
            submit(attempt)
            while not Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.GRADED).exists():
                time.sleep(0.005)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        cluster.terminate()  # the leader stops its workers
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
    samples.sort()
    print(
        json.dumps(
            {
                "grading_attempts_per_s": round(grading, 1),
                "noop_tasks_per_s": round(noop, 1),
                "grading_ratio": round(grading / noop, 3),
                "submit_to_graded_ms_p95": round(samples[int(0.95 * len(samples)) - 1], 1),
                "submit_to_graded_ms_median": round(statistics.median(samples), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
