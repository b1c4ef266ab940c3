"""Learners read lessons of their classes, progress is recorded, the dashboard and the
lecturer's roster show it."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from lms import progress
from lms.models import Attendance, Enrolment, LessonProgress, TrainingClass

from .personas import make_class, make_learner


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


MATRIX = {
    # persona: (lesson, roster of the class, dashboard)
    "anonymous": (302, 302, 302),
    "learner": (200, 403, 200),
    "other learner": (200, 403, 200),  # another class of the same course
    "outsider": (404, 403, 200),  # enrolled only in a class of another course
    "lecturer": (200, 200, 200),
    "other lecturer": (200, 403, 200),  # teaches the same course in another class
    "staff": (200, 200, 200),
}


@pytest.mark.parametrize("persona", list(MATRIX))
def test_access_matrix(client, world, persona):
    outsider_class = make_class(world.centre, world.other_course)
    outsider = make_learner("ngoai", world.cell)
    Enrolment.objects.create(training_class=outsider_class, learner=outsider)
    user = {**world.personas, "outsider": outsider.user}[persona]
    as_user(client, user)
    lesson, roster, dashboard = MATRIX[persona]
    assert client.get(world.lessons[0].url).status_code == lesson
    assert client.get(f"/learn/classes/{world.klass.pk}/roster/").status_code == roster
    assert client.get("/learn/").status_code == dashboard


def test_course_page_stays_public_while_its_lessons_are_not(client, world):
    assert client.get(world.course.url).status_code == 200
    response = client.get(world.lessons[0].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "change",
    [
        lambda w: Enrolment.objects.filter(pk=w.enrolment.pk).update(status="withdrawn"),
        lambda w: TrainingClass.objects.filter(pk=w.klass.pk).update(status="cancelled"),
        lambda w: TrainingClass.objects.filter(pk=w.klass.pk).update(status="planned"),
    ],
)
def test_withdrawn_or_cancelled_or_not_yet_open_means_no_lessons(client, world, change):
    change(world)
    as_user(client, world.learner.user)
    assert client.get(world.lessons[0].url).status_code == 404


def test_opening_a_lesson_marks_it_viewed_once_and_later_views_write_nothing(client, world):
    as_user(client, world.learner.user)
    lesson = world.lessons[0]
    client.get(lesson.url)
    record = LessonProgress.objects.get(enrolment=world.enrolment, lesson=lesson)
    assert record.completed_at is None
    world.enrolment.refresh_from_db()
    assert world.enrolment.last_activity_at is not None
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE"}]
    assert writes == []
    assert LessonProgress.objects.filter(enrolment=world.enrolment).count() == 1


def test_finishing_a_lesson_moves_the_progress_bar_and_the_next_lesson(client, world):
    as_user(client, world.learner.user)
    first, second, third = world.lessons
    before = client.get("/learn/").content.decode()
    assert "0 / 3" in before or "0 of 3" in before or "0/3" in before
    assert f'href="{first.url}"' in before
    page = client.get(first.url).content.decode()
    assert f'action="/learn/lessons/{first.pk}/done/"' in page
    response = client.post(f"/learn/lessons/{first.pk}/done/")
    assert response.status_code == 302 and response["Location"] == second.url
    assert LessonProgress.objects.get(lesson=first).completed_at is not None
    after = client.get("/learn/")
    item = after.context["classes"][0]
    assert (item["done"], item["required"], item["percent"]) == (1, 3, 33)
    assert item["next_item"].page.pk == second.pk
    assert 'value="33"' in after.content.decode()
    # The lesson now says it is finished instead of offering the button.
    assert f'action="/learn/lessons/{first.pk}/done/"' not in client.get(first.url).content.decode()


def test_finishing_twice_changes_nothing_and_the_signal_fires_once(
    client, world, django_capture_on_commit_callbacks
):
    from lms.signals import lesson_completed

    received = []

    def receiver(sender, enrolment, lesson, **kwargs):
        received.append((enrolment.pk, lesson.pk))

    lesson_completed.connect(receiver)
    try:
        as_user(client, world.learner.user)
        lesson = world.lessons[0]
        with pytest.raises(AssertionError):
            # Only a POST finishes a lesson.
            assert client.get(f"/learn/lessons/{lesson.pk}/done/").status_code == 200
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                client.post(f"/learn/lessons/{lesson.pk}/done/", HTTP_ACCEPT="application/json")
    finally:
        lesson_completed.disconnect(receiver)
    assert received == [(world.enrolment.pk, lesson.pk)]
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 1


def test_a_learner_cannot_finish_a_lesson_of_a_course_they_do_not_take(client, world):
    outsider = make_learner("ngoai", world.cell)
    as_user(client, outsider.user)
    response = client.post(f"/learn/lessons/{world.lessons[0].pk}/done/")
    assert response.status_code == 404
    assert LessonProgress.objects.count() == 0


def test_time_spent_is_measured_by_the_server_and_capped(world):
    lesson = world.lessons[0]
    start = timezone.now()
    progress.record_view(world.enrolment, lesson, now=start)
    assert progress.record_time(world.enrolment, lesson, now=start + timedelta(seconds=60)) == 60
    # The same heartbeat arriving twice (a flaky connection retries) adds nothing more.
    assert progress.record_time(world.enrolment, lesson, now=start + timedelta(seconds=60)) == 0
    # A phone that was away for an hour earns at most the cap, not an hour.
    later = start + timedelta(hours=1)
    assert progress.record_time(world.enrolment, lesson, now=later) == progress.MAX_CREDIT_SECONDS
    record = LessonProgress.objects.get(enrolment=world.enrolment, lesson=lesson)
    assert record.seconds_spent == 60 + progress.MAX_CREDIT_SECONDS


def test_heartbeat_endpoint_credits_time(client, world):
    as_user(client, world.learner.user)
    lesson = world.lessons[0]
    client.get(lesson.url)
    LessonProgress.objects.update(last_seen_at=timezone.now() - timedelta(seconds=45))
    response = client.post(f"/learn/lessons/{lesson.pk}/time/")
    assert response.status_code == 200
    assert 44 <= response.json()["credited"] <= 46


def test_a_new_class_of_the_same_course_starts_afresh(client, world):
    progress.mark_completed(world.enrolment, world.lessons[0])
    world.klass.status = TrainingClass.Status.FINISHED
    world.klass.save()
    next_year = make_class(world.centre, world.course, year=2027)
    Enrolment.objects.create(training_class=next_year, learner=world.learner)
    as_user(client, world.learner.user)
    items = {i["training_class"].pk: i for i in client.get("/learn/").context["classes"]}
    assert items[world.klass.pk]["done"] == 1
    assert items[next_year.pk]["done"] == 0


def test_dashboard_shows_the_next_in_person_session(client, world):
    as_user(client, world.learner.user)
    html = client.get("/learn/").content.decode()
    assert "Hội trường Trung tâm" in html
    assert world.session.date.strftime("%d/%m/%Y") in html
    assert "07:30" in html


def test_dashboard_queries_do_not_grow_with_classes(client, world):
    as_user(client, world.learner.user)
    client.get("/learn/")
    with CaptureQueriesContext(connection) as one:
        client.get("/learn/")
    for number in range(19):
        extra = make_class(world.centre, world.course, year=2020 + number % 5)
        Enrolment.objects.create(training_class=extra, learner=world.learner)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get("/learn/")
    assert len(response.context["classes"]) == 20
    assert (len(one), len(twenty)) == (DASHBOARD_QUERIES, DASHBOARD_QUERIES)


# Session, user, enrolments (with the certificate and open-survey columns of the sub-apps,
# lms.hooks.ENROLMENT_COLUMNS), every attempt of the learner (the path, recent grades and
# the certificate panel share them), lessons and quizzes, progress, sessions with
# attendance, the completion rules, classes taught, notifications.
DASHBOARD_QUERIES = 10


def test_roster_shows_progress_attendance_and_sorts(client, world):
    second = make_learner("hocvien3", world.committee, "Trần Văn Cường")
    second_enrolment = Enrolment.objects.create(training_class=world.klass, learner=second)
    for lesson in world.lessons[:2]:
        progress.mark_completed(second_enrolment, lesson)
    world.session.date = timezone.localdate()
    world.session.save()
    Attendance.objects.create(session=world.session, enrolment=second_enrolment, status="present")
    as_user(client, world.lecturer)
    response = client.get(f"/learn/classes/{world.klass.pk}/roster/", {"sort": "progress"})
    rows = response.context["rows"]
    assert [row.learner.full_name for row in rows] == ["Trần Văn Cường", "Nguyễn Văn An"]
    assert (rows[0].done, rows[0].percent, rows[0].present) == (2, 67, 1)
    by_name = client.get(f"/learn/classes/{world.klass.pk}/roster/", {"sort": "name"})
    assert [r.learner.full_name for r in by_name.context["rows"]] == [
        "Nguyễn Văn An",
        "Trần Văn Cường",
    ]
    nonsense = client.get(f"/learn/classes/{world.klass.pk}/roster/", {"sort": "'; DROP"})
    assert nonsense.status_code == 200


def test_roster_exports_a_spreadsheet(client, world):
    progress.mark_completed(world.enrolment, world.lessons[0])
    as_user(client, world.staff)
    response = client.get(f"/learn/classes/{world.klass.pk}/roster/", {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Nguyễn Văn An"
    assert rows[1][2:5] == (1, 3, 33)


def test_roster_queries_do_not_grow_with_learners(client, world):
    as_user(client, world.lecturer)
    url = f"/learn/classes/{world.klass.pk}/roster/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    learners = [make_learner(f"hv{n}", world.cell) for n in range(40)]
    Enrolment.objects.bulk_create(
        Enrolment(training_class=world.klass, learner=learner) for learner in learners
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) == 41
    assert (len(few), len(many)) == (ROSTER_QUERIES, ROSTER_QUERIES)


# Session, user, the class (with its sessions and required lessons counted), the
# lecturer check, the rows (lock-out, posts and the certificate record are columns of
# it), the completion rules (their quizzes joined), and the staff permissions (the
# certificate column's "issue" link: two). Under rules, one more: their quizzes' grades.
ROSTER_QUERIES = 8


def test_a_learner_enrolled_by_import_can_read_at_once(client, world):
    from lms.enrolment.importer import import_learners

    newcomer = make_learner("moi", world.cell, "Đào Thị Mới")
    newcomer.phone = "0912345678"
    newcomer.save()
    as_user(client, newcomer.user)
    assert client.get(world.lessons[0].url).status_code == 404  # "not enrolled" is remembered
    rows = [
        {
            "row": 2,
            "full_name": "Đào Thị Mới",
            "date_of_birth": "01/02/1990",
            "gender": "Nữ",
            "ethnicity": "",
            "organisation": "",
            "category": "Quần chúng ưu tú",
            "position": "",
            "phone": "0912345678",
            "email": "",
        }
    ]
    assert import_learners(world.klass, rows).ok
    assert client.get(world.lessons[0].url).status_code == 200


def test_the_lecturer_unlocks_a_locked_out_learner_from_the_roster(client, world):
    from wagtail.models import ModelLogEntry

    for _ in range(10):
        client.post("/accounts/login/", {"username": "hocvien", "password": "sai"})
    good = {"username": "hocvien", "password": "mat-khau-hocvien"}
    assert client.post("/accounts/login/", good).status_code == 429
    unlock = f"/learn/classes/{world.klass.pk}/unlock/{world.enrolment.pk}/"
    # Another class's lecturer may not.
    as_user(client, world.other_lecturer)
    assert client.post(unlock).status_code == 403
    as_user(client, world.lecturer)
    roster = client.get(f"/learn/classes/{world.klass.pk}/roster/").content.decode()
    assert "Bị khoá đăng nhập" in roster and f'action="{unlock}"' in roster
    response = client.post(unlock, follow=True)
    assert "đã có thể đăng nhập lại" in response.content.decode()
    assert "Bị khoá đăng nhập" not in response.content.decode()
    entry = ModelLogEntry.objects.get(action="lms.unlock_login")
    assert (entry.user_id, entry.object_id) == (world.lecturer.pk, str(world.learner.user.pk))
    client.logout()
    assert client.post("/accounts/login/", good).status_code == 302


def test_the_roster_counts_posts_in_its_rows_query_until_a_counter_has_no_column(client, world):
    """lms.participation: a counter without a column (a stand-in discussions app) sends
    the roster back to asking every counter, one query more; once it is gone, the posts
    are a column of the rows again (tests remove such counters from _counters)."""
    from lms import participation

    as_user(client, world.lecturer)
    url = f"/learn/classes/{world.klass.pk}/roster/"
    client.get(url)

    def stand_in(enrolments):
        return {}

    participation.register(stand_in)
    try:
        with CaptureQueriesContext(connection) as asked:
            client.get(url)
    finally:
        participation._counters.remove(stand_in)
    with CaptureQueriesContext(connection) as columned:
        client.get(url)
    assert (len(asked), len(columned)) == (ROSTER_QUERIES + 1, ROSTER_QUERIES)
