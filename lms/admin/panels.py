"""Panels of the class form: the generated title, and the class's sessions, lecturers
and enrolments as sub-listings with their own add and edit screens (they are plain
foreign keys, so they are not edited inline through modelcluster)."""

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.permissions import policy_registry

from .. import access
from ..attendance import held_sessions
from ..models import Attendance, ClassLecturer, ClassSession, Enrolment


class GeneratedTitlePanel(FieldPanel):
    """The class's title, read-only, once it exists."""

    def __init__(self, field_name="title", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk) and super().is_shown()


def _url(name, *args, query=None):
    url = reverse(name, args=args)
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


class ClassPartPanel(Panel):
    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["training_class"] = self.instance
            context["user"] = self.request.user
            context.update(self.panel.get_part_context(self.instance, self.request.user))
            return context

    def get_part_context(self, training_class, user) -> dict:
        return {}


class ClassSessionsPanel(ClassPartPanel):
    template_name = "lms/admin/panels/class_sessions.html"

    def get_part_context(self, training_class, user):
        policy = policy_registry.get_by_type(ClassSession)
        sessions = (
            ClassSession.objects.filter(training_class=training_class)
            .select_related("lecturer", "topic")
            .annotate(
                present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
                recorded=Count("attendance"),
            )
            .order_by("date", "starts_at")
        )
        can_change = policy.user_has_permission(user, "change")
        can_delete = policy.user_has_permission(user, "delete")
        can_take = access.can_manage_class(user, training_class)
        today = timezone.localdate()
        rows = [
            {
                "session": session,
                "edit_url": can_change and _url("lms_sessions:edit", session.pk),
                "delete_url": can_delete and _url("lms_sessions:delete", session.pk),
                "attendance_url": can_take and _url("lms_attendance", session.pk),
                "sheet_url": can_take and _url("lms_attendance_sheet", session.pk),
                "is_held": session.date <= today,
            }
            for session in sessions
        ]
        return {
            "rows": rows,
            "add_url": policy.user_has_permission(user, "add")
            and _url("lms_sessions:add", query={"training_class": training_class.pk}),
            "held": held_sessions(training_class, today),
        }


class ClassLecturersPanel(ClassPartPanel):
    template_name = "lms/admin/panels/class_lecturers.html"

    def get_part_context(self, training_class, user):
        policy = policy_registry.get_by_type(ClassLecturer)
        links = ClassLecturer.objects.filter(training_class=training_class).select_related("user")
        can_change = policy.user_has_permission(user, "change")
        can_delete = policy.user_has_permission(user, "delete")
        return {
            "rows": [
                {
                    "link": link,
                    "edit_url": can_change and _url("lms_class_lecturers:edit", link.pk),
                    "delete_url": can_delete and _url("lms_class_lecturers:delete", link.pk),
                }
                for link in links
            ],
            "add_url": policy.user_has_permission(user, "add")
            and _url("lms_class_lecturers:add", query={"training_class": training_class.pk}),
        }


class ClassEnrolmentsPanel(ClassPartPanel):
    template_name = "lms/admin/panels/class_enrolments.html"

    def get_part_context(self, training_class, user):
        policy = policy_registry.get_by_type(Enrolment)
        counts = Enrolment.objects.filter(training_class=training_class).aggregate(
            active=Count("pk", filter=Q(status=Enrolment.Status.ACTIVE)),
            withdrawn=Count("pk", filter=Q(status=Enrolment.Status.WITHDRAWN)),
        )
        manages = access.can_manage_class(user, training_class)
        can_add = policy.user_has_permission(user, "add")
        query = {"training_class": training_class.pk}
        return {
            "active": counts["active"],
            "withdrawn": counts["withdrawn"],
            "list_url": policy.user_has_permission(user, "view")
            and _url("lms_enrolments:index", query=query),
            "add_url": can_add and _url("lms_enrolments:add", query=query),
            # The learner pages of lms.urls, where the site includes them.
            "roster_url": manages and _site_url("lms:roster", training_class.pk),
            "import_url": can_add and _site_url("lms:enrolment:import", training_class.pk),
            "accounts_url": manages and _site_url("lms:enrolment:accounts", training_class.pk),
            "slips_url": manages and _site_url("lms:enrolment:slips", training_class.pk),
            "lessons_url": access.is_staff_member(user)
            and reverse("lms_class_lessons", args=[training_class.pk]),
        }


class ClassDocumentsPanel(ClassPartPanel):
    """The class's documents to print. Sub-apps contribute them through the hook
    ``lms_class_documents``: ``fn(user, training_class) -> list`` of
    ``{"label": str, "url": str, "choices": [(label, url), ...]}`` (``choices`` optional: a
    document printed once per something, e.g. per organisation), the links the user may
    follow only. The per-session attendance sheets are in the sessions panel."""

    template_name = "lms/admin/panels/class_documents.html"

    def get_part_context(self, training_class, user):
        links = []
        for contribute in hooks.get_hooks("lms_class_documents"):
            links.extend(contribute(user, training_class))
        return {"links": links}


def _site_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
