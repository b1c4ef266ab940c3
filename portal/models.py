from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lessons.access import CourseAccess
from lessons.models import AsciiSlugMixin, CachedPageMixin, CourseIndexPage, CoursePage


class HomePage(CachedPageMixin, AsciiSlugMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    featured_count = models.PositiveSmallIntegerField(_("courses shown"), default=6)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured_count")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CourseIndexPage"]
    template = "portal/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CourseIndexPage.objects.child_of(self).live().first()
        context["courses"] = (
            CoursePage.objects.descendant_of(self)
            .live()
            .public()
            .exclude(access=CourseAccess.PRIVATE)
            .select_related("program")
            .order_by("path")[: self.featured_count]
        )
        return context
