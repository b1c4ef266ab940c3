"""Outgoing e-mail configured from EMAIL_URL, proven by a real SMTP server (aiosmtpd)
with STARTTLS and a log-in, and the deployment check that says what is missing."""

import datetime
import ipaddress
import re
import socket
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.checks import Error, Warning
from django.utils import translation

from portal.checks import check_email
from portal.settings.base import email_from_url

RESET = "/en/learn/enrolment/password/reset/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed(tmp_path):
    """A certificate for 127.0.0.1, trusted by pointing SSL_CERT_FILE at it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "smtp.crt", tmp_path / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "login": session.auth_data.login.decode() if session.auth_data else None,
                "tls": session.ssl is not None,
            }
        )
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"giaovu" and auth_data.password == b"m@t:khau/2026"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


@pytest.fixture
def smtp_server(tmp_path, monkeypatch):
    cert_file, key_file = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    yield mailbox, port
    controller.stop()


def apply(settings, url):
    for key, value in email_from_url(url).items():
        setattr(settings, key, value)
    settings.EMAIL_URL = url


def test_email_url_gives_django_its_smtp_settings():
    assert email_from_url("smtp+tls://giaovu:m%40t%3Akhau%2F2026@mail.example.vn:587") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.vn",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "giaovu",
        "EMAIL_HOST_PASSWORD": "m@t:khau/2026",
        "EMAIL_USE_TLS": True,
    }
    ssl_config = email_from_url("smtp+ssl://a:b@mail.example.vn:465?timeout=5")
    assert ssl_config["EMAIL_USE_SSL"] is True and ssl_config["EMAIL_TIMEOUT"] == 5
    assert "EMAIL_USE_TLS" not in ssl_config
    assert email_from_url("smtp://127.0.0.1:25") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": 25,
    }


def test_a_password_reset_mail_reaches_a_real_smtp_server_over_starttls(
    client, django_user_model, settings, smtp_server
):
    mailbox, port = smtp_server
    # The password holds @ : / percent-encoded, as an operator writes it in the URL.
    apply(settings, f"smtp+tls://giaovu:m%40t%3Akhau%2F2026@127.0.0.1:{port}")
    settings.DEFAULT_FROM_EMAIL = "Trung tâm Chính trị <no-reply@ttct.example.vn>"
    django_user_model.objects.create_user("mai", email="mai@example.vn", password="Cu-mat-khau-1")

    with translation.override("en"):
        response = client.post(RESET, {"email": "mai@example.vn"})

    assert response.status_code == 302
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["to"] == ["mai@example.vn"]
    assert message["from"] == "no-reply@ttct.example.vn"
    assert message["login"] == "giaovu" and message["tls"]
    link = re.search(r"https?://\S+/password/reset/\S+/\S+/", message["data"])
    assert link, message["data"]


def test_a_wrong_smtp_password_is_an_error_not_a_silent_loss(settings, smtp_server):
    from smtplib import SMTPAuthenticationError

    from django.core.mail import send_mail

    mailbox, port = smtp_server
    apply(settings, f"smtp+tls://giaovu:sai@127.0.0.1:{port}")
    with pytest.raises(SMTPAuthenticationError):
        send_mail("Thử", "Nội dung", "a@example.vn", ["b@example.vn"])
    assert mailbox.messages == []


def test_deploy_check_says_e_mail_is_missing(settings):
    settings.EMAIL_URL = ""
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    problems = check_email(None)
    assert [(type(p), p.id) for p in problems] == [(Error, "portal.E001"), (Warning, "portal.W003")]
    assert "EMAIL_URL" in problems[0].msg and "reminders" in problems[0].msg


def test_deploy_check_warns_when_mail_is_only_printed(settings):
    apply(settings, "consolemail://")
    settings.DEFAULT_FROM_EMAIL = "no-reply@ttct.example.vn"
    problems = check_email(None)
    assert [p.id for p in problems] == ["portal.W002"]


def test_deploy_check_is_quiet_when_configured(settings):
    apply(settings, "smtp+tls://u:p@mail.example.vn:587")
    settings.DEFAULT_FROM_EMAIL = "no-reply@ttct.example.vn"
    assert check_email(None) == []


def test_production_refuses_the_deploy_check_without_e_mail(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "lms.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "portal.E001" in result.stderr and "EMAIL_URL" in result.stderr
