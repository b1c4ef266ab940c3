"""The admin's date pickers with a hint of the format typed by hand.

Wagtail's AdminDateInput and AdminDateTimeInput already show and read the format of
WAGTAIL_DATE_FORMAT / WAGTAIL_DATETIME_FORMAT (day first here) and open a date picker;
these add the format as a placeholder, so a date typed by hand is typed the right way
round. Registered for every model date field of the admin in PortalConfig.ready(), with
decimal fields localised (a decimal comma accepted and shown)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class DateInput(AdminDateInput):
    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format)


class DateTimeInput(AdminDateTimeInput):
    def __init__(self, attrs=None, format=None, **kwargs):
        attrs = {"placeholder": _("dd/mm/yyyy hh:mm"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format, **kwargs)


def register() -> None:
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override={"widget": DateInput})
    register_form_field_override(models.DateTimeField, override={"widget": DateTimeInput})
    # Grades, marks and points typed with a decimal comma ("8,5") as they are shown.
    register_form_field_override(models.DecimalField, override={"localize": True})
