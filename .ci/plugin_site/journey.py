"""A learner's journey through a site made by `wagtail start` with the plugin installed.

Run by .ci/plugin-install with the new virtualenv's Python, in the site's directory:

    journey.py prepare            # a course, lesson, quiz, class and learner; the lesson
                                  # served; a quiz attempt started, answered and submitted
    journey.py wait-graded SECS   # poll the database until a worker has graded it

Everything goes through the installed wheel and the site's settings; no `portal`.
"""

import os
import sys
import time
from datetime import timedelta

import django

LESSON_TEXT = "Ngày 3 tháng 2 năm 1930, Đảng Cộng sản Việt Nam ra đời."


def fail(message: str) -> None:
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")
    sys.path.insert(0, os.getcwd())
    django.setup()
    import lms

    if "portal" in sys.modules:
        fail("something imported the portal package")
    if "site-packages" not in lms.__file__:
        fail(f"lms comes from {lms.__file__}, not from the installed wheel")


def build():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.models import Site

    from lessons.access import CourseAccess
    from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
    from lms.models import Centre, Enrolment, LearnerProfile, TrainingClass
    from lms.roles import LEARNERS
    from quizzes.models import Option, Question, QuestionCategory, QuizPage, QuizSlot

    def publish(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    catalogue = publish(home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc")))
    course = publish(
        catalogue.add_child(
            instance=CoursePage(
                title="Bồi dưỡng nhận thức về Đảng",
                slug="nhan-thuc",
                access=CourseAccess.CATALOGUE,
                program=ProgramType.objects.order_by("sort_order").first(),
                summary="Khoá học cho quần chúng ưu tú.",
            )
        )
    )
    lesson = publish(
        course.add_child(
            instance=LessonPage(
                title="Bài 1: Lịch sử Đảng",
                slug="bai-1",
                body=[("paragraph", f"<p>{LESSON_TEXT}</p>")],
            )
        )
    )
    category = QuestionCategory.objects.create(course=course, name="Chương 1")
    question = Question.objects.create(
        category=category, kind=Question.Kind.SINGLE, stem="<p>Đảng ra đời năm nào?</p>"
    )
    right = Option.objects.create(question=question, text="1930", is_correct=True, sort_order=0)
    Option.objects.create(question=question, text="1945", is_correct=False, sort_order=1)
    quiz = publish(
        course.add_child(
            instance=QuizPage(
                title="Kiểm tra", slug="kiem-tra", slots=[QuizSlot(question=question)]
            )
        )
    )
    centre = Centre.objects.create(site=site, name="Trung tâm", issuing_authority="Huyện uỷ")
    today = timezone.localdate()
    training_class = TrainingClass.objects.create(
        centre=centre,
        course=course,
        year=today.year,
        status=TrainingClass.Status.OPEN,
        venue_kind=TrainingClass.Venue.CENTRE,
        study_opens=today - timedelta(days=1),
        study_closes=today + timedelta(days=30),
    )
    user = get_user_model().objects.create_user("hocvien", password="mat-khau-hoc-vien-1930")
    user.groups.add(Group.objects.get(name=LEARNERS))
    learner = LearnerProfile.objects.create(user=user, full_name="Nguyễn Văn An")
    Enrolment.objects.create(training_class=training_class, learner=learner)
    return user, lesson, quiz, question, right


def prepare() -> None:
    from django.test import Client

    user, lesson, quiz, question, right = build()
    client = Client()
    outsider = client.get(lesson.url)
    if outsider.status_code != 302:  # a catalogue course: anonymous visitors log in
        fail(f"anonymous GET {lesson.url}: {outsider.status_code}, expected a redirect")
    client.force_login(user)
    for how in ("found by Wagtail", "from the route cache"):
        response = client.get(lesson.url)
        if response.status_code != 200 or LESSON_TEXT not in response.content.decode():
            fail(
                f"GET {lesson.url} ({how}): {response.status_code}, lesson text shown: "
                f"{LESSON_TEXT in response.content.decode()}"
            )
        print(f"lesson served ({how}): GET {lesson.url} 200 with its text")
    started = client.post(quiz.url)
    if started.status_code != 302:
        fail(f"POST {quiz.url} (start): {started.status_code}")
    attempt_url = started["Location"]
    answered = client.post(
        attempt_url, {"page": "1", f"q-{question.pk}": [str(right.pk)], "action": "finish"}
    )
    if answered.status_code != 302 or "submit" not in answered["Location"]:
        fail(f"POST {attempt_url} (answer): {answered.status_code}")
    submitted = client.post(answered["Location"])
    if submitted.status_code != 302:
        fail(f"POST {answered['Location']} (submit): {submitted.status_code}")
    from quizzes.models import Attempt

    attempt = Attempt.objects.get(user=user)
    if attempt.state != Attempt.State.SUBMITTED:
        fail(f"the attempt is {attempt.state} after submitting, expected submitted")
    print(f"attempt {attempt.pk} submitted in context {attempt.context!r}; waiting for a worker")


def wait_graded(timeout: float) -> None:
    from quizzes.models import Attempt

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        attempt = Attempt.objects.get()
        if attempt.state == Attempt.State.GRADED:
            if attempt.score is None or attempt.score <= 0:
                fail(f"graded with score {attempt.score}, expected full marks")
            print(f"graded by the cluster: score {attempt.score}")
            return
        time.sleep(0.5)
    fail(f"not graded after {timeout:.0f} s (state {attempt.state})")


if __name__ == "__main__":
    setup()
    if sys.argv[1:2] == ["prepare"]:
        prepare()
    elif sys.argv[1:2] == ["wait-graded"]:
        wait_graded(float(sys.argv[2]) if len(sys.argv) > 2 else 120)
    else:
        fail(__doc__)
