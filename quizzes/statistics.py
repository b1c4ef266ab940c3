"""Per-question statistics of a quiz, as lecturers read them after a test.

For each question answered in the quiz's graded attempts:

- facility: the mean share of the question's points the learners earned (1.0: everyone
  right);
- discrimination: the Pearson correlation between the share earned on the question and
  the share earned on the rest of the attempt (Moodle's "discrimination index"). Near 1:
  the learners who did well overall got it right; near 0 or below: the question does
  not separate them and is worth a look. None when it cannot be computed (fewer than two
  attempts, or everyone scored the same).

One query reads the rows (attempt, question, points possible, points earned, the
attempt's totals), streamed; the arithmetic runs in one pass per question.
"""

from dataclasses import dataclass
from decimal import Decimal
from math import sqrt

from .models import Attempt, AttemptQuestion, Question


@dataclass
class QuestionStats:
    question_id: int
    name: str
    kind: str
    answered: int
    facility: float | None
    discrimination: float | None

    @property
    def facility_percent(self):
        return None if self.facility is None else round(self.facility * 100, 1)

    @property
    def discrimination_rounded(self):
        return None if self.discrimination is None else round(self.discrimination, 2)


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sqrt(sxx * syy)


def question_statistics(attempts) -> list[QuestionStats]:
    """Statistics per question over the given attempts (a queryset); only graded
    attempts count."""
    rows = (
        AttemptQuestion.objects.filter(
            attempt__in=attempts.filter(state=Attempt.State.GRADED),
            answer__points__isnull=False,
        )
        .values_list(
            "question_id", "points", "answer__points", "attempt__points", "attempt__max_points"
        )
        .order_by("question_id")
    )
    pairs: dict[int, tuple[list, list]] = {}
    for question_id, possible, earned, total, total_max in rows.iterator(chunk_size=2000):
        if not possible:
            continue
        share = float(Decimal(earned or 0) / Decimal(possible))
        rest_max = Decimal(total_max or 0) - Decimal(possible)
        rest = (
            float((Decimal(total or 0) - Decimal(earned or 0)) / rest_max) if rest_max > 0 else 0.0
        )
        xs, ys = pairs.setdefault(question_id, ([], []))
        xs.append(share)
        ys.append(rest)
    names = {
        pk: (str(name), kind)
        for pk, name, kind in Question.objects.filter(pk__in=pairs).values_list(
            "pk", "name", "kind"
        )
    }
    kinds = dict(Question.Kind.choices)
    return [
        QuestionStats(
            question_id=question_id,
            name=names.get(question_id, ("", ""))[0],
            kind=str(kinds.get(names.get(question_id, ("", ""))[1], "")),
            answered=len(xs),
            facility=sum(xs) / len(xs) if xs else None,
            discrimination=_correlation(xs, ys),
        )
        for question_id, (xs, ys) in sorted(pairs.items())
    ]
