"""Classes, their sessions, lecturers and enrolments."""

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import HeaderButton

from ... import access
from ...models import (
    ClassLecturer,
    ClassSession,
    Enrolment,
    TrainingClass,
)
from ...roles import MANAGE_ALL_CLASSES
from .. import forms
from ..choosers import class_chooser
from ..panels import (
    ClassDocumentsPanel,
    ClassEnrolmentsPanel,
    ClassLecturersPanel,
    ClassSessionsPanel,
    GeneratedTitlePanel,
)
from .base import CreateView, DeleteView, EditView, IndexView, TrainingViewSet, column, count_column

# --- Classes ------------------------------------------------------------------------------


def _count_of(model, **filters):
    rows = (
        model.objects.filter(training_class=OuterRef("pk"), **filters)
        .order_by()
        .values("training_class")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def class_actions(request, training_class) -> list[dict]:
    """What sub-apps offer to do with a class, from the hook ``lms_class_actions``:
    ``fn(request, training_class) -> list of {"label", "url", "icon_name"}`` (empty when
    the user may not). The class list shows them in each row's "More" menu, the class's
    edit page as header buttons. No query of its own (callers decide from the user)."""
    return [
        action
        for fn in hooks.get_hooks("lms_class_actions")
        for action in fn(request, training_class)
    ]


class ClassIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("course", "centre").annotate(
            learner_count=_count_of(Enrolment, status=Enrolment.Status.ACTIVE),
            session_count=_count_of(ClassSession),
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                gettext("Sessions"),
                url=f"{reverse('lms_sessions:index')}?training_class={instance.pk}",
                icon_name="calendar-check",
                priority=12,
            )
        )
        if access.is_staff_member(self.request.user):
            buttons.append(
                MenuItem(
                    gettext("Enrolments"),
                    url=f"{reverse('lms_enrolments:index')}?training_class={instance.pk}",
                    icon_name="form",
                    priority=14,
                )
            )
        for number, action in enumerate(class_actions(self.request, instance)):
            buttons.append(MenuItem(**action, priority=16 + number))
        return buttons


class ClassEditView(EditView):
    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(**action, priority=50 + number)
            for number, action in enumerate(class_actions(self.request, self.object))
        ]


class ClassCreateView(CreateView):
    prefill = ("centre", "course", "year")


class ClassViewSet(TrainingViewSet):
    model = TrainingClass
    name = "lms_classes"
    url_prefix = "training/classes"
    icon = "clipboard-list"
    menu_order = 100
    index_view_class = ClassIndexView
    add_view_class = ClassCreateView
    edit_view_class = ClassEditView
    list_filter = ["status", "year", "course", "venue_kind"]
    search_fields = ["title", "venue"]
    list_display = [
        "title",
        column(TrainingClass, "year", sortable=True),
        column(TrainingClass, "status", sortable=True),
        column(TrainingClass, "venue_kind"),
        column(TrainingClass, "study_opens", sortable=True),
        count_column("learner_count", _("learners"), sortable=True),
        count_column("session_count", _("in-person sessions")),
    ]

    def get_edit_handler(self):
        staff_only = MANAGE_ALL_CLASSES
        return ObjectList(
            [
                GeneratedTitlePanel(
                    help_text=_("Generated from the course, the number and the year."),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("centre", permission=staff_only),
                        FieldPanel("course", permission=staff_only),
                        FieldRowPanel(
                            [
                                FieldPanel("year", permission=staff_only),
                                FieldPanel("number", permission=staff_only),
                            ]
                        ),
                    ],
                    heading=_("Course and number"),
                    permission=staff_only,
                ),
                FieldRowPanel([FieldPanel("venue_kind"), FieldPanel("venue")]),
                FieldRowPanel([FieldPanel("study_opens"), FieldPanel("study_closes")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("capacity")]),
                ClassSessionsPanel(heading=_("In-person sessions")),
                ClassLecturersPanel(heading=_("Lecturers")),
                ClassEnrolmentsPanel(heading=_("Learners")),
                ClassDocumentsPanel(heading=_("Documents to print")),
            ],
            base_form_class=forms.TrainingClassForm,
        ).bind_to_model(self.model)


# --- Sessions and lecturers of a class -----------------------------------------------------


def class_page_url(view, training_class_id) -> str | None:
    """The class's edit page, where its sessions and lecturers are listed, when the user
    may open it."""
    user = view.request.user
    training_class = view.object.training_class
    if access.can_manage_class(user, training_class):
        return reverse("lms_classes:edit", args=[quote(training_class_id)])
    return None


class BackToClassMixin:
    anchor = ""

    def get_success_url(self):
        url = class_page_url(self, self.object.training_class_id)
        return f"{url}#{self.anchor}" if url else super().get_success_url()


class AttendanceColumn(Column):
    cell_template_name = "lms/admin/cells/attendance.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("lms_attendance", args=[instance.pk])
        context["is_held"] = instance.date <= timezone.localdate()
        return context


class SessionFilterSet(WagtailFilterSet):
    training_class = django_filters.ModelChoiceFilter(
        label=_("class"),
        queryset=lambda request: scope_classes(request.user),
        widget=class_chooser.widget_class(),
    )
    date = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)

    class Meta:
        model = ClassSession
        fields = ["training_class", "kind", "date"]


def scope_classes(user):
    """The classes a user's filters offer: staff those of their centres (the province
    role every centre's), a lecturer those they teach."""
    return access.visible_classes(user, TrainingClass.objects.order_by("-year", "title"))


class SessionIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("training_class", "lecturer")


class SessionCreateView(BackToClassMixin, CreateView):
    prefill = ("training_class",)
    anchor = "sessions"


class SessionEditView(BackToClassMixin, EditView):
    anchor = "sessions"

    def get_queryset(self):
        return super().get_queryset().select_related("training_class__centre")


class SessionDeleteView(BackToClassMixin, DeleteView):
    anchor = "sessions"


class ClassSessionViewSet(TrainingViewSet):
    model = ClassSession
    name = "lms_sessions"
    url_prefix = "training/sessions"
    icon = "calendar-check"
    menu_order = 200
    menu_label = _("Sessions and attendance")
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    filterset_class = SessionFilterSet
    ordering = ["-date", "-starts_at"]
    search_fields = ["venue", "training_class__title"]
    list_display = [
        "__str__",
        column(ClassSession, "training_class"),
        column(ClassSession, "kind"),
        Column(
            "lecturer",
            label=capfirst(_("lecturer")),
            accessor=lambda s: s.lecturer and forms.person_label(s.lecturer),
        ),
        AttendanceColumn("attendance", label=capfirst(_("attendance")), accessor="pk"),
    ]
    panels = [
        FieldPanel("training_class"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("lecturer")]),
        FieldPanel("topic"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.ClassSessionForm).bind_to_model(
            self.model
        )


class LecturerFilterSet(WagtailFilterSet):
    training_class = django_filters.ModelChoiceFilter(
        label=_("class"),
        queryset=lambda request: scope_classes(request.user),
        widget=class_chooser.widget_class(),
    )

    class Meta:
        model = ClassLecturer
        fields = ["training_class"]


class LecturerCreateView(BackToClassMixin, CreateView):
    prefill = ("training_class",)
    anchor = "lecturers"


class LecturerEditView(BackToClassMixin, EditView):
    anchor = "lecturers"


class LecturerDeleteView(BackToClassMixin, DeleteView):
    anchor = "lecturers"


class ClassLecturerViewSet(TrainingViewSet):
    """Who lectures a class; reached from the class's page, not the menu."""

    model = ClassLecturer
    name = "lms_class_lecturers"
    url_prefix = "training/class-lecturers"
    icon = "user"
    add_to_admin_menu = False
    add_view_class = LecturerCreateView
    edit_view_class = LecturerEditView
    delete_view_class = LecturerDeleteView
    index_view_class = type(
        "LecturerIndexView",
        (IndexView,),
        {"annotate": lambda self, qs: qs.select_related("user", "training_class")},
    )
    list_display = ["__str__", column(ClassLecturer, "training_class"), "kind"]
    filterset_class = LecturerFilterSet
    panels = [FieldPanel("training_class"), FieldPanel("user"), FieldPanel("kind")]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.ClassLecturerForm).bind_to_model(
            self.model
        )


# --- Enrolments -------------------------------------------------------------------------------


class EnrolmentIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("learner", "training_class")


class EnrolmentCreateView(CreateView):
    prefill = ("training_class", "learner")

    def get_success_url(self):
        enrolment = self.object
        assert enrolment is not None  # called after the enrolment is saved
        return f"{reverse('lms_enrolments:index')}?training_class={enrolment.training_class_id}"


class EnrolmentFilterSet(WagtailFilterSet):
    training_class = django_filters.ModelChoiceFilter(
        label=_("class"),
        queryset=lambda request: scope_classes(request.user),
        widget=class_chooser.widget_class(),
    )

    class Meta:
        model = Enrolment
        fields = ["training_class", "status"]


class EnrolmentViewSet(TrainingViewSet):
    model = Enrolment
    name = "lms_enrolments"
    url_prefix = "training/enrolments"
    icon = "form"
    menu_order = 300
    index_view_class = EnrolmentIndexView
    add_view_class = EnrolmentCreateView
    filterset_class = EnrolmentFilterSet
    search_fields = ["learner__full_name", "learner__phone"]
    list_display = [
        "learner",
        column(Enrolment, "training_class"),
        column(Enrolment, "status"),
        DateColumn("enrolled_at", label=capfirst(_("enrolled at")), sort_key="enrolled_at"),
    ]
    panels = [FieldPanel("training_class"), FieldPanel("learner"), FieldPanel("status")]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.EnrolmentForm).bind_to_model(
            self.model
        )
