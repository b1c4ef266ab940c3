"""A site includes these beside its pages, e.g. ``path("learn/quizzes/", include("quizzes.urls"))``;
the quiz itself is a Wagtail page (QuizPage), which starts attempts."""

from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("attempts/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<int:attempt_id>/submit/", views.submit_page, name="submit"),
    path("attempts/<int:attempt_id>/result/", views.result_page, name="result"),
    path("attempts/<int:attempt_id>/answer/", views.autosave, name="autosave"),
    path("attempts/<int:attempt_id>/status/", views.status, name="status"),
]
