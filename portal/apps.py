from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            admin_i18n,
            checks,  # noqa: F401  (registers the deployment checks)
            permission_names,
            widgets,
        )

        widgets.register()
        admin_i18n.register()
        permission_names.register()

        # Three of Wagtail's forms label a field from its name, which no catalogue can
        # translate (the log-in's password, the e-mail link chooser, the page of a group's
        # page-permission row); give them labels.
        from wagtail.admin.forms.auth import LoginForm
        from wagtail.admin.forms.choosers import EmailLinkChooserForm
        from wagtail.users.forms import PagePermissionsForm

        LoginForm.base_fields["password"].label = _("Password")
        EmailLinkChooserForm.base_fields["email_address"].label = _("Email address")
        PagePermissionsForm.base_fields["page"].label = _("Page")
