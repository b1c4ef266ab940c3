"""Moderation by the class's lecturers and staff, for every role; reports reach the
lecturers; every action is logged; the author sees why a post was hidden."""

import json

import pytest

from lms.discussions import actions
from lms.discussions.models import ModerationAction, Post, Report, Thread
from lms.models import Notification

from .conftest import as_user

# persona: may moderate this class's discussion
MODERATORS = {
    "anonymous": False,
    "learner": False,
    "other learner": False,
    "lecturer": True,
    "other lecturer": False,
    "staff": True,
}
# persona: status code of a moderation form post (302: done, back to the thread)
MODERATE_STATUS = {
    "anonymous": 302,  # to the log-in page
    "learner": 403,
    "other learner": 404,
    "lecturer": 302,
    "other lecturer": 404,
    "staff": 302,
}
# persona: status code of the thread page (reading)
READERS = {
    "anonymous": 302,
    "learner": 200,
    "other learner": 404,
    "lecturer": 200,
    "other lecturer": 404,
    "staff": 200,
}


@pytest.mark.parametrize("persona", list(MODERATORS))
def test_moderation_permissions_for_every_role(client, world, thread, persona):
    user = world.personas[persona]
    post = thread.posts.get()
    as_user(client, user)
    assert client.get(f"/learn/discussions/threads/{thread.pk}/").status_code == READERS[persona]
    allowed = MODERATORS[persona]
    for action in ("pin", "lock"):
        response = client.post(
            f"/learn/discussions/threads/{thread.pk}/moderate/", {"action": action}
        )
        assert response.status_code == MODERATE_STATUS[persona]
    client.post(
        f"/learn/discussions/posts/{post.pk}/moderate/",
        {"action": "hide", "hide-reason": "Lạc đề"},
    )
    thread.refresh_from_db()
    post.refresh_from_db()
    assert (thread.pinned, thread.locked, post.is_hidden) == (allowed, allowed, allowed)
    assert ModerationAction.objects.count() == (3 if allowed else 0)
    moderation_page = client.get(f"/learn/discussions/classes/{world.klass.pk}/moderation/")
    assert moderation_page.status_code == (200 if allowed else 302 if user is None else 403)


def test_hidden_post_shows_the_reason_to_its_author_only(
    client, world, thread, django_capture_on_commit_callbacks
):
    post = actions.reply(world.learner.user, thread, source="Nội dung vi phạm")
    with django_capture_on_commit_callbacks(execute=True):
        actions.hide_post(world.lecturer, post, reason="Không đúng chủ đề")
    url = f"/learn/discussions/threads/{thread.pk}/"
    page = as_user(client, world.learner.user).get(url).content.decode()
    assert "Lý do: Không đúng chủ đề" in page and "Nội dung vi phạm" in page
    notice = Notification.objects.get(user=world.learner.user, kind="discussion_moderation")
    assert "Không đúng chủ đề" in notice.message
    classmate = world.other_learner
    from lms.models import Enrolment

    Enrolment.objects.create(training_class=world.klass, learner=classmate)
    page = as_user(client, classmate.user).get(url).content.decode()
    assert "Nội dung vi phạm" not in page and "Không đúng chủ đề" not in page
    assert "Người kiểm duyệt đã ẩn bài viết này." in page
    actions.unhide_post(world.staff, post)
    assert "Nội dung vi phạm" in client.get(url).content.decode()


def test_hiding_needs_a_reason(client, world, thread):
    post = thread.posts.get()
    as_user(client, world.lecturer)
    client.post(f"/learn/discussions/posts/{post.pk}/moderate/", {"action": "hide"})
    post.refresh_from_db()
    assert not post.is_hidden
    assert not ModerationAction.objects.exists()


def test_moving_a_post_within_the_class_only(client, world, thread):
    target = actions.start_thread(world.lecturer, world.klass, title="Chủ đề khác", source="A")
    elsewhere = actions.start_thread(
        world.other_lecturer, world.other_class, title="Lớp khác", source="B"
    )
    post = actions.reply(world.learner.user, thread, source="Đặt nhầm chỗ")
    as_user(client, world.lecturer)
    url = f"/learn/discussions/posts/{post.pk}/moderate/"
    client.post(url, {"action": "move", "move-target": elsewhere.pk})
    post.refresh_from_db()
    assert post.thread_id == thread.pk
    client.post(url, {"action": "move", "move-target": target.pk})
    post.refresh_from_db()
    target.refresh_from_db()
    thread.refresh_from_db()
    assert post.thread_id == target.pk
    assert (target.reply_count, thread.reply_count) == (1, 0)
    log = ModerationAction.objects.get()
    assert log.kind == "move" and log.detail == "Vì sao phải học Điều lệ Đảng? → Chủ đề khác"
    with pytest.raises(actions.DiscussionError):
        actions.move_post(world.lecturer, post, target)


def test_a_learner_reports_a_post_and_the_lecturers_are_told(
    client, world, thread, django_capture_on_commit_callbacks
):
    post = actions.reply(world.lecturer, thread, source="Bài của giảng viên")
    as_user(client, world.learner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/learn/discussions/posts/{post.pk}/report/", {"reason": "Sai sự thật"})
        client.post(f"/learn/discussions/posts/{post.pk}/report/", {"reason": "Lần nữa"})
    assert Report.objects.count() == 1
    notice = Notification.objects.get(user=world.lecturer, kind="discussion_report")
    assert "Sai sự thật" in notice.message
    assert not Notification.objects.filter(user=world.other_lecturer).exists()
    page = as_user(client, world.lecturer).get(
        f"/learn/discussions/classes/{world.klass.pk}/moderation/"
    )
    assert "Sai sự thật" in page.content.decode()
    # nothing to report without a reason; nor your own post
    as_user(client, world.learner.user)
    own = thread.posts.filter(author=world.learner.user).first()
    assert (
        client.post(f"/learn/discussions/posts/{own.pk}/report/", {"reason": "x"}).status_code
        == 403
    )


def test_participation_on_the_roster_and_moderation_page(client, world, thread):
    actions.reply(world.learner.user, thread, source="Một")
    actions.reply(world.learner.user, thread, source="Hai")
    actions.reply(world.lecturer, thread, source="Giảng viên")
    as_user(client, world.lecturer)
    roster = client.get(f"/learn/classes/{world.klass.pk}/roster/")
    row = next(row for row in roster.context["rows"] if row.learner == world.learner)
    assert row.posts == 3
    page = client.get(f"/learn/discussions/classes/{world.klass.pk}/moderation/")
    learner = next(e for e in page.context["learners"] if e.learner == world.learner)
    assert learner.discussion == {"threads": 1, "replies": 2}


def test_the_moderation_log_is_in_the_admin(client, world, thread, admin_user):
    actions.moderate_thread(world.lecturer, thread, "pin")
    client.force_login(admin_user)
    response = client.get("/admin/discussion_log/")
    assert response.status_code == 200
    assert "Vì sao phải học Điều lệ Đảng?" in response.content.decode()


def test_thread_and_posts_of_a_deleted_thread_go_together(world, thread):
    post = thread.posts.get()
    assert actions.delete_post(world.learner.user, post) is True
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_centre_staff_have_the_discussions_menu(client, world, thread):
    actions.moderate_thread(world.lecturer, thread, "pin")
    client.force_login(world.staff)
    home = client.get("/admin/").content.decode()
    assert "Thảo luận" in home or json.dumps("Thảo luận")[1:-1] in home
    for url in ("/admin/discussion_log/", "/admin/discussion_reports/"):
        assert client.get(url).status_code == 200, url
    assert "Vì sao phải học Điều lệ Đảng?" in client.get("/admin/discussion_log/").content.decode()
