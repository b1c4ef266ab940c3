"""Who may read a course or a lesson.

``lessons`` does not know about classes or enrolments. It asks Django's permission API,
with the page as the object: ``user.has_perm("lessons.view_lessonpage", lesson)``. A site
that runs ``lms`` gets the answer from its authentication backend (enrolled learners,
the class's lecturers, centre staff); any other site can grant it with its own backend,
or mark a course open to everyone.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

VIEW_COURSE = "lessons.view_coursepage"
VIEW_LESSON = "lessons.view_lessonpage"


class CourseAccess(models.TextChoices):
    OPEN = "open", _("Open: anyone can read the course and its lessons")
    CATALOGUE = "catalogue", _("Catalogue: anyone sees the course page; lessons need access")
    PRIVATE = "private", _("Private: the course page and its lessons need access")


def can_read_course(user, course) -> bool:
    return course.access != CourseAccess.PRIVATE or user.has_perm(VIEW_COURSE, course)


def can_read_lesson(user, lesson, course) -> bool:
    return course.access == CourseAccess.OPEN or user.has_perm(VIEW_LESSON, lesson)


def refuse(request):
    """Anonymous visitors are asked to log in; a signed-in user without access is told
    nothing exists here."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
