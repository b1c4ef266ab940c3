from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("broken/", broken), *portal_urlpatterns]
