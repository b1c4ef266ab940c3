""" "Tác vụ nền" in the Wagtail admin: who sees it, what it shows, and the two recorded
actions (retry a failed task, re-drive now)."""

import pytest
from django.contrib.auth.models import Group
from django_q.models import Failure, Success
from wagtail.models import ModelLogEntry

from lms import operations
from lms.models import BackgroundSweep
from lms.roles import OPERATORS, STAFF

from .conftest import QUEUE_QUERIES

# The broker's queue and the clusters' heartbeats are shared by every process using it
# (Redis when REDIS_URL is set): these tests run beside the real-cluster tests, not at once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("cluster")]
URL = "/admin/background-tasks/"


def test_the_operators_group_holds_the_permission_and_the_admin(operator):
    group = Group.objects.get(name=OPERATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "operate_background_tasks"} <= codenames
    # Operators run the server; they do not manage training.
    assert "manage_all_classes" not in codenames and "change_trainingclass" not in codenames
    assert operator.has_perm("lms.operate_background_tasks")


def test_an_operator_sees_the_menu_item_and_the_screen_in_vietnamese(client, operator):
    client.force_login(operator)
    home = client.get("/admin/")
    assert URL in home.content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tác vụ nền" in html
    assert "Không có tác vụ nào lỗi." in html
    assert "Làm lại ngay" in html


@pytest.mark.parametrize(
    ("state", "shown"),
    [("IDLE", "đang chờ việc"), ("WORKING", "đang làm việc"), ("STOPPING", "đang dừng")],
)
def test_a_workers_state_is_said_in_vietnamese(client, operator, live_cluster, state, shown):
    from django_q.conf import Conf

    from .conftest import save_heartbeat

    live_cluster.status = getattr(Conf, state)
    save_heartbeat(live_cluster)
    client.force_login(operator)
    html = client.get(URL).content.decode()
    assert f": {shown}, 2 tiến trình xử lý" in html
    for english in ("Idle", "Working", "Stopping"):
        assert f": {english}," not in html


def test_a_superuser_sees_it_and_centre_staff_do_not(client, admin_user, django_user_model):
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200
    staff = django_user_model.objects.create_user("canbo", password="x")
    staff.groups.add(Group.objects.get(name=STAFF))
    client.force_login(staff)
    assert URL not in client.get("/admin/").content.decode()
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    refused = client.get(URL)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.post(URL + "redrive/").status_code == 302
    assert not ModelLogEntry.objects.filter(action__in=operations.ACTIONS).exists()


def test_failed_tasks_show_their_error_attempts_and_age(client, operator, failed_task):
    failed_task(name="cham-bai-42", error="điểm không hợp lệ", age=2 * 3600)
    client.force_login(operator)
    html = client.get(URL).content.decode()
    assert "1 tác vụ lỗi" in html
    assert "cham-bai-42" in html
    assert "ValueError: điểm không hợp lệ" in html
    assert "3 lần thử" in html
    assert "2 giờ trước" in html


def test_due_work_and_the_last_sweep_are_shown(client, operator, unsent_notice, swept):
    unsent_notice(age=3 * 3600)
    client.force_login(operator)
    html = client.get(URL).content.decode()
    emails_row = html.split("Thông báo chưa được gửi qua e-mail")[1].split("</tr>")[0]
    assert "<td>1</td>" in emails_row and "3 giờ trước" in emails_row
    assert "Lần quét gần nhất" in html


def test_retry_queues_the_task_again_and_records_who_did_it(client, operator, failed_task):
    task = failed_task(name="cham-bai-42")
    client.force_login(operator)
    response = client.post(f"{URL}retry/{task.pk}/", follow=True)
    assert response.status_code == 200
    assert "Tác vụ đã được đưa lại vào hàng đợi." in response.content.decode()
    # The test settings run tasks at once: the retried task has succeeded.
    assert not Failure.objects.exists()
    assert Success.objects.get(name="cham-bai-42").result == 2
    entry = ModelLogEntry.objects.get(action=operations.RETRY_ACTION)
    assert entry.user == operator and entry.label == "cham-bai-42"
    assert "cham-bai-42" in response.content.decode().split("Thao tác gần đây")[1]


def test_retrying_a_task_that_is_gone_says_so(client, operator):
    client.force_login(operator)
    response = client.post(f"{URL}retry/khong-co/", follow=True)
    assert "không còn trong danh sách" in response.content.decode()
    assert not ModelLogEntry.objects.exists()


def test_retry_is_a_post(client, operator, failed_task):
    task = failed_task()
    client.force_login(operator)
    assert client.get(f"{URL}retry/{task.pk}/").status_code == 405
    assert Failure.objects.count() == 1


def test_redrive_now_runs_the_sweep_and_is_recorded(client, operator, unsent_notice):
    unsent_notice(age=5)  # younger than the sweep's delay: only "now" takes it
    client.force_login(operator)
    response = client.post(f"{URL}redrive/", follow=True)
    assert response.status_code == 200
    sweep = BackgroundSweep.objects.get(pk=1)
    assert sweep.finished_at is not None and sweep.result == {"emails": 1}
    entry = ModelLogEntry.objects.get(action=operations.REDRIVE_ACTION)
    assert entry.user == operator


@pytest.mark.parametrize("many", [2, 20])
def test_the_screen_costs_the_same_queries_whatever_the_number_of_tasks(
    client, operator, failed_task, queue_task, unsent_notice, django_assert_num_queries, many
):
    for number in range(many):
        failed_task(name=f"that-bai-{number}")
        queue_task(age=number, name=f"cho-{number}")
        unsent_notice(age=number, username=f"u{number}")
    client.force_login(operator)
    client.get(URL)  # warm the per-process caches (site, menu)
    with django_assert_num_queries(SCREEN_QUERIES):
        response = client.get(URL)
    assert response.content.decode().count("<td>that-bai-") == many


# Session, user, permissions, the menu; the queue (a count and a page each for waiting and
# running); the failed tasks and their count; the recent successes; one per kind of due work; the last sweep;
# the recent actions. Measured equal with 2 and 20 of everything.
SCREEN_QUERIES = 19 + QUEUE_QUERIES
