from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# The first bytes each allowed type must start with: a program renamed "bai-giang.pdf"
# is refused, not offered to learners as a download.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
}


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(head) - 4  # a character cut at the end of the sample
    return True


class LimitedDocumentForm(BaseDocumentForm):
    """Wagtail checks a document's extension (WAGTAILDOCS_EXTENSIONS); this adds a size
    cap and checks that the content matches the extension."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "read"):
            return file
        limit = settings.UPLOAD_MAX_BYTES
        if getattr(file, "size", 0) > limit:
            raise forms.ValidationError(
                _("This file is too big (%(size)s). The largest allowed is %(limit)s."),
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        file.seek(0)
        head = file.read(2048)
        file.seek(0)
        expected = SIGNATURES.get(extension)
        matches = head.startswith(expected) if expected else _looks_like_text(head)
        if not matches:
            raise forms.ValidationError(
                _("The content of this file is not a “%(extension)s” document."),
                params={"extension": extension},
            )
        return file
