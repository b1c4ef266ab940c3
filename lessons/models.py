"""Course catalogue, course and lesson pages.

The tree is: (any page) > CourseIndexPage (the catalogue) > CoursePage > LessonPage.
A lesson's place among its siblings is its order; editors drag lessons to reorder them.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .access import CourseAccess, can_read_course, can_read_lesson, refuse
from .blocks import LessonBodyBlock
from .caching import local_cache_alias
from .hooks import lesson_panels
from .page_cache import content_version, mark_cacheable
from .text import ascii_slug, fold

BODY_CACHE_SECONDS = 6 * 60 * 60


class ProgramType(models.Model):
    """A training program (Party awareness, elementary political theory, ...).

    An editable list: centres add programs as the Party's training plans change."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name


class CachedPageMixin:
    """Lets the page caches keep this page's route and, for anonymous visitors, its
    response (see page_cache.py)."""

    cache_route = True  # see lessons/hooks.py

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            mark_cacheable(request)
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        """Remembered on the instance: a page kept by the route cache is checked again
        on every request without a query. Saving or deleting a view restriction retires
        the route cache (caching.PAGES), so no page keeps restrictions that changed
        (tests/test_lesson_pages.py)."""
        if not hasattr(self, "_view_restrictions"):
            # A queryset holding its rows, not a list: the admin's privacy view goes on
            # to .order_by() it (a list made that view fail with a server error).
            restrictions = super().get_view_restrictions()
            restrictions._fetch_all()
            self._view_restrictions = restrictions
        return self._view_restrictions


class AsciiSlugMixin:
    """Slugs without diacritics: "Điều lệ Đảng" -> "dieu-le-dang".

    The admin's slug field keeps Vietnamese letters as the editor types (with
    WAGTAIL_ALLOW_UNICODE_SLUGS its own transliteration would drop them: "Đảng" ->
    "djng"); the server folds them here, for drafts and published pages alike."""

    def _fold_slug(self):
        if self.slug or self.title:
            self.slug = ascii_slug(self.slug or self.title)

    def full_clean(self, *args, **kwargs):
        self._fold_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._fold_slug()
        super().minimal_clean()


class FoldedSearchMixin:
    """Indexes an accent-folded copy of the page's text beside the original."""

    def folded_text(self) -> str:
        return fold(" ".join(self.search_text_parts()))

    def search_text_parts(self) -> list[str]:
        return [self.title]


class CourseIndexPage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, Page):
    """The course catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_text"),
        # The admin's page search autocompletes: "dang" finds "Đảng" there too.
        index.AutocompleteField("folded_text"),
    ]
    subpage_types = ["lessons.CoursePage"]
    template = "lessons/course_index_page.html"

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def route(self, request, path_components):
        """Find a course or lesson by its URL path in one query.

        Wagtail walks the tree one level at a time, two queries a level. Below a
        catalogue the shape is fixed (course, then lesson), so the page type is known
        from the depth and one query on the specific model does."""
        model = {1: CoursePage, 2: LessonPage}.get(len(path_components))
        if model is None:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        pages = model.objects.filter(url_path=url_path)
        if model is CoursePage:
            pages = pages.select_related("program")
        page = pages.first()
        if page is None:
            if model is LessonPage:  # another page in a course, e.g. a quiz
                return super().route(request, path_components)
            raise Http404
        if model is CoursePage:
            page.remember_catalogue(self)  # the breadcrumb needs no query
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = (
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .exclude(access=CourseAccess.PRIVATE)
            .select_related("program", "cover_image")
            .order_by("path")
        )
        programs = ProgramType.objects.filter(pk__in=courses.values("program_id")).order_by(
            "sort_order", "name"
        )
        selected = request.GET.get("program", "")
        if selected:
            courses = courses.filter(program__slug=selected)
        context.update(courses=courses, programs=programs, selected_program=selected)
        return context


class CoursePage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, Page):
    program = models.ForeignKey(
        ProgramType,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("Who the course is for, e.g. 'quần chúng ưu tú' preparing to join the Party."),
    )
    summary = models.TextField(_("summary"), max_length=1000)
    expected_hours = models.PositiveSmallIntegerField(
        _("expected hours"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
    )
    access = models.CharField(
        _("who can read it"),
        max_length=10,
        choices=CourseAccess.choices,
        default=CourseAccess.CATALOGUE,
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("program"),
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("expected_hours"),
        FieldPanel("cover_image"),
        FieldPanel("access"),
        HelpPanel(
            content=_("Add lessons as sub-pages of this course; drag them to set their order.")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("folded_text"),
        index.AutocompleteField("folded_text"),
        index.FilterField("program"),
        index.FilterField("access"),
    ]
    parent_page_types = ["lessons.CourseIndexPage"]
    subpage_types = ["lessons.LessonPage", "quizzes.QuizPage"]
    # The explorer lists a course's lessons in course order, ready to drag.
    admin_default_ordering = "ord"
    template = "lessons/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def search_text_parts(self) -> list[str]:
        return [self.title, self.summary, self.audience]

    def serve(self, request, *args, **kwargs):
        if not can_read_course(request.user, self):
            return refuse(request)
        return super().serve(request, *args, **kwargs)

    def catalogue(self) -> Page:
        """The catalogue the course is in (its parent), fetched once per instance."""
        if not hasattr(self, "_catalogue"):
            self._catalogue = Page.objects.get(path=self.path[: -self.steplen])
        return self._catalogue

    def remember_catalogue(self, catalogue: Page) -> None:
        """Hand over the catalogue, for a caller that has it (CourseIndexPage.route)."""
        self._catalogue = catalogue

    def lessons(self):
        """Published lessons in order, with just what an outline needs."""
        return (
            LessonPage.objects.child_of(self)
            .live()
            .order_by("path")
            .only(
                "id", "title", "slug", "path", "depth", "url_path", "estimated_minutes", "required"
            )
        )

    def outline(self) -> list["LessonPage"]:
        """The published lessons, remembered on the instance (see get_view_restrictions)."""
        if not hasattr(self, "_outline"):
            self._outline = [page for page in self.contents() if page.kind == "lesson"]
        return self._outline

    def contents(self) -> list[Page]:
        """Lessons and quizzes in the order authors set (remembered like ``outline``)."""
        if not hasattr(self, "_contents"):
            self._contents = course_contents([self])[self.pk]
        return self._contents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = self.outline()
        # A signed-in reader who may not read the lessons (not in a class of a catalogue
        # course) sees the outline without links: they led to "not found". Anonymous
        # visitors keep them, to be asked to log in.
        locked = bool(
            lessons
            and request.user.is_authenticated
            and not can_read_lesson(request.user, lessons[0], self)
        )
        context.update(
            lessons=lessons,
            locked=locked,
            contents=self.contents(),
            total_minutes=sum(lesson.estimated_minutes for lesson in lessons),
        )
        return context


class LessonPage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, Page):
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Counts towards the course's progress and completion."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("How long a learner needs to read the lesson."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("folded_text"),
        index.AutocompleteField("folded_text"),
    ]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types: list[str] = []
    template = "lessons/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def search_text_parts(self) -> list[str]:
        return [self.title, self.summary, *self.body.stream_block.get_searchable_content(self.body)]

    def get_course(self) -> "CoursePage":
        """The course this lesson belongs to (fetched once per instance)."""
        if not hasattr(self, "_course"):
            parent_path = self.path[: -self.steplen]
            self._course = CoursePage.objects.get(path=parent_path)
        return self._course

    def serve(self, request, *args, **kwargs):
        if not can_read_lesson(request.user, self, self.get_course()):
            return refuse(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        lessons = course.outline()
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        # "Next" and "previous" follow the whole course: lessons and quizzes alike.
        contents = course.contents()
        here = next((i for i, item in enumerate(contents) if item.pk == self.pk), None)
        previous_lesson = next_lesson = None
        if here is not None:
            previous_lesson = contents[here - 1] if here > 0 else None
            next_lesson = contents[here + 1] if here + 1 < len(contents) else None
        # The rendered body is cached per published revision and language; previews
        # render fresh because the revision they show is not saved yet.
        is_preview = getattr(request, "is_preview", False)
        context.update(
            course=course,
            lessons=lessons,
            contents=contents,
            lesson_number=None if position is None else position + 1,
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
            body_cache_key=None if is_preview else f"{self.pk}.{self.live_revision_id}",
            content_version=content_version(request),
            cache_seconds=BODY_CACHE_SECONDS,
            fragment_cache=local_cache_alias(),
            lesson_panels=lesson_panels(request, self),
        )
        return context


def course_contents(courses) -> dict[int, list[Page]]:
    """{course id: its published lessons and quizzes, in page-tree order}, in one query
    whatever the number of courses or pages. A quiz holding an essay question is marked
    ``is_essay`` (the reflection essay, bài thu hoạch, is such a quiz) and
    ``has_overrides`` when it has dates or attempts of its own for someone; each page gets
    ``kind`` ("lesson", "quiz" or "essay") and lessons their ``number`` in the course."""
    from quizzes.models import Question, QuizOverride, QuizSlot

    courses = list(courses)
    result: dict[int, list[Page]] = {course.pk: [] for course in courses}
    if not courses:
        return result
    by_path = {course.path: course.pk for course in courses}
    children = models.Q()
    for course in courses:
        children |= models.Q(path__startswith=course.path, depth=course.depth + 1)
    essay_slots = QuizSlot.objects.filter(
        quiz=models.OuterRef("pk"), question__kind=Question.Kind.ESSAY
    )
    # Lessons and quizzes in one query: the pages with either child row, each child
    # loaded beside its page (select_related builds it from the page's own columns).
    pages = (
        Page.objects.live()
        .filter(children)
        .filter(models.Q(lessonpage__isnull=False) | models.Q(quizpage__isnull=False))
        .select_related("lessonpage", "quizpage")
        .annotate(
            is_essay=models.Exists(essay_slots),
            has_overrides=models.Exists(QuizOverride.objects.filter(quiz=models.OuterRef("pk"))),
        )
        .only(
            "id",
            "title",
            "slug",
            "path",
            "depth",
            "url_path",
            "lessonpage__estimated_minutes",
            "lessonpage__required",
            "quizpage__opens_at",
            "quizpage__closes_at",
            "quizpage__max_attempts",
            "quizpage__grading_method",
            "quizpage__pass_mark",
        )
        .order_by("path")
    )
    for row in pages:
        lesson = getattr(row, "lessonpage", None)
        if lesson is not None:
            page = lesson
            page.kind = "lesson"
        else:
            page = row.quizpage
            page.is_essay, page.has_overrides = row.is_essay, row.has_overrides
            page.kind = "essay" if page.is_essay else "quiz"
        result[by_path[page.path[: -page.steplen]]].append(page)
    for pages in result.values():
        number = 0
        for page in pages:
            if page.kind == "lesson":
                number += 1
                page.number = number
    return result
