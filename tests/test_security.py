import re
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model

from portal.settings.base import BASE_DIR

PAGES = [
    "/",
    "/khoa-hoc/",
    "/khoa-hoc/nhan-thuc/",
    "/khoa-hoc/nhan-thuc/bai-1/",
    "/search/?q=dang",
    "/accounts/login/",
    "/admin/login/",
    "/khong-co-trang-nay/",
    "/en/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_content_security_policy_without_inline_script(client, lessons, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["object-src"] == "'none'"
    if path.startswith("/admin/"):
        # Wagtail's admin starts some widgets with inline scripts: allowed there only.
        assert directives["script-src"] == "'self' 'unsafe-inline'"
    else:  # our own templates: no inline script at all
        assert directives["script-src"] == "'self'"
        html = response.content.decode()
        inline = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/json" not in tag
        ]
        assert inline == []
        assert not re.search(r"\son[a-z]+=", html)


def test_repeated_failed_logins_lock_the_account(client, learner):
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "hocvien", "password": "sai"})
        assert response.status_code == 200
    fifth = client.post("/accounts/login/", {"username": "hocvien", "password": "sai"})
    assert fifth.status_code == 429
    locked = client.post(
        "/accounts/login/", {"username": "hocvien", "password": "mat-khau-hoc-vien"}
    )
    assert locked.status_code == 429
    assert "30" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_works_and_lands_on_the_dashboard(client, learner, home):
    response = client.post(
        "/accounts/login/", {"username": "hocvien", "password": "mat-khau-hoc-vien"}
    )
    assert response.status_code == 302 and response["Location"] == "/learn/"
    assert client.session["_auth_user_id"] == str(learner.pk)


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def upload(editor, name, content, content_type="application/pdf"):
    return editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content, content_type=content_type)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def test_documents_of_an_unlisted_type_are_refused(editor):
    response = upload(editor, "virus.exe", b"MZ....", "application/octet-stream")
    assert response.json()["success"] is False
    assert get_document_model().objects.count() == 0


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_documents_over_the_size_limit_are_refused_with_the_limit(editor):
    response = upload(editor, "big.pdf", b"%PDF-1.4" + b"0" * 2048)
    body = response.json()
    assert body["success"] is False
    assert "1,0" in body["error_message"] or "1.0" in body["error_message"]
    assert get_document_model().objects.count() == 0


def test_documents_are_served_as_downloads(editor, client):
    assert upload(editor, "tai-lieu.pdf", b"%PDF-1.4 small")
    document = get_document_model().objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def deploy_check(tmp_path, **extra):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "lms.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = deploy_check(tmp_path, PUBLIC_BASE_URL="https://lms.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("address", "error"),
    [
        (None, "lms.E001"),
        ("", "lms.E001"),
        ("http://localhost", "lms.E002"),
        ("http://127.0.0.1:8000/", "lms.E002"),
    ],
)
def test_the_deploy_check_fails_without_a_public_base_url(tmp_path, address, error):
    """Certificate QR codes, e-mails and slips link to PUBLIC_BASE_URL: a production
    deployment without a public one is refused by `check --deploy` (issue 18)."""
    result = deploy_check(tmp_path, **({} if address is None else {"PUBLIC_BASE_URL": address}))
    assert result.returncode != 0
    assert error in result.stderr + result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_program_renamed_to_pdf_is_refused(editor):
    response = upload(editor, "bai-giang.pdf", b"MZ\x90\x00 this is a Windows program")
    body = response.json()
    assert body["success"] is False
    assert "pdf" in body["error_message"]
    assert get_document_model().objects.count() == 0


def test_admin_slugs_lose_their_diacritics(client, admin_user, course):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Điều lệ Đảng: nguyên tắc tập trung dân chủ",
            "slug": "điều-lệ-đảng-nguyên-tắc",
            "summary": "",
            "estimated_minutes": 10,
            "required": "on",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
        }
    )
    response = client.post(
        f"/admin/pages/add/lessons/lessonpage/{course.pk}/", {**data, "action-publish": "1"}
    )
    assert response.status_code == 302
    from lessons.models import LessonPage

    assert (
        LessonPage.objects.get(title__startswith="Điều lệ Đảng").slug == "dieu-le-dang-nguyen-tac"
    )
