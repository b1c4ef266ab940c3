"""Quiz reports: per-question statistics checked against hand-computed values, the
attempts report with its spreadsheet export, and who may read them."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from quizzes.statistics import question_statistics

from . import builders as b
from .test_grading import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(course, bank):
    """Four learners, three one-point questions: 3/3, 2/3, 1/3 and 0/3."""
    questions = [b.single(bank, stem=f"<p>Câu {n}</p>") for n in (1, 2, 3)]
    quiz = b.quiz(course, questions=questions)
    right = {q: [q.options.get(is_correct=True).pk] for q in questions}
    wrong = {q: [q.options.filter(is_correct=False).first().pk] for q in questions}
    q1, q2, q3 = questions
    pattern = {
        "an": (right[q1], right[q2], right[q3]),
        "binh": (right[q1], right[q2], wrong[q3]),
        "cuong": (right[q1], wrong[q2], wrong[q3]),
        "dung": (wrong[q1], wrong[q2], wrong[q3]),
    }
    for name, answers in pattern.items():
        take(quiz, b.user(name), dict(zip(questions, answers, strict=True)))
    return quiz, questions


def test_facility_and_discrimination_match_the_hand_computed_values(results):
    quiz, (q1, q2, q3) = results
    stats = {s.question_id: s for s in question_statistics(quiz.attempts.all())}
    assert [stats[q.pk].facility_percent for q in (q1, q2, q3)] == [75.0, 50.0, 25.0]
    assert all(stats[q.pk].answered == 4 for q in (q1, q2, q3))
    # q1: shares [1, 1, 1, 0] against the rest [1, .5, 0, 0]: r = .375 / sqrt(.75 * .6875)
    assert stats[q1.pk].discrimination_rounded == 0.52
    # q3: [1, 0, 0, 0] against [1, 1, .5, 0]: r = .375 / sqrt(.75 * .6875) as well
    assert stats[q3.pk].discrimination_rounded == 0.52
    # q2: [1, 1, 0, 0] against [1, .5, .5, 0]: r = .5 / sqrt(1 * .5) = .71
    assert stats[q2.pk].discrimination_rounded == 0.71


def test_a_question_everyone_answered_the_same_has_no_discrimination(course, bank):
    question = b.single(bank)
    quiz = b.quiz(course, questions=[question])
    for name in ("an", "binh"):
        take(quiz, b.user(name), {question: [question.options.get(is_correct=True).pk]})
    (stats,) = question_statistics(quiz.attempts.all())
    assert stats.facility_percent == 100.0 and stats.discrimination is None


def test_reports_list_attempts_and_export_them(client, admin_user, results):
    quiz, _questions = results
    client.force_login(admin_user)
    listing = client.get(reverse("quizzes_reports:index"))
    assert listing.status_code == 200 and quiz.title in listing.content.decode()
    page = client.get(reverse("quizzes_reports:attempts", args=[quiz.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "binh" in html and ("3,33" in html or "3.33" in html)
    export = client.get(reverse("quizzes_reports:attempts", args=[quiz.pk]) + "?export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 5
    grades = sorted(float(row[-1]) for row in rows[1:])
    assert grades == [0.0, 3.33, 6.67, 10.0]
    stats = client.get(reverse("quizzes_reports:questions", args=[quiz.pk]) + "?export=csv")
    text = b"".join(stats.streaming_content).decode()
    assert "75.0" in text and "0.52" in text


def test_reports_need_the_graders_permission(client, django_user_model, results):
    from django.contrib.auth.models import Permission

    quiz, _questions = results
    clerk = django_user_model.objects.create_user("clerk", password="x")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    for url in (
        reverse("quizzes_reports:index"),
        reverse("quizzes_reports:attempts", args=[quiz.pk]),
        reverse("quizzes_reports:questions", args=[quiz.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
