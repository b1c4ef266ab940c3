from django.db import models
from django.utils.translation import gettext_lazy as _


class BackgroundTasks(models.Model):
    """No table: it only holds the permission to see and steer background work (the
    "Background tasks" screen), as Wagtail's ``Admin`` model holds ``access_admin``."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("operate_background_tasks", _("Can see and steer background tasks"))]
        verbose_name = _("background tasks")
        verbose_name_plural = _("background tasks")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
