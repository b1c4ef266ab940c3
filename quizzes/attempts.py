"""Attempts, step by step: start, save answers, submit, and close those whose time ran out.

Each step is a transition of the attempt's state machine and refuses an illegal one
with an ``AttemptError`` (quizzes/errors.py):

    start_attempt   ->  in_progress
    (time runs out) ->  overdue (grace period) | submitted (submit automatically)
                        | abandoned (abandon, or the grace period is over)
    submit          in_progress | overdue -> submitted   (a second submit: no-op)
    grading task    submitted -> graded                   (see quizzes/grading.py)

The server's clock is the only clock: the deadline is stored when the attempt starts
and every step compares it with ``now``. The caller checks who may start an attempt
(quizzes/access.py) and that the attempt it passes belongs to the user.
"""

import secrets
from collections import Counter
from datetime import timedelta
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import errors
from . import offline as phone
from .draw import draw
from .grading import enqueue_grading
from .models import (
    Answer,
    Attempt,
    AttemptQuestion,
    Option,
    OverdueHandling,
    Question,
    QuizPage,
    Rules,
)
from .signals import attempt_submitted

# The longest written answer accepted, in characters.
MAX_TEXT_LENGTH = 10_000
# An answer saved in the last second reaches the server over a weak 3G connection a
# moment later; it is still accepted this long after the deadline.
LATE_ALLOWANCE = timedelta(seconds=5)
# More ids than any question has options is not an answer.
MAX_CHOICES = 100

State = Attempt.State


# --- Time -------------------------------------------------------------------------


def deadline_for(rules: Rules, started_at):
    """The time limit counted from the start, cut short by the closing time."""
    ends = []
    if rules.time_limit:
        ends.append(started_at + rules.time_limit)
    if rules.closes_at:
        ends.append(rules.closes_at)
    return min(ends) if ends else None


def answers_accepted_until(attempt: Attempt, quiz: QuizPage):
    """The last moment answers are saved and a submission counts; None: no limit."""
    if attempt.deadline is None:
        return None
    end = attempt.deadline + LATE_ALLOWANCE
    if quiz.overdue_handling == OverdueHandling.GRACE:
        end += timedelta(minutes=quiz.grace_minutes)
    return end


def seconds_left(attempt: Attempt, now=None) -> int | None:
    """Whole seconds to the deadline (0 once it has passed); None without a deadline."""
    if attempt.deadline is None:
        return None
    now = now or timezone.now()
    return max(0, int((attempt.deadline - now).total_seconds()))


# --- Start -------------------------------------------------------------------------


def active_attempt(quiz: QuizPage, user, context: str = "") -> Attempt | None:
    return (
        Attempt.objects.filter(quiz=quiz, user=user, context=context, state__in=Attempt.ACTIVE)
        .select_related("quiz")
        .first()
    )


def start_attempt(quiz: QuizPage, user, context: str = "", now=None) -> Attempt:
    """The learner's attempt under way in this context, or a new one.

    Refuses a quiz that is unpublished or has no questions, one that is not open yet or
    has closed, and a learner who has used every attempt allowed in this context. An
    attempt under way whose time ran out while the learner was away is first settled by
    the quiz's overdue rule; if that finishes it, a new attempt starts (when one is left).
    The caller has checked that the user may take the quiz (quizzes.access)."""
    now = now or timezone.now()
    if not isinstance(context, str) or len(context) > 100:
        raise errors.AttemptError(_("The attempt's context must be a short text."))
    if not quiz.live:
        raise errors.QuizUnavailable()

    current = active_attempt(quiz, user, context)
    if current is not None:
        with transaction.atomic():
            state = _settle(_lock(current), quiz, now)
        if state in Attempt.ACTIVE:
            current.refresh_from_db()
            return current

    rules = quiz.rules_for(user, context)
    if rules.opens_at and now < rules.opens_at:
        raise errors.QuizNotOpen(opens=errors.when(rules.opens_at))
    if rules.closes_at and now >= rules.closes_at:
        raise errors.QuizClosed(closes=errors.when(rules.closes_at))
    used = Attempt.objects.filter(quiz=quiz, user=user, context=context).count()
    if rules.max_attempts and used >= rules.max_attempts:
        raise errors.NoAttemptsLeft(count=rules.max_attempts)

    seed = secrets.randbits(62)
    plan = draw(quiz, seed)
    if not plan:
        raise errors.QuizUnavailable()
    try:
        with transaction.atomic():
            number = (
                Attempt.objects.filter(quiz=quiz, user=user, context=context).aggregate(
                    highest=Max("number")
                )["highest"]
                or 0
            ) + 1
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                context=context,
                number=number,
                seed=seed,
                started_at=now,
                deadline=deadline_for(rules, now),
                max_points=sum((question.points for question, _ids in plan), 0),
            )
            rows = AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question=question,
                    position=position,
                    option_order=ids,
                    points=question.points,
                )
                for position, (question, ids) in enumerate(plan, start=1)
            )
            Answer.objects.bulk_create(Answer(attempt_question=row) for row in rows)
    except IntegrityError:
        # Another request (a second tab) started one at the same moment: use it.
        current = active_attempt(quiz, user, context)
        if current is None:
            raise
        return current
    return attempt


# --- Answer --------------------------------------------------------------------------


def _lock(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().get(pk=attempt.pk)


def _as_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 19:
        return int(value)
    return None


def _clean_choices(row: AttemptQuestion, choice_ids, text) -> list[int]:
    question = row.question
    expected = (
        _("one or more of the options")
        if question.kind == Question.Kind.MULTIPLE
        else _("one of the options")
    )
    if text not in (None, ""):
        raise errors.WrongAnswerType(expected=expected)
    if choice_ids is None or isinstance(choice_ids, (str, bytes, dict)):
        raise errors.WrongAnswerType(expected=expected)
    try:
        given = list(choice_ids)
    except TypeError:
        raise errors.WrongAnswerType(expected=expected) from None
    if len(given) > MAX_CHOICES:
        raise errors.WrongAnswerType(expected=expected)
    allowed = set(row.option_order)
    ids: list[int] = []
    for value in given:
        option_id = _as_id(value)
        if option_id is None or option_id not in allowed:
            raise errors.NotAnOption(option=str(value)[:40])
        if option_id not in ids:
            ids.append(option_id)
    if question.kind != Question.Kind.MULTIPLE and len(ids) > 1:
        raise errors.WrongAnswerType(expected=expected)
    return ids


def _clean_text(choice_ids, text) -> str:
    if choice_ids not in (None, [], ()) or not isinstance(text, str):
        raise errors.WrongAnswerType(expected=_("a written answer"))
    if len(text) > MAX_TEXT_LENGTH:
        raise errors.AnswerTooLong(limit=MAX_TEXT_LENGTH, length=len(text))
    # PostgreSQL refuses NUL characters in text.
    return text.replace("\x00", "")


def save_answer(
    attempt: Attempt,
    question_id,
    choice_ids=None,
    text=None,
    now=None,
    *,
    sequence=None,
    saved_at=None,
    offline=False,
) -> Answer:
    """Save (replace) the answer to one question of an attempt under way.

    Choice questions take ``choice_ids`` (a list of option ids; empty clears the
    answer), short-answer and essay questions take ``text``. Refuses a finished attempt,
    an answer after the deadline (plus the grace period when the quiz has one, or the
    offline grace for one ``saved_at`` on the phone in time: quizzes/offline.py), a
    question not in the attempt, options not in the question, the wrong kind of answer,
    and text over MAX_TEXT_LENGTH characters. Nothing is saved when it refuses. A save
    whose ``sequence`` is not above the last one applied changes nothing (the answer
    returned has ``stale`` set)."""
    now = now or timezone.now()
    question_id = _as_id(question_id)
    with transaction.atomic():
        locked = _lock(attempt)
        state = _settle(locked, attempt.quiz, now)
        if state in Attempt.ACTIVE:
            until = answers_accepted_until(locked, attempt.quiz)
            if until is not None and now > until:
                phone.check_claim(locked, attempt.quiz, now, saved_at, until)
            row = (
                locked.questions.select_related("question", "answer")
                .filter(question_id=question_id)
                .first()
                if question_id is not None
                else None
            )
            if row is None:
                raise errors.NotInAttempt()
            answer = _apply(row, choice_ids, text, now, sequence)
            if offline and not answer.stale:
                phone.mark_completed_offline(locked)
    attempt.state = state
    if state not in Attempt.ACTIVE:
        _refuse_closed(locked, now, saved_at)
    return answer


def _apply(row: AttemptQuestion, choice_ids, text, now, sequence) -> Answer:
    answer = row.answer
    if row.question.takes_choices:
        choices, written = _clean_choices(row, choice_ids, text), ""
    else:
        choices, written = [], _clean_text(choice_ids, text)
    saving = Answer.objects.filter(pk=answer.pk)
    if sequence is not None:
        # Applied only over an older save: a repeat or a late older save changes nothing.
        saving = saving.filter(sequence__lt=sequence)
    changed = saving.update(
        choice_ids=choices,
        text=written,
        saved_at=now,
        **({"sequence": sequence} if sequence is not None else {}),
    )
    answer.stale = not changed
    if changed:
        answer.choice_ids, answer.text, answer.saved_at = choices, written, now
        answer.sequence = sequence if sequence is not None else answer.sequence
    else:
        answer.refresh_from_db(fields=["choice_ids", "text", "saved_at", "sequence"])
    return answer


def _refuse_closed(attempt: Attempt, now, claimed=None) -> NoReturn:
    if attempt.deadline is not None and now > attempt.deadline + LATE_ALLOWANCE:
        until = answers_accepted_until(attempt, attempt.quiz)
        if claimed is not None and now > until:
            # Saved on the phone: say why it came too late (or was saved out of time).
            phone.check_claim(attempt, attempt.quiz, now, claimed, until)
        if claimed is None:
            raise errors.TimeUp(deadline=errors.when(attempt.deadline))
    raise errors.AttemptClosed()


# --- Submit and close -----------------------------------------------------------------


def _mark_submitted(attempt: Attempt, now, *, automatically: bool) -> bool:
    """in_progress | overdue -> submitted, once; grading is queued after commit."""
    changed = Attempt.objects.filter(pk=attempt.pk, state__in=Attempt.ACTIVE).update(
        state=State.SUBMITTED, submitted_at=now, submitted_automatically=automatically
    )
    if changed:
        attempt.state = State.SUBMITTED
        attempt.submitted_at = now
        attempt.submitted_automatically = automatically
        attempt_id = attempt.pk
        transaction.on_commit(
            lambda: attempt_submitted.send(
                sender=Attempt,
                attempt=Attempt.objects.get(pk=attempt_id),
                automatically=automatically,
            ),
            robust=True,
        )
        enqueue_grading(attempt_id)
    return bool(changed)


def _move(attempt: Attempt, source, target) -> bool:
    changed = Attempt.objects.filter(pk=attempt.pk, state__in=source).update(state=target)
    if changed:
        attempt.state = target
    return bool(changed)


def _settle(attempt: Attempt, quiz: QuizPage, now) -> str:
    """Apply the quiz's overdue rule to an attempt whose time has run out; the attempt's
    state afterwards. Called with the attempt's row locked, or from the scheduled task
    (every change is a conditional UPDATE on the state, so a race changes it once)."""
    if attempt.state not in Attempt.ACTIVE or attempt.deadline is None:
        return attempt.state
    if now <= attempt.deadline + LATE_ALLOWANCE:
        return attempt.state
    if now <= phone.accepted_until(answers_accepted_until(attempt, quiz), quiz):
        # The grace period, or answers saved on a phone may still be on their way.
        if attempt.state == State.OVERDUE:
            return attempt.state
        changed = _move(attempt, [State.IN_PROGRESS], State.OVERDUE)
    elif quiz.overdue_handling == OverdueHandling.SUBMIT:
        changed = _mark_submitted(attempt, now, automatically=True)
    else:
        changed = _move(attempt, Attempt.ACTIVE, State.ABANDONED)
    if not changed:  # someone else moved it first
        attempt.refresh_from_db(fields=["state"])
    return attempt.state


def submit(attempt: Attempt, now=None, *, submitted_at=None, offline=False) -> bool:
    """Hand the attempt in: True if this call submitted it, False if it already was
    (a replayed request, a second tab, a queued submission sent twice). Refuses an
    abandoned attempt, and one whose time ran out on a quiz that abandons overdue
    attempts (it is abandoned then) unless the submission was made on the phone in time
    and arrives within the offline grace (``submitted_at``, see quizzes/offline.py)."""
    now = now or timezone.now()
    refusal = None
    with transaction.atomic():
        locked = _lock(attempt)
        quiz = attempt.quiz
        if locked.state in Attempt.FINISHED:
            submitted = False
        elif locked.state == State.ABANDONED:
            submitted = None
        else:
            until = answers_accepted_until(locked, quiz)
            if (
                until is not None
                and now > until
                and quiz.overdue_handling != OverdueHandling.SUBMIT
            ):
                try:
                    phone.check_claim(locked, quiz, now, submitted_at, until)
                except errors.TimeUp as refused:
                    refusal = refused
            if refusal is not None:
                _move(locked, Attempt.ACTIVE, State.ABANDONED)
                submitted = None
            else:
                submitted = _mark_submitted(locked, now, automatically=False)
                if offline:
                    phone.mark_completed_offline(locked)
    for field in ("state", "submitted_at", "submitted_automatically", "completed_offline"):
        setattr(attempt, field, getattr(locked, field))
    if refusal is not None and submitted_at is not None:
        raise refusal
    if submitted is None:
        _refuse_closed(locked, now)
    return submitted


def close_overdue(now=None) -> dict[str, int]:
    """The scheduled task's body: every attempt under way whose time ran out is
    submitted, marked overdue (grace period) or abandoned, as its quiz says. Safe to run
    twice or beside a learner's own submit. Returns how many moved to each state."""
    now = now or timezone.now()
    moved: Counter = Counter()
    due = (
        Attempt.objects.filter(state__in=Attempt.ACTIVE, deadline__lt=now - LATE_ALLOWANCE)
        .select_related("quiz")
        .order_by("pk")
    )
    for attempt in due:
        before = attempt.state
        with transaction.atomic():
            after = _settle(attempt, attempt.quiz, now)
        if after != before:
            moved[after] += 1
    return {state: moved[state] for state in (State.SUBMITTED, State.OVERDUE, State.ABANDONED)}


# --- What the attempt page may show ----------------------------------------------------


def attempt_payload(attempt: Attempt, now=None) -> dict:
    """What a page or a JSON response about an attempt under way may contain: the
    questions and options in this attempt's order and the answers saved so far.

    Nothing of the answer key: no correctness, no accepted answers, no feedback (all
    shown only after submission, see quizzes/review.py). Three queries."""
    rows = list(
        attempt.questions.select_related("question", "answer")
        .only(
            "pk",
            "attempt",
            "position",
            "option_order",
            "points",
            "question__id",
            "question__kind",
            "question__stem",
            "answer__id",
            "answer__choice_ids",
            "answer__text",
            "answer__saved_at",
        )
        .order_by("position")
    )
    texts = dict(
        Option.objects.filter(question_id__in=[row.question_id for row in rows]).values_list(
            "pk", "text"
        )
    )
    return {
        "id": attempt.pk,
        "number": attempt.number,
        "state": str(attempt.state),
        "started_at": attempt.started_at.isoformat(),
        "deadline": attempt.deadline.isoformat() if attempt.deadline else None,
        "seconds_left": seconds_left(attempt, now),
        "questions": [
            {
                "id": row.question_id,
                "position": row.position,
                "kind": row.question.kind,
                "stem": row.question.stem,
                "points": str(row.points),
                "options": [
                    {"id": option_id, "text": texts[option_id]}
                    for option_id in row.option_order
                    if option_id in texts
                ],
                "answer": {
                    "choice_ids": list(row.answer.choice_ids),
                    "text": row.answer.text,
                    "saved_at": row.answer.saved_at.isoformat() if row.answer.saved_at else None,
                },
            }
            for row in rows
        ],
    }
