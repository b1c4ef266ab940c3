"""Included by lms.urls under learn/discussions/ (namespace "lms:discussions")."""

from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("classes/<int:class_id>/", views.class_threads, name="class"),
    path("classes/<int:class_id>/lessons/<int:lesson_id>/", views.lesson_threads, name="lesson"),
    path("classes/<int:class_id>/moderation/", views.moderation, name="moderation"),
    path("lessons/<int:lesson_id>/", views.lesson_entry, name="lesson_entry"),
    path("threads/<int:thread_id>/", views.thread_view, name="thread"),
    path("threads/<int:thread_id>/moderate/", views.moderate_thread, name="moderate_thread"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit"),
    path("posts/<int:post_id>/delete/", views.delete_post, name="delete"),
    path("posts/<int:post_id>/report/", views.report_post, name="report"),
    path("posts/<int:post_id>/moderate/", views.moderate_post, name="moderate_post"),
    path("settings/", views.notification_settings, name="settings"),
]
