"""The lesson page's link to its discussion, the dashboard's links, and the moderation
screens in the admin."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from lessons.hooks import LESSON_PANELS
from lms.access import current_enrolment, is_staff_member, lectures_course
from lms.admin.permissions import CentreModelPolicy
from lms.admin.viewsets.base import ScopedViews
from lms.hooks import DASHBOARD_LINKS, DashboardLinks, Link
from lms.models import TrainingClass

from .models import ModerationAction, Report

LESSON_PANEL = "lms_discussions/lesson_panel.html"


@hooks.register(LESSON_PANELS, order=100)
def lesson_discussion_link(request, page) -> str:
    """The link to the lesson's discussion, after lms's progress box: for an enrolled
    learner, or a lecturer or staff member of a course that has a class (an open course
    has no class discussion to go to). For a learner no query: lms has just looked the
    enrolment up for this request."""
    if getattr(request, "is_preview", False):
        return ""
    user = request.user
    if not user.is_authenticated:
        return ""
    if current_enrolment(user, page.get_course()) is not None or (
        user.is_staff and _has_a_class(user, page)
    ):
        return render_to_string(LESSON_PANEL, {"page": page}, request=request)
    return ""


@hooks.register(DASHBOARD_LINKS)
def dashboard_links(request, taking, teaching) -> DashboardLinks:
    """Each class's discussion, and a learner's notification settings (of replies and
    posts in their classes): URLs only, no query."""
    label = gettext("Class discussion")
    classes = {
        training_class.pk: [Link(label, reverse("lms:discussions:class", args=[training_class.pk]))]
        for training_class in [*taking, *teaching]
    }
    page = (
        [Link(gettext("Notification settings"), reverse("lms:discussions:settings"))]
        if taking
        else []
    )
    return DashboardLinks(page=page, classes=classes)


def _has_a_class(user, lesson) -> bool:
    """A lecturer or staff member reading a lesson of a course with no class of theirs
    (an open course read by anyone) has no discussion to go to: no link (it led to a
    404). Asked only of people with admin access, never of learners."""
    course = lesson.get_course()
    if lectures_course(user, course):
        return True
    return (
        is_staff_member(user)
        and TrainingClass.objects.filter(course_id=course.pk).not_cancelled().exists()
    )


class ModerationLogViewSet(ScopedViews, ModelViewSet):
    model = ModerationAction
    icon = "list-ul"
    menu_label = _("Moderation log")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["created_at", "kind", "thread", "actor", "reason", "training_class"]
    list_filter = ["kind"]
    list_export = ["created_at", "kind", "thread", "actor", "reason", "detail", "training_class"]
    form_fields = ["reason"]


class ReportViewSet(ScopedViews, ModelViewSet):
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


register_permission_policy(
    ModerationAction,
    CentreModelPolicy(ModerationAction, centre_path="training_class__centre"),
)
register_permission_policy(
    Report, CentreModelPolicy(Report, centre_path="post__thread__training_class__centre")
)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DiscussionsGroup()
