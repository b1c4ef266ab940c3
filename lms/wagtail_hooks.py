"""The training screens in the Wagtail admin: the "Training" menu (classes, sessions and
attendance, enrolments, learners, organisations, centres) and the session register.

Permission policies are registered first, before anything asks Wagtail for a fallback.
"""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin.permissions import ClassPolicy, LearnerPolicy, SessionPolicy, StaffOnlyPolicy
from .models import ClassLecturer, ClassSession, Enrolment, LearnerProfile, TrainingClass

register_permission_policy(TrainingClass, ClassPolicy(TrainingClass))
register_permission_policy(ClassSession, SessionPolicy(ClassSession))
register_permission_policy(LearnerProfile, LearnerPolicy(LearnerProfile))
register_permission_policy(Enrolment, StaffOnlyPolicy(Enrolment))
register_permission_policy(ClassLecturer, StaffOnlyPolicy(ClassLecturer))

from .admin.attendance import attendance_sheet_view, attendance_view  # noqa: E402
from .admin.viewsets import ClassLecturerViewSet, TrainingMenu  # noqa: E402


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return [TrainingMenu(), ClassLecturerViewSet()]


@hooks.register("register_admin_urls")
def register_attendance_url():
    return [
        path(
            "training/attendance/<int:session_id>/",
            attendance_view,
            name="lms_attendance",
        ),
        path(
            "training/attendance/<int:session_id>/sheet/",
            attendance_sheet_view,
            name="lms_attendance_sheet",
        ),
    ]


@hooks.register("after_publish_page")
def warn_of_a_raised_requirement(request, page):
    """Publishing a new required lesson makes running classes require it too: say so, by
    name, on the page the editor lands on, so the change is never silent."""
    from django.utils.translation import ngettext
    from wagtail.admin import messages

    from lessons.models import LessonPage

    from .progress import classes_raised_by

    if not isinstance(page, LessonPage):
        return
    classes = classes_raised_by(page)
    if classes:
        messages.warning(
            request,
            ngettext(
                "“%(lesson)s” is required: %(count)s running class must now complete it too "
                "(%(classes)s). Learners who had finished may show as not complete. If the "
                "class should not take it on, untick “Required” on the lesson and publish again.",
                "“%(lesson)s” is required: %(count)s running classes must now complete it too "
                "(%(classes)s). Learners who had finished may show as not complete. If the "
                "classes should not take it on, untick “Required” on the lesson and publish again.",
                len(classes),
            )
            % {
                "lesson": page.title,
                "count": len(classes),
                "classes": "; ".join(c.title for c in classes),
            },
        )
