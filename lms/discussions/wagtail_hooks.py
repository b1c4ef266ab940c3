"""The lesson page's link to its discussion, and the moderation screens in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lessons.models import LessonPage

from .models import ModerationAction, Report

LESSON_PANEL = "lms_discussions/lesson_panel.html"


@hooks.register("before_serve_page", order=100)
def lesson_discussion_link(page, request, serve_args, serve_kwargs):
    """Ask lms's lesson footer to include our panel: a link, for an enrolled learner
    (lms has just looked the enrolment up) or someone with admin access (lecturers,
    staff; the link's page sends anyone else away). No query."""
    if not isinstance(page, LessonPage) or getattr(request, "is_preview", False):
        return None
    user = request.user
    if not user.is_authenticated:
        return None
    if getattr(request, "lms_lesson", None) or user.is_staff:
        panels = getattr(request, "lms_lesson_panels", [])
        request.lms_lesson_panels = [*panels, LESSON_PANEL]
    return None


class ModerationLogViewSet(ModelViewSet):
    model = ModerationAction
    icon = "list-ul"
    menu_label = _("Moderation log")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["created_at", "kind", "thread", "actor", "reason", "training_class"]
    list_filter = ["kind"]
    list_export = ["created_at", "kind", "thread", "actor", "reason", "detail", "training_class"]
    form_fields = ["reason"]


class ReportViewSet(ModelViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Reported posts")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["created_at", "post", "reporter", "reason"]
    list_export = ["created_at", "post", "reporter", "reason"]
    form_fields = ["reason"]


class DiscussionsGroup(ViewSetGroup):
    menu_label = _("Discussions")
    menu_icon = "comment"
    items = (ModerationLogViewSet("discussion_log"), ReportViewSet("discussion_reports"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DiscussionsGroup()
