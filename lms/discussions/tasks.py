"""django-q2 tasks: who to tell about a post, a pin, a moderation action or a report.

Every notification goes through lms.notify.notify(), which stores one notification per
person and key and e-mails each once. Keys make the tasks idempotent and batch busy
threads: replies and mentions in a thread use one key per person, thread and clock
hour, so however many posts arrive in that hour a person gets one notice (and at most
one e-mail) about them.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.models import ClassLecturer, Enrolment, Notification
from lms.notify import notify

from .models import ModerationAction, Post, Report, Thread
from .models.threads import display_name

MENTION = re.compile(r"(?<![\w@])@([\w.+-]{2,150})")


def _thread_url(thread, post=None) -> str:
    url = reverse("lms:discussions:thread", args=[thread.pk]) + "?page=last"
    return url + (f"#post-{post.pk}" if post else "")


def _hour(post) -> str:
    return post.created_at.strftime("%Y%m%d%H")


def _class_people(training_class) -> dict[str, int]:
    """User name -> user id of everyone in the class: active learners and lecturers."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    learners = Enrolment.objects.filter(
        training_class=training_class, status=Enrolment.Status.ACTIVE
    ).values("learner__user_id")
    lecturers = ClassLecturer.objects.filter(training_class=training_class).values("user_id")
    people = User.objects.filter(pk__in=learners.union(lecturers)).values_list(
        User.USERNAME_FIELD, "pk"
    )
    return {name.lower(): pk for name, pk in people}


def post_created(post_id: int) -> int:
    """Tell the thread's author and the author of the post replied to; tell people
    mentioned as @username. Returns how many notifications are new."""
    post = (
        Post.objects.select_related("thread__training_class", "reply_to", "author__learner_profile")
        .filter(pk=post_id, deleted_at__isnull=True, hidden_at__isnull=True)
        .first()
    )
    if post is None:
        return 0
    thread = post.thread
    author = display_name(post.author)
    created = 0
    with override(settings.LANGUAGE_CODE):
        repliers = {thread.author_id} if not post.opens_thread else set()
        if post.reply_to is not None:
            repliers.add(post.reply_to.author_id)
        repliers -= {None, post.author_id}
        if repliers:
            created += notify(
                repliers,
                kind=Notification.Kind.DISCUSSION_REPLY,
                key=f"discussions:reply:{thread.pk}:{_hour(post)}",
                subject=_("New replies in “%(thread)s”") % {"thread": thread.title},
                message=_("%(author)s and perhaps others replied in “%(thread)s”.")
                % {"author": author, "thread": thread.title},
                url=_thread_url(thread, post),
            )
        names = {name.lower() for name in MENTION.findall(post.source)}
        if names:
            people = _class_people(thread.training_class)
            mentioned = {people[name] for name in names if name in people} - {post.author_id}
            mentioned -= repliers
            if mentioned:
                created += notify(
                    mentioned,
                    kind=Notification.Kind.DISCUSSION_MENTION,
                    key=f"discussions:mention:{thread.pk}:{_hour(post)}",
                    subject=_("You were mentioned in “%(thread)s”") % {"thread": thread.title},
                    message=_("%(author)s mentioned you in “%(thread)s”.")
                    % {"author": author, "thread": thread.title},
                    url=_thread_url(thread, post),
                )
    return created


def thread_pinned(thread_id: int) -> int:
    """A lecturer pinned a question: tell the class's learners (once per thread)."""
    thread = Thread.objects.select_related("training_class").filter(pk=thread_id).first()
    if thread is None or not thread.pinned:
        return 0
    learners = Enrolment.objects.filter(
        training_class=thread.training_class, status=Enrolment.Status.ACTIVE
    ).values_list("learner__user_id", flat=True)
    with override(settings.LANGUAGE_CODE):
        return notify(
            set(learners) - {thread.author_id},
            kind=Notification.Kind.DISCUSSION_PINNED,
            key=f"discussions:pinned:{thread.pk}",
            subject=_("A question to discuss: “%(thread)s”") % {"thread": thread.title},
            message=_("Your lecturer pinned “%(thread)s” in %(class)s.")
            % {"thread": thread.title, "class": thread.training_class.title},
            url=_thread_url(thread),
        )


def post_moderated(action_id: int) -> int:
    """Tell the author of a post that a moderator hid, showed again or moved it."""
    action = ModerationAction.objects.select_related("post", "thread").filter(pk=action_id).first()
    if action is None or action.post is None or action.post.author_id is None:
        return 0
    if action.post.author_id == action.actor_id:
        return 0
    # The action's thread is gone if the post moved on and left it empty: the post's own.
    thread = action.thread or action.post.thread
    with override(settings.LANGUAGE_CODE):
        if action.kind == ModerationAction.Kind.HIDE:
            message = _("Your post in “%(thread)s” was hidden. Reason: %(reason)s") % {
                "thread": thread.title,
                "reason": action.reason,
            }
        elif action.kind == ModerationAction.Kind.UNHIDE:
            message = _("Your post in “%(thread)s” is shown again.") % {"thread": thread.title}
        else:
            message = _("Your post was moved to “%(thread)s”.") % {"thread": thread.title}
        return notify(
            [action.post.author_id],
            kind=Notification.Kind.DISCUSSION_MODERATION,
            key=f"discussions:moderation:{action.pk}",
            subject=_("A moderator changed your post"),
            message=message,
            url=_thread_url(thread, action.post),
        )


def post_reported(report_id: int) -> int:
    """A learner reported a post: tell the class's lecturers."""
    report = (
        Report.objects.select_related("post__thread__training_class", "reporter__learner_profile")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    thread = report.post.thread
    lecturers = ClassLecturer.objects.filter(training_class=thread.training_class).values_list(
        "user_id", flat=True
    )
    with override(settings.LANGUAGE_CODE):
        return notify(
            set(lecturers),
            kind=Notification.Kind.DISCUSSION_REPORT,
            key=f"discussions:report:{report.pk}",
            subject=_("A post was reported in “%(thread)s”") % {"thread": thread.title},
            message=_("%(reporter)s reported a post: %(reason)s")
            % {"reporter": display_name(report.reporter), "reason": report.reason},
            url=_thread_url(thread, report.post),
        )
