from django.db import models
from django.utils.translation import gettext_lazy as _


class BackgroundSweep(models.Model):
    """The one row that records the sweep (lms/sweep.py): when it last ran, what it
    re-drove, and a lease so two sweeps never run at once. In the database, not the
    cache, so the operator sees it whatever happened to Redis."""

    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    lease_until = models.DateTimeField(_("running until"), null=True, blank=True)
    result = models.JSONField(_("work done"), default=dict, blank=True)

    class Meta:
        verbose_name = _("background sweep")
        verbose_name_plural = _("background sweeps")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
