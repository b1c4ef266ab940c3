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

from .admin.attendance import attendance_view  # noqa: E402
from .admin.choosers import class_chooser, organisation_chooser  # noqa: E402
from .admin.viewsets import ClassLecturerViewSet, TrainingMenu  # noqa: E402


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return [TrainingMenu(), ClassLecturerViewSet(), class_chooser, organisation_chooser]


@hooks.register("register_admin_urls")
def register_attendance_url():
    return [
        path(
            "training/attendance/<int:session_id>/",
            attendance_view,
            name="lms_attendance",
        ),
    ]
