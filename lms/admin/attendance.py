"""The register of one in-person session: one row per learner with three big choices,
one Save button. Server-rendered; works on a tablet without JavaScript.

Only centre staff and the class's lecturers may open it (``lms.access.can_manage_class``);
for anyone else the session does not exist. The write is ``lms.attendance.record_attendance``,
the same function a task or an import would call.
"""

from django.contrib.admin.utils import quote
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import access
from ..attendance import (
    AttendanceRefused,
    can_record,
    held_sessions,
    rate,
    record_attendance,
    register,
)
from ..collation import name_ordering
from ..models import Attendance, ClassSession, Enrolment, TrainingClass

MARK_PREFIX = "mark-"


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/admin/attendance.html"
    header_icon = "calendar-check"
    page_title = _("Attendance")
    http_method_names = ["get", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(
            ClassSession.objects.select_related("training_class", "topic", "lecturer"),
            pk=kwargs["session_id"],
        )
        self.training_class = self.session.training_class

    def dispatch(self, request, *args, **kwargs):
        # Another class's lecturer learns nothing, not even that the session exists.
        if not access.can_manage_class(request.user, self.training_class):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def class_url(self):
        return reverse("lms_classes:edit", args=[quote(self.training_class.pk)])

    def get_page_subtitle(self):
        return str(self.session)

    def get_header_title(self):
        return f"{gettext('Attendance')}: {self.session}"

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("lms_classes:index"),
                "label": capfirst(TrainingClass._meta.verbose_name_plural),
            },
            {"url": self.class_url, "label": self.training_class.title},
            {"url": "", "label": gettext("Attendance")},
        ]

    def get(self, request, *args, **kwargs):
        selected = {}
        if request.GET.get("prefill") == Attendance.Status.PRESENT:
            selected = {"*": Attendance.Status.PRESENT}
        return self.render_to_response(self.get_context_data(selected=selected))

    def post(self, request, *args, **kwargs):
        marks, problems = self.read_marks(request.POST)
        if not problems:
            try:
                changed = record_attendance(self.session, marks, request.user)
            except AttendanceRefused as refusal:
                problems = refusal.messages
            else:
                if changed:
                    messages.success(
                        request,
                        ngettext(
                            "Attendance saved: %(count)s mark recorded or changed.",
                            "Attendance saved: %(count)s marks recorded or changed.",
                            changed,
                        )
                        % {"count": changed},
                    )
                else:
                    messages.info(request, gettext("Attendance saved: nothing had changed."))
                return redirect(request.path)
        messages.error(request, gettext("The attendance was not saved: see why below."))
        context = self.get_context_data(selected=marks, problems=problems)
        return self.render_to_response(context, status=400)

    def read_marks(self, data) -> tuple[dict[int, str], list[str]]:
        """The marks of the form (enrolment id -> status), and what is wrong with it."""
        problems = []
        if data.get("session") != str(self.session.pk):
            problems.append(
                gettext(
                    "This register was sent for another session. Nothing was saved; open the "
                    "register of the right session and record the attendance again."
                )
            )
        marks = {}
        for key, value in data.items():
            if not key.startswith(MARK_PREFIX):
                continue
            enrolment_id = key[len(MARK_PREFIX) :]
            if not enrolment_id.isdigit():
                problems.append(gettext("An enrolment number is not valid."))
                continue
            marks[int(enrolment_id)] = value
        return marks, problems

    def get_context_data(self, selected=None, problems=(), **kwargs):
        context = super().get_context_data(**kwargs)
        selected = selected or {}
        rows = list(register(self.session))
        held = held_sessions(self.training_class)
        counts = dict.fromkeys(Attendance.Status.values, 0)
        unmarked = 0
        for row in rows:
            row.choice = selected.get(row.pk) or row.mark or selected.get("*")
            row.rate = rate(row.present, held)
            if row.mark:
                counts[row.mark] += 1
            else:
                unmarked += 1
        context.update(
            {
                "session": self.session,
                "training_class": self.training_class,
                "class_url": self.class_url,
                "rows": rows,
                "held": held,
                "statuses": Attendance.Status.choices,
                "counts": [
                    (value, label, counts[value]) for value, label in Attendance.Status.choices
                ],
                "unmarked": unmarked,
                "can_record": can_record(self.session),
                "problems": problems,
                "prefill_url": f"{self.request.path}?prefill={Attendance.Status.PRESENT}",
                "sheet_url": reverse("lms_attendance_sheet", args=[self.session.pk]),
            }
        )
        return context


attendance_view = AttendanceView.as_view()


def attendance_sheet_view(request, session_id):
    """The session's sheet to print and have signed: the centre's header, the session,
    one numbered row per active learner (name, date of birth, unit, a signature box).
    A page of its own with print CSS (A4 portrait, headings repeated on every page);
    the same people as the register may print it."""
    session = get_object_or_404(
        ClassSession.objects.select_related(
            "training_class__centre", "training_class__course", "topic", "lecturer"
        ),
        pk=session_id,
    )
    training_class = session.training_class
    if not access.can_manage_class(request.user, training_class):
        raise Http404
    enrolments = (
        Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ACTIVE)
        .select_related("learner__organisation")
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    return TemplateResponse(
        request,
        "lms/admin/attendance_sheet.html",
        {
            "session": session,
            "training_class": training_class,
            "letterhead": training_class.centre.letterhead,
            "dated": training_class.centre.letterhead.dated(session.date),
            "enrolments": enrolments,
            "class_url": reverse("lms_classes:edit", args=[quote(training_class.pk)]),
        },
    )
