"""Learning offline (lms/offline/): progress queued on a phone is accepted once each, the
class pack names what to keep with versions and sizes, the service worker leaves the
admin alone, and log-out clears what the phone kept."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.models import Enrolment, LessonProgress, ProgressEvent
from lms.signals import lesson_completed

from .personas import make_class

SYNC = "/learn/offline/sync/"


def send(client, *events, raw=None, url=SYNC):
    body = raw if raw is not None else json.dumps({"events": list(events)})
    return client.post(url, body, content_type="application/json")


def event(world, n, kind="finished", lesson=0, at=None, **extra):
    return {
        "key": f"phone-event-{n:04d}",
        "kind": kind,
        "class": world.klass.pk,
        "lesson": world.lessons[lesson].pk,
        "at": (at or timezone.now()).isoformat(),
        **extra,
    }


@pytest.fixture
def learner(client, world):
    client.force_login(world.learner.user)
    return client


def progress_of(world, lesson=0):
    return LessonProgress.objects.get(enrolment=world.enrolment, lesson=world.lessons[lesson])


def test_the_same_event_twice_counts_once(learner, world, django_capture_on_commit_callbacks):
    finished = []

    def receiver(**kwargs):
        finished.append(kwargs["lesson"].pk)

    lesson_completed.connect(receiver)
    read = event(world, 1, "time", seconds=60)
    done = event(world, 2, "finished")
    with django_capture_on_commit_callbacks(execute=True):
        first = send(learner, read, done)
    assert first.status_code == 200
    assert {r["status"] for r in first.json()["results"]} == {"accepted"}
    with django_capture_on_commit_callbacks(execute=True):
        again = send(learner, read, done)  # the phone did not get the answer and sends again
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    progress = progress_of(world)
    assert progress.seconds_spent == 60
    assert progress.completed_at is not None
    assert finished == [world.lessons[0].pk]  # completion announced once
    assert ProgressEvent.objects.count() == 2
    lesson_completed.disconnect(receiver)


def test_out_of_order_events(learner, world):
    start = timezone.now() - timedelta(hours=3)
    events = [
        event(world, 3, "finished", at=start + timedelta(minutes=20)),
        event(world, 1, "viewed", at=start),
        event(world, 2, "time", at=start + timedelta(minutes=1), seconds=60),
    ]
    send(learner, *events[:1])  # "finished" arrives first, the rest later
    send(learner, *events[1:])
    progress = progress_of(world)
    assert progress.first_viewed_at == start  # the earliest view, though it came last
    assert progress.completed_at == start + timedelta(minutes=20)
    assert progress.seconds_spent == 60
    enrolment = Enrolment.objects.get(pk=world.enrolment.pk)
    assert enrolment.last_activity_at == start + timedelta(minutes=20)  # never moved back


def test_time_is_capped_per_event_and_the_future_is_now(learner, world):
    later = timezone.now() + timedelta(days=2)  # a phone whose clock runs ahead
    send(learner, event(world, 1, "time", seconds=3600, at=later))
    progress = progress_of(world)
    assert progress.seconds_spent == 90  # progress.MAX_CREDIT_SECONDS
    assert progress.last_seen_at <= timezone.now()


def test_another_users_class_is_refused(client, world):
    other = world.other_learner.user
    client.force_login(other)
    # The other learner names the first learner's class (and a lesson of it).
    response = send(client, event(world, 1, "finished"))
    assert response.status_code == 200
    assert response.json()["results"] == [{"key": "phone-event-0001", "status": "refused"}]
    assert not LessonProgress.objects.exists()
    assert not ProgressEvent.objects.exists()


def test_a_lesson_of_another_course_is_refused(learner, world):
    foreign = world.other_course.lessons()[0]
    response = send(learner, {**event(world, 1), "lesson": foreign.pk})
    assert response.json()["results"][0]["status"] == "refused"
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "raw, message",
    [
        ("not json", "not valid JSON"),
        (json.dumps([1, 2]), "list of “events”"),
        (json.dumps({"events": [{"key": "x"}]}), "“key”"),
        (json.dumps({"events": ["viewed"]}), "not an object"),
    ],
)
def test_a_bad_payload_gets_a_clear_400(learner, world, raw, message):
    response = send(learner, raw=raw, url="/en" + SYNC)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not ProgressEvent.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("kind", "liked"), ("class", "1"), ("lesson", -1), ("at", "yesterday"), ("seconds", -5)],
)
def test_each_field_is_checked(learner, world, field, value):
    response = send(learner, {**event(world, 1), field: value}, url="/en" + SYNC)
    assert response.status_code == 400
    assert response.json()["error"] == f"Event 1: “{field}” is missing or invalid."
    assert not LessonProgress.objects.exists()


def test_a_batch_with_one_bad_event_applies_nothing(learner, world):
    response = send(learner, event(world, 1), {**event(world, 2), "kind": "??"}, url="/en" + SYNC)
    assert response.status_code == 400
    assert response.json()["error"] == "Event 2: “kind” is missing or invalid."
    assert not LessonProgress.objects.exists()


def test_sync_needs_a_signed_in_post(client, world):
    assert client.post(SYNC, "{}", content_type="application/json").status_code == 302
    client.force_login(world.learner.user)
    assert client.get(SYNC).status_code == 405


def test_the_lesson_shows_finished_after_a_sync(learner, world):
    lesson = world.lessons[0]
    button = f'action="/learn/lessons/{lesson.pk}/done/"'
    assert button in learner.get(lesson.url).content.decode()  # viewed, not finished
    send(learner, event(world, 1, "finished"))
    assert button not in learner.get(lesson.url).content.decode()


def test_a_withdrawn_learner_is_refused(learner, world):
    Enrolment.objects.filter(pk=world.enrolment.pk).update(status="withdrawn")
    assert send(learner, event(world, 1)).json()["results"][0]["status"] == "refused"


def test_events_of_two_classes_of_one_learner(learner, world):
    second = make_class(world.centre, world.other_course)
    Enrolment.objects.create(training_class=second, learner=world.learner)
    foreign = world.other_course.lessons()[0]
    response = send(
        learner, event(world, 1), {**event(world, 2), "class": second.pk, "lesson": foreign.pk}
    )
    assert [r["status"] for r in response.json()["results"]] == ["accepted", "accepted"]
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 2


# --- The class pack ------------------------------------------------------------------


def pack_of(client, world):
    response = client.get(f"/learn/classes/{world.klass.pk}/offline/")
    assert response.status_code == 200
    return response.json()


def test_the_pack_names_every_page_with_a_version_and_a_size(learner, world):
    manifest = pack_of(learner, world)
    urls = [entry["url"] for entry in manifest["entries"]]
    for page in [world.course, *world.lessons]:
        assert page.url in urls
    assert f"/learn/classes/{world.klass.pk}/" in urls  # outline and schedule
    assert "/learn/offline/" in urls
    assert any(url.endswith("portal/site.css") for url in urls)
    assert all(entry["bytes"] > 0 for entry in manifest["entries"])
    assert manifest["bytes"] == sum(entry["bytes"] for entry in manifest["entries"])
    assert manifest["size_text"].startswith("khoảng ") and manifest["size_text"].endswith(" KB")
    lesson = next(e for e in manifest["entries"] if e["url"] == world.lessons[0].url)
    assert lesson["version"] == str(world.lessons[0].live_revision_id)


def test_a_new_revision_changes_only_that_lessons_version(learner, world):
    before = {e["url"]: e["version"] for e in pack_of(learner, world)["entries"]}
    lesson = world.lessons[1]
    lesson.title = "Bài 2 (sửa)"
    lesson.save_revision().publish()
    after = {e["url"]: e["version"] for e in pack_of(learner, world)["entries"]}
    changed = {url for url in after if after[url] != before.get(url)}
    assert changed == {lesson.url}


def test_the_pack_lists_the_images_at_phone_width(learner, world):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Bác Hồ", file=get_test_image_file(size=(1600, 900)))
    lesson = world.lessons[0]
    lesson.body = [("image", {"image": image, "caption": "", "alt_text": "ảnh"})]
    lesson.save_revision().publish()
    manifest = pack_of(learner, world)
    images = {e["url"]: e["bytes"] for e in manifest["entries"] if e["url"].startswith("/media/")}
    kept = {url.split(".width-")[1].split(".")[0] for url in images}
    assert kept == {"360", "720"}  # the 1080 rendition is for wider screens
    rendition = image.get_rendition("width-720|format-webp")
    assert images[rendition.url] == rendition.file.size


def test_the_pack_is_only_for_the_class_learners(client, world):
    url = f"/learn/classes/{world.klass.pk}/offline/"
    assert client.get(url).status_code == 302
    client.force_login(world.other_learner.user)
    assert client.get(url).status_code == 404
    client.force_login(world.lecturer)
    assert client.get(url).status_code == 404


def test_the_class_path_offers_the_download_to_its_learner_only(client, world):
    url = f"/learn/classes/{world.klass.pk}/"
    client.force_login(world.learner.user)
    page = client.get(url).content.decode()
    assert "Tải về để học khi không có mạng" in page
    assert f'data-pack="/learn/classes/{world.klass.pk}/offline/"' in page
    client.force_login(world.lecturer)
    assert "data-pack=" not in client.get(url).content.decode()


# --- The installable app, the service worker, log-out --------------------------------


def test_the_web_app_manifest(client):
    from django.contrib.staticfiles import finders
    from PIL import Image as Picture

    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["name"] == "Vun Trồng" and manifest["lang"] == "vi"
    assert manifest["start_url"] == "/learn/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#a3111b"
    for icon in manifest["icons"]:
        size = int(icon["sizes"].split("x")[0])
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert Picture.open(path).size == (size, size)


def test_the_service_worker_covers_the_site_but_never_the_admin(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = json.loads(response.content.decode().split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert "/admin/" in config["networkOnly"] and "/learn/offline/sync/" in config["networkOnly"]
    assert "/roster/" in config["networkOnlyParts"]  # learners' data on a lecturer's phone
    assert "/learn/enrolment/" in config["networkOnlyParts"]  # one-time passwords
    assert config["offline"] == "/learn/offline/"
    assert not [url for url in config["static"] if "//" in url]  # nothing from a CDN


def test_every_learner_page_registers_the_app(learner, world):
    page = learner.get(world.lessons[0].url).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-sw="/sw.js"' in page
    key = page.split('data-user="', 1)[1].split('"', 1)[0]
    assert len(key) == 16 and str(world.learner.user.pk) != key
    learner.force_login(world.other_learner.user)
    other = learner.get("/learn/").content.decode()
    assert f'data-user="{key}"' not in other  # each account its own cache on the phone


def test_log_out_clears_what_the_phone_kept(learner):
    response = learner.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_offline_page(client):
    response = client.get("/learn/offline/")
    assert response.status_code == 200
    assert "không có mạng" in response.content.decode().lower()


def test_keeping_a_lesson_on_the_phone_is_not_reading_it(learner, world):
    lesson = world.lessons[0]
    assert learner.get(lesson.url, HTTP_X_OFFLINE_PACK="1").status_code == 200
    assert not LessonProgress.objects.exists()
    learner.get(lesson.url)
    assert LessonProgress.objects.filter(lesson=lesson).exists()


def test_the_offline_page_names_no_account(learner):
    # Kept once on the phone for everyone: it must not switch the worker's account.
    assert "data-user=" not in learner.get("/learn/offline/").content.decode()
    assert 'data-user="' in learner.get("/learn/").content.decode()
