from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    """The least a signed-in page does: load the session and the user."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("_bench/minimal", minimal), *portal_urlpatterns]
