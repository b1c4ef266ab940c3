"""With SENTRY_DSN set, the settings start sentry-sdk and an error reaches the Sentry
server (here a small HTTP server on loopback) tagged with its request id, without the
password that was posted."""

import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAIL = """
import django
django.setup()
import sentry_sdk
from django.test import Client
from django.test.utils import override_settings

with override_settings(ROOT_URLCONF="tests.operations.urls", ALLOWED_HOSTS=["*"]):
    response = Client(raise_request_exception=False).post(
        "/broken/", {"username": "hocvien", "password": "Mat-Khau-Bi-Mat-9"},
        HTTP_X_REQUEST_ID="sentry-test-0042",
    )
print(response.status_code)
sentry_sdk.flush(5)
"""


def test_an_error_reaches_sentry_with_the_request_id_and_no_password(tmp_path):
    pytest.importorskip("sentry_sdk")
    received: list[bytes] = []

    class FakeSentry(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), FakeSentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/7",
        }
        result = subprocess.run(
            [sys.executable, "-c", FAIL], env=env, cwd=ROOT, capture_output=True, text=True
        )
    finally:
        server.shutdown()
    assert result.stdout.strip().splitlines()[-1] == "500", result.stderr[-2000:]
    envelopes = b"\n".join(received)
    assert b"Mat-Khau-Bi-Mat-9" not in envelopes
    events = [
        json.loads(line)
        for line in envelopes.splitlines()
        if line.startswith(b"{") and b'"exception"' in line
    ]
    assert events, envelopes[:2000]
    event = events[0]
    assert event["tags"]["request_id"] == "sentry-test-0042"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert "data" not in event.get("request", {}) and "cookies" not in event.get("request", {})
