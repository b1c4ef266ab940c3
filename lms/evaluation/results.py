"""Survey results, aggregated in SQL.

Only *counted* responses are ever aggregated: those of a survey that no longer takes
answers (closed, or past its closing day), about a lecturer with at least
MIN_RESPONSES responses in that survey. Aggregating only whole, large-enough
(survey, lecturer) groups means no total can be differenced against another to
isolate a small group, and nothing moves while answers still come in.
"""

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .models import MIN_RESPONSES, Survey, SurveyAnswerScore, SurveyQuestion, SurveyResponse

# grouping -> (label, fields grouped by, in order)
GROUPINGS = {
    "lecturer": (
        _("Lecturer"),
        ["lecturer__user", "lecturer__user__first_name", "lecturer__user__last_name"],
    ),
    "lecturer_class": (
        _("Lecturer and class"),
        [
            "lecturer__user",
            "lecturer__user__first_name",
            "lecturer__user__last_name",
            "survey__training_class",
            "survey__training_class__title",
            "survey",
            "lecturer",
        ],
    ),
    "class": (_("Class"), ["survey__training_class", "survey__training_class__title"]),
    "year": (_("Year"), ["survey__training_class__year"]),
    "kind": (_("Full-time or part-time"), ["lecturer__kind"]),
    "centre": (
        _("Centre"),
        ["survey__training_class__centre", "survey__training_class__centre__name"],
    ),
}


def counted_responses(lecturer_user=None):
    """Responses that may be shown (see the module's docstring), optionally only those
    about one lecturer."""
    group_size = (
        SurveyResponse.objects.filter(survey=OuterRef("survey"), lecturer=OuterRef("lecturer"))
        .order_by()
        .values("survey", "lecturer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    responses = SurveyResponse.objects.filter(survey__in=Survey.objects.over()).annotate(
        group_size=Subquery(group_size, output_field=IntegerField())
    )
    responses = responses.filter(group_size__gte=MIN_RESPONSES)
    if lecturer_user is not None:
        responses = responses.filter(lecturer__user=lecturer_user)
    return responses


def criteria(responses) -> list[str]:
    """The criteria asked in these responses' surveys, in the order they were asked."""
    labels = (
        SurveyQuestion.objects.filter(survey__in=responses.values("survey"))
        .values("label")
        .annotate(first=Avg("position"))
        .order_by("first", "label")
        .values_list("label", flat=True)
    )
    return list(labels)


def rows(grouping: str, *, lecturer_user=None, year=None, labels=None, centres=None):
    """One row per group: the group's fields, ``responses`` (count), ``average`` (over
    every score) and ``c0``, ``c1``, ... the average of each criterion in ``labels``.
    ``centres``: only the surveys of those centres' classes (None: every centre)."""
    _label, fields = GROUPINGS[grouping]
    responses = counted_responses(lecturer_user)
    if centres is not None:
        responses = responses.filter(survey__training_class__centre__in=centres)
    if year is not None:
        responses = responses.filter(survey__training_class__year=year)
    labels = criteria(responses) if labels is None else labels
    per_criterion = {
        f"c{index}": Avg("value", filter=Q(question__label=label))
        for index, label in enumerate(labels)
    }
    score_fields = [f"response__{field}" for field in fields]
    queryset = (
        SurveyAnswerScore.objects.filter(response__in=responses.values("pk"))
        .values(*score_fields)
        .annotate(
            responses=Count("response", distinct=True),
            average=Avg("value"),
            **per_criterion,
        )
        .order_by(*score_fields)
    )
    result = []
    for row in queryset:
        row = {key.removeprefix("response__"): value for key, value in row.items()}
        result.append(row)
    return result, labels


def comments(survey, lecturer_link):
    """The free comments about a lecturer in a survey, if its results may be shown; in
    the order of their random ids, which says nothing about who wrote them or when."""
    counted = counted_responses().filter(survey=survey, lecturer=lecturer_link)
    return list(counted.exclude(comment="").order_by("pk").values_list("comment", flat=True))


def lecturer_name(row) -> str:
    full = f"{row.get('lecturer__user__last_name') or ''}".strip()
    first = f"{row.get('lecturer__user__first_name') or ''}".strip()
    return " ".join(part for part in (first, full) if part)


__all__ = ["GROUPINGS", "comments", "counted_responses", "criteria", "rows"]
