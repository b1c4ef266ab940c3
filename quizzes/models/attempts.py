"""Attempts, the questions drawn for each, the answers, and the record of grade changes.

An attempt is a state machine (see quizzes/attempts.py for the steps):

    in_progress -> overdue -> submitted -> graded
         |            |
         +------------+-----> abandoned
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        OVERDUE = "overdue", _("Overdue")
        SUBMITTED = "submitted", _("Submitted")
        GRADED = "graded", _("Graded")
        ABANDONED = "abandoned", _("Abandoned")

    # Answers may be saved and the attempt submitted.
    ACTIVE = (State.IN_PROGRESS, State.OVERDUE)
    # Handed in: grading follows.
    FINISHED = (State.SUBMITTED, State.GRADED)

    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    context = models.CharField(
        _("context"),
        max_length=100,
        blank=True,
        help_text=_(
            "Supplied by the site, e.g. 'class:12': attempts are counted per quiz, learner "
            "and context, so a learner in a new class starts afresh."
        ),
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    seed = models.BigIntegerField(
        _("random seed"), help_text=_("Makes the draw and the shuffle of this attempt repeatable.")
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("From the time limit and the closing time, by the server's clock."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_automatically = models.BooleanField(_("submitted automatically"), default=False)
    completed_offline = models.BooleanField(
        _("completed offline"),
        default=False,
        db_default=False,  # rows written in bulk by SQL (lms/reports/generate/)
        help_text=_(
            "Answers or the submission were saved on the learner's phone without a "
            "connection and sent when it returned."
        ),
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    # When the receivers of attempt_graded last ran for this grade (a notice sent, the
    # completion checked); empty while a grade waits to be announced, which the site's
    # sweep finds (quizzes.grading.unannounced).
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, editable=False)
    max_points = models.DecimalField(_("maximum points"), max_digits=8, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(
        _("grade"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("On the 10-point scale, once every answer is graded."),
    )

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz_id", "user_id", "context", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "context", "number"], name="quizzes_attempt_number_unique"
            ),
            # At most one attempt under way per quiz, learner and context: two tabs
            # starting at once get the same attempt.
            models.UniqueConstraint(
                fields=["quiz", "user", "context"],
                condition=Q(state__in=["in_progress", "overdue"]),
                name="quizzes_one_active_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="quizzes_attempt_due"),
            models.Index(
                fields=["graded_at"],
                condition=Q(state="graded", announced_at__isnull=True),
                name="quizzes_attempt_unannounced",
            ),
        ]

    def __str__(self) -> str:
        return _("Attempt %(number)s at %(quiz)s by %(user)s") % {
            "number": self.number,
            "quiz": self.quiz,
            "user": self.user,
        }

    @property
    def learner_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED


class AttemptQuestion(models.Model):
    """A question drawn for an attempt, at its place, with its options in the order this
    attempt shows them."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="questions"
    )
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="attempt_questions",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    option_order = models.JSONField(_("option order"), default=list, blank=True)
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        help_text=_("The question's points when it was drawn."),
    )

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quizzes_attempt_position_unique"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="quizzes_attempt_question_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"


class Answer(models.Model):
    # Not a column: set by quizzes.attempts.save_answer when a save changed nothing
    # (a repeat, or a late older save from the phone).
    stale: bool = False

    attempt_question = models.OneToOneField(
        AttemptQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answer",
    )
    choice_ids = models.JSONField(_("chosen options"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    # The number the phone gave the save applied last (rising with each change); a save
    # with a number not above it is older or a repeat, and changes nothing.
    sequence = models.BigIntegerField(_("save number"), default=0, db_default=0, editable=False)
    points = models.DecimalField(
        _("points awarded"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty until graded."),
    )
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("graded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when graded automatically."),
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    feedback = models.TextField(_("grader's comment"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.attempt_question)

    @property
    def is_graded(self) -> bool:
        return self.points is not None


class GradeChange(models.Model):
    """A grade given or changed by a person, or by a regrade after an answer key changed."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="grade_changes"
    )
    answer = models.ForeignKey(
        Answer,
        verbose_name=_("answer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grade_changes",
        help_text=_("Empty for a change of the attempt's grade."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))
    old = models.DecimalField(_("old"), max_digits=8, decimal_places=2, null=True, blank=True)
    new = models.DecimalField(_("new"), max_digits=8, decimal_places=2, null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["attempt_id", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.attempt}: {self.old} -> {self.new}"
