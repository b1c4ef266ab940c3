"""The URLs docs/developers.md asks for, around `wagtail start`'s own (mysite/urls.py):
the log-in and log-out names and lms.urls, before Wagtail's catch-all. Copied to
mysite/plugin_urls.py, the ROOT_URLCONF of .ci/plugin_site/settings.py."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from .urls import urlpatterns as site_patterns

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("lms.urls")),
    *site_patterns,
]
