"""The "Quizzes" menu of the Wagtail admin: the question bank (questions and their
categories) and the queue of essays waiting for a grade. See quizzes/admin/."""

from wagtail import hooks

from .admin import home
from .admin.viewsets import QuizzesMenu


@hooks.register("register_admin_viewset")
def register_quizzes_viewsets():
    return QuizzesMenu()


hooks.register("construct_homepage_panels", home.add_grading_panel)
# Last, after wagtail.images and wagtail.documents have added theirs.
hooks.register("construct_homepage_summary_items", home.drop_site_summary, order=1000)
