"""The evaluation screens of the Wagtail admin: survey templates and surveys (staff),
survey results (staff see everyone's, a lecturer their own) and class observations
(the two lecturers concerned, and staff)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from lms import access
from lms.admin.scoping import colleagues, scope_field
from lms.admin.viewsets import CreateView, IndexView, TrainingViewSet
from lms.models import ClassLecturer, ClassSession, TrainingClass

from . import results
from .models import Observation, Survey, SurveyTemplate
from .models.observations import CRITERIA

_CLASS = "training_class__centre"
VIEW_ALL_RESULTS = "lms_evaluation.view_all_results"
VIEW_OWN_RESULTS = "lms_evaluation.view_own_results"
VIEW_ALL_OBSERVATIONS = "lms_evaluation.view_all_observations"


# --- Permission policies -----------------------------------------------------------------


class ObservationPolicy(ModelPermissionPolicy):
    """Model permissions come from the user's groups. Who holds view_all_observations
    (the director, staff) acts on every observation; anyone else sees those they made or
    were the subject of, and changes or deletes only those they made."""

    def sees_all(self, user) -> bool:
        return user.is_active and user.has_perm(VIEW_ALL_OBSERVATIONS)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if self.sees_all(user):
            # Every observation of their centres' classes.
            return access.in_scope(user, instance.session.training_class.centre_id)
        if action == "view":
            return user.pk in (instance.observer_id, instance.observed_id)
        return instance.observer_id == user.pk

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if self.sees_all(user):
            return access.scope(queryset, user, "session__training_class__centre")
        if "view" in actions:
            return queryset.involving(user)
        return queryset.filter(observer=user)


# --- Survey templates and surveys ----------------------------------------------------------


class SurveyTemplateViewSet(TrainingViewSet):
    model = SurveyTemplate
    name = "lms_evaluation_templates"
    url_prefix = "evaluation/templates"
    icon = "form"
    menu_label = _("Survey templates")
    menu_order = 300
    list_display = ["name", "is_default"]
    search_fields = ["name"]


class SurveyForm(WagtailAdminModelForm):
    """The class and the template are chosen once: the survey copies the template's
    criteria when it opens, so changing either later would mix answers to different
    questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("training_class", "template"):
                if name in self.fields:
                    self.fields[name].disabled = True
        elif "template" in self.fields and not self.initial.get("template"):
            self.initial["template"] = SurveyTemplate.default()
        if "training_class" in self.fields:
            self.fields["training_class"].queryset = TrainingClass.objects.exclude(
                status=TrainingClass.Status.CANCELLED
            ).select_related("course")
            scope_field(self, "training_class")


class SurveyCreateView(CreateView):
    prefill = ("training_class",)

    def save_instance(self):
        instance = super().save_instance()
        instance.copy_questions()
        return instance


class SurveyIndexView(IndexView):
    def annotate(self, queryset):
        return queryset.select_related("training_class").annotate(
            response_count=Count("responses", distinct=True)
        )


class SurveyViewSet(TrainingViewSet):
    model = Survey
    name = "lms_evaluation_surveys"
    url_prefix = "evaluation/surveys"
    icon = "list-ul"
    menu_label = _("Lecturer surveys")
    menu_order = 100
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    list_filter = ["status"]
    search_fields = ["training_class__title"]
    list_display = [
        "training_class",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("opens_on", label=_("Opened on")),
        Column("closes_on", label=_("Closes after")),
        Column("response_count", label=_("Responses")),
    ]
    panels = [
        FieldPanel("training_class"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("closes_on")]),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=SurveyForm).bind_to_model(self.model)


# --- Results ---------------------------------------------------------------------------------


def results_permission(user) -> str | None:
    """ "all", "own", or None: which survey results the user may see."""
    if not user.is_active:
        return None
    if user.has_perm(VIEW_ALL_RESULTS):
        return "all"
    if user.has_perm(VIEW_OWN_RESULTS):
        return "own"
    return None


def _average(value):
    return round(value, 2) if value is not None else None


class SurveyResultsView(ReportView):
    """Averages per lecturer, lecturer and class, class, year, or kind of lecturer."""

    page_title = _("Survey results")
    header_icon = "list-ul"
    template_name = "lms_evaluation/results.html"
    index_url_name = "lms_evaluation_results"
    index_results_url_name = "lms_evaluation_results"
    paginate_by = 100
    export_filename = "ket-qua-khao-sat"

    def dispatch(self, request, *args, **kwargs):
        self.scope = results_permission(request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def grouping(self) -> str:
        grouping = self.request.GET.get("by", "lecturer_class")
        return grouping if grouping in results.GROUPINGS else "lecturer_class"

    @cached_property
    def year(self):
        raw = self.request.GET.get("year", "").strip()
        if not raw:
            return None
        try:
            year = int(raw)
        except ValueError:
            return -1
        return year if 1900 <= year <= 9999 else -1

    def get_queryset(self):
        if self.year == -1:
            messages.warning(
                self.request,
                gettext("“%(year)s” is not a year.") % {"year": self.request.GET.get("year")},
            )
            self.labels = []
            return []
        rows, self.labels = results.rows(
            self.grouping,
            lecturer_user=self.request.user if self.scope == "own" else None,
            year=self.year,
            centres=access.centre_ids(self.request.user),
        )
        for row in rows:
            row["lecturer_name"] = results.lecturer_name(row)
            row["kind_label"] = (
                ClassLecturer.Kind(row["lecturer__kind"]).label if "lecturer__kind" in row else ""
            )
            row["average"] = _average(row["average"])
            for index in range(len(self.labels)):
                row[f"c{index}"] = _average(row[f"c{index}"])
        return rows

    def group_columns(self):
        columns = {
            "lecturer": [("lecturer_name", _("Lecturer"))],
            "lecturer_class": [
                ("lecturer_name", _("Lecturer")),
                ("survey__training_class__title", _("Class")),
            ],
            "class": [("survey__training_class__title", _("Class"))],
            "year": [("survey__training_class__year", _("Year"))],
            "kind": [("kind_label", _("Full-time or part-time"))],
            "centre": [("survey__training_class__centre__name", _("Centre"))],
        }
        return columns[self.grouping]

    def all_columns(self):
        return [
            *self.group_columns(),
            ("responses", _("Responses")),
            ("average", _("Average (1–5)")),
            *[(f"c{index}", label) for index, label in enumerate(self.labels)],
        ]

    @property
    def columns(self):
        columns = [Column(name, label=label) for name, label in self.all_columns()]
        if self.grouping == "lecturer_class":
            # the lecturer's name opens the free comments of that class
            columns[0] = TitleColumn(
                "lecturer_name",
                label=_("Lecturer"),
                get_url=lambda row: reverse(
                    "lms_evaluation_comments", args=[row["survey"], row["lecturer"]]
                ),
            )
        return columns

    @property
    def list_export(self):
        return [name for name, _label in self.all_columns()]

    @property
    def export_headings(self):
        return {name: str(label) for name, label in self.all_columns()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            groupings=[(key, label) for key, (label, _fields) in results.GROUPINGS.items()],
            grouping=self.grouping,
            year_value=self.request.GET.get("year", ""),
            scope=self.scope,
            min_responses=results.MIN_RESPONSES,
        )
        return context


class SurveyCommentsView(WagtailAdminTemplateMixin, TemplateView):
    """The free comments about one lecturer in one survey, once its results may be
    shown; in the order of their random ids."""

    template_name = "lms_evaluation/comments.html"
    page_title = _("Comments from learners")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        # The screen's own title after "Home", not "Home" alone as its header.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, survey_id, lecturer_id):
        scope = results_permission(request.user)
        self.survey = get_object_or_404(
            access.scope(Survey.objects.select_related("training_class"), request.user, _CLASS),
            pk=survey_id,
        )
        self.link = get_object_or_404(
            ClassLecturer.objects.select_related("user"),
            pk=lecturer_id,
            training_class_id=self.survey.training_class_id,
        )
        if scope is None or (scope == "own" and self.link.user_id != request.user.pk):
            raise PermissionDenied
        return super().dispatch(request, survey_id, lecturer_id)

    def get_page_subtitle(self):
        return f"{self.link} · {self.survey.training_class}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comments=results.comments(self.survey, self.link),
            lecturer=self.link,
            survey=self.survey,
            min_responses=results.MIN_RESPONSES,
            results_url=reverse("lms_evaluation_results"),
        )
        return context


# --- Observations ----------------------------------------------------------------------------


def lecturers():
    """People who teach: in a class's lecturers, or in the lecturers' group."""
    from lms.roles import LECTURERS

    return (
        get_user_model()
        .objects.filter(Q(groups__name=LECTURERS) | Q(classlecturer__isnull=False), is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ObservationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "observed" in self.fields:
            self.fields["observed"].queryset = colleagues(lecturers(), self.for_user)
            self.fields["observed"].label_from_instance = lambda user: (
                user.get_full_name() or user.get_username()
            )
        if "session" in self.fields:
            self.fields["session"].queryset = ClassSession.objects.select_related(
                "training_class"
            ).order_by("-date", "starts_at")
            scope_field(self, "session", "training_class__centre")
            self.fields["session"].label_from_instance = lambda session: (
                f"{session.training_class} · {session}"
            )


class ObservationCreateView(CreateView):
    prefill = ("session", "observed")

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.observer = self.request.user
        return instance


class ObservationIndexView(IndexView):
    """The observed lecturer's rows link to the read-only view: only the observer (and
    staff) may change an observation."""

    def annotate(self, queryset):
        return queryset.select_related("observer", "observed", "session__training_class")

    def may(self, action, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, instance
        )

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self.may("change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self.may("delete", instance) else None


class ObservationViewSet(TrainingViewSet):
    model = Observation
    name = "lms_evaluation_observations"
    url_prefix = "evaluation/observations"
    icon = "view"
    menu_label = _("Class observations")
    menu_order = 200
    index_view_class = ObservationIndexView
    add_view_class = ObservationCreateView
    search_fields = ["observed__last_name", "observed__first_name", "strengths", "suggestions"]
    list_display = [
        "__str__",
        Column("session", label=_("Class"), accessor="session.training_class"),
        Column("date", label=_("Date"), accessor=lambda o: o.date.strftime("%d/%m/%Y")),
        Column("average", label=_("Average (1–5)")),
    ]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("observed"), FieldPanel("session"), FieldPanel("date")]),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in CRITERIA],
            heading=_("Scores (1 to 5)"),
        ),
        FieldPanel("strengths"),
        FieldPanel("suggestions"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ObservationForm).bind_to_model(self.model)


class EvaluationMenu(ViewSetGroup):
    menu_label = _("Lecturer evaluation")
    menu_name = "evaluation"
    menu_icon = "pick"
    menu_order = 260
    items = (SurveyViewSet, ObservationViewSet, SurveyTemplateViewSet)
