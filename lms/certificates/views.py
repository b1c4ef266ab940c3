"""Pages outside the admin: the public verification page, the learner's PDF, and a
class's certificates as one ZIP for staff and the class's lecturers."""

import zipfile
from functools import partial

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache

from lms.access import can_manage_class
from lms.models import TrainingClass

from .models import CompletionRecord
from .tasks import render_pdf
from .verification import over_limit


@never_cache
def verify(request, code):
    """Anyone with the code (the QR code) sees whether the certificate is genuine and
    valid: name, course, class, date, number, status. Nothing else."""
    if over_limit(request):
        return render(request, "lms_certificates/verify_limited.html", status=429)
    record = (
        CompletionRecord.objects.filter(code=code)
        .only(
            "learner_name",
            "course_title",
            "class_title",
            "issued_on",
            "register_number",
            "status",
            "revoked_at",
            "centre__name",
        )
        .select_related("centre")
        .first()
    )
    if record is None:
        return render(request, "lms_certificates/verify_not_found.html", status=404)
    return render(request, "lms_certificates/verify.html", {"record": record})


def may_download(user, record) -> bool:
    if not user.is_authenticated:
        return False
    if record.enrolment.learner.user_id == user.pk:
        return record.is_valid
    return can_manage_class(user, record.enrolment.training_class)


def pdf_response(record) -> FileResponse:
    if not record.pdf:
        render_pdf(record.pk)  # the task has not run yet: a few milliseconds
        record.refresh_from_db(fields=["pdf"])
    response = FileResponse(
        record.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"giay-chung-nhan-{record.register_number.replace('/', '-')}.pdf",
    )
    return response


@login_required
def download(request, record_id):
    record = get_object_or_404(
        CompletionRecord.objects.select_related("enrolment__learner", "enrolment__training_class"),
        pk=record_id,
    )
    if not may_download(request.user, record):
        raise Http404
    return pdf_response(record)


class _Sink:
    """A write-only file for zipfile that hands out what was written so far."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        pass

    def close(self) -> None:  # zipfile leaves a file it was given open
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def zip_listing(records) -> str:
    """The ZIP's list file: every record of the class, in the register's order, with
    what became of it; revoked certificates are named but not included."""
    with override(settings.LANGUAGE_CODE):
        lines = [_("Certificates of %(class)s") % {"class": records[0].class_title}, ""]
        for record in records:
            if record.is_valid:
                status = _("included")
            else:
                revoked = timezone.localtime(record.revoked_at) if record.revoked_at else None
                status = _("REVOKED on %(date)s (%(reason)s): not included") % {
                    "date": f"{revoked:%d/%m/%Y}" if revoked else "—",
                    "reason": record.revoked_reason,
                }
            lines.append(f"{record.register_number}\t{record.learner_name}\t{status}")
    return "\r\n".join(lines) + "\r\n"


def zip_stream(records):
    """The valid certificates' PDFs as a ZIP, built and sent one at a time, with the
    list of every record (revoked ones said so) as DANH-SACH.txt."""
    records = list(records)
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        if records:
            archive.writestr("DANH-SACH.txt", zip_listing(records).encode("utf-8-sig"))
        for record in records:
            if not record.is_valid:
                continue
            if not record.pdf:
                render_pdf(record.pk)
                record.refresh_from_db(fields=["pdf"])
            name = f"{record.register_number.replace('/', '-')} {record.learner_name}.pdf"
            with record.pdf.open("rb") as source, archive.open(name, "w") as target:
                for chunk in iter(partial(source.read, 64 * 1024), b""):
                    target.write(chunk)
            yield sink.take()
    yield sink.take()


@login_required
def class_zip(request, class_id):
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    if not can_manage_class(request.user, training_class):
        raise PermissionDenied
    records = CompletionRecord.objects.filter(enrolment__training_class=training_class).order_by(
        "sequence"
    )
    response = StreamingHttpResponse(zip_stream(records), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-lop-{class_id}.zip"'
    return response
