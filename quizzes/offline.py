"""Answers and submissions saved on the learner's phone without a connection, and sent
when it returns.

quiz.js keeps every answer on the phone (localStorage, keyed per user and attempt) as
the learner gives it, and sends it to the autosave endpoint with:

- ``sequence``: a number that rises with each change made on the phone (the phone's
  clock in milliseconds, never going back). The server keeps the number of the save it
  applied last (``Answer.sequence``); a save whose number is not above it is older or a
  repeat and changes nothing, so saves may arrive twice or in any order.
- ``saved_at``: when the learner gave the answer, in the server's time as the phone
  estimates it (the page tells the phone the server's time when it loads).
- ``offline``: true when the answer waited on the phone for the connection; the attempt
  then records that it was completed offline (``Attempt.completed_offline``).

A submission made offline is queued on the phone and sent the same way, after the
answers, with the moment it was made.

The server's clock stays the judge. An answer that arrives while answers are accepted
anyway (the deadline plus the quiz's grace period, see
``attempts.answers_accepted_until``) is accepted whatever it claims. Later it is
accepted only when it claims a moment from the attempt's start to the deadline (plus
the quiz's grace period) and arrives at most ``QuizPage.offline_grace_minutes`` after
that window: the phone's clock is trusted for the offline grace and no more. Until the
offline grace is over the attempt is not settled by the quiz's overdue rule, so answers
on their way still find it open.
"""

from datetime import UTC, datetime, timedelta

from django.utils.dateparse import parse_datetime

from . import errors
from .models import Attempt, OverdueHandling, QuizPage

# The largest sequence number accepted (fits a signed 64-bit column).
MAX_SEQUENCE = 2**62


def parse_moment(value) -> datetime | None:
    """A moment sent by the phone: an ISO 8601 text or milliseconds since the epoch."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and len(value) <= 40:
        try:
            moment = parse_datetime(value)
        except ValueError:
            return None
        if moment is not None and moment.tzinfo is not None:
            return moment
    return None


def parse_sequence(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value < MAX_SEQUENCE else None


def last_moment(attempt: Attempt, quiz: QuizPage):
    """The last moment an answer may be given: the deadline, plus the grace period."""
    end = attempt.deadline
    if end is not None and quiz.overdue_handling == OverdueHandling.GRACE:
        end += timedelta(minutes=quiz.grace_minutes)
    return end


def accepted_until(online_until, quiz: QuizPage):
    """The last moment an answer saved on the phone in time may arrive."""
    return online_until + timedelta(minutes=quiz.offline_grace_minutes)


def check_claim(attempt: Attempt, quiz: QuizPage, now, claimed, online_until) -> None:
    """Refuse an answer or submission arriving ``now``, after ``online_until``, unless
    it was saved on the phone in time and arrives within the offline grace."""
    if claimed is None:
        raise errors.TimeUp(deadline=errors.when(attempt.deadline))
    if not attempt.started_at <= claimed <= last_moment(attempt, quiz):
        raise errors.SavedOutsideAttempt(deadline=errors.when(last_moment(attempt, quiz)))
    until = accepted_until(online_until, quiz)
    if now > until:
        raise errors.OfflineTooLate(until=errors.when(until), minutes=quiz.offline_grace_minutes)


def mark_completed_offline(attempt: Attempt) -> None:
    if not attempt.completed_offline:
        Attempt.objects.filter(pk=attempt.pk).update(completed_offline=True)
        attempt.completed_offline = True
