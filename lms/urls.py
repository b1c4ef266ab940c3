"""URLs of the plugin. A Wagtail site includes them before Wagtail's catch-all:

path("", include("lms.urls")),
"""

from django.urls import include, path

urlpatterns = [path("", include("lessons.urls"))]
