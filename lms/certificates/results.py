"""A class's results as the centre prints them: per learner the sessions attended of
the class's sessions, each quiz's grade, the essay's grade, the final grade, the
classification and the result (completed: a valid certificate in the register).

``class_results`` answers for a whole class (or the learners of one organisation) in a
fixed number of queries, whatever the number of learners: the results sheet, its XLSX,
the results notice and the decision recognising completion all read it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lms.collation import collate, name_ordering
from lms.grades import classify, final_grade
from lms.models import Attendance, ClassSession, Enrolment, Organisation
from quizzes.grading import final_grades
from quizzes.models import QuizPage

from .models import CompletionRecord
from .rules import context_for, rules_for


@dataclass
class Row:
    enrolment: Enrolment
    present: int
    quiz_grades: list
    essay: Decimal | None
    final: Decimal | None
    classification: str
    record: CompletionRecord | None

    @property
    def learner(self):
        return self.enrolment.learner

    @property
    def completed(self) -> bool:
        return self.record is not None and self.record.is_valid

    @property
    def result(self) -> str:
        return _("Completed") if self.completed else _("Not completed")


@dataclass
class ClassResults:
    training_class: object
    sessions: int
    quizzes: list
    essay_quiz: object
    rows: list[Row] = field(default_factory=list)

    @property
    def completed(self) -> list[Row]:
        return [row for row in self.rows if row.completed]

    def tally(self) -> list[tuple[str, int]]:
        """(classification, how many), in the order they first appear on the sheet."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.classification:
                counts[row.classification] = counts.get(row.classification, 0) + 1
        return list(counts.items())


def label(classification) -> str:
    return str(classification.label) if classification is not None else ""


def summary(quizzes, quiz_grades, essay_quiz, essay) -> dict:
    """The grade summary ``lms.grades.final_grade`` reads, as the completion rules
    write it."""
    result: dict[str, dict[str, str | None] | str | None] = {
        "quizzes": {
            quiz.title: None if grade is None else str(grade)
            for quiz, grade in zip(quizzes, quiz_grades, strict=True)
        }
    }
    if essay_quiz is not None:
        result["essay"] = None if essay is None else str(essay)
    return result


def _assessed(training_class):
    """The quizzes and essay of the class's completion rules; without rules, the
    course's live quizzes (and no essay)."""
    rule = rules_for([training_class])[training_class.pk]
    if rule is not None:
        quizzes = sorted(rule.quizzes.all(), key=lambda quiz: quiz.path)
        return [quiz for quiz in quizzes if quiz.pk != rule.essay_quiz_id], rule.essay_quiz
    return list(QuizPage.objects.child_of(training_class.course).live().order_by("path")), None


def class_results(training_class, organisation=None) -> ClassResults:
    """The results of the class's active learners (of ``organisation`` only, if given),
    sorted by name."""
    sessions = ClassSession.objects.filter(training_class=training_class).count()
    present = (
        Attendance.objects.filter(
            enrolment=OuterRef("pk"),
            status=Attendance.Status.PRESENT,
            session__training_class=training_class,
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    query = (
        Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ACTIVE)
        .select_related("learner__organisation")
        .annotate(present=Coalesce(Subquery(present, output_field=IntegerField()), Value(0)))
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    if organisation is not None:
        query = query.filter(learner__organisation=organisation)
    enrolments = list(query)
    quizzes, essay_quiz = _assessed(training_class)
    results = ClassResults(training_class, sessions, quizzes, essay_quiz)
    if not enrolments:
        return results
    users = {enrolment.learner.user_id for enrolment in enrolments}
    context = context_for(training_class)
    grades = {
        quiz.pk: final_grades(quiz, context=context, user_ids=users)
        for quiz in [*quizzes, *([essay_quiz] if essay_quiz else [])]
    }
    records = CompletionRecord.current_for(enrolment.pk for enrolment in enrolments)
    for enrolment in enrolments:
        key = (enrolment.learner.user_id, context)
        quiz_grades = [grades[quiz.pk].get(key) for quiz in quizzes]
        essay = grades[essay_quiz.pk].get(key) if essay_quiz else None
        final = final_grade(summary(quizzes, quiz_grades, essay_quiz, essay))
        results.rows.append(
            Row(
                enrolment=enrolment,
                present=enrolment.present,
                quiz_grades=quiz_grades,
                essay=essay,
                final=final,
                classification=label(classify(final)),
                record=records.get(enrolment.pk),
            )
        )
    return results


def organisations(training_class):
    """The organisations of the class's active learners, with how many of them each, by
    name (one query)."""
    return (
        Organisation.objects.filter(
            learners__enrolments__training_class=training_class,
            learners__enrolments__status=Enrolment.Status.ACTIVE,
        )
        .annotate(
            learner_count=Count(
                "learners",
                filter=Q(learners__enrolments__training_class=training_class),
            )
        )
        .order_by(collate("name"))
    )
