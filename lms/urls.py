"""URLs of the plugin. A Wagtail site includes them before Wagtail's catch-all:

    path("", include("lms.urls")),

Learner and lecturer pages are in the "lms" namespace; staff screens live in the
Wagtail admin (see wagtail_hooks.py).
"""

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path

from . import learning
from .offline import sync
from .offline import views as offline

learning_patterns: list[URLPattern | URLResolver] = [
    path("", learning.dashboard, name="dashboard"),
    path("notifications/read/", learning.read_notifications, name="read_notifications"),
    path("lessons/<int:lesson_id>/done/", learning.complete_lesson, name="complete_lesson"),
    path("lessons/<int:lesson_id>/time/", learning.lesson_heartbeat, name="lesson_heartbeat"),
    path("classes/<int:class_id>/", learning.class_path, name="class_path"),
    path("classes/<int:class_id>/offline/", offline.class_pack, name="class_pack"),
    path("offline/", offline.offline_page, name="offline"),
    path("offline/sync/", sync.sync_progress, name="offline_sync"),
    path("classes/<int:class_id>/roster/", learning.roster, name="roster"),
    path(
        "classes/<int:class_id>/unlock/<int:enrolment_id>/",
        learning.unlock_login,
        name="unlock_login",
    ),
    path("enrolment/", include("lms.enrolment.urls")),
]
# The sub-apps a site may leave out of INSTALLED_APPS (docs/developers.md): their pages
# only when installed, so none of their modules is imported otherwise (a model module
# imported without its app would be taken for one of the core's).
for prefix, module in (
    ("evaluation/", "lms.evaluation"),
    ("discussions/", "lms.discussions"),
    ("certificates/", "lms.certificates"),
):
    if apps.is_installed(module):
        learning_patterns.append(path(prefix, include(f"{module}.urls")))

urlpatterns = [
    path("", include("lessons.urls")),
    path("learn/quizzes/", include("quizzes.urls")),
    path("learn/", include((learning_patterns, "lms"))),
]
