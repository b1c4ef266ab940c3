from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.offline.views import clears_site_data

from .health import healthz, ready

# A database or Redis outage answers 503 "busy, try again" (portal/errors.py).
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", ready, name="healthz_ready"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The learner app's service worker and manifest, at the root (lms/offline/urls.py).
    path("", include("lms.offline.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese at /, English under /en/: the language is part of the address, so a page
# can be cached and linked in either language.
urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", clears_site_data(auth_views.LogoutView.as_view()), name="logout"),
    path("", include("lms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
