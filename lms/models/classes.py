from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext_lazy


class TrainingClassQuerySet(models.QuerySet):
    def readable(self):
        """Classes whose learners may read the course (TrainingClass.READABLE_STATUSES)."""
        return self.filter(status__in=TrainingClass.READABLE_STATUSES)

    def running(self):
        """Classes under way, where learners still study and write."""
        return self.filter(status__in=TrainingClass.RUNNING_STATUSES)

    def not_cancelled(self):
        return self.exclude(status=TrainingClass.Status.CANCELLED)

    def for_contexts(self, contexts):
        """The classes named by quiz attempt contexts ("class:<id>"; others ignored)."""
        ids = {pk for pk in map(TrainingClass.pk_from_context, contexts) if pk is not None}
        return self.filter(pk__in=ids)


class TrainingClass(models.Model):
    """A class (lớp) of a course, numbered per centre, course and year: "lớp thứ 3/2023"."""

    class Venue(models.TextChoices):
        CENTRE = "centre", _("At the centre")
        CLUSTER = "cluster", _("At a commune cluster")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for study")
        IN_SESSION = "in_session", _("In session")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    # Learners may read the course: not before the class opens, nor when cancelled.
    READABLE_STATUSES = (Status.OPEN, Status.IN_SESSION, Status.FINISHED)
    # Under way: learners study, write in discussions and get reminders.
    RUNNING_STATUSES = (Status.OPEN, Status.IN_SESSION)
    # Quizzes count attempts per class, under the context "class:<id>" (lms.access).
    CONTEXT_PREFIX = "class:"

    centre = models.ForeignKey(
        "lms.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="classes"
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="training_classes",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number in the year"), help_text=_("Suggested automatically: the next free number.")
    )
    title = models.CharField(
        pgettext_lazy("training class", "title"), max_length=300, editable=False
    )
    venue_kind = models.CharField(
        _("venue"), max_length=10, choices=Venue.choices, default=Venue.CENTRE
    )
    venue = models.CharField(
        _("venue name"),
        max_length=255,
        blank=True,
        help_text=_("For a commune cluster, its name and meeting place."),
    )
    study_opens = models.DateField(_("remote study opens"), null=True, blank=True)
    study_closes = models.DateField(_("remote study closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    lecturers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="lms.ClassLecturer",
        verbose_name=_("lecturers"),
        related_name="lecturing_classes",
    )

    objects = TrainingClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-year", "course_id", "number"]
        permissions = [("manage_all_classes", _("Can manage every class of the centre"))]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "course", "year", "number"], name="lms_class_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(study_closes__isnull=True)
                | Q(study_opens__isnull=True)
                | Q(study_closes__gte=models.F("study_opens")),
                name="lms_class_study_window_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.number and self.centre_id and self.course_id and self.year:
            self.number = self.next_number(self.centre_id, self.course_id, self.year)
        self.title = self.make_title()
        super().save(*args, **kwargs)

    def in_study_window(self, day) -> bool:
        """Whether ``day`` lies within the class's study period (open ends are no bound)."""
        return not (
            (self.study_opens and day < self.study_opens)
            or (self.study_closes and day > self.study_closes)
        )

    def window_text(self) -> str:
        opens = f"{self.study_opens:%d/%m/%Y}" if self.study_opens else "…"
        closes = f"{self.study_closes:%d/%m/%Y}" if self.study_closes else "…"
        return f"{opens} – {closes}"

    def clean(self):
        super().clean()
        if not self.pk or not (self.study_opens or self.study_closes):
            return
        outside = [s.date for s in self.sessions.all() if not self.in_study_window(s.date)]
        if outside:
            raise ValidationError(
                _(
                    "The class has in-person sessions outside this study period (%(dates)s): "
                    "move them first, or widen the period."
                )
                % {"dates": ", ".join(f"{day:%d/%m/%Y}" for day in sorted(outside))}
            )

    @classmethod
    def context_of(cls, class_id) -> str:
        """The quiz attempt context of a class, from the class or its id: "class:12"."""
        return f"{cls.CONTEXT_PREFIX}{getattr(class_id, 'pk', class_id)}"

    @classmethod
    def pk_from_context(cls, context: str) -> int | None:
        """ "class:12" -> 12; None for any other context."""
        if not context.startswith(cls.CONTEXT_PREFIX):
            return None
        rest = context[len(cls.CONTEXT_PREFIX) :]
        return int(rest) if rest.isdigit() else None

    @property
    def attempt_context(self) -> str:
        return self.context_of(self.pk)

    @property
    def is_readable(self) -> bool:
        return self.status in self.READABLE_STATUSES

    @classmethod
    def next_number(cls, centre, course, year) -> int:
        highest = cls.objects.filter(centre=centre, course=course, year=year).aggregate(
            highest=Max("number")
        )["highest"]
        return (highest or 0) + 1

    def make_title(self) -> str:
        # Stored in the site's default language: it is the class's name in registers.
        with override(settings.LANGUAGE_CODE):
            course = self.course.title
            return str(
                _("%(course)s class no. %(number)s/%(year)s")
                % {
                    "course": course[:1].lower() + course[1:],
                    "number": self.number,
                    "year": self.year,
                }
            )


class ClassLecturer(models.Model):
    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time (chuyên trách)")
        PART_TIME = "part_time", _("Part-time (kiêm chức)")

    training_class = models.ForeignKey(
        TrainingClass,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="lecturer_links",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lecturer"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FULL_TIME)

    class Meta:
        verbose_name = _("class lecturer")
        verbose_name_plural = _("class lecturers")
        constraints = [
            models.UniqueConstraint(fields=["training_class", "user"], name="lms_lecturer_unique")
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class ClassSession(models.Model):
    """An in-person session of a class."""

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        DISCUSSION = "discussion", _("Discussion")
        FIELD_TRIP = "field_trip", _("Field trip")
        EXAM = "exam", _("Exam")

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.LECTURE)
    topic = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lecturer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lecturer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once its learners have been reminded (lms/reminders.py): the sweep reminds a
    # session the daily schedule missed.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("in-person session")
        verbose_name_plural = _("in-person sessions")
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="lms_session_ends_after_start"
            )
        ]
        indexes = [
            models.Index(
                fields=["date"],
                condition=Q(reminded_at__isnull=True),
                name="lms_session_unreminded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}, {self.venue}"

    def clean(self):
        super().clean()
        if self.date and self.training_class_id:
            klass = self.training_class
            if not klass.in_study_window(self.date):
                raise ValidationError(
                    {
                        "date": _(
                            "%(date)s is outside the study period of %(class)s (%(window)s). "
                            "Choose a day within it, or change the class's study period first."
                        )
                        % {
                            "date": f"{self.date:%d/%m/%Y}",
                            "class": klass.title,
                            "window": klass.window_text(),
                        }
                    }
                )


class EnrolmentQuerySet(models.QuerySet):
    def completed_in(self, year: int):
        """Active enrolments completed in ``year`` (in the site's time zone): the one rule
        every report, the admin home and the register count completions and certificates
        by. A completion is dated when its certificate is issued, so the two agree."""
        return self.filter(status=Enrolment.Status.ACTIVE, completed_at__year=year)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("enrolment status", "Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="enrolments"
    )
    learner = models.ForeignKey(
        "lms.LearnerProfile",
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # Kept by the certificates app: set when the completion record is issued, cleared when
    # it is revoked, so reports count completions in SQL without knowing that app.
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "learner"], name="lms_enrolment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.training_class}"
