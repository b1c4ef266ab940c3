"""Grading: automatic for choice and short-answer questions, by a person for essays.

Grades are on the 10-point scale, rounded to 2 decimals: an attempt's grade is
10 x (points awarded / points possible). An attempt becomes graded when every answer
has points; the quiz's grade for a learner in a context then follows the quiz's grading
method (final_grade). Every grade a person gives or changes, and every change a regrade
makes, is recorded as a GradeChange (who, when, old, new, why).

The grading task (quizzes.tasks.grade_attempt) may run twice or be killed halfway: it
works under a lock on the attempt, in one transaction, only on a submitted attempt, and
only on answers without points, so the database ends with one grade and
``attempt_graded`` is sent once.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, Exists, OuterRef, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_noop, override

from . import errors
from .background import enqueue_on_commit
from .models import Answer, Attempt, GradeChange, GradingMethod, Question
from .signals import attempt_graded
from .text import normalise

CENT = Decimal("0.01")
SCALE = Decimal(10)
GRADE_TASK = "quizzes.tasks.grade_attempt"


# Recorded in the default language: grade changes are an audit trail, not a page.
REGRADE_REASON = gettext_noop("Graded again after the answer key changed.")


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def on_ten(points, max_points) -> Decimal:
    """Points as a grade on the 10-point scale."""
    max_points = Decimal(max_points)
    if max_points <= 0:
        return Decimal("0.00")
    return cents(SCALE * Decimal(points) / max_points)


def enqueue_grading(attempt_id: int) -> None:
    """Queue the grading task once the submission commits. Should the broker be
    unreachable, the submission still stands and the sweep grades the attempt."""
    enqueue_on_commit(GRADE_TASK, attempt_id, group="quizzes.grading")


# --- Points for one answer -----------------------------------------------------------


def choice_share(kind: str, chosen, correct: set, wrong: set) -> Fraction:
    """The share of a choice question's points an answer earns, from 0 to 1.

    Single choice and true/false: all for the correct option alone, else nothing.
    Multiple choice: each correct option chosen earns 1/(number of correct options),
    each wrong option chosen removes 1/(number of wrong options); never below 0."""
    chosen = set(chosen) & (correct | wrong)
    if kind != Question.Kind.MULTIPLE:
        return Fraction(1) if len(chosen) == 1 and chosen <= correct else Fraction(0)
    if not correct:
        return Fraction(0 if chosen else 1)
    share = Fraction(len(chosen & correct), len(correct))
    if wrong:
        share -= Fraction(len(chosen & wrong), len(wrong))
    return max(Fraction(0), share)


def short_answer_matches(text: str, accepted, *, diacritics_matter: bool) -> bool:
    given = normalise(text, diacritics_matter=diacritics_matter)
    return bool(given) and any(
        given == normalise(answer, diacritics_matter=diacritics_matter) for answer in accepted
    )


def automatic_points(answer: Answer) -> Decimal | None:
    """The points the answer key gives this answer; None when a person must grade it
    (an essay with something written; an empty essay earns 0 without waiting)."""
    row = answer.attempt_question
    question = row.question
    points = Decimal(row.points)
    if question.takes_choices:
        options = list(question.options.all())
        correct = {option.pk for option in options if option.is_correct}
        wrong = {option.pk for option in options if not option.is_correct}
        share = choice_share(question.kind, answer.choice_ids or [], correct, wrong)
        return cents(points * share.numerator / share.denominator)
    if question.kind == Question.Kind.SHORT:
        accepted = [item.text for item in question.accepted_answers.all()]
        matched = short_answer_matches(
            answer.text, accepted, diacritics_matter=question.diacritics_matter
        )
        return cents(points if matched else 0)
    if not answer.text.strip():
        return Decimal("0.00")
    return None


def _answers_with_keys(queryset):
    return queryset.select_related("attempt_question__question").prefetch_related(
        "attempt_question__question__options", "attempt_question__question__accepted_answers"
    )


# --- The attempt's grade ---------------------------------------------------------------


def _totals(attempt: Attempt) -> tuple[int, Decimal]:
    totals = Answer.objects.filter(attempt_question__attempt=attempt).aggregate(
        pending=Count("pk", filter=Q(points__isnull=True)), awarded=Sum("points")
    )
    return totals["pending"], totals["awarded"] or Decimal(0)


def _send_graded(attempt_id: int, *, regraded: bool) -> None:
    transaction.on_commit(lambda: announce(attempt_id, regraded=regraded), robust=True)


def announce(attempt_id: int, *, regraded: bool | None = None, now=None) -> bool:
    """Send ``attempt_graded`` for the attempt's current grade, then mark the grade
    announced. Called after grading commits, and by the sweep for a grade whose
    announcement was lost (a worker killed between the two): receivers are idempotent
    (a notice per attempt and grading moment), so announcing twice tells once. If a
    receiver fails, the grade stays unannounced and the sweep tries again."""
    attempt = (
        Attempt.objects.select_related("quiz")
        .filter(pk=attempt_id, state=Attempt.State.GRADED)
        .first()
    )
    if attempt is None:
        return False
    if regraded is None:  # the sweep: a grade recomputed leaves an attempt-level change
        regraded = GradeChange.objects.filter(attempt=attempt, answer__isnull=True).exists()
    attempt_graded.send(sender=Attempt, attempt=attempt, regraded=regraded)
    Attempt.objects.filter(pk=attempt_id, graded_at=attempt.graded_at).update(
        announced_at=now or timezone.now()
    )
    return True


def ungraded(cutoff):
    """Submitted attempts, handed in before ``cutoff``, that still have an answer the
    server can grade: their grading task was lost (an essay waiting for a person does
    not count). One query; the sweep grades them."""
    automatic_pending = (
        Answer.objects.filter(attempt_question__attempt=OuterRef("pk"), points__isnull=True)
        .exclude(attempt_question__question__kind=Question.Kind.ESSAY, text__regex=r"\S")
        .values("pk")
    )
    return Attempt.objects.filter(state=Attempt.State.SUBMITTED, submitted_at__lt=cutoff).filter(
        Exists(automatic_pending)
    )


def unannounced(cutoff):
    """Graded attempts whose grade (given before ``cutoff``) was never announced."""
    return Attempt.objects.filter(
        state=Attempt.State.GRADED, announced_at__isnull=True, graded_at__lt=cutoff
    )


def _complete(attempt: Attempt, now) -> bool:
    """submitted -> graded once every answer has points; True if this call did it."""
    pending, awarded = _totals(attempt)
    if pending:
        return False
    score = on_ten(awarded, attempt.max_points)
    changed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.SUBMITTED).update(
        state=Attempt.State.GRADED, graded_at=now, points=awarded, score=score, announced_at=None
    )
    if changed:
        attempt.state, attempt.graded_at = Attempt.State.GRADED, now
        attempt.points, attempt.score = awarded, score
        _send_graded(attempt.pk, regraded=False)
    return bool(changed)


def _rescore(attempt: Attempt, now, *, by=None, reason: str = "") -> bool:
    """Recompute a graded attempt's grade after one of its answers changed; the change
    is recorded and announced. True if the grade changed."""
    _pending, awarded = _totals(attempt)
    score = on_ten(awarded, attempt.max_points)
    if score == attempt.score and awarded == attempt.points:
        return False
    GradeChange.objects.create(
        attempt=attempt,
        changed_by=by,
        changed_at=now,
        old=attempt.score,
        new=score,
        reason=reason,
    )
    Attempt.objects.filter(pk=attempt.pk).update(
        points=awarded, score=score, graded_at=now, announced_at=None
    )
    attempt.points, attempt.score, attempt.graded_at = awarded, score, now
    _send_graded(attempt.pk, regraded=True)
    return True


def grade_submitted(attempt_id: int, now=None) -> bool:
    """Grade what the server can grade in a submitted attempt; if nothing waits for a
    person, the attempt becomes graded. True if this run made it graded.

    The points are worked out before the write transaction starts (the answers of a
    submitted attempt no longer change), so the transaction only writes: on SQLite a write
    transaction holds the whole database, and the cluster's other writers wait for it.

    Idempotent: a graded, abandoned or unknown attempt is left alone, answers that have
    points keep them, and a run killed halfway leaves nothing behind (one transaction)."""
    now = now or timezone.now()
    if not Attempt.objects.filter(pk=attempt_id, state=Attempt.State.SUBMITTED).exists():
        return False  # a second delivery of the task, or nothing to grade
    points = {}
    for answer in _answers_with_keys(
        Answer.objects.filter(attempt_question__attempt_id=attempt_id, points__isnull=True)
    ):
        value = automatic_points(answer)
        if value is not None:
            points[answer.pk] = value
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None or attempt.state != Attempt.State.SUBMITTED:
            return False
        if points:
            Answer.objects.filter(pk__in=points, points__isnull=True).update(
                points=Case(
                    *[When(pk=pk, then=Value(value)) for pk, value in points.items()],
                    output_field=Answer._meta.get_field("points"),
                ),
                graded_at=now,
            )
        return _complete(attempt, now)


def _parse_points(points, maximum: Decimal) -> Decimal:
    try:
        value = Decimal(str(points).strip().replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        raise errors.PointsOutOfRange(max=maximum) from None
    if not value.is_finite() or value < 0 or value > maximum:
        raise errors.PointsOutOfRange(max=maximum)
    return cents(value)


def grade_essay(answer: Answer, points, feedback: str = "", by=None, reason: str = "", now=None):
    """A person's grade for an answer: an essay, or an override of an automatic grade.

    ``points`` from 0 to the question's points in this attempt (a comma works as the
    decimal mark). Changing a grade already given needs a ``reason``. Recorded as a
    GradeChange; the attempt becomes graded when nothing else waits, or, if it already
    was, its grade is recomputed. Returns the answer as saved."""
    now = now or timezone.now()
    row = answer.attempt_question
    value = _parse_points(points, Decimal(row.points))
    reason = (reason or "").strip()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=row.attempt_id)
        if attempt.state not in Attempt.FINISHED:
            raise errors.NotSubmitted()
        current = Answer.objects.get(pk=answer.pk)
        old = current.points
        if old is not None and old != value and not reason:
            raise errors.ReasonRequired()
        Answer.objects.filter(pk=answer.pk).update(
            points=value, feedback=feedback or "", graded_by=by, graded_at=now
        )
        if old != value:
            GradeChange.objects.create(
                attempt=attempt,
                answer=current,
                changed_by=by,
                changed_at=now,
                old=old,
                new=value,
                reason=reason,
            )
        if attempt.state == Attempt.State.SUBMITTED:
            _complete(attempt, now)
        elif old != value:
            _rescore(attempt, now, by=by, reason=reason)
    answer.refresh_from_db()
    return answer


def regrade(question: Question, by=None, reason: str = "", now=None) -> int:
    """Grade again, with the question's current answer key, every automatically graded
    answer to it in submitted and graded attempts (a person's grades are kept). Each
    change is recorded; graded attempts get their grade recomputed. Returns the number
    of answers whose points changed."""
    now = now or timezone.now()
    if not question.is_automatic:
        return 0
    if not reason:
        with override(settings.LANGUAGE_CODE):
            reason = gettext_now(REGRADE_REASON)
    changed = 0
    with transaction.atomic():
        answers = _answers_with_keys(
            Answer.objects.filter(
                attempt_question__question=question,
                attempt_question__attempt__state__in=Attempt.FINISHED,
                graded_by__isnull=True,
                points__isnull=False,
            ).order_by("attempt_question__attempt_id")
        )
        touched = set()
        for answer in answers:
            new = automatic_points(answer)
            if new is None or new == answer.points:
                continue
            GradeChange.objects.create(
                attempt_id=answer.attempt_question.attempt_id,
                answer=answer,
                changed_by=by,
                changed_at=now,
                old=answer.points,
                new=new,
                reason=reason,
            )
            Answer.objects.filter(pk=answer.pk).update(points=new, graded_at=now)
            touched.add(answer.attempt_question.attempt_id)
            changed += 1
        for attempt in Attempt.objects.select_for_update().filter(
            pk__in=touched, state=Attempt.State.GRADED
        ):
            _rescore(attempt, now, by=by, reason=reason)
    return changed


# --- The quiz's grade ------------------------------------------------------------------


def _final(method: str, attempts: list[tuple[int, str, Decimal | None]]) -> Decimal | None:
    """attempts: (number, state, score) of the finished attempts, by number."""
    if not attempts:
        return None
    if method in (GradingMethod.FIRST, GradingMethod.LAST):
        _number, state, score = attempts[0] if method == GradingMethod.FIRST else attempts[-1]
        return score if state == Attempt.State.GRADED else None
    if any(state != Attempt.State.GRADED for _number, state, _score in attempts):
        return None  # an attempt still waits for grading: the grade is not settled
    scores = [score for _number, _state, score in attempts if score is not None]
    if method == GradingMethod.AVERAGE:
        return cents(sum(scores) / len(scores))
    return max(scores)


def final_grade_from(method: str, attempts) -> Decimal | None:
    """The grade by ``method`` from finished attempts [(number, state, score)] in number
    order: for a site that fetched the attempts of many quizzes at once."""
    return _final(method, list(attempts))


def final_grade(quiz, user, context: str = "") -> Decimal | None:
    """The learner's grade for the quiz in this context, by the quiz's grading method;
    None until the attempts that count are graded. Abandoned attempts never count."""
    attempts = list(
        Attempt.objects.filter(quiz=quiz, user=user, context=context, state__in=Attempt.FINISHED)
        .order_by("number")
        .values_list("number", "state", "score")
    )
    return _final(quiz.grading_method, attempts)


def final_grades(
    quiz, *, context: str | None = None, user_ids=None, contexts=None
) -> dict[tuple[int, str], Decimal | None]:
    """final_grade for every learner (and context) with a finished attempt, in one query:
    {(user_id, context): grade}. Narrowed to one ``context``, to some ``contexts`` and
    to some ``user_ids`` when given (a site asking about a few learners of a few classes)."""
    rows = Attempt.objects.filter(quiz=quiz, state__in=Attempt.FINISHED)
    if context is not None:
        rows = rows.filter(context=context)
    if contexts is not None:
        rows = rows.filter(context__in=list(contexts))
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    grouped: dict[tuple[int, str], list] = {}
    for user_id, ctx, number, state, score in rows.order_by(
        "user_id", "context", "number"
    ).values_list("user_id", "context", "number", "state", "score"):
        grouped.setdefault((user_id, ctx), []).append((number, state, score))
    return {key: _final(quiz.grading_method, attempts) for key, attempts in grouped.items()}


def final_grades_of_quizzes(
    quizzes, *, user_ids=None, contexts=None
) -> dict[int, dict[tuple[int, str], Decimal | None]]:
    """final_grades for several quizzes in one query: {quiz id: {(user_id, context):
    grade}}, each by its own grading method; narrowed as final_grades is."""
    quizzes = {quiz.pk: quiz for quiz in quizzes}
    if not quizzes:
        return {}
    rows = Attempt.objects.filter(quiz_id__in=list(quizzes), state__in=Attempt.FINISHED)
    if contexts is not None:
        rows = rows.filter(context__in=list(contexts))
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    grouped: dict[int, dict[tuple[int, str], list]] = {pk: {} for pk in quizzes}
    for quiz_id, user_id, ctx, number, state, score in rows.order_by(
        "quiz_id", "user_id", "context", "number"
    ).values_list("quiz_id", "user_id", "context", "number", "state", "score"):
        grouped[quiz_id].setdefault((user_id, ctx), []).append((number, state, score))
    return {
        pk: {key: _final(quizzes[pk].grading_method, attempts) for key, attempts in by.items()}
        for pk, by in grouped.items()
    }
