"""The service worker and the web app manifest: at the site's root, outside the language
prefix, so one worker's scope covers every learner page (docs/developers.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
]
