"""Learning offline on a phone (lms/offline/): download a class, lose the connection, read
every lesson and finish it, get the connection back, and the server has the progress,
each event once; the admin is never answered from the phone's store; log-out empties it.
"""

import json

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, in CI) with the reason
    expect = PlaywrightError = None

from .test_learning_journey import log_in

pytestmark = pytest.mark.browser

STORED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
  }
  return out;
}"""
QUEUE = """() => new Promise((resolve) => {
  const open = indexedDB.open("vuntrong", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("events", { keyPath: "key" });
  open.onsuccess = () => {
    const get = open.result.transaction("events").objectStore("events").getAll();
    get.onsuccess = () => { open.result.close(); resolve(get.result); };
  };
})"""


@pytest.fixture
def offline_class(transactional_db, django_db_serialized_rollback):
    from ..lms.personas import World

    world = World()
    return {
        "class_id": world.klass.pk,
        "enrolment_id": world.enrolment.pk,
        "lessons": [{"title": lesson.title, "url": lesson.url} for lesson in world.lessons],
        "other_url": world.other_course.url,
    }


def progress(enrolment_id):
    from lms.models import LessonProgress, ProgressEvent

    rows = LessonProgress.objects.filter(enrolment_id=enrolment_id)
    return {
        "finished": rows.filter(completed_at__isnull=False).count(),
        "events": ProgressEvent.objects.count(),
    }


def republish(url):
    from lessons.models import LessonPage

    lesson = next(page for page in LessonPage.objects.all() if page.url == url)
    lesson.title += " (sửa)"
    lesson.save_revision().publish()


def wait_for(check, page, tries=50):
    for _ in range(tries):
        if check():
            return True
        page.wait_for_timeout(200)
    return check()


def test_a_class_read_offline_reaches_the_server_once(
    live_server, offline_class, phone_page, shoot, axe_check
):
    base = live_server.url
    lessons = offline_class["lessons"]
    class_url = f"{base}/learn/classes/{offline_class['class_id']}/"
    page = phone_page(bypass_csp=True)  # for the axe-core injection only
    context = page.context

    log_in(page, base, "hocvien")
    page.goto(class_url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
    box = page.locator("[data-pack]")
    expect(box).to_be_visible()
    box.get_by_role("button", name="Tải về để học khi không có mạng").click()
    expect(box.locator("[data-pack-status]")).to_contain_text("Lớp này chiếm khoảng")
    expect(box.locator("[data-pack-status]")).to_contain_text("KB")
    shoot(page, "offline-01-size")
    box.get_by_role("button", name="Tải về ngay").click()
    expect(box).to_have_attribute("data-stored", "1", timeout=20_000)
    expect(box.locator("[data-pack-status]")).to_contain_text("Đã lưu trên máy")
    shoot(page, "offline-02-stored")
    axe_check(page, "class-path-offline-pack")
    assert int(box.get_attribute("data-fetched")) >= len(lessons) + 3

    # A lesson changes: downloading again fetches that lesson only.
    republish(lessons[1]["url"])
    page.reload()
    expect(box.locator("[data-pack-status]")).to_contain_text("Đã lưu trên máy")
    box.get_by_role("button", name="Cập nhật bản đã tải").click()
    box.get_by_role("button", name="Tải về ngay").click()
    expect(box).to_have_attribute("data-fetched", "1", timeout=20_000)

    # The admin, visited online, is never kept.
    page.goto(base + "/admin/login/")
    page.goto(class_url)
    stored = page.evaluate(STORED)
    kept = [path for paths in stored.values() for path in paths]
    assert not [path for path in kept if path.startswith("/admin/")], stored
    assert all(lesson["url"] in kept for lesson in lessons)

    context.set_offline(True)
    for lesson in lessons:
        page.goto(base + lesson["url"])
        expect(page.locator("h1")).to_contain_text(lesson["title"])
        page.locator(".done-box button[type=submit]").click()
        expect(page.locator(".done-box .done")).to_contain_text("Đã lưu trên máy")
    shoot(page, "offline-03-finished-offline")
    axe_check(page, "lesson-offline")
    page.goto(class_url)  # the outline and schedule, from the phone
    expect(page.locator("h1")).to_be_visible()
    page.goto(base + offline_class["other_url"])  # never stored: the offline page
    expect(page.locator("h1")).to_have_text("Không có mạng")
    axe_check(page, "offline-page")
    with pytest.raises(PlaywrightError):
        page.goto(base + "/admin/login/")  # the admin: the network or nothing
    page.goto(class_url)
    queued = page.evaluate(QUEUE)
    kinds = sorted(event["kind"] for event in queued)
    assert kinds == ["finished"] * 3 + ["viewed"] * 3, kinds
    assert progress(offline_class["enrolment_id"]) == {"finished": 0, "events": 0}

    context.set_offline(False)
    page.goto(class_url)  # back online: the queue is sent
    assert wait_for(lambda: progress(offline_class["enrolment_id"])["events"] == 6, page)
    assert progress(offline_class["enrolment_id"]) == {"finished": 3, "events": 6}
    assert wait_for(lambda: page.evaluate(QUEUE) == [], page)
    # The phone sends the same events again (an answer lost on the way): nothing changes.
    again = page.evaluate(
        """async (events) => {
          const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
          const response = await fetch("/learn/offline/sync/", {method: "POST",
            headers: {"X-CSRFToken": token, "Content-Type": "application/json"},
            body: JSON.stringify({events})});
          return (await response.json()).results.map((r) => r.status);
        }""",
        [{k: e[k] for k in ("key", "kind", "class", "lesson", "at", "seconds")} for e in queued],
    )
    assert again == ["duplicate"] * 6
    assert progress(offline_class["enrolment_id"]) == {"finished": 3, "events": 6}
    page.goto(base + "/learn/")
    expect(page.locator("progress").first).to_have_attribute("value", "100")

    # Log-out on a shared phone: the next person finds nothing kept.
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    assert wait_for(
        lambda: not [n for n in page.evaluate(STORED) if n.startswith("vt-pages-")], page
    ), page.evaluate(STORED)
    assert page.evaluate(QUEUE) == []
    log_in(page, base, "hocvien2")
    context.set_offline(True)
    page.goto(base + lessons[0]["url"])
    expect(page.locator("h1")).to_have_text("Không có mạng")
    context.set_offline(False)
    errors = [e for e in page.errors if "ERR_INTERNET_DISCONNECTED" not in e]
    assert not errors, json.dumps(errors, ensure_ascii=False)
