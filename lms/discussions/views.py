"""Discussion pages: thin views that parse the request and call actions.py.

Every page works without JavaScript: plain links and forms that post and redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lessons.models import LessonPage
from lms.access import current_enrolment, is_staff_member, scope
from lms.collation import name_ordering
from lms.models import Enrolment, LearnerProfile, TrainingClass

from . import actions, policy, rendering
from .forms import MoveForm, NotificationSettingsForm, PostForm, ReasonForm, ThreadForm
from .models import ModerationAction, Post, ReadMark, Report, Thread
from .models.threads import EDIT_WINDOW, participation_by_enrolment

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 20


def _class_or_404(user, class_id) -> TrainingClass:
    training_class = get_object_or_404(TrainingClass.objects.select_related("course"), pk=class_id)
    if not policy.can_read(user, training_class):
        raise Http404  # other classes' discussions do not exist for you
    return training_class


def _roles(user, training_class) -> dict:
    """What the page offers: checked once, the learner's enrolment first (one query)."""
    enrolment = policy.class_enrolment(user, training_class)
    moderator = enrolment is None and policy.can_moderate(user, training_class)
    return {
        "is_moderator": moderator,
        "can_write": moderator
        or (enrolment is not None and training_class.status in policy.WRITABLE_CLASS_STATUSES),
    }


def _thread_list(request, training_class, lesson=None):
    threads = Thread.objects.filter(training_class=training_class)
    if lesson is not None:
        threads = threads.filter(lesson=lesson)
    threads = threads.select_related("author__learner_profile", "lesson").annotate(
        read=Exists(
            ReadMark.objects.filter(
                user=request.user, thread=OuterRef("pk"), read_at__gte=OuterRef("last_post_at")
            )
        )
    )
    roles = _roles(request.user, training_class)
    form = ThreadForm()
    if request.method == "POST":
        form = ThreadForm(request.POST)
        if form.is_valid():
            try:
                thread = actions.start_thread(
                    request.user,
                    training_class,
                    title=form.cleaned_data["title"],
                    source=form.cleaned_data["source"],
                    lesson=lesson,
                )
            except actions.DiscussionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your thread is open."))
                return redirect("lms:discussions:thread", thread.pk)
    page = Paginator(threads.order_by("-pinned", "-last_post_at", "-pk"), THREADS_PER_PAGE)
    return render(
        request,
        "lms_discussions/thread_list.html",
        {
            "training_class": training_class,
            "lesson": lesson,
            "page_obj": page.get_page(request.GET.get("page")),
            "form": form,
            **roles,
        },
        status=400 if form.errors else 200,
    )


@login_required
def class_threads(request, class_id):
    return _thread_list(request, _class_or_404(request.user, class_id))


@login_required
def lesson_threads(request, class_id, lesson_id):
    training_class = _class_or_404(request.user, class_id)
    lesson = get_object_or_404(
        LessonPage.objects.live().descendant_of(training_class.course), pk=lesson_id
    )
    return _thread_list(request, training_class, lesson)


@login_required
def lesson_entry(request, lesson_id):
    """From a lesson page: the discussion of this lesson in the reader's class; a
    lecturer or staff member with several classes of the course chooses one."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.get_course()
    enrolment = current_enrolment(request.user, course)
    if enrolment is not None:
        return redirect("lms:discussions:lesson", enrolment.training_class_id, lesson.pk)
    query = TrainingClass.objects.filter(course_id=course.pk).exclude(
        status=TrainingClass.Status.CANCELLED
    )
    if is_staff_member(request.user):
        query = scope(query, request.user)
    else:
        query = query.filter(lecturer_links__user=request.user)
    classes = list(query.order_by("-year", "number"))
    if not classes:
        raise Http404
    if len(classes) == 1:
        return redirect("lms:discussions:lesson", classes[0].pk, lesson.pk)
    return render(
        request, "lms_discussions/choose_class.html", {"lesson": lesson, "classes": classes}
    )


def _thread_or_404(user, thread_id) -> Thread:
    thread = get_object_or_404(
        Thread.objects.select_related("training_class__course", "lesson"), pk=thread_id
    )
    if not policy.can_read(user, thread.training_class):
        raise Http404
    return thread


def _page_number(request, paginator):
    number = request.GET.get("page")
    return paginator.num_pages if number == "last" else number


@login_required
def thread_view(request, thread_id):
    thread = _thread_or_404(request.user, thread_id)
    roles = _roles(request.user, thread.training_class)
    form = PostForm()
    quoted = request.GET.get("quote", "")
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            reply_to = None
            if form.cleaned_data.get("reply_to"):
                reply_to = thread.posts.filter(pk=form.cleaned_data["reply_to"]).first()
            try:
                post = actions.reply(
                    request.user, thread, source=form.cleaned_data["source"], reply_to=reply_to
                )
            except actions.DiscussionError as error:
                form.add_error(None, error.message)
            else:
                url = reverse("lms:discussions:thread", args=[thread.pk])
                return redirect(f"{url}?page=last#post-{post.pk}")
    elif quoted.isdigit():
        quoted_post = (
            thread.posts.filter(pk=quoted, hidden_at__isnull=True, deleted_at__isnull=True)
            .select_related("author__learner_profile")
            .first()
        )
        if quoted_post is not None:
            form = PostForm(
                initial={
                    "source": rendering.quote(quoted_post.author_name, quoted_post.source),
                    "reply_to": quoted_post.pk,
                }
            )
    posts = thread.posts.select_related("author__learner_profile").order_by("created_at", "pk")
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page_obj = paginator.get_page(_page_number(request, paginator))
    if request.method == "GET":
        actions.mark_read(request.user, thread)
    can_reply = roles["can_write"] and (not thread.locked or roles["is_moderator"])
    return render(
        request,
        "lms_discussions/thread.html",
        {
            "thread": thread,
            "training_class": thread.training_class,
            "page_obj": page_obj,
            "form": form,
            "can_reply": can_reply,
            # Posts written since then may still be edited by their authors.
            "edit_since": timezone.now() - EDIT_WINDOW,
            **roles,
        },
        status=400 if form.errors else 200,
    )


def _post_or_404(user, post_id) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__training_class", "author__learner_profile"),
        pk=post_id,
    )
    if not policy.can_read(user, post.thread.training_class):
        raise Http404
    return post


def _post_url(post) -> str:
    return reverse("lms:discussions:thread", args=[post.thread_id]) + f"?page=last#post-{post.pk}"


@login_required
def edit_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if post.author_id != request.user.pk:
        raise PermissionDenied
    form = PostForm(initial={"source": post.source})
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            try:
                actions.edit_post(request.user, post, source=form.cleaned_data["source"])
            except actions.DiscussionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect(_post_url(post))
    elif not post.can_be_edited_by(request.user):
        messages.error(
            request, _("This post can no longer be edited: authors may edit for 30 minutes.")
        )
        return redirect(_post_url(post))
    return render(
        request,
        "lms_discussions/post_form.html",
        {"post": post, "form": form, "title": _("Edit my post")},
        status=400 if form.errors else 200,
    )


@login_required
def delete_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if post.author_id != request.user.pk or post.is_deleted:
        raise PermissionDenied
    if request.method == "POST":
        thread = post.thread
        if actions.delete_post(request.user, post):
            messages.success(request, _("Your thread is deleted."))
            if thread.lesson_id:
                return redirect(
                    "lms:discussions:lesson", thread.training_class_id, thread.lesson_id
                )
            return redirect("lms:discussions:class", thread.training_class_id)
        messages.success(request, _("Your post is deleted."))
        return redirect("lms:discussions:thread", thread.pk)
    return render(request, "lms_discussions/post_delete.html", {"post": post})


@login_required
def report_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not policy.can_report(request.user, post):
        raise PermissionDenied
    form = ReasonForm()
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                actions.report_post(request.user, post, reason=form.cleaned_data["reason"])
            except actions.DiscussionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you: the lecturers of the class are told."))
                return redirect(_post_url(post))
    return render(
        request,
        "lms_discussions/post_form.html",
        {"post": post, "form": form, "title": _("Report this post"), "show_post": True},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def moderate_thread(request, thread_id):
    thread = _thread_or_404(request.user, thread_id)
    kind = request.POST.get("action", "")
    if kind not in actions.THREAD_FLAGS:
        raise Http404
    actions.moderate_thread(request.user, thread, kind)
    messages.success(
        request, _("Done: %(action)s.") % {"action": ModerationAction.Kind(kind).label}
    )
    return redirect("lms:discussions:thread", thread.pk)


@login_required
def moderate_post(request, post_id):
    """Hide with a reason, show again, or move to another thread of the class."""
    post = _post_or_404(request.user, post_id)
    training_class = post.thread.training_class
    if not policy.can_moderate(request.user, training_class):
        raise PermissionDenied
    others = Thread.objects.filter(training_class=training_class).exclude(pk=post.thread_id)
    hide_form = ReasonForm(prefix="hide")
    move_form = MoveForm(prefix="move", threads=others.order_by("-last_post_at")[:200])
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "hide":
                hide_form = ReasonForm(request.POST, prefix="hide")
                if hide_form.is_valid():
                    actions.hide_post(request.user, post, reason=hide_form.cleaned_data["reason"])
                    messages.success(request, _("The post is hidden; its author sees why."))
                    return redirect(_post_url(post))
            elif action == "unhide":
                actions.unhide_post(request.user, post)
                messages.success(request, _("The post is shown again."))
                return redirect(_post_url(post))
            elif action == "move":
                move_form = MoveForm(request.POST, prefix="move", threads=others)
                if move_form.is_valid():
                    target = others.get(pk=move_form.cleaned_data["target"])
                    actions.move_post(request.user, post, target)
                    messages.success(request, _("The post is moved."))
                    return redirect(_post_url(post))
            else:
                raise Http404
        except actions.DiscussionError as error:
            messages.error(request, error.message)
    return render(
        request,
        "lms_discussions/moderate_post.html",
        {"post": post, "hide_form": hide_form, "move_form": move_form},
    )


@login_required
def moderation(request, class_id):
    """For the class's lecturers and staff: reports, the moderation log and who has
    taken part."""
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    if not policy.can_moderate(request.user, training_class):
        raise PermissionDenied
    reports = Report.objects.filter(post__thread__training_class=training_class).select_related(
        "post__thread", "reporter__learner_profile"
    )[:100]
    log = ModerationAction.objects.filter(training_class=training_class).select_related(
        "thread", "actor"
    )[:200]
    counts = participation_by_enrolment(training_class)
    learners = list(
        Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ACTIVE)
        .select_related("learner")
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )
    for enrolment in learners:
        # For the template, as lms.teaching sets its figures on the classes.
        enrolment.discussion = counts.get(enrolment.pk, {"threads": 0, "replies": 0})  # type: ignore[attr-defined]
    return render(
        request,
        "lms_discussions/moderation.html",
        {"training_class": training_class, "reports": reports, "log": log, "learners": learners},
    )


@login_required
def notification_settings(request):
    profile = LearnerProfile.objects.filter(user=request.user).first()
    if profile is None:
        raise Http404
    form = NotificationSettingsForm(instance=profile)
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings are saved."))
            return redirect("lms:dashboard")
    return render(request, "lms_discussions/settings.html", {"form": form})
