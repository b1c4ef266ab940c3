"""Included by lms.urls under /learn/certificates/ in the "lms" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="certificate_verify"),
    path("<int:record_id>/pdf/", views.download, name="certificate_pdf"),
    path("class/<int:class_id>/zip/", views.class_zip, name="certificate_class_zip"),
]
