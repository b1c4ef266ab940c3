"""An operator finds a failed task in "Tác vụ nền", retries it once the cause is fixed,
and sees it succeed: the mail server was down when the notices were e-mailed."""

import socket

import pytest
from django.core import mail

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser


# A queue of the test's own: a real cluster started by another test (on the same Redis)
# never takes its task.
OWN_QUEUE = "vuntrong-browser-operations"


def run_queue_like_a_cluster() -> None:
    from multiprocessing import Queue, Value

    from django_q.brokers import get_broker
    from django_q.monitor import monitor
    from django_q.signing import SignedPackage
    from django_q.worker import worker

    broker = get_broker(OWN_QUEUE)
    task_queue, result_queue = Queue(), Queue()
    while batch := broker.dequeue():
        for ack_id, pack in batch:
            task = SignedPackage.loads(pack)
            task["sync"] = False
            task["ack_id"] = ack_id
            task_queue.put(task)
    task_queue.put("STOP")
    worker(task_queue, result_queue, Value("f", -1))
    result_queue.put("STOP")
    monitor(result_queue, broker)
    for queue in (task_queue, result_queue):
        queue.close()
        queue.join_thread()


@pytest.fixture
def failed_mailing(transactional_db, django_db_serialized_rollback, settings):
    """A notice for a learner, e-mailed while the mail server refused connections: the
    e-mail task really failed and django-q2 recorded it. Then the server is back."""
    from django.contrib.auth.models import Group, User
    from django_q.models import Failure
    from django_q.tasks import async_task

    from lms.models import Notification
    from lms.roles import OPERATORS

    operator = User.objects.create_user("vanhanh", password="mat-khau-van-hanh")
    operator.groups.add(Group.objects.get(name=OPERATORS))
    learner = User.objects.create_user("hocvien", email="hocvien@example.vn")
    Notification.objects.create(
        user=learner,
        kind="quiz_graded",
        key="quiz:1",
        subject="Bài kiểm tra đã có điểm",
        message="Điểm của đồng chí: 8,5/10",
    )
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    # Queued, then taken from the broker and run by django-q2's own worker and monitor
    # functions, as a cluster runs it (the test settings' synchronous mode re-raises a
    # failure instead of recording it).
    async_task(
        "lms.notify.email_pending", task_name="lms-email-pending", sync=False, cluster=OWN_QUEUE
    )
    run_queue_like_a_cluster()
    failure = Failure.objects.get()
    assert "ConnectionRefusedError" in failure.result
    # The mail server answers again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return failure.name


def test_an_operator_retries_a_failed_task_and_sees_it_succeed(
    live_server, failed_mailing, browser, shoot
):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("vanhanh")
    page.locator("#id_password").fill("mat-khau-van-hanh")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Tác vụ nền").first.click()
    expect(page.locator("header h1").first).to_have_text("Tác vụ nền")
    failed = page.locator("section[aria-labelledby=ops-failed]")
    expect(failed.locator("h2")).to_have_text("1 tác vụ lỗi")
    expect(failed).to_contain_text(failed_mailing)
    expect(failed).to_contain_text("ConnectionRefusedError")
    due = page.locator("section[aria-labelledby=ops-due]")
    expect(due).to_contain_text("Thông báo chưa được gửi qua e-mail")
    shoot(page, "operations-01-failed-task")

    failed.get_by_role("button", name=f"Thử lại {failed_mailing}").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Tác vụ đã được đưa lại vào hàng đợi.")
    expect(failed.locator("h2")).to_have_text("0 tác vụ lỗi")
    expect(failed).to_contain_text("Không có tác vụ nào lỗi.")
    expect(page.locator("section[aria-labelledby=ops-done]")).to_contain_text(failed_mailing)
    expect(page.locator("section[aria-labelledby=ops-log]")).to_contain_text(failed_mailing)
    shoot(page, "operations-02-retried")
    context.close()

    # The retried task ran and succeeded: the learner's e-mail went out, once.
    from django_q.models import Success

    assert Success.objects.filter(name=failed_mailing).count() == 1
    assert [message.to for message in mail.outbox] == [["hocvien@example.vn"]]
