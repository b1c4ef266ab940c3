"""Learners start threads and reply in their class; bad input gets a clear message and
stores nothing; authors edit for 30 minutes and delete; unread markers; notifications."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from lms.discussions import actions
from lms.discussions.models import Post, Thread
from lms.models import Notification

from .conftest import as_user


def reply_url(thread):
    return f"/learn/discussions/threads/{thread.pk}/"


def test_a_learner_opens_a_thread_under_a_lesson_and_replies(client, world):
    as_user(client, world.learner.user)
    lesson = world.lessons[0]
    url = f"/learn/discussions/classes/{world.klass.pk}/lessons/{lesson.pk}/"
    response = client.post(url, {"title": "Câu hỏi 1", "source": "Theo tôi **đúng**."})
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert (thread.lesson_id, thread.training_class_id) == (lesson.pk, world.klass.pk)
    page = client.get(reply_url(thread)).content.decode()
    assert "Theo tôi <strong>đúng</strong>." in page
    listing = client.get(url).content.decode()
    assert "Câu hỏi 1" in listing and "0 trả lời" in listing


def test_the_lesson_page_links_to_its_discussion_in_the_learners_class(client, world):
    as_user(client, world.learner.user)
    lesson = world.lessons[0]
    page = client.get(lesson.url).content.decode()
    assert f"/learn/discussions/lessons/{lesson.pk}/" in page
    response = client.get(f"/learn/discussions/lessons/{lesson.pk}/")
    assert response.url == f"/learn/discussions/classes/{world.klass.pk}/lessons/{lesson.pk}/"
    as_user(client, world.other_learner.user)
    response = client.get(f"/learn/discussions/lessons/{lesson.pk}/")
    assert response.url == f"/learn/discussions/classes/{world.other_class.pk}/lessons/{lesson.pk}/"


def test_bad_input_gets_a_clear_message_and_stores_nothing(client, world, thread):
    as_user(client, world.learner.user)
    before = Post.objects.count()
    cases = {
        "": "Hãy viết nội dung trước khi gửi.",
        "   \n\u200b ": "Hãy viết nội dung trước khi gửi.",
        "x" * 100_000: "Bài viết quá dài",
    }
    for source, message in cases.items():
        response = client.post(reply_url(thread), {"source": source})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Post.objects.count() == before


def test_no_reply_to_a_locked_thread(client, world, thread):
    actions.moderate_thread(world.lecturer, thread, "lock")
    as_user(client, world.learner.user)
    before = Post.objects.count()
    response = client.post(reply_url(thread), {"source": "Tôi muốn nói thêm"})
    assert response.status_code == 400
    assert "Chủ đề này đã khoá" in response.content.decode()
    assert Post.objects.count() == before
    assert 'name="source"' not in client.get(reply_url(thread)).content.decode()


def test_learners_cannot_post_in_another_class(client, world, thread):
    as_user(client, world.other_learner.user)
    before = (Post.objects.count(), Thread.objects.count())
    assert client.post(reply_url(thread), {"source": "Chen vào"}).status_code == 404
    start = f"/learn/discussions/classes/{world.klass.pk}/"
    assert client.post(start, {"title": "T", "source": "S"}).status_code == 404
    assert (Post.objects.count(), Thread.objects.count()) == before


def test_a_withdrawn_learner_can_no_longer_reply(client, world, thread):
    world.enrolment.status = world.enrolment.Status.WITHDRAWN
    world.enrolment.save()
    as_user(client, world.learner.user)
    before = Post.objects.count()
    assert client.post(reply_url(thread), {"source": "Vẫn muốn viết"}).status_code == 404
    assert Post.objects.count() == before


def test_rate_limit_says_so_and_stores_nothing(client, world, thread):
    as_user(client, world.learner.user)
    for number in range(9):  # the opening post counts too
        assert client.post(reply_url(thread), {"source": f"ý {number}"}).status_code == 302
    before = Post.objects.count()
    response = client.post(reply_url(thread), {"source": "ý thứ mười một"})
    assert response.status_code == 400
    assert "Đồng chí gửi quá nhanh" in response.content.decode()
    assert Post.objects.count() == before
    Post.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    assert client.post(reply_url(thread), {"source": "sau một phút"}).status_code == 302


def test_authors_edit_within_30_minutes_with_an_edited_mark(client, world, thread):
    post = thread.posts.get()
    as_user(client, world.learner.user)
    edit = f"/learn/discussions/posts/{post.pk}/edit/"
    assert "Mời các đồng chí cùng **thảo luận**." in client.get(edit).content.decode()
    client.post(edit, {"source": "Đã *sửa*"})
    post.refresh_from_db()
    assert (post.source, post.html) == ("Đã *sửa*", "<p>Đã <em>sửa</em></p>")
    assert "đã sửa" in client.get(reply_url(thread)).content.decode()
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    response = client.post(edit, {"source": "Sửa muộn"})
    assert "không thể sửa" in response.content.decode()
    post.refresh_from_db()
    assert post.source == "Đã *sửa*"
    as_user(client, world.lecturer)
    assert client.get(edit).status_code == 403


def test_deleting_leaves_a_placeholder_only_when_others_replied(client, world, thread):
    first = thread.posts.get()
    actions.reply(world.lecturer, thread, source="Trả lời của giảng viên")
    lone = actions.reply(world.learner.user, thread, source="Bài cuối")
    as_user(client, world.learner.user)
    client.post(f"/learn/discussions/posts/{lone.pk}/delete/")
    assert not Post.objects.filter(pk=lone.pk).exists()
    client.post(f"/learn/discussions/posts/{first.pk}/delete/")
    first.refresh_from_db()
    assert first.is_deleted and first.source == "" and first.html == ""
    page = client.get(reply_url(thread)).content.decode()
    assert "Tác giả đã xoá bài viết này." in page
    assert "Trả lời của giảng viên" in page


def test_unread_markers_per_learner(client, world, thread):
    listing = f"/learn/discussions/classes/{world.klass.pk}/"
    as_user(client, world.lecturer)
    assert "mới" in client.get(listing).content.decode()  # never opened
    client.get(reply_url(thread))
    assert 'class="unread"' not in client.get(listing).content.decode()
    actions.reply(world.learner.user, thread, source="Thêm ý")
    assert 'class="unread"' in client.get(listing).content.decode()


def test_quote_prefills_the_reply_with_the_quoted_source(client, world, thread):
    post = thread.posts.get()
    as_user(client, world.lecturer)
    page = client.get(reply_url(thread), {"quote": post.pk}).content.decode()
    assert "&gt; **Nguyễn Văn An:**\n&gt; Mời các đồng chí" in page
    assert f'name="reply_to" value="{post.pk}"' in page


def test_replies_notify_the_thread_author_once_an_hour_per_thread(
    world, thread, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            actions.reply(world.lecturer, thread, source=f"Trả lời {number}")
    notices = Notification.objects.filter(user=world.learner.user)
    assert notices.count() == 1
    notice = notices.get()
    assert notice.kind == Notification.Kind.DISCUSSION_REPLY
    assert len(mail.outbox) == 0  # the learner has no e-mail address
    world.learner.user.email = "an@example.org"
    world.learner.user.save()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(world.lecturer, thread, source="Một nữa")
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(world.lecturer, thread, source="Và nữa")
    assert [m.to for m in mail.outbox] == [["an@example.org"]]


def test_mentions_and_pins_notify(world, thread, django_capture_on_commit_callbacks):
    other = actions.start_thread(world.lecturer, world.klass, title="Câu hỏi", source="Hỏi")
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(world.lecturer, other, source="Ý kiến của @hocvien thế nào?")
    mention = Notification.objects.get(user=world.learner.user)
    assert mention.kind == Notification.Kind.DISCUSSION_MENTION
    assert "nhắc đến đồng chí" in mention.message
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(world.learner.user, other, source="@giangvien2 không ở lớp này")
    assert not Notification.objects.filter(user=world.other_lecturer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate_thread(world.lecturer, other, "pin")
    pinned = Notification.objects.get(user=world.learner.user, kind="discussion_pinned")
    assert "Câu hỏi" in pinned.subject
    assert not Notification.objects.filter(user=world.other_learner.user).exists()


def test_email_opt_out_is_editable_from_the_dashboard(client, world):
    as_user(client, world.learner.user)
    assert "/learn/discussions/settings/" in client.get("/learn/").content.decode()
    client.post("/learn/discussions/settings/", {})
    world.learner.refresh_from_db()
    assert world.learner.email_notifications is False


def test_the_author_sees_an_edit_link_on_their_own_post_for_30_minutes(client, world, thread):
    from datetime import timedelta

    from django.utils import timezone

    post = thread.posts.first()
    edit = f"/learn/discussions/posts/{post.pk}/edit/"
    as_user(client, world.learner.user)
    assert edit in client.get(f"/learn/discussions/threads/{thread.pk}/").content.decode()
    as_user(client, world.other_learner.user)  # not the author (and not in the class)
    assert edit not in client.get(f"/learn/discussions/threads/{thread.pk}/").content.decode()
    type(post).objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=1))
    as_user(client, world.learner.user)
    assert edit not in client.get(f"/learn/discussions/threads/{thread.pk}/").content.decode()


def test_no_discussion_link_on_a_lesson_of_a_course_without_a_class(client, world):
    from ..factories import add_course

    open_course = add_course(world.course.get_parent(), title="Khoá mở", slug="khoa-mo")
    lesson = open_course.get_children().live().first()
    for user in (world.staff, world.lecturer):
        as_user(client, user)
        page = client.get(lesson.url).content.decode()
        assert "/learn/discussions/lessons/" not in page
    # In a course with a class, its lecturer and staff keep the link.
    as_user(client, world.staff)
    assert "/learn/discussions/lessons/" in client.get(world.lessons[0].url).content.decode()
