"""System checks of the lms plugin's configuration."""

from urllib.parse import urlsplit

from django.core.checks import Error, Tags, register

from .links import base_url, is_local


@register(Tags.security, deploy=True)
def public_base_url(app_configs=None, **kwargs):
    """With ``check --deploy``: PUBLIC_BASE_URL is set to the public address."""
    url = base_url()
    if not url:
        return [
            Error(
                "PUBLIC_BASE_URL is not set.",
                hint=(
                    "Set PUBLIC_BASE_URL in the environment to the portal's public address, "
                    "e.g. https://daotao.chiemhoa.vn: certificate QR codes, e-mails and "
                    "log-in slips link to it."
                ),
                id="lms.E001",
            )
        ]
    if urlsplit(url).scheme not in ("http", "https") or is_local(url):
        return [
            Error(
                f"PUBLIC_BASE_URL ({url}) is not a public address.",
                hint=(
                    "Printed certificates and e-mails would link to this machine only: set "
                    "PUBLIC_BASE_URL to the address people reach the portal at."
                ),
                id="lms.E002",
            )
        ]
    return []
