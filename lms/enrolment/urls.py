"""Enrolment screens, under /learn/enrolment/ in the "lms" namespace:
"lms:enrolment:<name>"."""

from django.urls import path

from . import views

app_name = "enrolment"

urlpatterns = [
    path("template.xlsx", views.template, name="template"),
    path("classes/<int:class_id>/import/", views.import_view, name="import"),
    path(
        "classes/<int:class_id>/import/rejected/<str:token>.xlsx",
        views.rejected_rows,
        name="rejected",
    ),
    path("classes/<int:class_id>/accounts/", views.accounts_view, name="accounts"),
    path("classes/<int:class_id>/slips/", views.slips, name="slips"),
    path(
        "classes/<int:class_id>/learners/<int:learner_id>/reset-password/",
        views.reset_password,
        name="reset_password",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
