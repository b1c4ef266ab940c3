"""An installation of one centre: the user screens list everyone, as Wagtail's do (the
narrowing to the editor's centres, tests/centres/test_user_screens.py, needs a second
centre)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from lms.models import CentreMembership

from .personas import make_user


def test_staff_with_user_permissions_list_everyone(client, world):
    CentreMembership.objects.create(user=world.staff, centre=world.centre)
    superuser = make_user("quantri", is_staff=True, is_superuser=True)
    world.staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["change_user", "delete_user"]
        )
    )
    client.force_login(world.staff)
    response = client.get(reverse("wagtailusers_users:index"))
    shown = {user.username for user in response.context["object_list"]}
    assert {"quantri", "hocvien", "giangvien", "canbo"} <= shown
    assert shown == set(get_user_model().objects.values_list("username", flat=True))
    edit = reverse("wagtailusers_users:edit", args=[superuser.pk])
    assert client.get(edit).status_code == 200
