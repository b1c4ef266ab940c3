"""The class path: one ordered outline of a class's lessons, quizzes, essay and sessions,
with the learner's state of each; "next" follows it; My classes leads along it."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import Attendance, ClassSession, LessonProgress
from lms.path import State, class_path
from quizzes.models import Attempt

from ..factories import add_lesson
from ..quizzes import builders
from .personas import make_user
from .test_learning import as_user


@pytest.fixture
def path_world(world):
    """Lessons 1–3, a quiz after lesson 2, the essay at the end; a session on lesson 2
    in three days (the World's) and one without a topic after it."""
    bank = builders.category(world.course)
    quiz = builders.quiz(
        world.course, questions=[builders.single(bank)], max_attempts=2, pass_mark=Decimal(5)
    )
    quiz.move(world.lessons[2], pos="left")
    quiz.refresh_from_db()
    essay = builders.quiz(world.course, questions=[builders.essay(bank)])
    essay.title = "Bài thu hoạch cuối khoá"
    essay.save_revision().publish()
    world.quiz, world.essay = quiz, essay
    world.session.topic = world.lessons[1]
    world.session.save()
    world.last_session = ClassSession.objects.create(
        training_class=world.klass,
        date=timezone.localdate() + timedelta(days=10),
        starts_at=time(7, 30),
        ends_at=time(11, 0),
        venue="Hội trường Trung tâm",
    )
    return world


def attempt(quiz, user, klass, number, state, score=None):
    now = timezone.now()
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        context=f"class:{klass.pk}",
        number=number,
        state=state,
        score=score,
        seed=number,
        started_at=now,
        submitted_at=now if state in Attempt.FINISHED else None,
        graded_at=now if state == Attempt.State.GRADED else None,
        max_points=Decimal(1),
        points=None if score is None else Decimal(1),
    )


def test_the_path_orders_lessons_quizzes_the_essay_and_sessions(path_world):
    w = path_world
    items = class_path(w.enrolment).items
    kinds = [(item.kind, item.title or item.session.venue) for item in items]
    assert [kind for kind, _title in kinds] == [
        "lesson",
        "lesson",
        "quiz",
        "session",
        "lesson",
        "essay",
        "session",
    ]
    assert items[2].page.pk == w.quiz.pk and items[5].page.pk == w.essay.pk
    # What to do before each session: only what lies since the previous one.
    assert items[3].before == f"đọc bài 1–2, làm “{w.quiz.title}”"
    assert items[6].before == f"đọc bài 3, làm “{w.essay.title}”"


def test_each_item_carries_the_learners_state(path_world):
    w = path_world
    user = w.learner.user
    LessonProgress.objects.create(
        enrolment=w.enrolment,
        lesson=w.lessons[0],
        first_viewed_at=timezone.now(),
        last_seen_at=timezone.now(),
        completed_at=timezone.now(),
    )
    LessonProgress.objects.create(
        enrolment=w.enrolment,
        lesson=w.lessons[1],
        first_viewed_at=timezone.now(),
        last_seen_at=timezone.now(),
    )
    attempt(w.quiz, user, w.klass, 1, Attempt.State.GRADED, Decimal("4.5"))
    attempt(w.essay, user, w.klass, 1, Attempt.State.SUBMITTED)
    Attendance.objects.create(
        enrolment=w.enrolment, session=w.session, status=Attendance.Status.PRESENT
    )
    path = class_path(w.enrolment)
    lesson1, lesson2, quiz, session, lesson3, essay, last = path.items
    assert (lesson1.state, lesson2.state, lesson3.state) == (
        State.DONE,
        State.IN_PROGRESS,
        State.NOT_STARTED,
    )
    assert quiz.grade == Decimal("4.5") and quiz.passed is False
    assert (quiz.attempts_used, quiz.attempts_left, quiz.state) == (1, 1, State.NOT_STARTED)
    assert essay.state == State.WAITING
    assert (session.state, last.state) == (State.ATTENDED, State.UPCOMING)
    # The next step is the lesson under way, then the quiz still to pass.
    assert path.next_item is lesson2
    attempt(w.quiz, user, w.klass, 2, Attempt.State.GRADED, Decimal("3"))
    quiz = class_path(w.enrolment).items[2]
    assert (quiz.attempts_left, quiz.state, quiz.grade) == (0, State.FAILED, Decimal("4.5"))


def test_the_class_path_page_shows_states_and_the_next_step(client, path_world):
    w = path_world
    as_user(client, w.learner.user)
    attempt(w.quiz, w.learner.user, w.klass, 1, Attempt.State.GRADED, Decimal("8"))
    page = client.get(f"/learn/classes/{w.klass.pk}/").content.decode()
    assert f'href="{w.quiz.url}"' in page and f'href="{w.essay.url}"' in page
    assert "Đạt" in page and "8/10" in page
    assert "Chưa nộp" in page  # the essay
    assert f"Trước buổi học {w.session.date:%d/%m}: đọc bài 1–2" in page
    assert "Đọc: Bài 1" in page  # the next step


def test_next_follows_the_whole_path(client, path_world):
    w = path_world
    as_user(client, w.learner.user)
    page = client.get(w.lessons[1].url).content.decode()
    assert f'rel="next" href="{w.quiz.url}"' in page
    response = client.post(f"/learn/lessons/{w.lessons[1].pk}/done/")
    assert response["Location"] == w.quiz.url
    # With every lesson read, "Read next" on My classes leads to the quiz, then the essay.
    for lesson in w.lessons:
        client.post(f"/learn/lessons/{lesson.pk}/done/")
    dashboard = client.get("/learn/").content.decode()
    assert f'class="button" href="{w.quiz.url}"' in dashboard
    attempt(w.quiz, w.learner.user, w.klass, 1, Attempt.State.GRADED, Decimal("9"))
    dashboard = client.get("/learn/").content.decode()
    assert f'class="button" href="{w.essay.url}"' in dashboard
    assert "Làm bài thu hoạch" in dashboard


def test_the_public_course_page_lists_quizzes_and_the_essay_without_states(client, path_world):
    w = path_world
    page = client.get(w.course.url).content.decode()
    assert f'href="{w.quiz.url}"' in page and f'href="{w.essay.url}"' in page
    assert page.index(w.lessons[1].title) < page.index(w.quiz.title) < page.index(w.essay.title)
    assert "Chưa" not in page


def test_lecturers_see_the_path_without_states_and_others_see_nothing(client, path_world):
    w = path_world
    as_user(client, w.lecturer)
    page = client.get(f"/learn/classes/{w.klass.pk}/")
    assert page.status_code == 200 and w.essay.title in page.content.decode()
    as_user(client, w.other_learner.user)
    assert client.get(f"/learn/classes/{w.klass.pk}/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(w):
    """From 6 items to 30 (lessons, quizzes, sessions), 1 attempt to 3."""
    bank = builders.category(w.course, name="Thêm")
    for number in range(12):
        add_lesson(w.course, title=f"Bài thêm {number}", slug=f"them-{number}")
    for number in range(8):
        quiz = builders.quiz(w.course, questions=[builders.single(bank)])
        for n in (1, 2, 3):
            attempt(quiz, w.learner.user, w.klass, n, Attempt.State.GRADED, Decimal(n))
    for number in range(3):
        ClassSession.objects.create(
            training_class=w.klass,
            date=timezone.localdate() + timedelta(days=20 + number),
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Nhà văn hoá",
            topic=w.lessons[0],
        )
    for n in (2, 3):
        attempt(w.quiz, w.learner.user, w.klass, n, Attempt.State.GRADED, Decimal(n))


@pytest.mark.parametrize("who", ["learner", "lecturer"])
def test_the_path_and_my_classes_run_a_constant_number_of_queries(client, path_world, who):
    w = path_world
    user = w.learner.user if who == "learner" else w.lecturer
    as_user(client, user)
    attempt(w.quiz, w.learner.user, w.klass, 1, Attempt.State.GRADED, Decimal(4))
    urls = [f"/learn/classes/{w.klass.pk}/", "/learn/"]
    client.get(urls[0])  # the session is warm, as it is for a learner reading along
    small = [_queries(client, url) for url in urls]
    _grow(w)
    large = [_queries(client, url) for url in urls]
    assert small == large
    assert large[0] <= 10, large
    assert large[1] <= 10, large  # the sub-apps' panels: the rules (lms.hooks.Known has the rest)


def test_a_signed_in_user_in_no_class_sees_the_open_courses(client, path_world):
    from ..factories import add_course

    add_course(path_world.course.get_parent(), title="Học tập tư tưởng Hồ Chí Minh", slug="mo")
    as_user(client, make_user("khach"))
    page = client.get("/learn/").content.decode()
    assert "Học tập tư tưởng Hồ Chí Minh" in page


def test_a_lecturer_lands_on_their_classes(client, path_world):
    w = path_world
    attempt(w.essay, w.learner.user, w.klass, 1, Attempt.State.SUBMITTED)
    from quizzes.models import Answer, AttemptQuestion

    row = AttemptQuestion.objects.create(
        attempt=Attempt.objects.get(quiz=w.essay),
        question=w.essay.slots.first().question,
        position=1,
        points=Decimal(10),
    )
    Answer.objects.create(attempt_question=row, text="Bài viết")
    as_user(client, w.lecturer)
    page = client.get("/learn/").content.decode()
    assert "chưa được ghi danh" not in page
    assert f"/learn/classes/{w.klass.pk}/roster/" in page
    assert "1 bài thu hoạch chờ chấm" in page
    assert f"{w.session.date:%d/%m/%Y}" in page
    as_user(client, w.staff)
    assert "/admin/" in client.get("/learn/").content.decode()


def test_one_date_format_on_learner_pages(settings):
    from datetime import UTC, date, datetime

    from django.template import Context, Template
    from django.utils import translation

    moment = datetime(2026, 12, 4, 20, 36, tzinfo=UTC)  # 03:36 on 5/12 in Hà Nội
    with translation.override("vi"):
        text = Template("{% load lms_format %}{{ m|when }} {{ d|when }}").render(
            Context({"m": moment, "d": date(2026, 12, 5)})
        )
    assert text == "03:36, 05/12/2026 05/12/2026"
    with translation.override("vi"):
        quiz = Template('{{ m|date:"DATETIME_FORMAT" }}').render(Context({"m": moment}))
    assert quiz == "03:36, 05/12/2026"  # the quizzes plugin's own pages, the same way
