"""A quiz is a Wagtail page, so it sits in a course's outline; its questions are slots:
a fixed question, or N questions drawn at random from a category."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ..text import ascii_slug
from .bank import FEEDBACK_FEATURES


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest grade")
    AVERAGE = "average", _("Average grade")
    FIRST = "first", _("First attempt")
    LAST = "last", _("Last attempt")


class ReviewWhen(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after the attempt")
    AFTER_CLOSE = "after_close", _("After the quiz closes")


class OverdueHandling(models.TextChoices):
    SUBMIT = "submit", _("Submit the attempt automatically")
    GRACE = "grace", _("Allow a grace period, then abandon an attempt not submitted")
    ABANDON = "abandon", _("Abandon the attempt: it is not graded")


@dataclass(frozen=True)
class Rules:
    """The quiz's timing and attempt rules for one learner in one context, after the
    per-class and per-learner overrides."""

    opens_at: datetime | None
    closes_at: datetime | None
    time_limit: timedelta | None
    max_attempts: int  # 0: unlimited


if TYPE_CHECKING:
    _SluggedPage = Page  # what the mixin is mixed into, for the type checker
else:
    _SluggedPage = object


class AsciiSlugMixin(_SluggedPage):
    """New quiz pages get slugs without diacritics, as lesson pages do (the admin's slug
    field keeps Vietnamese letters as typed; with WAGTAIL_ALLOW_UNICODE_SLUGS, Wagtail
    would keep them in the address). A page already published keeps its address."""

    def _fold_slug(self):
        if self.first_published_at is None and (self.slug or self.title):
            self.slug = ascii_slug(self.slug or self.title)

    def full_clean(self, *args, **kwargs):
        self._fold_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._fold_slug()
        super().minimal_clean()


class QuizPage(AsciiSlugMixin, Page):
    # A site's route cache may keep where this page was found (e.g. lessons'
    # PageRouteCacheMiddleware reads this attribute); who may see it is checked each time.
    cache_route = True

    intro = RichTextField(_("introduction"), blank=True, features=FEEDBACK_FEATURES)
    shuffle_questions = models.BooleanField(
        _("shuffle the questions"),
        default=False,
        help_text=_("Each attempt gets the questions in its own order."),
    )
    shuffle_options = models.BooleanField(
        _("shuffle the options"),
        default=True,
        help_text=_("Each attempt gets the options of choice questions in its own order."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Counted by the server from the start of the attempt. Empty: no limit."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("An attempt in progress ends at this time at the latest."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0: unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
        help_text=_("Which attempts make the quiz's grade when several are allowed."),
    )
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(5),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("On the 10-point scale."),
    )
    review_answers = models.BooleanField(_("the learner's own answers"), default=True)
    review_correctness = models.BooleanField(_("whether each answer is right"), default=True)
    review_feedback = models.BooleanField(_("the feedback"), default=True)
    review_right_answers = models.BooleanField(_("the right answers"), default=False)
    review_when = models.CharField(
        _("review shown"),
        max_length=12,
        choices=ReviewWhen.choices,
        default=ReviewWhen.IMMEDIATELY,
        help_text=_(
            "After the quiz closes: never, for a quiz without a closing time. The grade is "
            "always shown once the attempt is graded."
        ),
    )
    overdue_handling = models.CharField(
        _("when time runs out"),
        max_length=10,
        choices=OverdueHandling.choices,
        default=OverdueHandling.SUBMIT,
    )
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace period (minutes)"),
        default=0,
        help_text=_(
            "With a grace period: how long after the time runs out the learner may still "
            "save and submit."
        ),
    )
    offline_grace_minutes = models.PositiveSmallIntegerField(
        _("offline grace (minutes)"),
        default=10,
        db_default=10,
        # The phone's clock is trusted this long: an hour at most.
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Answers a learner saved on the phone without a connection before the time ran "
            "out are still accepted if they reach the server this long after it. The "
            "attempt is submitted or abandoned automatically only once it is over."
        ),
    )

    # Wagtail's own lists hold panel placeholders; these hold panels.
    content_panels: list[Any] = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("slots", label=_("Questions"), min_num=1),
    ]
    settings_panels: list[Any] = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("overdue_handling"), FieldPanel("grace_minutes")]),
                FieldPanel("offline_grace_minutes"),
            ],
            heading=_("Timing and attempts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("pass_mark")]),
            ],
            heading=_("Questions and grading"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_answers"),
                FieldPanel("review_correctness"),
                FieldPanel("review_feedback"),
                FieldPanel("review_right_answers"),
                FieldPanel("review_when"),
            ],
            heading=_("What the learner may review"),
        ),
        *Page.settings_panels,
    ]
    subpage_types: list[str] = []
    template = "quizzes/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        permissions = [("attempt_quiz", _("Can attempt quizzes"))]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})
        if self.overdue_handling == OverdueHandling.GRACE and not self.grace_minutes:
            raise ValidationError({"grace_minutes": _("Give the length of the grace period.")})

    def rules_for(self, user, context: str = "") -> Rules:
        """The rules after overrides: a learner's own override in this context, then a
        learner's override for every context, then one for the whole context (a class),
        then the quiz's settings; each field from the first that sets it."""
        overrides = list(
            self.overrides.filter(
                (Q(user__isnull=True) | Q(user_id=user.pk)) & (Q(context="") | Q(context=context))
            ).order_by("-pk")
        )
        overrides.sort(key=lambda o: (o.user_id is None, o.context == ""))

        def pick(field, default):
            for override in overrides:
                value = getattr(override, field)
                if value is not None:
                    return value
            return default

        minutes = pick("time_limit_minutes", self.time_limit_minutes)
        return Rules(
            opens_at=pick("opens_at", self.opens_at),
            closes_at=pick("closes_at", self.closes_at),
            time_limit=timedelta(minutes=minutes) if minutes else None,
            max_attempts=pick("max_attempts", self.max_attempts),
        )

    def is_pass(self, grade) -> bool:
        return grade is not None and Decimal(grade) >= self.pass_mark

    # The view that serves the page, ``quizzes.views.serve_quiz``: quizzes/apps.py sets
    # it when the app is ready, so that models import no views.
    page_view: ClassVar[Callable[..., HttpResponse]]

    def serve(self, request, *args, **kwargs):
        """The quiz's page: its rules, the learner's attempts, and Start / Continue
        (a POST here starts or resumes the attempt). See quizzes/views.py."""
        return QuizPage.page_view(self, request)


class QuizSlot(Orderable):
    """One place in the quiz: a fixed question, or ``count`` questions drawn at random
    from a category (each attempt its own draw)."""

    quiz = ParentalKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="slots"
    )
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        verbose_name=_("draw from category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(
        _("number of questions to draw"), default=1, validators=[MinValueValidator(1)]
    )
    include_subcategories = models.BooleanField(_("include sub-categories"), default=False)

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("count")]),
        FieldPanel("include_subcategories"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question slot")
        verbose_name_plural = _("question slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, category__isnull=True)
                | Q(question__isnull=True, category__isnull=False),
                name="quizzes_slot_question_or_draw",
            )
        ]

    def __str__(self) -> str:
        if self.question_id:
            return str(self.question)
        return _("%(count)s at random from %(category)s") % {
            "count": self.count,
            "category": self.category,
        }

    def clean(self):
        super().clean()
        if bool(self.question_id) == bool(self.category_id):
            raise ValidationError(
                _("Choose either a question or a category to draw questions from.")
            )


class QuizOverride(models.Model):
    """Different dates, time or attempts for one class (a context) or one learner, e.g. a
    class that takes the test a week later, or a learner who was ill."""

    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="overrides"
    )
    context = models.CharField(
        _("context"),
        max_length=100,
        blank=True,
        help_text=_("The class or other context it applies to (e.g. 'class:12'); empty: all."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz override")
        verbose_name_plural = _("quiz overrides")
        constraints = [
            models.CheckConstraint(
                condition=~Q(context="") | Q(user__isnull=False),
                name="quizzes_override_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quiz} ({self.context or '*'}, {self.user or '*'})"

    def clean(self):
        super().clean()
        if not self.context and not self.user_id:
            raise ValidationError(_("Choose the context or the learner the override is for."))
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})
