"""Media shared across hosts: two web processes and one worker, each with its own local
folder (as on three machines), one database, and an S3-compatible server (moto's server
mode on a loopback port). A certificate PDF the worker renders is downloadable from both
web processes, through the permission-checked view, and is stored under private/ in the
bucket, never in a local folder."""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..test_cluster import free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent.parent
BUCKET = "vuntrong-media"
pytestmark = pytest.mark.cluster

ISSUE = """
from lms.certificates.issuing import issue
from tests.lms.personas import World

world = World()
record, created = issue(world.enrolment, by=world.staff, override_reason="Kiểm thử lưu trữ")
print(record.pk)
"""


@pytest.fixture
def s3_server(tmp_path):
    pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    port = free_port()
    log = (tmp_path / "moto.txt").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint, client
    finally:
        stop(server)
        log.close()


def host_env(tmp_path, name, endpoint, queue):
    var = tmp_path / name
    var.mkdir()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "shared-media-test-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "VUNTRONG_VAR_DIR": str(var),
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "Q_WORKERS": "1",
        "Q_NAME": queue,  # the hosts and the worker share it; no other test's cluster does
        "PYTHONUNBUFFERED": "1",
    }


def last_line(completed) -> str:
    """What the shell printed last (it may announce its automatic imports first)."""
    return completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def log_in(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    html = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    conn.request(
        "POST",
        "/accounts/login/",
        body=f"csrfmiddlewaretoken={token}&username={username}&password={password}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/",
        },
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    return re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie")).group(1)


def get(port: int, path: str, session: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": f"sessionid={session}"} if session else {})
    response = conn.getresponse()
    return response.status, response.read(), response


def files_under(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()]


def test_a_pdf_rendered_by_the_worker_is_downloadable_from_both_web_hosts(
    tmp_path, s3_server, own_queue, migrated_sqlite
):
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed (pip install -e '.[server]')")
    endpoint, s3 = s3_server
    assert migrated_sqlite == tmp_path / "site.sqlite3"  # the database of host_env
    env_a = host_env(tmp_path, "host-a", endpoint, own_queue)
    env_b = host_env(tmp_path, "host-b", endpoint, own_queue)
    env_worker = host_env(tmp_path, "worker", endpoint, own_queue)
    record_id = int(last_line(manage(env_a, "shell", "-c", ISSUE)))

    logs = (tmp_path / "processes.txt").open("w")
    processes = []
    ports = [free_port(), free_port()]
    try:
        processes.append(
            subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "qcluster"],
                env=env_worker,
                cwd=ROOT,
                stdout=logs,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        for env, port in zip((env_a, env_b), ports, strict=True):
            processes.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "portal.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=logs,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        # The worker renders the PDF the issuing queued after its commit.
        deadline = time.monotonic() + 120
        rendered = ""
        while not rendered and time.monotonic() < deadline:
            rendered = last_line(
                manage(
                    env_a,
                    "shell",
                    "-c",
                    "from lms.certificates.models import CompletionRecord; "
                    f"print(CompletionRecord.objects.get(pk={record_id}).pdf.name or '')",
                )
            )
            if "imported automatically" in rendered:
                rendered = ""
            if not rendered:
                time.sleep(1)
        assert rendered, (tmp_path / "processes.txt").read_text()[-3000:]
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        assert keys == [f"private/{rendered}"]

        for port in ports:
            wait_for_port(port)
        url = f"/learn/certificates/{record_id}/pdf/"
        # Not signed in: no PDF, from either host.
        for port in ports:
            status, _body, response = get(port, url)
            assert status == 302 and "/accounts/login/" in response.getheader("Location")
        session = log_in(ports[0], "hocvien", "mat-khau-hocvien")
        bodies = []
        for port in ports:
            status, body, response = get(port, url, session)
            assert status == 200, (port, status)
            assert response.getheader("Content-Type") == "application/pdf"
            bodies.append(body)
        assert bodies[0].startswith(b"%PDF") and bodies[0] == bodies[1]
        # Another learner of the centre gets nothing.
        other = log_in(ports[1], "hocvien2", "mat-khau-hocvien2")
        assert get(ports[1], url, other)[0] == 404
    finally:
        for process in processes:
            stop(process)
        logs.close()
    # Nothing was written to any host's own folders: every byte went through the bucket.
    leftovers = [
        path
        for name in ("host-a", "host-b", "worker")
        for folder in ("media", "private")
        for path in files_under(tmp_path / name / folder)
    ]
    assert leftovers == []


def test_an_upload_saved_on_one_host_is_read_on_another(tmp_path, s3_server, own_queue):
    endpoint, s3 = s3_server
    save = (
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "print(default_storage.save('documents/bai-giang.txt', ContentFile('Bài giảng'.encode())))"
    )
    name = last_line(manage(host_env(tmp_path, "host-a", endpoint, own_queue), "shell", "-c", save))
    read = (
        "from django.core.files.storage import default_storage\n"
        f"print(default_storage.open({name!r}).read().decode())"
    )
    assert last_line(
        manage(host_env(tmp_path, "host-b", endpoint, own_queue), "shell", "-c", read)
    ) == ("Bài giảng")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"media/{name}"]
