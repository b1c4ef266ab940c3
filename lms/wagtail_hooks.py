"""The training screens in the Wagtail admin: the "Training" menu (classes, sessions and
attendance, enrolments, learners, organisations, centres) and the session register.

Permission policies are registered first, before anything asks Wagtail for a fallback.
"""

from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .accounts import DeletePersonAction
from .admin.permissions import (
    CentrePolicy,
    ClassPolicy,
    LearnerPolicy,
    SessionPolicy,
    StaffOnlyPolicy,
)
from .models import (
    Centre,
    CentreMembership,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    Organisation,
    TrainingClass,
)

register_permission_policy(TrainingClass, ClassPolicy(TrainingClass))
register_permission_policy(ClassSession, SessionPolicy(ClassSession))
register_permission_policy(LearnerProfile, LearnerPolicy(LearnerProfile))
_by_class = "training_class__centre"
register_permission_policy(Enrolment, StaffOnlyPolicy(Enrolment, centre_path=_by_class))
register_permission_policy(ClassLecturer, StaffOnlyPolicy(ClassLecturer, centre_path=_by_class))
register_permission_policy(Centre, CentrePolicy(Centre))
register_permission_policy(Organisation, StaffOnlyPolicy(Organisation, unassigned=True))
register_permission_policy(CentreMembership, StaffOnlyPolicy(CentreMembership))


@hooks.register("register_actions")
def register_person_delete(registry):
    """A person with training records is not deleted (``lms.accounts``)."""
    registry.register(get_user_model(), DeletePersonAction)


from .admin.attendance import attendance_sheet_view, attendance_view  # noqa: E402
from .admin.choosers import class_chooser, organisation_chooser  # noqa: E402
from .admin.requirements import ClassLessonsView, LessonClassesView  # noqa: E402
from .admin.viewsets import ClassLecturerViewSet, TrainingMenu  # noqa: E402


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return [
        TrainingMenu(),
        ClassLecturerViewSet(),
        class_chooser,
        organisation_chooser,
    ]


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
        path(
            "training/lessons/<int:lesson_id>/classes/",
            LessonClassesView.as_view(),
            name="lms_lesson_classes",
        ),
        path(
            "training/classes/<int:class_id>/lessons/",
            ClassLessonsView.as_view(),
            name="lms_class_lessons",
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
        from django.urls import reverse
        from django.utils.translation import gettext

        choose = reverse("lms_lesson_classes", args=[page.pk])
        messages.warning(
            request,
            ngettext(
                "“%(lesson)s” is required: %(count)s running class must now complete it too "
                "(%(classes)s). Learners who had finished may show as not complete. Choose "
                "whether it is required for the class.",
                "“%(lesson)s” is required: %(count)s running classes must now complete it too "
                "(%(classes)s). Learners who had finished may show as not complete. Choose "
                "for each class whether it is required for it.",
                len(classes),
            )
            % {
                "lesson": page.title,
                "count": len(classes),
                "classes": "; ".join(c.title for c in classes),
            },
            buttons=[messages.button(choose, gettext("Choose per class"))],
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    from .enrolment.lockout import UNLOCK_ACTION

    actions.register_action(UNLOCK_ACTION, _("Unlock log-in"), _("Log-in lock-out lifted"))


# --- "Background tasks" for operators (lms.operations) -------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from . import operations  # noqa: E402
from .admin import operations as operations_views  # noqa: E402


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return operations_views.may_operate(request.user)


@hooks.register("register_admin_menu_item")
def register_background_tasks_menu_item():
    from django.urls import reverse

    return OperatorMenuItem(
        _("Background tasks"), reverse("lms_background_tasks"), icon_name="cogs", order=10000
    )


@hooks.register("register_admin_urls")
def register_background_tasks_urls():
    return [
        path(
            "background-tasks/",
            operations_views.BackgroundTasksView.as_view(),
            name="lms_background_tasks",
        ),
        path(
            "background-tasks/retry/<str:task_id>/",
            operations_views.retry,
            name="lms_background_tasks_retry",
        ),
        path(
            "background-tasks/redrive/",
            operations_views.redrive,
            name="lms_background_tasks_redrive",
        ),
    ]


@hooks.register("register_log_actions")
def register_background_log_actions(actions):
    actions.register_action(
        operations.RETRY_ACTION, _("Retry a failed task"), _("Failed task queued again")
    )
    actions.register_action(
        operations.REDRIVE_ACTION, _("Re-drive background work"), _("Sweep queued by hand")
    )


@hooks.register("insert_global_admin_css")
def listing_css():
    """The training screens' listings (lms/static/lms/admin/listing.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin/listing.css"))
