"""The question bank: categories per course, questions, their options and accepted answers."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from ..text import plain_text

STEM_FEATURES = ["bold", "italic", "ol", "ul", "link", "image", "superscript", "subscript"]
OPTION_FEATURES = ["bold", "italic", "image", "superscript", "subscript"]
FEEDBACK_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class QuestionCategory(models.Model):
    """A folder of a course's question bank: "Chapter 1", "Chapter 1 > Dates"."""

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="question_categories",
        help_text=_("The course page whose question bank this category belongs to."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["course_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "parent", "name"], name="quizzes_category_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        parent = self.parent
        if parent is None:
            return
        if parent.course_id != self.course_id:
            raise ValidationError(
                {"parent": _("The parent category belongs to another course's bank.")}
            )
        ancestor: QuestionCategory | None = parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A category cannot be placed inside itself or its own children.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def path_names(self) -> list[str]:
        """The names from the bank's top category down to this one."""
        names = []
        category: QuestionCategory | None = self
        seen = set()
        while category is not None and category.pk not in seen:
            seen.add(category.pk)
            names.append(category.name)
            category = category.parent
        return names[::-1]

    def descendant_ids(self) -> list[int]:
        """This category and every category below it, in a query per level."""
        found = [self.pk]
        level = [self.pk]
        while level:
            level = [
                pk
                for pk in QuestionCategory.objects.filter(parent_id__in=level)
                .order_by("pk")
                .values_list("pk", flat=True)
                if pk not in found
            ]
            found.extend(level)
        return found


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT = "short", _("Short answer")
        ESSAY = "essay", _("Essay")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)
    # Graded by the server on submission; essays wait for a person.
    AUTOMATIC_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.SHORT)

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the bank's lists; the beginning of the question when left empty."),
    )
    stem = RichTextField(_("question"), features=STEM_FEATURES)
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_(
            "The question's weight in the quiz. Multiple choice gives partial credit: each "
            "correct option chosen earns its share of the points (points divided by the "
            "number of correct options), each wrong option chosen removes a share (points "
            "divided by the number of wrong options), and the result is never below 0, so "
            "ticking every option earns nothing."
        ),
    )
    general_feedback = RichTextField(
        _("general feedback"),
        blank=True,
        features=FEEDBACK_FEATURES,
        help_text=_("Shown to every learner after the attempt, whatever they answered."),
    )
    diacritics_matter = models.BooleanField(
        _("diacritics matter"),
        default=False,
        help_text=_(
            "Short answer: compare the Vietnamese diacritics too. Left off, 'ho chi minh' "
            "matches 'Hồ Chí Minh'. Case and spacing never matter."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category_id", "pk"]

    def __str__(self) -> str:
        return self.name or plain_text(self.stem)

    def save(self, *args, **kwargs):
        if not self.name:
            self.name = plain_text(self.stem, 120)
        super().save(*args, **kwargs)

    @property
    def is_automatic(self) -> bool:
        return self.kind in self.AUTOMATIC_KINDS

    @property
    def takes_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    def key_problems(self, options=None, accepted=None) -> list[str]:
        """What is wrong with the answer key, as messages; empty when the question can be
        graded. Editing forms and imports call it with the options and accepted answers
        they are about to save; without them, those already saved are checked."""
        if options is None:
            options = list(self.options.all())
        if accepted is None:
            accepted = list(self.accepted_answers.all())
        correct = sum(1 for option in options if option.is_correct)
        problems = []
        if self.kind in self.CHOICE_KINDS:
            if self.kind == self.Kind.TRUE_FALSE and len(options) != 2:
                problems.append(_("A true-or-false question has exactly two options."))
            elif len(options) < 2:
                problems.append(_("Give at least two options."))
            if self.kind == self.Kind.MULTIPLE:
                if correct < 1:
                    problems.append(_("Mark at least one option as correct."))
            elif correct != 1:
                problems.append(_("Mark exactly one option as correct."))
        elif options:
            problems.append(_("Only choice questions have options."))
        if self.kind == self.Kind.SHORT:
            if not [answer for answer in accepted if answer.text.strip()]:
                problems.append(_("Give at least one accepted answer."))
        elif accepted:
            problems.append(_("Only short-answer questions have accepted answers."))
        return [str(problem) for problem in problems]


class Option(Orderable):
    question = ParentalKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    text = RichTextField(_("text"), features=OPTION_FEATURES)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = RichTextField(
        _("feedback"),
        blank=True,
        features=FEEDBACK_FEATURES,
        help_text=_("Shown after the attempt to a learner who chose this option."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return plain_text(self.text)


class AcceptedAnswer(Orderable):
    """A short answer counted as right, compared after normalising (see text.normalise)."""

    question = ParentalKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="accepted_answers",
    )
    text = models.CharField(_("accepted answer"), max_length=500)

    class Meta(Orderable.Meta):
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self) -> str:
        return self.text
