from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Func, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import rendering

EDIT_WINDOW = timedelta(minutes=30)
MAX_SOURCE_CHARS = 10_000
MAX_TITLE_CHARS = 200


def display_name(user) -> str:
    """A learner's full name, else the account's name (with learner_profile selected)."""
    profile = getattr(user, "learner_profile", None) if user is not None else None
    if profile is not None:
        return profile.full_name
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class Thread(models.Model):
    """A discussion among the people of one class: about one lesson, or the class in
    general (no lesson)."""

    training_class = models.ForeignKey(
        "lms.TrainingClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="discussion_threads",
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE_CHARS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    # Kept by refresh_stats() after every change to its posts, so lists need no counting.
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_post_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-pinned", "-last_post_at"]
        indexes = [
            models.Index(
                fields=["training_class", "lesson", "-pinned", "-last_post_at"],
                name="lms_disc_thread_list",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def author_name(self) -> str:
        return display_name(self.author)

    def refresh_stats(self) -> None:
        stats = self.posts.aggregate(n=Count("pk"), last=Max("created_at"))
        self.reply_count = max((stats["n"] or 0) - 1, 0)
        self.last_post_at = stats["last"] or self.created_at
        Thread.objects.filter(pk=self.pk).update(
            reply_count=self.reply_count, last_post_at=self.last_post_at
        )


class Post(models.Model):
    """One message of a thread. ``source`` is what the author typed (shown again for
    editing); ``html`` is its sanitised rendering, made on save."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The author's enrolment in the thread's class (none for lecturers and staff):
    # what participation is counted against.
    enrolment = models.ForeignKey(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_thread = models.BooleanField(_("opens the thread"), default=False, editable=False)
    source = models.TextField(_("text"), max_length=MAX_SOURCE_CHARS)
    html = models.TextField(_("HTML"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "created_at"], name="lms_disc_post_order"),
            models.Index(fields=["author", "created_at"], name="lms_disc_post_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def save(self, *args, **kwargs):
        self.source = rendering.clean_source(self.source)
        self.html = rendering.render(self.source) if self.source else ""
        super().save(*args, **kwargs)

    @property
    def body(self) -> str:
        """The sanitised HTML (made by rendering.render on save), ready for a template."""
        return mark_safe(self.html)  # noqa: S308 (sanitised on save)

    @cached_property
    def author_name(self) -> str:
        return display_name(self.author)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def editable_until(self):
        return self.created_at + EDIT_WINDOW

    def can_be_edited_by(self, user) -> bool:
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and not self.is_deleted
            and not self.is_hidden
            and not self.thread.locked
            and timezone.now() < self.editable_until()
        )


class ReadMark(models.Model):
    """How far a person has read a thread: unread markers compare it with last_post_at."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="lms_disc_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.thread_id}"


def count_posts(enrolments) -> dict[int, int]:
    """The participation counter registered with lms.participation: posts (threads
    started and replies) per enrolment, deleted ones left out."""
    rows = (
        Post.objects.filter(enrolment__in=enrolments, deleted_at__isnull=True)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
    )
    return {row["enrolment"]: row["n"] for row in rows}


def posts_column():
    """count_posts as a column of a query of enrolments (lms.participation.column)."""
    return Coalesce(
        Subquery(
            Post.objects.filter(enrolment=OuterRef("pk"), deleted_at__isnull=True)
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def participation_by_enrolment(training_class) -> dict[int, dict[str, int]]:
    """Threads started and replies per enrolment of a class, in one query."""
    rows = (
        Post.objects.filter(
            thread__training_class=training_class,
            enrolment__isnull=False,
            deleted_at__isnull=True,
        )
        .order_by()
        .values("enrolment")
        .annotate(
            started=Count("pk", filter=Q(opens_thread=True)),
            total=Count("pk"),
        )
    )
    return {
        row["enrolment"]: {"threads": row["started"], "replies": row["total"] - row["started"]}
        for row in rows
    }
