"""The regrade offer after an answer key changed, and the essay grading queue.

The queue lists the essay answers of submitted attempts that wait for a person, oldest
submission first, in a constant number of queries (a count and a page). Grading an
answer calls ``grading.grade_essay``, which records the change and completes the
attempt when nothing else waits. Only users with ``quizzes.change_answer`` (through a
group) may open either screen.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet

from .. import access, errors, grading
from ..background import enqueue_on_commit
from ..formatting import format_grade
from ..models import Answer, Attempt, GradeChange, Question
from . import forms

GRADE_PERMISSION = "quizzes.change_answer"
REGRADE_TASK = "quizzes.tasks.regrade_question"
QUEUE_PAGE_SIZE = 50


def number(value) -> str:
    return format_grade(value)


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# --- The regrade offer -----------------------------------------------------------------


def attempts_to_regrade(question) -> int:
    """Submitted and graded attempts with an automatically graded answer to the
    question: those a regrade would look at."""
    if not question.is_automatic:
        return 0
    return (
        Attempt.objects.filter(
            state__in=Attempt.FINISHED,
            questions__question=question,
            questions__answer__points__isnull=False,
            questions__answer__graded_by__isnull=True,
        )
        .distinct()
        .count()
    )


class RegradeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """ "Regrade N attempts?" after a change of the answer key: enqueues
    ``quizzes.tasks.regrade_question`` with the editor and the reason."""

    model = Question
    permission_required = "change"
    template_name = "quizzes/admin/regrade.html"
    form_class = forms.RegradeForm
    header_icon = "redo"
    page_title = _("Regrade")
    edit_url_name = None
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.question = get_object_or_404(Question, pk=kwargs["pk"])

    @cached_property
    def count(self) -> int:
        return attempts_to_regrade(self.question)

    @cached_property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.question.pk])

    def get_page_subtitle(self):
        return str(self.question)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(_("questions"))},
            {"url": self.edit_url, "label": str(self.question)},
            {"url": "", "label": gettext("Regrade")},
        ]

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required) and not self.count:
            messages.info(request, gettext("No submitted attempt needs a regrade."))
            return redirect(self.edit_url)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        count = self.count
        enqueue_on_commit(
            REGRADE_TASK,
            self.question.pk,
            self.request.user.pk,
            form.cleaned_data["reason"].strip(),
            group="quizzes.regrade",
        )
        messages.success(
            self.request,
            ngettext(
                "The regrade of %(count)s attempt has started; the grades change in a "
                "moment and each change is recorded.",
                "The regrade of %(count)s attempts has started; the grades change in a "
                "moment and each change is recorded.",
                count,
            )
            % {"count": count},
        )
        return redirect(self.edit_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "question": self.question,
                "count": self.count,
                "edit_url": self.edit_url,
                "title": ngettext(
                    "Regrade %(count)s attempt?", "Regrade %(count)s attempts?", self.count
                )
                % {"count": self.count},
            }
        )
        return context


# --- The essay queue -------------------------------------------------------------------


def waiting_answers(user=None):
    """Essay answers of submitted attempts that wait for a grade, oldest submission
    first, with what the queue shows (one query); with a user, only the attempts they may
    review (``access.reviewable``)."""
    answers = (
        Answer.objects.filter(
            points__isnull=True,
            attempt_question__question__kind=Question.Kind.ESSAY,
            attempt_question__attempt__state=Attempt.State.SUBMITTED,
        )
        .select_related(
            "attempt_question__question",
            "attempt_question__attempt__quiz",
            "attempt_question__attempt__user",
        )
        .order_by("attempt_question__attempt__submitted_at", "pk")
    )
    if user is None:
        return answers
    return access.reviewable(user, answers, "attempt_question__attempt__")


class GraderRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(GRADE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GradingQueueView(GraderRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/grading_queue.html"
    header_icon = "edit"
    page_title = _("Essays to grade")
    grade_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(waiting_answers(self.request.user), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        rows = []
        labels = access.context_labels(
            answer.attempt_question.attempt.context for answer in page.object_list
        )
        for answer in page.object_list:
            attempt = answer.attempt_question.attempt
            rows.append(
                {
                    "answer": answer,
                    "attempt": attempt,
                    "context_label": labels.get(attempt.context, attempt.context),
                    "quiz": attempt.quiz,
                    "learner": person(attempt.user),
                    "question": answer.attempt_question.question,
                    "url": reverse(self.grade_url_name, args=[answer.pk]),
                }
            )
        context.update({"page": page, "rows": rows, "total": page.paginator.count})
        return context


class GradeAnswerView(GraderRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "quizzes/admin/grade_answer.html"
    form_class = forms.GradeForm
    header_icon = "edit"
    page_title = _("Grade an answer")
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.answer = get_object_or_404(
            Answer.objects.select_related(
                "attempt_question__question",
                "attempt_question__attempt__quiz",
                "attempt_question__attempt__user",
                "graded_by",
            ),
            pk=kwargs["answer_id"],
        )
        self.row = self.answer.attempt_question
        self.attempt = self.row.attempt
        self.question = self.row.question

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(GRADE_PERMISSION):
            if not self.attempt.is_finished:
                raise Http404  # nothing to grade before the learner submits
            mine = access.reviewable(request.user, Attempt.objects.filter(pk=self.attempt.pk))
            if not mine.exists():
                raise Http404  # another lecturer's class
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def queue_url(self):
        return reverse(self.index_url_name)

    def get_page_subtitle(self):
        return person(self.attempt.user)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.queue_url, "label": gettext("Essays to grade")},
            {"url": "", "label": gettext("Grade an answer")},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "max_points": self.row.points}

    def get_initial(self):
        initial = {"feedback": self.answer.feedback}
        if self.answer.points is not None:
            initial["grade"] = number(self.answer.points)
        return initial

    def form_valid(self, form):
        try:
            answer = grading.grade_essay(
                self.answer,
                form.cleaned_data["points"],
                feedback=form.cleaned_data["feedback"],
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except errors.ReasonRequired as error:
            form.add_error("reason", str(error))
            return self.form_invalid(form)
        except errors.PointsOutOfRange as error:
            form.add_error("grade", str(error))
            return self.form_invalid(form)
        except errors.GradingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "Grade saved for %(learner)s: %(points)s of %(max)s points "
                "(%(ten)s on the 10-point scale)."
            )
            % {
                "learner": person(self.attempt.user),
                "points": number(answer.points),
                "max": number(self.row.points),
                "ten": number(grading.on_ten(answer.points, self.row.points)),
            },
        )
        return redirect(self.queue_url)

    def form_invalid(self, form):
        messages.error(self.request, gettext("The grade was not saved: see why below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answer, row, attempt = self.answer, self.row, self.attempt
        full_marks = grading.on_ten(row.points, attempt.max_points)
        context.update(
            {
                "answer": answer,
                "attempt": attempt,
                "context_label": access.context_labels([attempt.context]).get(attempt.context),
                "question": self.question,
                "quiz": attempt.quiz,
                "learner": person(attempt.user),
                "max_points": number(row.points),
                "attempt_max_points": number(attempt.max_points),
                "full_marks_on_ten": number(full_marks),
                "current_points": None if answer.points is None else number(answer.points),
                "current_on_ten": None
                if answer.points is None
                else number(grading.on_ten(answer.points, row.points)),
                "graded_by": person(answer.graded_by),
                "history": GradeChange.objects.filter(answer=answer).select_related("changed_by"),
                "queue_url": self.queue_url,
            }
        )
        return context


class GraderMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(GRADE_PERMISSION)


class EssayGradingViewSet(ViewSet):
    name = "quizzes_grading"
    url_prefix = "quizzes/grading"
    icon = "edit"
    menu_label = _("Essays to grade")
    menu_order = 300
    menu_item_class = GraderMenuItem

    def get_urlpatterns(self):
        return [
            path(
                "",
                GradingQueueView.as_view(grade_url_name=self.get_url_name("grade")),
                name="index",
            ),
            path(
                "<int:answer_id>/",
                GradeAnswerView.as_view(index_url_name=self.get_url_name("index")),
                name="grade",
            ),
        ]
