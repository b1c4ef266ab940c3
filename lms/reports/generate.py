"""A province-scale data set for reports and benchmarks.

At scale 1: 10 centres, 100,000 learners, 4,000 classes over 5 years, 400,000 enrolments
with lesson progress, attendance and one graded quiz attempt each (most of them). Rows
are written with COPY on PostgreSQL and with executemany elsewhere, with explicit ids,
so the whole set takes minutes rather than hours; sequences are moved past the new ids
at the end. Pages (one course per program, with lessons and a quiz) are created through
Wagtail, being few.
"""

import random
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
from lms.models import (
    Attendance,
    Centre,
    ClassSession,
    Enrolment,
    LearnerProfile,
    LessonProgress,
    Organisation,
    TrainingClass,
)
from lms.roles import LEARNERS
from quizzes.models import Attempt, QuizPage

from .models import PlanLine

FULL = {"centres": 10, "learners": 100_000, "classes": 4_000, "enrolments": 400_000}
YEARS = 5
LESSONS = 4
SESSIONS = 3
CELLS = 30
BATCH = 20_000
USERNAME_PREFIX = "tinh-"
CATALOGUE_SLUG = "du-lieu-tinh"
CATEGORIES = [value for value, _label in LearnerProfile.Category.choices]


class AlreadyGenerated(Exception):
    pass


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(1, round(number * scale)) for name, number in FULL.items()}


def _sqlite(value):
    """Values as Django's SQLite backend stores them (naive UTC datetimes, text times)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, clock):
        return value.isoformat()
    return value


class Writer:
    """Table and column names come from the models' Meta, never from input."""

    """Appends rows to tables fast: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.touched: set = set()

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            return cursor.fetchone()[0] + 1

    def write(self, model, fields: list[str], rows) -> int:
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in fields]
        self.touched.add(table)
        written = 0
        with connection.cursor() as cursor:
            if self.postgres:
                sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        written += 1
                return written
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(columns))})"
            )
            batch = []
            for row in rows:
                batch.append([_sqlite(value) for value in row])
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
        return written

    def reset_sequences(self):
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for table in sorted(self.touched):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
            for table in sorted(self.touched):
                cursor.execute(f"ANALYZE {table}")


def _site_root():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node()
    return root.get_children().first() or root


def _courses() -> list[tuple[CoursePage, list[LessonPage], QuizPage]]:
    """One course per program, each with required lessons and a quiz (made once)."""
    home = _site_root()
    catalogue = CourseIndexPage.objects.filter(slug=CATALOGUE_SLUG).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CourseIndexPage(title="Dữ liệu tỉnh", slug=CATALOGUE_SLUG)
        )
        catalogue.save_revision().publish()
    result = []
    for program in ProgramType.objects.order_by("sort_order", "pk"):
        slug = f"tinh-{program.slug}"[:80]
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = catalogue.add_child(
                instance=CoursePage(
                    title=program.name,
                    slug=slug,
                    program=program,
                    summary=program.name,
                    expected_hours=40,
                )
            )
            course.save_revision().publish()
            for number in range(1, LESSONS + 1):
                lesson = course.add_child(
                    instance=LessonPage(
                        title=f"Bài {number}",
                        slug=f"bai-{number}",
                        required=True,
                        estimated_minutes=30,
                        body=[("paragraph", f"<p>{program.name}: bài {number}.</p>")],
                    )
                )
                lesson.save_revision().publish()
            quiz = course.add_child(instance=QuizPage(title="Kiểm tra cuối khoá", slug="kiem-tra"))
            quiz.save_revision().publish()
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        quiz = QuizPage.objects.child_of(course).first()
        result.append((course, lessons, quiz))
    return result


def _centres(counts: dict) -> tuple[list, dict]:
    """The centres, each with its site and its area's organisation tree (a district
    committee, three communes, their cells), the tree's units the centre's."""
    home = _site_root()
    centres, cells_of = [], {}
    for n in range(counts["centres"]):
        site, _ = Site.objects.get_or_create(
            hostname=f"trung-tam-{n + 1}.tinh.example",
            port=80,
            defaults={"root_page": home, "site_name": f"Trung tâm {n + 1}"},
        )
        centre, _ = Centre.objects.get_or_create(
            site=site,
            defaults={
                "name": f"Trung tâm Chính trị số {n + 1}",
                "issuing_authority": f"Huyện uỷ số {n + 1}",
            },
        )
        committee = Organisation.add_root(
            name=f"Đảng bộ huyện số {n + 1}",
            kind=Organisation.Kind.PARTY_COMMITTEE,
            centre=centre,
        )
        communes = [
            committee.add_child(
                name=f"Đảng bộ xã {n + 1}.{c + 1}",
                kind=Organisation.Kind.PARTY_COMMITTEE,
                centre=centre,
            )
            for c in range(3)
        ]
        cells = [
            communes[c % 3].add_child(
                name=f"Chi bộ {n + 1}.{c + 1}", kind=Organisation.Kind.PARTY_CELL, centre=centre
            )
            for c in range(max(1, CELLS if counts["learners"] >= 1000 else 3))
        ]
        centres.append(centre)
        cells_of[centre.pk] = [cell.pk for cell in cells]
    return centres, cells_of


def generate(scale: float = 1.0, seed: int = 2026, log=lambda message: None) -> dict:
    """Write the data set; returns the counts written and the seconds taken."""
    begun = time.monotonic()
    counts = counts_for(scale)
    User = get_user_model()
    if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        raise AlreadyGenerated
    rng = random.Random(seed)
    now = timezone.now()
    this_year = timezone.localdate().year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    today = timezone.localdate()
    writer = Writer()

    with transaction.atomic():
        courses = _courses()
        log(f"courses: {len(courses)}")

        # Centres, each with its own site and organisation tree.
        centres, cells_of = _centres(counts)
        log(f"centres: {len(centres)}")

        # Learners: accounts, the learners' group, profiles.
        password = make_password(None)
        first_user = writer.next_id(User)
        first_profile = writer.next_id(LearnerProfile)
        per_centre = counts["learners"] // len(centres)
        learner_count = per_centre * len(centres)

        def centre_of_learner(i):
            return centres[min(i // per_centre, len(centres) - 1)]

        writer.write(
            User,
            [
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            (
                (
                    first_user + i,
                    password,
                    False,
                    f"{USERNAME_PREFIX}{i}",
                    "",
                    "",
                    "",
                    False,
                    True,
                    now,
                )
                for i in range(learner_count)
            ),
        )
        group = Group.objects.get(name=LEARNERS)
        membership = User.groups.through
        writer.write(
            membership,
            ["id", "user", "group"],
            (
                (writer_first + i, first_user + i, group.pk)
                for writer_first in [writer.next_id(membership)]
                for i in range(learner_count)
            ),
        )
        genders = ["female", "male"]
        writer.write(
            LearnerProfile,
            [
                "id",
                "user",
                "full_name",
                "date_of_birth",
                "gender",
                "ethnicity",
                "organisation",
                "centre",
                "category",
                "position",
                "phone",
                "must_change_password",
                "email_notifications",
            ],
            (
                (
                    first_profile + i,
                    first_user + i,
                    f"Học viên {i:06d}",
                    date(1960 + i % 45, 1 + i % 12, 1 + i % 28),
                    genders[i % 2],
                    "Tày" if i % 3 else "Kinh",
                    rng.choice(cells_of[centre_of_learner(i).pk]),
                    centre_of_learner(i).pk,
                    CATEGORIES[i % len(CATEGORIES)],
                    "",
                    "",
                    False,
                    False,
                )
                for i in range(learner_count)
            ),
        )
        log(f"learners: {learner_count}")

        # Classes, spread over the centres, years and programs.
        first_class = writer.next_id(TrainingClass)
        classes = []  # (id, centre index, course index, year, opens, status)
        numbers: dict = {}
        for i in range(counts["classes"]):
            centre_index = i % len(centres)
            year = years[(i // len(centres)) % len(years)]
            course_index = rng.randrange(len(courses))
            key = (centre_index, course_index, year)
            numbers[key] = numbers.get(key, 0) + 1
            opens = date(year, 1 + rng.randrange(12), 1 + rng.randrange(28))
            closes = opens + timedelta(days=45)
            if closes < today:
                status = TrainingClass.Status.FINISHED
            elif opens <= today:
                status = TrainingClass.Status.IN_SESSION
            else:
                status = rng.choice([TrainingClass.Status.PLANNED, TrainingClass.Status.OPEN])
            if rng.random() < 0.02:
                status = TrainingClass.Status.CANCELLED
            classes.append(
                (
                    first_class + i,
                    centre_index,
                    course_index,
                    year,
                    opens,
                    closes,
                    status,
                    numbers[key],
                )
            )
        titles = {}
        for _id, _c, course_index, year, *_rest, number in classes:
            key = (course_index, year, number)
            if key not in titles:
                titles[key] = TrainingClass(
                    course=courses[course_index][0], year=year, number=number
                ).make_title()
        venues = [TrainingClass.Venue.CENTRE, TrainingClass.Venue.CLUSTER]
        writer.write(
            TrainingClass,
            [
                "id",
                "centre",
                "course",
                "year",
                "number",
                "title",
                "venue_kind",
                "venue",
                "study_opens",
                "study_closes",
                "status",
                "capacity",
            ],
            (
                (
                    cid,
                    centres[c].pk,
                    courses[k][0].pk,
                    year,
                    number,
                    titles[(k, year, number)],
                    venues[cid % 4 == 0],
                    "",
                    opens,
                    closes,
                    status,
                    250,
                )
                for cid, c, k, year, opens, closes, status, number in classes
            ),
        )
        log(f"classes: {len(classes)}")

        # Sessions: three per class, a week apart from the opening.
        first_session = writer.next_id(ClassSession)
        writer.write(
            ClassSession,
            ["id", "training_class", "date", "starts_at", "ends_at", "venue", "kind"],
            (
                (
                    first_session + n * SESSIONS + s,
                    cid,
                    opens + timedelta(days=7 * (s + 1)),
                    clock(7, 30),
                    clock(11, 0),
                    "Hội trường",
                    ClassSession.Kind.LECTURE,
                )
                for n, (cid, _c, _k, _y, opens, *_rest) in enumerate(classes)
                for s in range(SESSIONS)
            ),
        )

        # Enrolments: each class takes a window of its centre's learners.
        per_class = counts["enrolments"] // len(classes)
        extra = counts["enrolments"] - per_class * len(classes)
        first_enrolment = writer.next_id(Enrolment)
        first_progress = writer.next_id(LessonProgress)
        first_attendance = writer.next_id(Attendance)
        first_attempt = writer.next_id(Attempt)
        enrolment_rows, progress_rows, attendance_rows, attempt_rows = [], [], [], []
        ids = {
            "enrolment": first_enrolment,
            "progress": first_progress,
            "attendance": first_attendance,
            "attempt": first_attempt,
        }
        statuses = [Attendance.Status.PRESENT] * 8 + [
            Attendance.Status.EXCUSED,
            Attendance.Status.ABSENT,
        ]

        def flush():
            writer.write(
                Enrolment,
                [
                    "id",
                    "training_class",
                    "learner",
                    "status",
                    "enrolled_at",
                    "last_activity_at",
                    "completed_at",
                ],
                enrolment_rows,
            )
            writer.write(
                LessonProgress,
                [
                    "id",
                    "enrolment",
                    "lesson",
                    "first_viewed_at",
                    "last_seen_at",
                    "completed_at",
                    "seconds_spent",
                ],
                progress_rows,
            )
            writer.write(
                Attendance,
                ["id", "session", "enrolment", "status", "recorded_at"],
                attendance_rows,
            )
            writer.write(
                Attempt,
                [
                    "id",
                    "quiz",
                    "user",
                    "context",
                    "number",
                    "state",
                    "seed",
                    "started_at",
                    "submitted_at",
                    "submitted_automatically",
                    "graded_at",
                    "max_points",
                    "points",
                    "score",
                ],
                attempt_rows,
            )
            for rows in (enrolment_rows, progress_rows, attendance_rows, attempt_rows):
                rows.clear()

        ten = Decimal(10)
        for n, (cid, c, k, _year, opens, closes, status, _number) in enumerate(classes):
            size = min(per_class + (1 if n < extra else 0), per_centre)
            start = rng.randrange(per_centre)
            _course, lessons, quiz = courses[k]
            started = opens <= today and status != TrainingClass.Status.CANCELLED
            finished = status == TrainingClass.Status.FINISHED
            enrolled_at = datetime.combine(opens, clock(1), tzinfo=UTC) - timedelta(days=7)
            session_ids = [first_session + n * SESSIONS + s for s in range(SESSIONS)]
            held = (
                [
                    sid
                    for s, sid in enumerate(session_ids)
                    if opens + timedelta(days=7 * (s + 1)) <= today
                ]
                if started
                else []
            )
            for j in range(size):
                learner_index = c * per_centre + (start + j) % per_centre
                eid = ids["enrolment"]
                ids["enrolment"] += 1
                diligence = rng.random()
                done = 0
                if started:
                    done = LESSONS if diligence > 0.25 else int(diligence * 4 * LESSONS)
                    done = min(done, LESSONS)
                seen = datetime.combine(opens, clock(2), tzinfo=UTC)
                for lesson in lessons[: min(LESSONS, done + (1 if started else 0))]:
                    completed = seen if done > 0 and lesson in lessons[:done] else None
                    progress_rows.append(
                        (ids["progress"], eid, lesson.pk, seen, seen, completed, 1200)
                    )
                    ids["progress"] += 1
                for sid in held:
                    mark = statuses[rng.randrange(10)] if diligence > 0.1 else "absent"
                    attendance_rows.append((ids["attendance"], sid, eid, mark, seen))
                    ids["attendance"] += 1
                score = None
                if started and diligence > 0.1 and quiz is not None:
                    score = Decimal(rng.randrange(30, 101)) / ten
                    attempt_rows.append(
                        (
                            ids["attempt"],
                            quiz.pk,
                            first_user + learner_index,
                            f"class:{cid}",
                            1,
                            Attempt.State.GRADED,
                            rng.randrange(1 << 31),
                            seen,
                            seen,
                            False,
                            seen,
                            ten,
                            score,
                            score,
                        )
                    )
                    ids["attempt"] += 1
                complete = (
                    finished
                    and done == LESSONS
                    and score is not None
                    and score >= 5
                    and diligence > 0.2
                )
                completed_at = datetime.combine(closes, clock(3), tzinfo=UTC) if complete else None
                enrolment_rows.append(
                    (
                        eid,
                        cid,
                        first_profile + learner_index,
                        Enrolment.Status.ACTIVE,
                        enrolled_at,
                        seen if started else None,
                        completed_at,
                    )
                )
            if len(enrolment_rows) >= BATCH:
                flush()
        flush()
        log("enrolments, progress, attendance, attempts written")

        # The plan: each centre's, a little above what each program did each year.
        actual: dict = {}
        for _cid, c, k, year, *_rest in classes:
            key = (centres[c].pk, year, courses[k][0].program_id)
            actual[key] = actual.get(key, 0) + 1
        PlanLine.objects.bulk_create(
            [
                PlanLine(
                    centre_id=centre,
                    year=year,
                    program_id=program,
                    classes=number + 1,
                    learners=(number + 1) * per_class,
                )
                for (centre, year, program), number in actual.items()
            ],
            ignore_conflicts=True,
        )
        writer.reset_sequences()
    written = {
        "centres": len(centres),
        "learners": learner_count,
        "classes": len(classes),
        "enrolments": ids["enrolment"] - first_enrolment,
        "lesson_progress": ids["progress"] - first_progress,
        "attendance": ids["attendance"] - first_attendance,
        "attempts": ids["attempt"] - first_attempt,
        "seconds": round(time.monotonic() - begun, 1),
    }
    return written
