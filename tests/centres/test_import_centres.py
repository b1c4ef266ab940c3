"""Importing a learner list with several centres: new learners belong to the class's
centre, organisations are matched in its area, another centre's class is refused."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lms.enrolment.importer import import_learners, read_rows
from lms.models import LearnerProfile

from ..lms.conftest import LEARNER_HEADER


def sheet(*rows):
    workbook = Workbook()
    workbook.active.append(LEARNER_HEADER)
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return read_rows(SimpleUploadedFile("ds.xlsx", buffer.getvalue()))


def row(name, organisation, phone):
    return [name, "02/03/1990", "Nữ", "Tày", organisation, "Đảng viên", "", phone, ""]


def test_new_learners_belong_to_the_class_centre_and_its_organisations(province):
    result = import_learners(
        province.klass,
        sheet(
            row("Vi Thị Hạnh", "Chi bộ thôn Đồng Cọ", "0912000001"),
            row("Ma Văn Sáng", "Chi bộ thôn Xuân Mai", "0912000002"),
        ),
        skip_invalid=True,
    )
    hanh = LearnerProfile.objects.filter(full_name="Vi Thị Hạnh").first()
    assert hanh is not None and hanh.centre == province.centre
    assert hanh.organisation == province.cell
    # B's party cell is not an organisation of A's area: that row is refused, not filed
    # under another district's cell.
    assert not LearnerProfile.objects.filter(full_name="Ma Văn Sáng").exists()
    assert result.created == 1


def test_staff_cannot_import_into_another_centres_class(client, province):
    client.force_login(province.staff)
    before = province.class_b.enrolments.count()
    response = client.post(reverse("lms:enrolment:import", args=[province.class_b.pk]))
    assert response.status_code == 403
    assert province.class_b.enrolments.count() == before
