"""Discussion participation per enrolment, counted by whichever sub-app runs discussions.

Completion rules and reports ask here instead of importing ``lms.discussions``; the
discussions app registers its counter in ``AppConfig.ready()``:

    participation.register(count_posts)

A counter takes a queryset of enrolments and returns ``{enrolment_id: posts}``.
"""

from collections import Counter
from collections.abc import Callable

_counters: list[Callable] = []


def register(counter: Callable) -> None:
    if counter not in _counters:
        _counters.append(counter)


def counts(enrolments) -> dict[int, int]:
    """Posts (threads started and replies) per enrolment id; enrolments nobody counted
    have 0."""
    total: Counter = Counter()
    for counter in _counters:
        total.update(counter(enrolments))
    return dict(total)
