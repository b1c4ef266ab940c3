"""What a learner may see of a finished attempt, as the quiz's review options allow.

The grade is shown as soon as the attempt is graded. The rest (the learner's answers,
whether each is right, the feedback, the right answers) follows the quiz's review
options, immediately after the attempt or once the quiz has closed for the learner.
"""

from typing import Any

from django.utils import timezone

from .models import Attempt, Option, ReviewWhen


def review_available(attempt: Attempt, now=None) -> bool:
    if attempt.state not in Attempt.FINISHED:
        return False
    quiz = attempt.quiz
    if quiz.review_when == ReviewWhen.IMMEDIATELY:
        return True
    closes_at = quiz.rules_for(attempt.user, attempt.context).closes_at
    return closes_at is not None and (now or timezone.now()) >= closes_at


def _result(points, possible) -> str:
    if points is None:
        return "pending"
    if points >= possible:
        return "correct"
    return "partial" if points > 0 else "wrong"


def review_payload(attempt: Attempt, now=None) -> dict:
    """The result page's content. Before submission it holds the state alone."""
    quiz = attempt.quiz
    graded = attempt.state == Attempt.State.GRADED
    payload: dict[str, Any] = {
        "id": attempt.pk,
        "number": attempt.number,
        "state": str(attempt.state),
        "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
        "score": str(attempt.score) if graded else None,
        "passed": quiz.is_pass(attempt.score) if graded else None,
        "review": review_available(attempt, now),
        "questions": [],
    }
    if not payload["review"]:
        return payload
    rows = list(
        attempt.questions.select_related("question", "answer")
        .prefetch_related("question__accepted_answers")
        .order_by("position")
    )
    options = {
        option.pk: option
        for option in Option.objects.filter(question_id__in=[row.question_id for row in rows])
    }
    for row in rows:
        question, answer = row.question, row.answer
        chosen = set(answer.choice_ids or [])
        entry = {
            "id": question.pk,
            "position": row.position,
            "kind": question.kind,
            "stem": question.stem,
            "points": str(row.points),
            "comment": answer.feedback,
            "options": [],
        }
        for option_id in row.option_order:
            option = options.get(option_id)
            if option is None:
                continue
            shown = {"id": option.pk, "text": option.text}
            if quiz.review_answers:
                shown["chosen"] = option.pk in chosen
            if quiz.review_right_answers:
                shown["is_correct"] = option.is_correct
            if quiz.review_feedback and option.pk in chosen and option.feedback:
                shown["feedback"] = option.feedback
            entry["options"].append(shown)
        if quiz.review_answers:
            entry["answer"] = {"choice_ids": list(answer.choice_ids or []), "text": answer.text}
        if quiz.review_correctness:
            entry["points_awarded"] = None if answer.points is None else str(answer.points)
            entry["result"] = _result(answer.points, row.points)
        if quiz.review_feedback:
            entry["general_feedback"] = question.general_feedback
        if quiz.review_right_answers:
            entry["accepted_answers"] = [item.text for item in question.accepted_answers.all()]
        payload["questions"].append(entry)
    return payload
