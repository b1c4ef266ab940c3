from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CoursePage, LessonPage, ProgramType


class ProgramTypeViewSet(SnippetViewSet):
    model = ProgramType
    icon = "folder-open-inverse"
    menu_label = _("Programs")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(ProgramTypeViewSet)


def _login_path() -> str:
    return resolve_url(getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or settings.LOGIN_URL)


@hooks.register("on_serve_page")
def hide_restricted_pages_from_learners(serve):
    """A signed-in learner who may not see a private course or lesson gets "not found",
    not a log-in form they cannot get past. Anonymous visitors still get Wagtail's log-in
    prompt. Wraps Wagtail's own restriction check, so no query is added."""

    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if (
            isinstance(page, CoursePage | LessonPage)
            and request.user.is_authenticated
            and response.status_code == 302
            and urlsplit(response["Location"]).path == _login_path()
        ):
            raise Http404
        return response

    return inner
