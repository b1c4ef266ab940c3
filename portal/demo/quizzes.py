"""Demo quizzes for the Party awareness course: a question bank of one category per
pair of lessons, a quiz drawing 10 random questions from each category, and the final
reflection essay. Running it again changes nothing."""

from decimal import Decimal

from lessons.models import LessonPage
from quizzes.models import (
    AcceptedAnswer,
    GradingMethod,
    Option,
    Question,
    QuestionCategory,
    QuizPage,
    QuizSlot,
)

from .quiz_content import GROUP_QUIZ_DRAW, GROUPS, REFLECTION


def seed_quizzes(course, out) -> None:
    for group in GROUPS:
        category = _category(course, group["name"], group["description"])
        created = sum(_question(category, data) for data in group["questions"])
        if created:
            out.write(f"  + {created} questions in the bank: {category}")
        available = category.questions.count()
        _quiz(
            course,
            slug=group["quiz_slug"],
            title=group["quiz_title"],
            after=group["after_lesson"],
            out=out,
            intro=(
                f"<p>{group['name']}: {min(GROUP_QUIZ_DRAW, available)} câu hỏi chọn ngẫu "
                "nhiên, làm trong 15 phút, được làm 2 lần, lấy điểm cao nhất.</p>"
            ),
            slots=[QuizSlot(category=category, count=min(GROUP_QUIZ_DRAW, available))],
            time_limit_minutes=15,
            max_attempts=2,
            grading_method=GradingMethod.HIGHEST,
            pass_mark=Decimal(5),
        )
    reflection = _category(course, REFLECTION["category"], REFLECTION["description"])
    essay = reflection.questions.filter(kind=Question.Kind.ESSAY).first()
    if essay is None:
        essay = Question.objects.create(
            category=reflection,
            kind=Question.Kind.ESSAY,
            name=REFLECTION["quiz_title"],
            stem=REFLECTION["stem"],
            points=Decimal(REFLECTION["points"]),
            general_feedback=REFLECTION["rubric"],
        )
    _quiz(
        course,
        slug=REFLECTION["quiz_slug"],
        title=REFLECTION["quiz_title"],
        after=None,
        out=out,
        intro=REFLECTION["intro"],
        slots=[QuizSlot(question=essay)],
        time_limit_minutes=None,
        max_attempts=1,
        grading_method=GradingMethod.HIGHEST,
        pass_mark=Decimal(5),
    )


def _category(course, name, description) -> QuestionCategory:
    category, _ = QuestionCategory.objects.get_or_create(
        course=course, parent=None, name=name, defaults={"description": description}
    )
    return category


def _question(category, data) -> bool:
    """Create the question unless the category already has one with this stem."""
    stem = f"<p>{data['stem']}</p>"
    if category.questions.filter(stem=stem).exists():
        return False
    question = Question.objects.create(
        category=category,
        kind=data["kind"],
        stem=stem,
        points=Decimal(1),
        general_feedback=f"<p>{data['feedback']}</p>" if data.get("feedback") else "",
    )
    for order, (text, correct, *feedback) in enumerate(data.get("options", [])):
        Option.objects.create(
            question=question,
            text=f"<p>{text}</p>",
            is_correct=correct,
            feedback=f"<p>{feedback[0]}</p>" if feedback else "",
            sort_order=order,
        )
    for order, text in enumerate(data.get("accepted", [])):
        AcceptedAnswer.objects.create(question=question, text=text, sort_order=order)
    return True


def _quiz(course, *, slug, title, after, out, **fields) -> QuizPage:
    existing = QuizPage.objects.child_of(course).filter(slug=slug).first()
    if existing:
        return existing
    quiz = course.add_child(
        instance=QuizPage(
            slug=slug, title=title, shuffle_questions=True, shuffle_options=True, **fields
        )
    )
    quiz.save_revision().publish()
    # In the course's tree, each group quiz follows the last lesson of its group.
    lesson = LessonPage.objects.child_of(course).filter(slug=after).first() if after else None
    if lesson is not None:
        quiz.move(lesson, pos="right")
    out.write(f"  + quiz: {title}")
    return quiz
