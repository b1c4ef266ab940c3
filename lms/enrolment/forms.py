from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Exists, OuterRef
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from lms.models import LoginSlip

from .importer import MAX_UPLOAD_BYTES, file_too_large_message


def _format(text, **values) -> str:
    return str(text) % values


# Translated when shown, in the visitor's language, not once when the module loads.
lazy_format = lazy(_format, str)


class ImportForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,  # read_rows says "The file is empty." in our words
        label=_("Learner list (Excel .xlsx or CSV)"),
        help_text=lazy_format(
            _("At most %(limit)s MB. The first row is the template's header."),
            limit=MAX_UPLOAD_BYTES // (1024 * 1024),
        ),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv", "aria-describedby": "file-help"}),
    )
    skip_invalid = forms.BooleanField(
        label=_(
            "Import the valid rows even if some rows have errors, and give me a file of the "
            "rejected rows"
        ),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(file_too_large_message(upload.size))
        return upload


class SlipAwarePasswordResetForm(PasswordResetForm):
    """Django sends no reset link to an account without a usable password; an imported
    learner who has not used their slip yet has none, and should get one."""

    def get_users(self, email):
        User = get_user_model()
        email_field = User.get_email_field_name()
        users = User._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        ).annotate(has_slip=Exists(LoginSlip.objects.filter(user_id=OuterRef("pk"))))
        return (
            user
            for user in users
            if (user.has_usable_password() or user.has_slip)
            and (getattr(user, email_field) or "").casefold() == email.casefold()
        )
