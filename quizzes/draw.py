"""The draw: which questions an attempt gets, in which order, with its options' order."""

import random

from .models import Option, Question, QuizPage


def _order_key(item):
    return (item.sort_order if item.sort_order is not None else 0, item.pk)


def draw(quiz: QuizPage, seed: int) -> list[tuple[Question, list[int]]]:
    """The questions of one attempt, in order, each with its options' ids in order.

    Everything random comes from ``random.Random(seed)``, consumed in a fixed order
    (each draw in slot order, then the question shuffle, then each question's option
    shuffle), so the same seed over the same bank gives the same attempt."""
    rng = random.Random(seed)
    slots = sorted(quiz.slots.all().select_related("question", "category"), key=_order_key)
    fixed = {slot.question_id for slot in slots if slot.question_id}
    chosen: list[Question] = []
    seen: set[int] = set()
    for slot in slots:
        if slot.question is not None:
            if slot.question.pk not in seen:
                seen.add(slot.question.pk)
                chosen.append(slot.question)
            continue
        if slot.category is None:
            continue  # a slot with neither is refused by QuizSlot.clean()
        categories = (
            slot.category.descendant_ids() if slot.include_subcategories else [slot.category_id]
        )
        candidates = list(
            Question.objects.filter(category_id__in=categories)
            .exclude(pk__in=seen | fixed)
            .order_by("pk")
        )
        picked = rng.sample(candidates, min(slot.count, len(candidates)))
        seen.update(question.pk for question in picked)
        chosen.extend(picked)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)

    options: dict[int, list[Option]] = {question.pk: [] for question in chosen}
    for option in Option.objects.filter(question_id__in=list(options)).only(
        "pk", "question_id", "sort_order"
    ):
        options[option.question_id].append(option)
    plan = []
    for question in chosen:
        ids = [option.pk for option in sorted(options[question.pk], key=_order_key)]
        if quiz.shuffle_options and question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            rng.shuffle(ids)
        plan.append((question, ids))
    return plan
