"""The question bank in the Wagtail admin, grouped with the essay queue in the "Quizzes"
menu.

Permissions are Wagtail's model permission policy: a group needs ``quizzes.add_question``
/ ``change_question`` / ``delete_question`` (and the same for ``questioncategory``) to
edit the bank, ``quizzes.change_answer`` to grade essays (``views.py``).
"""

import django_filters
from django.db.models import Count
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from ..models import AcceptedAnswer, Option, Question, QuestionCategory
from . import exchange, forms, reports, views
from .views import attempts_to_regrade


def field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


# --- Categories ------------------------------------------------------------------------


class CategoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course", "parent")
            .annotate(question_count=Count("questions"))
        )


class QuestionCategoryViewSet(ModelViewSet):
    model = QuestionCategory
    name = "quizzes_categories"
    url_prefix = "quizzes/categories"
    icon = "folder-open-inverse"
    menu_label = _("Question categories")
    menu_order = 200
    add_to_reference_index = False
    copy_view_enabled = False
    search_backend_name = None
    search_fields = ["name", "description"]
    index_view_class = CategoryIndexView
    list_filter = ["course"]
    list_display = [
        "name",
        Column("course", label=field_label(QuestionCategory, "course")),
        Column("parent", label=field_label(QuestionCategory, "parent")),
        Column("question_count", label=capfirst(_("questions")), sort_key="question_count"),
    ]
    panels = [
        FieldPanel("course"),
        FieldPanel("parent"),
        FieldPanel("name"),
        FieldPanel("description"),
    ]


# --- Questions -------------------------------------------------------------------------


def key_of(question_id) -> tuple:
    """What automatic grading depends on, read from the database: the type, the
    diacritics rule, which options exist and which are correct, the accepted answers."""
    question = Question.objects.filter(pk=question_id).values("kind", "diacritics_matter").first()
    if question is None:
        return ()
    options = frozenset(
        Option.objects.filter(question_id=question_id).values_list("pk", "is_correct")
    )
    accepted = tuple(
        sorted(
            AcceptedAnswer.objects.filter(question_id=question_id).values_list("text", flat=True)
        )
    )
    return (question["kind"], question["diacritics_matter"], options, accepted)


class QuestionFilterSet(WagtailFilterSet):
    """The bank's filters; a category shows its sub-categories' questions too, so the
    questions an import put in the sub-categories named by the file are listed."""

    category = django_filters.ModelChoiceFilter(
        queryset=QuestionCategory.objects.select_related("course").order_by("course_id", "name"),
        label=field_label(Question, "category"),
        method="filter_category",
    )

    class Meta:
        model = Question
        fields = ["category", "kind"]

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id__in=value.descendant_ids())


class QuestionIndexView(generic.IndexView):
    import_url_name = None
    export_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category")

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        user = self.request.user
        if user.has_perm("quizzes.add_question"):
            category = self.request.GET.get("category", "")
            query = f"?category={category}" if category.isdigit() else ""
            buttons.append(
                Button(
                    _("Import"),
                    url=reverse(self.import_url_name) + query,
                    icon_name="upload",
                    priority=30,
                )
            )
        if user.has_perm("quizzes.change_question"):
            buttons.append(
                Button(
                    _("Export"),
                    url=reverse(self.export_url_name),
                    icon_name="download",
                    priority=31,
                )
            )
        return buttons


class QuestionEditView(generic.EditView):
    """After a save that changed the answer key of a question already answered in
    submitted attempts, the editor is offered a regrade."""

    regrade_url_name = None
    regrade_count = 0

    def save_instance(self):
        before = key_of(self.object.pk)
        instance = super().save_instance()
        if key_of(instance.pk) != before:
            self.regrade_count = attempts_to_regrade(instance)
        return instance

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.is_automatic:
            buttons.append(
                Button(
                    _("Regrade submitted attempts"),
                    url=reverse(self.regrade_url_name, args=[self.object.pk]),
                    icon_name="redo",
                    priority=40,
                )
            )
        return buttons

    def get_success_url(self):
        if self.regrade_count:
            return reverse(self.regrade_url_name, args=[self.object.pk])
        return super().get_success_url()


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "quizzes_questions"
    url_prefix = "quizzes/questions"
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 100
    add_to_reference_index = False
    search_backend_name = None
    search_fields = ["name", "stem"]
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    regrade_view_class = views.RegradeView
    filterset_class = QuestionFilterSet
    list_display = [
        "__str__",
        Column("category", label=field_label(Question, "category")),
        Column("kind", label=field_label(Question, "kind"), accessor="get_kind_display"),
        Column("points", label=field_label(Question, "points"), sort_key="points"),
        DateColumn("updated_at", label=field_label(Question, "updated_at"), sort_key="updated_at"),
    ]
    ordering = ["category__name", "pk"]

    def get_edit_handler(self):
        return ObjectList(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("kind"), FieldPanel("points")]),
                FieldPanel("name"),
                FieldPanel("stem"),
                InlinePanel(
                    "options",
                    label=_("Options"),
                    help_text=_(
                        "Choice questions: single choice and true-or-false have exactly one "
                        "correct option; multiple choice at least one."
                    ),
                    panels=[
                        FieldPanel("text"),
                        FieldPanel("is_correct"),
                        FieldPanel("feedback"),
                    ],
                ),
                InlinePanel(
                    "accepted_answers",
                    label=_("Accepted answers"),
                    help_text=_("Short answer: at least one."),
                    panels=[FieldPanel("text")],
                ),
                FieldPanel("diacritics_matter"),
                FieldPanel(
                    "general_feedback",
                    help_text=_(
                        "Shown to every learner after the attempt. For an essay it is also "
                        "the rubric the graders see."
                    ),
                ),
            ],
            base_form_class=forms.QuestionForm,
        ).bind_to_model(self.model)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(regrade_url_name=self.get_url_name("regrade"), **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"),
            export_url_name=self.get_url_name("export"),
            **kwargs,
        )

    @property
    def import_view(self):
        return self.construct_view(
            exchange.ImportView,
            index_url_name=self.get_url_name("index"),
            template_url_name=self.get_url_name("template"),
        )

    @property
    def export_view(self):
        return self.construct_view(exchange.ExportView, index_url_name=self.get_url_name("index"))

    @property
    def regrade_view(self):
        return self.construct_view(
            self.regrade_view_class,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("regrade/<str:pk>/", self.regrade_view, name="regrade"),
            path("import/", self.import_view, name="import"),
            path("export/", self.export_view, name="export"),
            path("import/template.xlsx", exchange.template_download, name="template"),
        ]


class QuizzesMenu(ViewSetGroup):
    menu_label = _("Quizzes")
    menu_name = "quizzes"
    menu_icon = "help"
    menu_order = 260
    items = (
        QuestionViewSet,
        QuestionCategoryViewSet,
        views.EssayGradingViewSet,
        reports.QuizReportsViewSet,
    )
