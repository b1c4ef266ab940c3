"""Each learner's standing against the completion rules of their class.

``evaluate_class`` answers for a whole class in a fixed number of queries (whatever the
number of learners, lessons or posts); ``evaluate`` is the same for one enrolment. The
dashboard, the roster, the tasks and "issue class" all ask here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from lms import participation, progress
from lms.models import Attendance, ClassSession, Enrolment, LessonProgress
from quizzes.grading import final_grades

from .models import CompletionRule, StaffConfirmation


@dataclass
class Check:
    key: str
    label: str
    met: bool
    detail: str


@dataclass
class Evaluation:
    enrolment_id: int
    configured: bool = True
    checks: list[Check] = field(default_factory=list)
    grades: dict = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return self.configured and all(check.met for check in self.checks)

    @property
    def missing(self) -> list[Check]:
        return [check for check in self.checks if not check.met]

    def missing_text(self) -> str:
        if not self.configured:
            return _("No completion rules are set for this course.")
        return "; ".join(f"{check.label}: {check.detail}" for check in self.missing)


def context_for(training_class) -> str:
    """The attempt context quizzes use for a class (lms.access.quiz_attempt_context)."""
    return f"class:{getattr(training_class, 'pk', training_class)}"


def rule_for(training_class) -> CompletionRule | None:
    """The class's own rules, else its course's."""
    return (
        CompletionRule.objects.filter(
            Q(training_class_id=training_class.pk)
            | Q(course_id=training_class.course_id, training_class__isnull=True)
        )
        .select_related("essay_quiz")
        .order_by(F("training_class_id").asc(nulls_last=True))
        .first()
    )


def _grade_text(grade) -> str:
    return "—" if grade is None else f"{Decimal(grade):.2f}".rstrip("0").rstrip(".")


def evaluate_class(training_class, enrolments=None) -> dict[int, Evaluation]:
    """{enrolment id: Evaluation} for the class's active enrolments (or those given)."""
    if enrolments is None:
        enrolments = Enrolment.objects.filter(
            training_class=training_class, status=Enrolment.Status.ACTIVE
        )
    enrolments = list(enrolments.select_related("learner"))
    if not enrolments:
        return {}
    rule = rule_for(training_class)
    if rule is None:
        return {e.pk: Evaluation(e.pk, configured=False) for e in enrolments}
    ids = [e.pk for e in enrolments]
    result = {e.pk: Evaluation(e.pk) for e in enrolments}
    context = context_for(training_class)

    # Required lessons.
    required = progress.required_lesson_counts([training_class.course]).get(
        training_class.course_id, 0
    )
    done = dict(
        LessonProgress.objects.filter(
            enrolment_id__in=ids,
            completed_at__isnull=False,
            lesson__live=True,
            lesson__required=True,
        )
        .order_by()
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    for e in enrolments:
        n = done.get(e.pk, 0)
        share = progress.percent(n, required) if required else 100
        met = not required or n * 100 >= rule.min_lessons_percent * required
        result[e.pk].grades["lessons"] = f"{n}/{required}"
        if rule.min_lessons_percent:
            result[e.pk].checks.append(
                Check(
                    "lessons",
                    _("Required lessons"),
                    met,
                    _("%(done)s of %(total)s completed (%(share)s%%; %(needed)s%% needed)")
                    % {
                        "done": n,
                        "total": required,
                        "share": share,
                        "needed": rule.min_lessons_percent,
                    },
                )
            )

    # Quizzes to pass, then the essay: each by its own grading method, in this class.
    quizzes = list(rule.quizzes.all().order_by("path"))
    for quiz in quizzes:
        grades = final_grades(quiz, context=context)
        for e in enrolments:
            grade = grades.get((e.learner.user_id, context))
            result[e.pk].grades.setdefault("quizzes", {})[quiz.title] = (
                None if grade is None else str(grade)
            )
            result[e.pk].checks.append(
                Check(
                    f"quiz:{quiz.pk}",
                    _("Quiz “%(title)s”") % {"title": quiz.title},
                    quiz.is_pass(grade),
                    _("grade %(grade)s, pass mark %(mark)s")
                    % {"grade": _grade_text(grade), "mark": _grade_text(quiz.pass_mark)},
                )
            )
    if rule.essay_quiz_id:
        essay = rule.essay_quiz
        grades = final_grades(essay, context=context)
        for e in enrolments:
            grade = grades.get((e.learner.user_id, context))
            result[e.pk].grades["essay"] = None if grade is None else str(grade)
            result[e.pk].checks.append(
                Check(
                    "essay",
                    _("Reflection essay"),
                    grade is not None and Decimal(grade) >= rule.min_essay_grade,
                    _("grade %(grade)s, %(needed)s needed")
                    % {"grade": _grade_text(grade), "needed": _grade_text(rule.min_essay_grade)},
                )
            )

    # Attendance over every session of the class, held or still to come.
    if rule.min_attendance_percent is not None:
        sessions = ClassSession.objects.filter(training_class=training_class).count()
        present = dict(
            Attendance.objects.filter(
                enrolment_id__in=ids,
                status=Attendance.Status.PRESENT,
                session__training_class=training_class,
            )
            .order_by()
            .values("enrolment_id")
            .annotate(n=Count("pk"))
            .values_list("enrolment_id", "n")
        )
        for e in enrolments:
            n = present.get(e.pk, 0)
            share = progress.percent(n, sessions) if sessions else 100
            result[e.pk].grades["attendance"] = f"{n}/{sessions}"
            result[e.pk].checks.append(
                Check(
                    "attendance",
                    _("Attendance"),
                    not sessions or n * 100 >= rule.min_attendance_percent * sessions,
                    _("%(present)s of %(total)s sessions (%(share)s%%; %(needed)s%% needed)")
                    % {
                        "present": n,
                        "total": sessions,
                        "share": share,
                        "needed": rule.min_attendance_percent,
                    },
                )
            )

    if rule.min_posts:
        posts = participation.counts(Enrolment.objects.filter(pk__in=ids))
        for e in enrolments:
            n = posts.get(e.pk, 0)
            result[e.pk].checks.append(
                Check(
                    "discussion",
                    _("Discussion"),
                    n >= rule.min_posts,
                    _("%(posts)s posts, %(needed)s needed")
                    % {"posts": n, "needed": rule.min_posts},
                )
            )

    if rule.staff_confirms:
        confirmed = set(
            StaffConfirmation.objects.filter(enrolment_id__in=ids).values_list(
                "enrolment_id", flat=True
            )
        )
        for e in enrolments:
            met = e.pk in confirmed
            result[e.pk].checks.append(
                Check(
                    "confirmed",
                    _("Confirmed by the centre"),
                    met,
                    _("confirmed") if met else _("not yet confirmed"),
                )
            )
    return result


def evaluate(enrolment) -> Evaluation:
    queryset = Enrolment.objects.filter(pk=enrolment.pk)
    return evaluate_class(enrolment.training_class, queryset).get(
        enrolment.pk, Evaluation(enrolment.pk, configured=False)
    )
