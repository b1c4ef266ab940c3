from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("surveys/<int:survey_id>/", views.survey_page, name="survey"),
    path("surveys/<int:survey_id>/<int:lecturer_id>/", views.answer_page, name="answer"),
]
