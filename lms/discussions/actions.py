"""What people do in discussions, as domain functions: views and tests call these.

Each checks permission first (``PermissionDenied``), then the rules a person can fix
(``DiscussionError`` with a message to show), then writes in one transaction and
enqueues notifications after it commits.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quizzes.background import enqueue_on_commit

from . import policy, rendering
from .models import ModerationAction, Post, ReadMark, Report, Thread
from .models.threads import MAX_SOURCE_CHARS, MAX_TITLE_CHARS

RATE_LIMIT_POSTS = 10
RATE_LIMIT_WINDOW = timedelta(minutes=1)
TASKS = "lms.discussions.tasks."


class DiscussionError(Exception):
    """A rule the person can do something about; ``message`` says what."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _enqueue(task: str, *args) -> None:
    enqueue_on_commit(TASKS + task, *args, group="lms-discussions")


def check_source(source: str) -> str:
    cleaned = rendering.clean_source(source or "")
    if not cleaned:
        raise DiscussionError(_("Write something before posting."))
    if len(cleaned) > MAX_SOURCE_CHARS:
        raise DiscussionError(
            _("Your post is too long: at most %(limit)s characters, it has %(count)s.")
            % {"limit": f"{MAX_SOURCE_CHARS:,}", "count": f"{len(cleaned):,}"}
        )
    return cleaned


def check_rate(user, training_class) -> None:
    if policy.can_moderate(user, training_class):
        return
    since = timezone.now() - RATE_LIMIT_WINDOW
    if Post.objects.filter(author=user, created_at__gte=since).count() >= RATE_LIMIT_POSTS:
        raise DiscussionError(
            ngettext(
                "You are posting too fast: at most %(count)s post a minute. "
                "Wait a minute, then send it again.",
                "You are posting too fast: at most %(count)s posts a minute. "
                "Wait a minute, then send it again.",
                RATE_LIMIT_POSTS,
            )
            % {"count": RATE_LIMIT_POSTS}
        )


def start_thread(user, training_class, *, title: str, source: str, lesson=None) -> Thread:
    if not policy.can_write(user, training_class):
        raise PermissionDenied
    title = rendering.clean_source(title or "").replace("\n", " ")
    if not title:
        raise DiscussionError(_("Give the thread a title."))
    if len(title) > MAX_TITLE_CHARS:
        raise DiscussionError(
            _("The title is too long: at most %(limit)s characters.") % {"limit": MAX_TITLE_CHARS}
        )
    source = check_source(source)
    check_rate(user, training_class)
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            training_class=training_class,
            lesson=lesson,
            title=title,
            author=user,
            created_at=now,
            last_post_at=now,
        )
        post = Post.objects.create(
            thread=thread,
            author=user,
            enrolment=policy.class_enrolment(user, training_class),
            opens_thread=True,
            source=source,
            created_at=now,
        )
        mark_read(user, thread, now)
        _enqueue("post_created", post.pk)
    return thread


def reply(user, thread, *, source: str, reply_to=None) -> Post:
    training_class = thread.training_class
    if not policy.can_write(user, training_class):
        raise PermissionDenied
    source = check_source(source)
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.locked and not policy.can_moderate(user, training_class):
            raise DiscussionError(_("This thread is locked: no more replies."))
        check_rate(user, training_class)
        if reply_to is not None and reply_to.thread_id != thread.pk:
            reply_to = None
        post = Post.objects.create(
            thread=thread,
            author=user,
            enrolment=policy.class_enrolment(user, training_class),
            reply_to=reply_to,
            source=source,
        )
        thread.refresh_stats()
        mark_read(user, thread, post.created_at)
        _enqueue("post_created", post.pk)
    return post


def edit_post(user, post, *, source: str) -> Post:
    if not post.can_be_edited_by(user):
        raise DiscussionError(
            _("This post can no longer be edited: authors may edit for 30 minutes.")
        )
    post.source = check_source(source)
    post.edited_at = timezone.now()
    post.save()
    return post


def delete_post(user, post) -> bool:
    """The author deletes their post: it goes, unless others replied after it, in
    which case a placeholder stays. Returns whether the thread is gone too."""
    if post.author_id != user.pk or post.is_deleted:
        raise PermissionDenied
    thread = post.thread
    with transaction.atomic():
        later = thread.posts.filter(created_at__gt=post.created_at).exclude(pk=post.pk).exists()
        if later:
            post.deleted_at = timezone.now()
            post.source = ""
            post.save()
        elif post.opens_thread:
            thread.delete()
            return True
        else:
            post.delete()
        thread.refresh_stats()
    return False


def mark_read(user, thread, when=None) -> None:
    when = when or timezone.now()
    if not ReadMark.objects.filter(user=user, thread=thread).update(read_at=when):
        ReadMark.objects.get_or_create(user=user, thread=thread, defaults={"read_at": when})


def _log(user, thread, kind, *, post=None, reason="", detail="") -> ModerationAction:
    return ModerationAction.objects.create(
        training_class_id=thread.training_class_id,
        thread=thread,
        post=post,
        actor=user,
        kind=kind,
        reason=reason,
        detail=detail[:300],
    )


def _require_moderator(user, training_class):
    if not policy.can_moderate(user, training_class):
        raise PermissionDenied


THREAD_FLAGS: dict[str, tuple[str, bool]] = {  # looked up by the kind's value
    ModerationAction.Kind.PIN: ("pinned", True),
    ModerationAction.Kind.UNPIN: ("pinned", False),
    ModerationAction.Kind.LOCK: ("locked", True),
    ModerationAction.Kind.UNLOCK: ("locked", False),
}


def moderate_thread(user, thread, kind: str) -> ModerationAction | None:
    """Pin, unpin, lock or unlock; doing what is already done logs nothing."""
    _require_moderator(user, thread.training_class)
    field, value = THREAD_FLAGS[kind]
    with transaction.atomic():
        changed = (
            Thread.objects.filter(pk=thread.pk).exclude(**{field: value}).update(**{field: value})
        )
        setattr(thread, field, value)
        if not changed:
            return None
        action = _log(user, thread, kind)
        if kind == ModerationAction.Kind.PIN:
            _enqueue("thread_pinned", thread.pk)
    return action


def hide_post(user, post, *, reason: str) -> ModerationAction:
    _require_moderator(user, post.thread.training_class)
    reason = rendering.clean_source(reason or "").replace("\n", " ")
    if not reason:
        raise DiscussionError(_("Say why the post is hidden: its author will see the reason."))
    with transaction.atomic():
        post.hidden_at = timezone.now()
        post.hidden_reason = reason[:500]
        post.save(update_fields=["hidden_at", "hidden_reason"])
        action = _log(user, post.thread, ModerationAction.Kind.HIDE, post=post, reason=reason[:500])
        _enqueue("post_moderated", action.pk)
    return action


def unhide_post(user, post) -> ModerationAction:
    _require_moderator(user, post.thread.training_class)
    with transaction.atomic():
        post.hidden_at = None
        post.hidden_reason = ""
        post.save(update_fields=["hidden_at", "hidden_reason"])
        action = _log(user, post.thread, ModerationAction.Kind.UNHIDE, post=post)
        _enqueue("post_moderated", action.pk)
    return action


def move_post(user, post, target: Thread) -> ModerationAction:
    source = post.thread
    _require_moderator(user, source.training_class)
    if target.training_class_id != source.training_class_id:
        raise DiscussionError(_("A post can only move to another thread of the same class."))
    if target.pk == source.pk:
        raise DiscussionError(_("The post is already in that thread."))
    with transaction.atomic():
        post.thread = target
        post.opens_thread = False
        post.reply_to = None
        post.save(update_fields=["thread", "opens_thread", "reply_to"])
        action = _log(
            user,
            target,
            ModerationAction.Kind.MOVE,
            post=post,
            detail=f"{source.title} → {target.title}",
        )
        if not source.posts.exists():
            source.delete()
        else:
            source.refresh_stats()
        target.refresh_stats()
        _enqueue("post_moderated", action.pk)
    return action


def report_post(user, post, *, reason: str) -> Report:
    if not policy.can_report(user, post):
        raise PermissionDenied
    reason = rendering.clean_source(reason or "").replace("\n", " ")
    if not reason:
        raise DiscussionError(_("Say briefly what is wrong with the post."))
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            post=post, reporter=user, defaults={"reason": reason[:500]}
        )
        if created:
            _enqueue("post_reported", report.pk)
    return report
