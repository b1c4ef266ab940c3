""" "Background tasks" in the admin, for the people who run the server: the broker's queue,
the clusters, failed tasks with their error, the work the sweep knows is due and when it
last ran; "Retry" for a failed task and "Re-drive now" for the sweep. Reading is
``lms.operations``; both actions are recorded in Wagtail's log."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from .. import operations
from ..roles import OPERATE_BACKGROUND_TASKS

RECENT_ACTIONS = 10


def may_operate(user) -> bool:
    return user.is_active and user.has_perm(OPERATE_BACKGROUND_TASKS)


def _require_operator(request) -> None:
    if not may_operate(request.user):
        raise PermissionDenied


class BackgroundTasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/admin/operations.html"
    page_title = _("Background tasks")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        _require_operator(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        due = operations.due_work(now)
        failed = list(operations.failed_tasks())
        for task in failed:
            task.error_line = operations.error_summary(task.result)
        return {
            **super().get_context_data(**kwargs),
            "now": now,
            "queue": operations.queue(now),
            "clusters": operations.clusters(now),
            "failed": failed,
            "failed_count": operations.failed_count(),
            "succeeded": operations.recent_successes(),
            "due": due,
            "due_total": sum(row.count for row in due),
            "last_sweep": operations.last_sweep(),
            "actions": ModelLogEntry.objects.filter(action__in=operations.ACTIONS)
            .select_related("user")
            .order_by("-timestamp")[:RECENT_ACTIONS],
        }


@require_POST
def retry(request, task_id):
    _require_operator(request)
    try:
        operations.retry(task_id, request.user)
    except operations.RetryRefused:
        messages.error(request, gettext("This task is no longer in the list of failed tasks."))
    except operations.BrokerUnavailable:
        messages.error(
            request, gettext("The task could not be queued: the broker does not answer.")
        )
    else:
        messages.success(request, gettext("The task was queued again."))
    return redirect(reverse("lms_background_tasks"))


@require_POST
def redrive(request):
    _require_operator(request)
    try:
        operations.redrive_now(request.user)
    except Exception:
        messages.error(
            request, gettext("The sweep could not be queued: the broker does not answer.")
        )
    else:
        messages.success(
            request,
            gettext("The sweep was queued: due work is done as soon as a worker takes it."),
        )
    return redirect(reverse("lms_background_tasks"))
