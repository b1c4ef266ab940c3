"""Discussion participation per enrolment, counted by whichever sub-app runs discussions.

Completion rules and reports ask here instead of importing ``lms.discussions``; the
discussions app registers its counter in ``AppConfig.ready()``:

    participation.register(count_posts)

A counter takes a queryset of enrolments and returns ``{enrolment_id: posts}``. It may
come with a column: a function returning an expression that counts one enrolment's posts
(OuterRef("pk") is the enrolment), so a page that lists enrolments counts them in its
own query (``column()``).
"""

from collections import Counter
from collections.abc import Callable

from django.db.models import Value

_counters: list[Callable] = []
_columns: dict[Callable, Callable] = {}  # counter -> its column, for those that have one


def register(counter: Callable, column: Callable | None = None) -> None:
    if counter not in _counters:
        _counters.append(counter)
    if column is not None:
        _columns[counter] = column


def counted() -> bool:
    """Whether any sub-app counts posts (none does on a site without lms.discussions:
    then the roster has no "Discussion posts" column)."""
    return bool(_counters)


def column():
    """An expression counting an enrolment's posts, over Enrolment (OuterRef("pk")), or
    None when some counter has no column (then ask ``counts``)."""
    found = [_columns.get(counter) for counter in _counters]
    makers = [make for make in found if make is not None]
    if len(makers) < len(found):
        return None
    if not makers:
        return Value(0)
    expression = makers[0]()
    for make in makers[1:]:
        expression = expression + make()
    return expression


def counts(enrolments) -> dict[int, int]:
    """Posts (threads started and replies) per enrolment id; enrolments nobody counted
    have 0."""
    total: Counter = Counter()
    for counter in _counters:
        total.update(counter(enrolments))
    return dict(total)
