"""The training screens of the Wagtail admin, grouped in the "Training" menu.

Every view takes its objects from the model's permission policy (``permissions.py``):
a lecturer's listings hold only their classes, their sessions and their learners, and
another class's address is "not found" for them.
"""

import django_filters
from django.contrib.admin.utils import quote
from django.db import IntegrityError, models, transaction
from django.db.models import Count, IntegerField, OuterRef, ProtectedError, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from lms.collation import name_ordering
from quizzes.text import folded_search

from .. import access
from ..models import (
    Centre,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    Organisation,
    TrainingClass,
)
from ..roles import MANAGE_ALL_CLASSES
from . import forms
from .choosers import class_chooser, organisation_chooser
from .panels import (
    ClassDocumentsPanel,
    ClassEnrolmentsPanel,
    ClassLecturersPanel,
    ClassSessionsPanel,
    GeneratedTitlePanel,
)

ALL_ACTIONS = ["add", "change", "delete", "view"]


def scope(view, *actions):
    """The objects the view's user may act on with any of the actions."""
    return view.permission_policy.instances_user_has_any_permission_for(
        view.request.user, actions or ALL_ACTIONS
    )


def column(model, name, *, sortable=False, **kwargs):
    """A listing column for a model field, labelled with its verbose name; choices show
    their label, dates show as dd/mm/yyyy (not "3 weeks ago")."""
    field = model._meta.get_field(name)
    accessor = name
    if getattr(field, "choices", None):
        accessor = f"get_{name}_display"
    elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):

        def accessor(obj, name=name):
            value = getattr(obj, name)
            return value.strftime("%d/%m/%Y") if value else ""

    kwargs.setdefault("label", capfirst(field.verbose_name))
    return Column(name, accessor=accessor, sort_key=name if sortable else None, **kwargs)


def count_column(name, label, *, sortable=False):
    return Column(name, label=capfirst(label), sort_key=name if sortable else None)


# --- Views that take their objects from the permission policy --------------------------


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.annotate(scope(self, *self.any_permission_required))

    def search_queryset(self, queryset):
        # With or without diacritics, like the public search ("nguyen" finds "Nguyễn").
        if not self.is_searching:
            return queryset
        return folded_search(queryset, self.search_fields or [], self.search_query)

    def annotate(self, queryset):
        return queryset


class ConflictGuardMixin:
    """The forms check uniqueness, but two people can save at the same moment: the
    database's constraint then decides, and the loser gets the form back, not an error
    page."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            form.add_error(
                None,
                gettext(
                    "Someone saved a conflicting record at the same moment. Check the form "
                    "and save again."
                ),
            )
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CreateView(ConflictGuardMixin, generic.CreateView):
    """Pre-fills fields named in ``prefill`` from the query string (?training_class=3)."""

    prefill: tuple[str, ...] = ()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.prefill:
            if value := self.request.GET.get(name):
                initial[name] = value
        return initial


class EditView(ConflictGuardMixin, generic.EditView):
    def get_queryset(self):
        return scope(self, "change")


class DeleteView(generic.DeleteView):
    def get_queryset(self):
        return scope(self, "delete")

    def refusal(self) -> str | None:
        """Why this object may not be deleted, if it may not."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if reason := self.refusal():
            messages.warning(self.request, reason)
        return context

    def form_valid(self, form):
        if reason := self.refusal():
            messages.error(self.request, reason)
            return redirect(self.get_delete_url())
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                gettext(
                    "“%(object)s” cannot be deleted: %(kinds)s still refer to it. "
                    "Remove or change them first."
                )
                % {"object": self.object, "kinds": ", ".join(kinds)},
            )
            return redirect(self.get_delete_url())


class InspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(scope(self, "view", "change"), pk=self.pk)


class HistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return scope(self, "change")


class UsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return scope(self, "change")


class TrainingViewSet(ModelViewSet):
    """Shared settings: no copy view (numbers and trees are unique), no reference index
    (a bulk import must not pay for it on every save), ORM search."""

    add_to_reference_index = False
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView


# --- Centres -----------------------------------------------------------------------------


class CentreViewSet(TrainingViewSet):
    model = Centre
    name = "lms_centres"
    url_prefix = "training/centres"
    icon = "site"
    menu_order = 600
    list_display = ["name", "site", "issuing_authority", "signer_name"]
    search_fields = ["name", "short_name", "issuing_authority"]
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("address"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_authority"), FieldPanel("issuing_body")]),
                FieldPanel("header_lines"),
                FieldPanel("place_name"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
                FieldPanel("seal"),
            ],
            heading=_("Paperwork: certificates, register, decisions"),
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.CentreForm).bind_to_model(self.model)


# --- Organisations ---------------------------------------------------------------------


class OrganisationIndexView(IndexView):
    """The tree in tree order, each name indented by its depth."""

    default_ordering = "path"

    def annotate(self, queryset):
        learners = (
            LearnerProfile.objects.filter(organisation=OuterRef("pk"))
            .order_by()
            .values("organisation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return queryset.annotate(
            learner_count=Coalesce(Subquery(learners, output_field=IntegerField()), Value(0))
        )

    def get_valid_orderings(self):
        return ["path"]

    @cached_property
    def columns(self):
        columns = super().columns
        title = columns[0]
        title.accessor = "indented_name"
        title.sort_key = None
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if add_url := self.get_add_url():
            buttons.append(
                MenuItem(
                    gettext("Add a sub-organisation"),
                    url=f"{add_url}?parent={instance.pk}",
                    icon_name="plus",
                    priority=15,
                )
            )
        return buttons


class OrganisationDeleteView(DeleteView):
    def refusal(self):
        if self.object.numchild:
            return ngettext(
                "“%(name)s” has %(count)s sub-organisation: move or delete it first.",
                "“%(name)s” has %(count)s sub-organisations: move or delete them first.",
                self.object.numchild,
            ) % {"name": self.object.name, "count": self.object.numchild}
        return None


class OrganisationViewSet(TrainingViewSet):
    model = Organisation
    name = "lms_organisations"
    url_prefix = "training/organisations"
    icon = "group"
    menu_order = 500
    index_view_class = OrganisationIndexView
    delete_view_class = OrganisationDeleteView
    ordering = "path"
    list_filter = ["kind"]
    search_fields = ["name", "place"]
    list_display = [
        "name",
        column(Organisation, "kind"),
        column(Organisation, "place"),
        count_column("learner_count", _("learners")),
    ]
    panels = [
        FieldPanel("parent"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("place")]),
    ]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(prefill=("parent",), **kwargs)

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.OrganisationForm).bind_to_model(
            self.model
        )


# --- Learners -----------------------------------------------------------------------------


class SubtreeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = forms.OrganisationChoiceField


class LearnerFilterSet(WagtailFilterSet):
    organisation = SubtreeChoiceFilter(
        label=_("organisation"),
        queryset=Organisation.objects.order_by("path"),
        method="in_subtree",
        help_text=_("Includes the organisations below it."),
        # A searchable chooser, not a <select> of every organisation in the province.
        widget=organisation_chooser.widget_class(),
    )

    class Meta:
        model = LearnerProfile
        fields = ["organisation", "category", "gender"]

    def in_subtree(self, queryset, name, value):
        return queryset.filter(organisation__path__startswith=value.path)


class LearnerIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("organisation", "user")

    def order_queryset(self, queryset):
        """Names (the default order, and the name column) in Vietnamese order; the export
        follows the list."""
        if self.ordering in (None, "", "full_name", "-full_name"):
            if self.ordering == "-full_name":
                return queryset.order_by(*name_ordering("full_name", "-pk", descending=True))
            return queryset.order_by(*name_ordering("full_name", "pk"))
        return super().order_queryset(queryset)


class LearnerViewSet(TrainingViewSet):
    model = LearnerProfile
    name = "lms_learners"
    url_prefix = "training/learners"
    icon = "user"
    menu_order = 400
    index_view_class = LearnerIndexView
    inspect_view_enabled = True
    inspect_view_fields = [
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "organisation",
        "category",
        "position",
        "phone",
        "user",
    ]
    filterset_class = LearnerFilterSet
    search_fields = ["full_name", "phone"]
    list_display = [
        "full_name",
        column(LearnerProfile, "phone"),
        column(LearnerProfile, "organisation"),
        column(LearnerProfile, "category", sortable=True),
        column(LearnerProfile, "date_of_birth"),
    ]
    list_export = [
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "organisation",
        "category",
        "position",
        "phone",
    ]
    panels = [
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("gender")]),
        FieldPanel("ethnicity"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("position")]),
        FieldPanel("phone"),
        FieldPanel("username"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=forms.LearnerProfileForm).bind_to_model(
            self.model
        )


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
    training_class = TrainingClass(pk=training_class_id)
    if access.is_staff_member(user) or access.is_lecturer_of(user, training_class):
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
    classes = TrainingClass.objects.order_by("-year", "title")
    if access.is_staff_member(user):
        return classes
    return classes.filter(lecturer_links__user=user)


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
    list_filter = ["training_class"]
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


# --- The menu -------------------------------------------------------------------------------


class TrainingMenu(ViewSetGroup):
    menu_label = _("Training")
    menu_name = "training"
    menu_icon = "tasks"
    menu_order = 250
    items = (
        ClassViewSet,
        ClassSessionViewSet,
        EnrolmentViewSet,
        LearnerViewSet,
        OrganisationViewSet,
        CentreViewSet,
    )
