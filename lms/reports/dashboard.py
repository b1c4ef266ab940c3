"""The admin home's figures, in one SQL statement whatever the size of the data.

The grouped queries are the arms of one UNION ALL, told apart by their first column, each
cast to one shape (kind, key, label, n, done, grp, tag). The year's classes come back one
row each (enrolled, completed, status and centre; a centre has ~80, a province ~800), so
Python derives from that one pass over the enrolments the classes by status, the totals,
the largest classes and each centre's participations; the completions of the year per
month, the weakest organisations and the centres' names are arms of their own.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.db.models.functions import ExtractMonth

from lms.models import Centre, Enrolment, TrainingClass

from .figures import ACTIVE, centre_q, share, weakest_organisations


def _branch(
    kind: str, queryset: QuerySet, key: str, label: str, n: str, done: str, grp="NULL", tag="NULL"
):
    """One arm of the UNION ALL: the queryset's own SQL (so each backend gets its own date
    and time zone functions) as a derived table, its columns cast to the shared shape."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. a user of no centre yet: the arm gives no row
        types = ("BIGINT", "TEXT", "BIGINT", "BIGINT", "BIGINT", "TEXT")
        nulls = ", ".join(f"CAST(NULL AS {name})" for name in types)
        return f"SELECT CAST('{kind}' AS TEXT), {nulls} WHERE 1 = 0", []  # noqa: S608
    # Column names are the code's own; values stay parameters.
    arm = (
        f"SELECT CAST('{kind}' AS TEXT), CAST({key} AS BIGINT), CAST({label} AS TEXT), "  # noqa: S608
        f"CAST({n} AS BIGINT), CAST({done} AS BIGINT), CAST({grp} AS BIGINT), "
        f"CAST({tag} AS TEXT) FROM ({sql}) {kind}_rows"
    )
    return arm, list(params)


def _arms(year: int, centres, weakest_arm: bool) -> list:
    classes_q = (
        TrainingClass.objects.filter(centre_q(centres, "centre"), year=year)
        .annotate(active=FilteredRelation("enrolments", condition=Q(enrolments__status=ACTIVE)))
        .order_by()
        .values("pk", "title", "status", "centre")
        .annotate(enrolled=Count("active"), completed=Count("active__completed_at"))
    )
    months_q = (
        Enrolment.objects.completed_in(year)
        .filter(centre_q(centres, "training_class__centre"))
        .annotate(month=ExtractMonth("completed_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    names_q = Centre.objects.filter(centre_q(centres, "pk")).order_by().values("pk", "name")
    arms = [
        _branch(
            "class",
            classes_q,
            '"pk"',
            '"title"',
            '"enrolled"',
            '"completed"',
            '"centre"',
            '"status"',
        ),
        _branch("month", months_q, '"month"', "NULL", '"n"', "0"),
        _branch("name", names_q, '"pk"', '"name"', "0", "0"),
    ]
    # The weakest organisations join every participation of the year with its learner:
    # the costliest arm over a whole province (290 of 490 ms for 80,000 participations), a
    # centre's concern; the province's home compares centres instead (``weakest_arm``).
    if weakest_arm:
        weakest_q = weakest_organisations(year, centres=centres).values(
            "learner__organisation", "learner__organisation__name", "enrolled", "completed"
        )
        arms.append(
            _branch(
                "weakest",
                weakest_q,
                '"learner__organisation"',
                '"learner__organisation__name"',
                '"enrolled"',
                '"completed"',
            )
        )
    return arms


def dashboard(
    year: int, centres: frozenset[int] | None = None, extra=(), weakest_arm: bool = True
) -> dict:
    """The figures of ``year`` over ``centres`` (None: every centre). ``extra`` adds arms
    (kind, (sql, params)) whose rows come back under ``data["more"][kind]`` as (key,
    label, n, done) tuples (the plan per centre, ``province.dashboard_arms``)."""
    arms = _arms(year, centres, weakest_arm) + [arm for _kind, arm in extra]
    sql = " UNION ALL ".join(arm for arm, _ in arms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _, params in arms for param in params])
        rows = cursor.fetchall()
    classes, months, names, weakest = [], {}, {}, []
    more = {kind: [] for kind, _arm in extra}
    for kind, key, label, n, done, grp, tag in rows:
        if kind == "class":
            classes.append((key, label, n, done, grp, tag))
        elif kind == "month":
            months[int(key)] = n
        elif kind == "name":
            names[key] = label
        elif kind in more:
            more[kind].append((key, label, n, done))
        else:
            weakest.append(
                {
                    "learner__organisation": key,
                    "learner__organisation__name": label,
                    "enrolled": n,
                    "completed": done,
                    "rate": _share_sql(done, n),
                }
            )
    return _summary(year, classes, months, names, weakest, more)


def _summary(year, classes, months, names, weakest, more) -> dict:
    by_status, per_centre = {}, {}
    for _pk, _title, n, done, centre, status in classes:
        by_status[status] = by_status.get(status, 0) + 1
        if n:
            enrolled, completed = per_centre.get(centre, (0, 0))
            per_centre[centre] = (enrolled + n, completed + done)
    largest = sorted((row for row in classes if row[2] > 0), key=lambda row: (-row[2], row[1]))
    enrolled = sum(n for n, _done in per_centre.values())
    completed = sum(done for _n, done in per_centre.values())
    return {
        "year": year,
        # (centre id, name, participations, completed) of the centres with participations.
        "centres": sorted(
            ((key, names.get(key, ""), n, done) for key, (n, done) in per_centre.items()),
            key=lambda row: row[1],
        ),
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in TrainingClass.Status.choices
        ],
        "classes_total": len(classes),
        "enrolled": enrolled,
        # Completions and certificates in the year they happened (the completions of
        # its months); the rate is that of the year's classes, whenever completed.
        "completed": sum(months.values()),
        "rate": share(completed, enrolled),
        "certificates": sum(months.values()),
        "months": [(month, months.get(month, 0)) for month in range(1, 13)],
        "classes": [
            {
                "pk": pk,
                "title": title,
                "enrolled": n,
                "completed": done,
                "rate": _share_sql(done, n),
            }
            for pk, title, n, done, _centre, _status in largest[:12]
        ],
        "weakest": weakest,
        "more": more,
    }


def _share_sql(done: int, total: int) -> float | None:
    """What ``figures._rate`` computes in SQL, for rows that come back without it."""
    return float(done) * 100 / float(total) if total else None
