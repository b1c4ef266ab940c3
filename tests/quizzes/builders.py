"""Question banks and quizzes for the quizzes tests, built with Wagtail's tree API.

``quizzes`` knows nothing of the lessons app: a category's course is any page. The tests
use the lessons course page, as a real site would."""

from datetime import datetime
from decimal import Decimal
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from quizzes.models import (
    AcceptedAnswer,
    Option,
    Question,
    QuestionCategory,
    QuizPage,
    QuizSlot,
)

# A fixed moment the tests pass as ``now``: the server's clock, under the tests' control.
T0 = timezone.make_aware(datetime(2026, 3, 2, 8, 0))

_slugs = count(1)


def category(course, name="Chương 1", parent=None):
    return QuestionCategory.objects.create(course=course, name=name, parent=parent)


def choice(category, stem, options, *, kind=Question.Kind.SINGLE, points=1, feedback=""):
    """options: [(text, is_correct) or (text, is_correct, feedback)]."""
    question = Question.objects.create(
        category=category, kind=kind, stem=stem, points=Decimal(points), general_feedback=feedback
    )
    for order, option in enumerate(options):
        text, correct, *rest = option
        Option.objects.create(
            question=question,
            text=f"<p>{text}</p>",
            is_correct=correct,
            feedback=rest[0] if rest else "",
            sort_order=order,
        )
    return question


def single(category, stem="<p>Đảng Cộng sản Việt Nam ra đời năm nào?</p>", **kwargs):
    options = kwargs.pop("options", [("1930", True), ("1945", False), ("1954", False)])
    return choice(category, stem, options, **kwargs)


def multiple(category, stem="<p>Những năm nào?</p>", **kwargs):
    options = kwargs.pop("options", [("Một", True), ("Hai", True), ("Ba", False), ("Bốn", False)])
    return choice(category, stem, options, kind=Question.Kind.MULTIPLE, **kwargs)


def true_false(category, stem="<p>Đảng ra đời năm 1930.</p>", answer=True, **kwargs):
    return choice(
        category,
        stem,
        [("Đúng", answer), ("Sai", not answer)],
        kind=Question.Kind.TRUE_FALSE,
        **kwargs,
    )


def short(category, stem="<p>Ai sáng lập Đảng?</p>", accepted=("Hồ Chí Minh",), **kwargs):
    diacritics = kwargs.pop("diacritics_matter", False)
    question = Question.objects.create(
        category=category,
        kind=Question.Kind.SHORT,
        stem=stem,
        points=Decimal(kwargs.pop("points", 1)),
        diacritics_matter=diacritics,
        **kwargs,
    )
    for order, text in enumerate(accepted):
        AcceptedAnswer.objects.create(question=question, text=text, sort_order=order)
    return question


def essay(category, stem="<p>Bài thu hoạch: bạn rút ra điều gì?</p>", points=10, **kwargs):
    return Question.objects.create(
        category=category, kind=Question.Kind.ESSAY, stem=stem, points=Decimal(points), **kwargs
    )


def quiz(parent, *, questions=(), draws=(), live=True, **fields) -> QuizPage:
    """A published quiz under ``parent``: fixed ``questions`` first, then ``draws``
    [(category, count) or (category, count, include_subcategories)]."""
    slots = [QuizSlot(question=question) for question in questions]
    for draw in draws:
        source, number, *sub = draw
        slots.append(
            QuizSlot(category=source, count=number, include_subcategories=bool(sub and sub[0]))
        )
    number = next(_slugs)
    fields.setdefault("shuffle_options", False)
    page = parent.add_child(
        instance=QuizPage(
            title=f"Kiểm tra {number}", slug=f"kiem-tra-{number}", slots=slots, **fields
        )
    )
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    else:
        QuizPage.objects.filter(pk=page.pk).update(live=False)
        page.refresh_from_db()
    return page


def user(username):
    return get_user_model().objects.create_user(username, password="mat-khau-" + username)
