from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


class LimitedDocumentForm(BaseDocumentForm):
    """Wagtail checks a document's extension (WAGTAILDOCS_EXTENSIONS); this adds a size cap."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.UPLOAD_MAX_BYTES
        if file and getattr(file, "size", 0) > limit:
            raise forms.ValidationError(
                _("This file is too big (%(size)s). The largest allowed is %(limit)s."),
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        return file
