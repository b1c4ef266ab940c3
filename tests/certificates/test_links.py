"""Links that leave the site come from PUBLIC_BASE_URL, never from the Wagtail Site's
host name ("localhost" until someone edits it) or the request (issue 18)."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from lms import checks, links
from lms.certificates import issuing, tasks
from lms.models import Notification
from lms.notify import email_pending, notify

pytestmark = pytest.mark.django_db

PUBLIC = "https://daotao.chiemhoa.vn"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = PUBLIC + "/"


def test_the_certificate_qr_and_printed_link_use_the_public_address(cw):
    assert cw.centre.site.hostname == "localhost"  # the Site as Wagtail creates it
    cw.rule(min_lessons_percent=0)
    record, _ = issuing.issue(cw.enrolment)
    url = tasks.verify_url(record)
    assert url.startswith(PUBLIC + "/") and "localhost" not in url
    data = tasks.render_bytes(record)
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert url in text


def test_e_mails_carry_absolute_links(cw):
    cw.learner.user.email = "an@example.vn"
    cw.learner.user.save()
    notify(
        [cw.learner.user],
        kind=Notification.Kind.QUIZ_GRADED,
        key="test:link",
        subject="Thử",
        message="Xem kết quả.",
        url=reverse("lms:dashboard"),
    )
    assert email_pending() == 1
    assert f"{PUBLIC}{reverse('lms:dashboard')}" in mail.outbox[0].body


def test_log_in_slips_print_the_public_address(cw, client):
    client.force_login(cw.staff)
    response = client.get(reverse("lms:enrolment:slips", args=[cw.klass.pk]))
    assert response.context["login_url"] == f"{PUBLIC}{reverse('login')}"


def test_password_reset_mail_links_to_the_public_address(cw, client):
    cw.learner.user.email = "an@example.vn"
    cw.learner.user.save()
    client.post(reverse("lms:enrolment:password_reset"), {"email": "an@example.vn"})
    assert mail.outbox and f"{PUBLIC}/" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("address", "errors"),
    [
        ("", ["lms.E001"]),
        ("http://localhost:8000", ["lms.E002"]),
        ("http://127.0.0.1:8000", ["lms.E002"]),
        ("http://portal.localhost", ["lms.E002"]),
        ("daotao.chiemhoa.vn", ["lms.E002"]),  # no scheme
        ("https://daotao.chiemhoa.vn", []),
    ],
)
def test_the_deploy_check_wants_a_public_address(settings, address, errors):
    settings.PUBLIC_BASE_URL = address
    assert [error.id for error in checks.public_base_url()] == errors
    assert links.absolute("/a/") == f"{address.rstrip('/')}/a/"
