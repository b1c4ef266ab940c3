"""Staff's per-class choice of required lessons (lms.requirements), from two sides: a
lesson (reached from the warning shown when a new required lesson is published to a
course with running classes) lists the running classes; a class lists its course's
required lessons. One radio pair per row, one Save button; centre staff only."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lessons.models import LessonPage

from .. import requirements
from ..access import in_scope, is_staff_member, scope
from ..models import TrainingClass

PREFIX = "required-"


class ChoicesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/admin/lesson_requirements.html"
    header_icon = "tasks"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def rows(self):
        """[(key, label, url, required, training_class, lesson)]"""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": self.rows(), "prefix": PREFIX}

    def post(self, request, *args, **kwargs):
        changed = 0
        for key, _label, _url, required, training_class, lesson in self.rows():
            value = request.POST.get(f"{PREFIX}{key}")
            if value in ("yes", "no") and (value == "yes") != required:
                changed += requirements.decide(training_class, lesson, value == "yes", request.user)
        messages.success(request, _("Saved: %(count)s choices changed.") % {"count": changed})
        return redirect(request.path)


class LessonClassesView(ChoicesView):
    page_title = gettext_lazy("Required for which classes")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.lesson = get_object_or_404(LessonPage, pk=kwargs["lesson_id"])

    def get_page_subtitle(self):
        return self.lesson.title

    def rows(self):
        return [
            (c.pk, c.title, reverse("lms_classes:edit", args=[quote(c.pk)]), req, c, self.lesson)
            for c, req in requirements.choices_for_lesson(self.lesson)
            # Only the classes of the user's centres (lms.access).
            if in_scope(self.request.user, c.centre_id)
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "lesson": self.lesson,
            "intro": _(
                "“%(lesson)s” is required for the course. For each running class, choose "
                "whether its learners must complete it too: a class for which it is not "
                "required can complete without it."
            )
            % {"lesson": self.lesson.title},
            "empty": _("The course has no running class."),
        }


class ClassLessonsView(ChoicesView):
    page_title = gettext_lazy("Required lessons of the class")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.training_class = get_object_or_404(
            scope(TrainingClass.objects.select_related("course"), request.user),
            pk=kwargs["class_id"],
        )

    def get_page_subtitle(self):
        return self.training_class.title

    def rows(self):
        return [
            (
                lesson.pk,
                lesson.title,
                reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
                req,
                self.training_class,
                lesson,
            )
            for lesson, req in requirements.choices_for_class(self.training_class)
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "intro": _(
                "The lessons the course marks as required. A lesson published after the "
                "class began may be left out for this class: its learners then complete "
                "without it."
            ),
            "empty": _("The course has no required lesson."),
        }
