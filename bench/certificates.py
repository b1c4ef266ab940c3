"""Certificates: render time and issuing throughput (one worker, embedded default).

Run alone (`.venv/bin/python bench/certificates.py`) or through ``measure()``; either
way the work happens in a child process with production settings and a temporary SQLite
database (the embedded default), so nothing touches the caller's database. Figures:
- certificate_pdf_ms: median time to draw one certificate (A4, Vietnamese, QR code);
- issue_class_per_s: records issued per second by "issue class" for a class of
  CLASS_SIZE learners who all meet the rules (register numbers, notifications), PDFs
  left to the render tasks;
- certificates_per_s: the same with each record's PDF rendered and stored, as the one
  worker does it (issue, then the render task of each record), i.e. how fast a class's
  certificates are ready after "issue class".
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLASS_SIZE = int(os.environ.get("BENCH_CERTIFICATES_CLASS", "300"))
RENDERS = 50


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


def _class(size, number):
    from datetime import date

    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from lessons.models import CoursePage
    from lms.certificates.models import CertificateSettings, CompletionRule
    from lms.models import Centre, Enrolment, LearnerProfile, TrainingClass
    from tests.factories import add_catalogue, add_course, build_site

    course = CoursePage.objects.first()
    if course is None:
        course = add_course(add_catalogue(build_site()), lessons=3)
        centre = Centre.objects.create(
            site=Site.objects.get(is_default_site=True),
            name="Trung tâm Chính trị huyện Chiêm Hoá",
            issuing_authority="Huyện uỷ Chiêm Hoá",
            signer_name="Nguyễn Văn Đức",
            signer_title="Giám đốc Trung tâm",
        )
        CertificateSettings.objects.create(centre=centre)
        CompletionRule.objects.create(course=course, min_lessons_percent=0)
    centre = Centre.objects.get()
    training_class = TrainingClass.objects.create(
        centre=centre,
        course=course,
        year=date.today().year,
        number=number,
        status=TrainingClass.Status.FINISHED,
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench-{number}-{n}", email=f"hv{number}-{n}@example.vn")
        for n in range(size)
    )
    profiles = LearnerProfile.objects.bulk_create(
        LearnerProfile(user=user, full_name=f"Nguyễn Thị Hường {n:03d}")
        for n, user in enumerate(users)
    )
    Enrolment.objects.bulk_create(
        Enrolment(training_class=training_class, learner=profile) for profile in profiles
    )
    return training_class


def child() -> dict:
    import django

    django.setup()
    from lms.certificates import issuing, tasks
    from lms.certificates.models import CertificateSettings, CompletionRecord
    from lms.certificates.pdf import render
    from lms.certificates.verification import verify_url

    # Issue only.
    training_class = _class(CLASS_SIZE, 1)
    start = time.perf_counter()
    report = issuing.issue_class(training_class, by=None)
    issue_seconds = time.perf_counter() - start
    assert len(report.issued) == CLASS_SIZE, report

    # Render only, one certificate many times.
    record = CompletionRecord.objects.select_related("centre__site").first()
    layout = CertificateSettings.for_centre(record.centre)
    url = verify_url(record)
    render(record, layout, url)  # fonts load once per process
    times = []
    for _n in range(RENDERS):
        begin = time.perf_counter()
        render(record, layout, url)
        times.append(time.perf_counter() - begin)

    # Issue, then render and store each PDF, as the one worker does.
    training_class = _class(CLASS_SIZE, 2)
    start = time.perf_counter()
    issuing.issue_class(training_class, by=None)
    for pk in CompletionRecord.objects.filter(enrolment__training_class=training_class).values_list(
        "pk", flat=True
    ):
        tasks.render_pdf(pk)
    full_seconds = time.perf_counter() - start
    return {
        "certificate_pdf_ms": round(statistics.median(times) * 1000, 1),
        "issue_class_per_s": round(CLASS_SIZE / issue_seconds, 1),
        "certificates_per_s": round(CLASS_SIZE / full_seconds, 1),
    }


def measure() -> dict[str, float]:
    var_dir = Path(tempfile.mkdtemp(prefix="vuntrong-bench-cert-"))
    env = environment(var_dir)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--child"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    import shutil

    shutil.rmtree(var_dir, ignore_errors=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        print(json.dumps(measure()))
