"""The quizzes screens of the Wagtail admin, through the test client: the question bank
with its answer-key check, the regrade offer after a key change, the essay queue and its
grading screen, who may open them, and constant queries on the queue."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from quizzes import attempts, grading
from quizzes.admin.views import waiting_answers
from quizzes.models import Attempt, GradeChange, Option, Question, QuestionCategory

from . import builders as b
from .builders import T0

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin's messages are read in English (the source language)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def superuser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


@pytest.fixture
def outsider(django_user_model):
    """May open the admin, holds no quizzes permission."""
    user = django_user_model.objects.create_user("ngoai", password="mat-khau-ngoai")
    group = Group.objects.create(name="Chỉ vào quản trị")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def question_data(category, *, kind=Kind.SINGLE, stem="<p>Năm nào?</p>", options=(), accepted=()):
    """The question form's POST: options [(id or None, text, correct)], accepted [text]."""
    return nested_form_data(
        {
            "category": category.pk,
            "kind": kind,
            "points": "1",
            "name": "",
            "stem": rich_text(stem),
            "general_feedback": rich_text(""),
            "diacritics_matter": "",
            "options": inline_formset(
                [
                    {
                        **({"id": pk} if pk else {}),
                        "text": rich_text(f"<p>{text}</p>"),
                        "is_correct": "on" if correct else "",
                        "feedback": rich_text(""),
                    }
                    for pk, text, correct in options
                ],
                initial=sum(1 for pk, _text, _correct in options if pk),
            ),
            "accepted_answers": inline_formset([{"text": text} for text in accepted], initial=0),
        }
    )


def take(quiz, user, question, *, choice=None, text=None):
    """Start, answer, submit and grade what the server grades; the attempt, reloaded."""
    attempt = attempts.start_attempt(quiz, user, "", now=T0)
    if text is not None:
        attempts.save_answer(attempt, question.pk, text=text, now=T0)
    else:
        attempts.save_answer(attempt, question.pk, [choice], now=T0)
    attempts.submit(attempt, now=T0)
    grading.grade_submitted(attempt.pk)
    attempt.refresh_from_db()
    return attempt


# --- The question bank ------------------------------------------------------------------


def test_superuser_creates_a_category_and_a_single_choice_question(client, superuser, course):
    response = client.post(
        reverse("quizzes_categories:add"),
        {"course": course.pk, "parent": "", "name": "Chương 1", "description": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    category = QuestionCategory.objects.get(name="Chương 1", course=course)

    data = question_data(
        category, options=[(None, "1930", True), (None, "1945", False), (None, "1954", False)]
    )
    response = client.post(reverse("quizzes_questions:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    question = Question.objects.get()
    assert question.kind == Kind.SINGLE and question.name == "Năm nào?"
    assert [(str(o), o.is_correct) for o in question.options.order_by("sort_order")] == [
        ("1930", True),
        ("1945", False),
        ("1954", False),
    ]
    assert question.key_problems() == []

    listing = client.get(reverse("quizzes_questions:index"), {"kind": Kind.SINGLE})
    assert "Năm nào?" in listing.content.decode()
    assert (
        "Năm nào?"
        not in client.get(reverse("quizzes_questions:index"), {"kind": Kind.ESSAY}).content.decode()
    )
    found = client.get(reverse("quizzes_questions:index"), {"q": "năm", "category": category.pk})
    assert "Năm nào?" in found.content.decode()


@pytest.mark.parametrize(
    ("kind", "options", "accepted", "message"),
    [
        (
            Kind.SINGLE,
            [(None, "1930", True), (None, "1945", True)],
            (),
            "Mark exactly one option as correct.",
        ),
        (
            Kind.SINGLE,
            [(None, "1930", False), (None, "1945", False)],
            (),
            "Mark exactly one option as correct.",
        ),
        (Kind.SHORT, [], (), "Give at least one accepted answer."),
    ],
)
def test_an_inconsistent_key_is_refused_and_nothing_is_saved(
    client, superuser, bank, kind, options, accepted, message
):
    response = client.post(
        reverse("quizzes_questions:add"),
        question_data(bank, kind=kind, options=options, accepted=accepted),
    )
    assert response.status_code == 200
    errors = [str(error) for error in response.context["form"].non_field_errors()]
    assert any(message in error for error in errors), errors
    assert any(message in text for text in messages_of(response))
    assert not Question.objects.exists() and not Option.objects.exists()


def test_a_short_answer_question_with_an_accepted_answer_is_saved(client, superuser, bank):
    response = client.post(
        reverse("quizzes_questions:add"),
        question_data(bank, kind=Kind.SHORT, stem="<p>Ai?</p>", accepted=["Hồ Chí Minh"]),
    )
    assert response.status_code == 302
    assert list(Question.objects.get().accepted_answers.values_list("text", flat=True)) == [
        "Hồ Chí Minh"
    ]


def test_a_user_without_permission_opens_none_of_the_screens(client, outsider, bank):
    question = b.single(bank)
    client.force_login(outsider)
    for name, args in [
        ("quizzes_questions:index", []),
        ("quizzes_questions:add", []),
        ("quizzes_questions:edit", [question.pk]),
        ("quizzes_questions:regrade", [question.pk]),
        ("quizzes_categories:index", []),
        ("quizzes_grading:index", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"] == reverse("wagtailadmin_home"), name
    response = client.post(reverse("quizzes_questions:add"), question_data(bank))
    assert response.status_code == 302 and Question.objects.count() == 1
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("quizzes_grading:index") not in home


# --- Regrading after a key change --------------------------------------------------------


def test_a_key_change_with_attempts_offers_a_regrade_that_changes_the_grade(
    client, superuser, course, bank, learner, django_capture_on_commit_callbacks
):
    question = b.single(bank)  # 1930 marked correct
    quiz = b.quiz(course, questions=[question])
    right, wrong, third = question.options.order_by("sort_order")
    attempt = take(quiz, learner, question, choice=wrong.pk)
    assert attempt.state == Attempt.State.GRADED and attempt.score == 0

    edit = reverse("quizzes_questions:edit", args=[question.pk])
    # A change that leaves the key alone: back to the listing, no offer.
    same = [(right.pk, "1930", True), (wrong.pk, "1945", False), (third.pk, "1954", False)]
    response = client.post(edit, question_data(bank, stem="<p>Năm nào nhỉ?</p>", options=same))
    assert response["Location"] == reverse("quizzes_questions:index")

    # The key says 1945 now: the editor is offered a regrade of the one attempt.
    changed = [(right.pk, "1930", False), (wrong.pk, "1945", True), (third.pk, "1954", False)]
    response = client.post(edit, question_data(bank, options=changed))
    regrade = reverse("quizzes_questions:regrade", args=[question.pk])
    assert response["Location"] == regrade
    page = client.get(regrade)
    assert "Regrade 1 attempt?" in page.content.decode()
    attempt.refresh_from_db()
    assert attempt.score == 0  # nothing changes until the editor confirms

    # The regrade task is queued once the request commits.
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(regrade, {"reason": "Đáp án đúng là 1945."})
    assert response["Location"] == edit and queued
    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")
    change = GradeChange.objects.get(attempt=attempt, answer__isnull=True)
    assert (change.old, change.new) == (Decimal("0.00"), Decimal("10.00"))
    assert change.changed_by == superuser and change.reason == "Đáp án đúng là 1945."
    assert GradeChange.objects.filter(answer__isnull=False, changed_by=superuser).count() == 1


# --- Essays graded by hand ---------------------------------------------------------------


@pytest.fixture
def essay_quiz(course, bank):
    question = b.essay(bank, points=4, general_feedback="<p>Nêu được ba ý: 4 điểm.</p>")
    return b.quiz(course, questions=[question]), question


def test_the_queue_lists_a_waiting_essay_and_grading_it_completes_the_attempt(
    client, superuser, essay_quiz, learner
):
    quiz, question = essay_quiz
    learner.first_name, learner.last_name = "An", "Nguyễn Văn"
    learner.save()
    attempt = take(quiz, learner, question, text="Em rút ra ba điều.")
    assert attempt.state == Attempt.State.SUBMITTED
    answer = attempt.questions.get().answer

    queue = client.get(reverse("quizzes_grading:index")).content.decode()
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    assert grade_url in queue and quiz.title in queue and "An Nguyễn Văn" in queue

    screen = client.get(grade_url).content.decode()
    assert "Em rút ra ba điều." in screen and "Nêu được ba ý: 4 điểm." in screen

    # 7.5 on the 10-point scale is 3 of the question's 4 points.
    response = client.post(
        grade_url, {"grade": "7,5", "scale": "ten", "feedback": "Tốt.", "reason": ""}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.points == Decimal("3.00") and answer.feedback == "Tốt."
    assert answer.graded_by == superuser
    assert attempt.state == Attempt.State.GRADED and attempt.score == Decimal("7.50")
    assert grade_url not in client.get(reverse("quizzes_grading:index")).content.decode()


def test_changing_a_grade_needs_a_reason(client, superuser, essay_quiz, learner):
    quiz, question = essay_quiz
    attempt = take(quiz, learner, question, text="Bài làm.")
    answer = attempt.questions.get().answer
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    client.post(grade_url, {"grade": "2", "scale": "points", "feedback": ""})

    response = client.post(grade_url, {"grade": "4", "scale": "points", "feedback": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [
        "Say why the grade changes: the change is recorded with its reason."
    ]
    answer.refresh_from_db()
    assert answer.points == Decimal("2.00")

    response = client.post(
        grade_url, {"grade": "4", "scale": "points", "feedback": "", "reason": "Chấm lại."}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")
    last = GradeChange.objects.filter(answer=answer).latest("pk")
    assert (last.old, last.new, last.reason) == (Decimal("2.00"), Decimal("4.00"), "Chấm lại.")


def test_points_outside_the_scale_are_refused(client, superuser, essay_quiz, learner):
    quiz, question = essay_quiz
    answer = take(quiz, learner, question, text="Bài làm.").questions.get().answer
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    for data in [
        {"grade": "5", "scale": "points"},
        {"grade": "11", "scale": "ten"},
        {"grade": "nhiều", "scale": "points"},
    ]:
        response = client.post(grade_url, data)
        assert response.status_code == 400, data
        assert response.context["form"].errors["grade"], data
    answer.refresh_from_db()
    assert answer.points is None


def test_a_user_without_permission_cannot_grade(client, outsider, essay_quiz, learner):
    quiz, question = essay_quiz
    answer = take(quiz, learner, question, text="Bài làm.").questions.get().answer
    client.force_login(outsider)
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    assert client.get(grade_url)["Location"] == reverse("wagtailadmin_home")
    response = client.post(grade_url, {"grade": "4", "scale": "points"})
    assert response["Location"] == reverse("wagtailadmin_home")
    answer.refresh_from_db()
    assert answer.points is None


def queue_queries(client, quiz, question, learners) -> tuple[int, int]:
    for person in learners:
        take(quiz, person, question, text=f"Bài của {person.username}.")
    client.get(reverse("quizzes_grading:index"))  # warm the caches of the admin's frame
    with CaptureQueriesContext(connection) as page:
        response = client.get(reverse("quizzes_grading:index"))
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as own:
        list(waiting_answers()[:50])
    return len(page), len(own)


def test_the_queue_runs_a_constant_number_of_queries(client, superuser, essay_quiz):
    quiz, question = essay_quiz
    learners = [b.user(f"hv{n}") for n in range(50)]
    five = queue_queries(client, quiz, question, learners[:5])
    fifty = queue_queries(client, quiz, question, learners[5:])
    assert waiting_answers().count() == 50
    assert five == fifty
    # The page: the admin's frame (session, user, profile, locales, the explorer's two
    # pages) and the queue's count and list, which is one query.
    assert fifty == (8, 1)


def test_a_grader_with_change_answer_opens_the_queue_but_not_the_bank(
    client, django_user_model, essay_quiz, learner
):
    quiz, question = essay_quiz
    answer = take(quiz, learner, question, text="Bài làm.").questions.get().answer
    grader = django_user_model.objects.create_user("chamthi", password="mat-khau-cham")
    group = Group.objects.create(name="Chấm bài")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_answer", content_type__app_label="quizzes"),
    )
    grader.groups.add(group)
    client.force_login(grader)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("quizzes_grading:index") in home
    assert reverse("quizzes_questions:index") not in home
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    assert grade_url in client.get(reverse("quizzes_grading:index")).content.decode()
    assert client.post(grade_url, {"grade": "4", "scale": "points"}).status_code == 302
    assert client.get(reverse("quizzes_questions:index")).status_code == 302


def test_the_bank_screens_render(client, superuser, bank):
    question = b.single(bank)
    essay = b.essay(bank)
    for url in [
        reverse("quizzes_questions:index"),
        reverse("quizzes_questions:add"),
        reverse("quizzes_questions:edit", args=[question.pk]),
        reverse("quizzes_questions:edit", args=[essay.pk]),
        reverse("quizzes_categories:index"),
        reverse("quizzes_categories:add"),
        reverse("quizzes_categories:edit", args=[bank.pk]),
        reverse("quizzes_grading:index"),
    ]:
        assert client.get(url).status_code == 200, url
    # The edit page of an automatically graded question offers a regrade at any time;
    # without submitted attempts there is nothing to regrade: back to the question.
    regrade = reverse("quizzes_questions:regrade", args=[question.pk])
    edit = client.get(reverse("quizzes_questions:edit", args=[question.pk])).content.decode()
    assert regrade in edit
    assert (
        "/regrade/"
        not in client.get(reverse("quizzes_questions:edit", args=[essay.pk])).content.decode()
    )
    response = client.get(reverse("quizzes_questions:regrade", args=[question.pk]))
    assert response["Location"] == reverse("quizzes_questions:edit", args=[question.pk])


def test_in_vietnamese_the_menu_is_bai_kiem_tra_and_grades_take_a_decimal_comma(
    client, superuser, settings, essay_quiz, learner
):
    settings.LANGUAGE_CODE = "vi"
    quiz, question = essay_quiz
    answer = take(quiz, learner, question, text="Bài làm.").questions.get().answer
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Bài kiểm tra") in home  # in the sidebar's JSON
    grade_url = reverse("quizzes_grading:grade", args=[answer.pk])
    response = client.post(grade_url, {"grade": "2,5", "scale": "points"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.points == Decimal("2.50")
    form = client.get(grade_url).context["form"]
    assert form["grade"].value() == "2,5"
