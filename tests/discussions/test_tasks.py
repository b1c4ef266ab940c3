"""The notification tasks may run twice or late: each person is told once, and
nothing about posts that are gone or hidden by then."""

from lms.discussions import actions, tasks
from lms.models import Notification

from .conftest import as_user


def test_each_task_run_twice_tells_each_person_once(world, thread):
    post = actions.reply(world.lecturer, thread, source="Ý kiến của @hocvien?")
    assert tasks.post_created(post.pk) == 1
    assert tasks.post_created(post.pk) == 0
    action = actions.hide_post(world.lecturer, post, reason="Thử")  # the lecturer's own post
    assert tasks.post_moderated(action.pk) == 0
    actions.moderate_thread(world.lecturer, thread, "pin")
    assert tasks.thread_pinned(thread.pk) == 0  # the only learner opened the thread
    report = actions.report_post(world.learner.user, post, reason="Sai")
    assert (tasks.post_reported(report.pk), tasks.post_reported(report.pk)) == (1, 0)
    assert Notification.objects.count() == 2


def test_nothing_is_told_about_a_post_hidden_or_deleted_before_the_task_runs(world, thread):
    post = actions.reply(world.lecturer, thread, source="Sẽ bị ẩn")
    actions.hide_post(world.staff, post, reason="Lạc đề")
    assert tasks.post_created(post.pk) == 0
    assert tasks.post_created(999_999) == 0
    assert not Notification.objects.filter(kind="discussion_reply").exists()


def test_pages_work_in_english(client, world, thread):
    as_user(client, world.learner.user)
    page = client.get(f"/en/learn/discussions/threads/{thread.pk}/").content.decode()
    assert "Reply" in page and "Quote" in page
    listing = client.get(f"/en/learn/discussions/classes/{world.klass.pk}/").content.decode()
    assert "0 replies" in listing


def test_a_hidden_post_moved_out_of_its_thread_is_still_told_of(world, thread):
    """Hiding the only post of a thread, then moving it, deletes that thread before the
    task runs: the learner is told with the thread the post is in now."""
    other = actions.start_thread(world.lecturer, world.klass, title="Chủ đề khác", source="Mở")
    opener = thread.posts.get()
    hidden = actions.hide_post(world.staff, opener, reason="Lạc đề")
    actions.move_post(world.staff, opener, other)
    assert not type(thread).objects.filter(pk=thread.pk).exists()
    assert tasks.post_moderated(hidden.pk) == 1
    told = Notification.objects.get(key=f"discussions:moderation:{hidden.pk}")
    assert told.user == world.learner.user
    assert "Chủ đề khác" in told.message and "Lạc đề" in told.message
    assert f"/threads/{other.pk}/" in told.url
