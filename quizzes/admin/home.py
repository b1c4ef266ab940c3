"""The grader's panel on the Wagtail admin home: how many essays wait for them, and the
way to the queue. Wagtail's own site summary ("17 Pages · 0 Images · 0 Documents") is
left out: it says nothing a lecturer or the centre's staff act on."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .views import GRADE_PERMISSION, waiting_answers


class GradingPanel(Component):
    name = "quizzes_grading"
    template_name = "quizzes/admin/home_panel.html"
    order = 10  # first: the work that waits

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["waiting"] = waiting_answers(self.user).count()
        context["queue_url"] = reverse("quizzes_grading:index")
        return context


def add_grading_panel(request, panels):
    if request.user.has_perm(GRADE_PERMISSION):
        panels.append(GradingPanel(request.user))


def drop_site_summary(request, summary_items):
    summary_items.clear()
