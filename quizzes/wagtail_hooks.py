"""The "Quizzes" menu of the Wagtail admin: the question bank (questions and their
categories) and the queue of essays waiting for a grade. See quizzes/admin/."""

from wagtail import hooks

from .admin.viewsets import QuizzesMenu


@hooks.register("register_admin_viewset")
def register_quizzes_viewsets():
    return QuizzesMenu()
