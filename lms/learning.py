"""What learners and lecturers do outside the admin: read lessons (progress is tracked),
see their dashboard, and, for lecturers, the roster of a class."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from lessons.hooks import LESSON_PANELS
from lessons.models import LessonPage
from lms.collation import collate, name_ordering

from . import grades, participation, progress, teaching
from .access import can_manage_class, current_enrolment, is_lecturer_of
from .enrolment import lockout
from .hooks import Known, dashboard_links, dashboard_panels, enrolment_columns, roster_columns
from .models import (
    Attendance,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LessonProgress,
    Notification,
    TrainingClass,
)
from .path import State, class_paths, course_outline, grouped_attempts, user_attempts
from .spreadsheets import xlsx_response

SESSION_KEY = "lms_lessons"  # {"<enrolment>:<lesson>": "viewed" | "completed"}


def _state_key(enrolment, lesson) -> str:
    return f"{enrolment.pk}:{lesson.pk}"


@hooks.register("before_serve_page")
def track_lesson(page, request, serve_args, serve_kwargs):
    """Mark a lesson viewed the first time an enrolled learner opens it. The learner's
    state is kept in the session, so later views write nothing and query nothing."""
    if not isinstance(page, LessonPage) or getattr(request, "is_preview", False):
        return None
    if request.headers.get("X-Offline-Pack"):
        return None  # kept on the phone by the service worker (lms/offline/), not read
    enrolment = current_enrolment(request.user, page.get_course())
    if enrolment is None:
        return None
    states = request.session.get(SESSION_KEY, {})
    key = _state_key(enrolment, page)
    if key not in states:
        record = progress.record_view(enrolment, page)
        states[key] = "completed" if record.completed_at else "viewed"
        request.session[SESSION_KEY] = states
    return None


@hooks.register(LESSON_PANELS, order=0)
def lesson_progress_panel(request, page) -> str:
    """The enrolled learner's progress box at the end of the lesson: "I have finished
    this lesson", or that they have. No query: the enrolment is remembered for the
    request (track_lesson has just looked it up) and the state is in the session."""
    if getattr(request, "is_preview", False):
        return ""
    enrolment = current_enrolment(request.user, page.get_course())
    if enrolment is None:
        return ""
    state = request.session.get(SESSION_KEY, {}).get(_state_key(enrolment, page))
    return render_to_string(
        "lms/lesson_progress.html",
        {"page": page, "enrolment": enrolment, "completed": state == "completed"},
        request=request,
    )


def _lesson_for_learner(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    enrolment = current_enrolment(request.user, lesson.get_course())
    if enrolment is None:
        raise Http404
    return lesson, enrolment


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    """ "Đã học xong": the learner finished the lesson (button, or reached its end)."""
    lesson, enrolment = _lesson_for_learner(request, lesson_id)
    progress.mark_completed(enrolment, lesson)
    states = request.session.get(SESSION_KEY, {})
    states[_state_key(enrolment, lesson)] = "completed"
    request.session[SESSION_KEY] = states
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"completed": True})
    # On to what follows in the course, a lesson or a quiz (the class path's order).
    following = next(
        (page for page in lesson.get_course().contents() if page.path > lesson.path), None
    )
    return redirect(following.url if following else lesson.get_course().url)


@login_required
@require_POST
def lesson_heartbeat(request, lesson_id):
    """Time on a lesson, sent every minute while the page is in view."""
    lesson, enrolment = _lesson_for_learner(request, lesson_id)
    return JsonResponse({"credited": progress.record_time(enrolment, lesson)})


@login_required
def dashboard(request):
    """The learner's landing page: classes, progress, next lesson, next session."""
    enrolments = list(
        Enrolment.objects.filter(learner__user=request.user, status=Enrolment.Status.ACTIVE)
        .exclude(training_class__status=TrainingClass.Status.CANCELLED)
        .select_related("training_class__course", "training_class__centre", "learner")
        # What the sub-apps' panels need of each enrolment, in the same query.
        .annotate(**enrolment_columns("dashboard"))
        .order_by("-training_class__year", "-training_class__study_opens")
    )
    # Every attempt of the learner once: the paths, the recent grades and the panels.
    attempts = user_attempts(request.user)
    paths = class_paths(enrolments, attempts=attempts)
    today = timezone.localdate()
    # What the paths have counted, handed to the sub-apps' panels (lms/hooks.py).
    present: dict[int, int] = {}
    session_counts: dict[int, int] = {}
    known = Known(
        required={},
        done={},
        user_ids={enrolment.pk: request.user.pk for enrolment in enrolments},
        sessions=session_counts,
        present=present,
        attempts=grouped_attempts(attempts),
        quizzes=_quizzes_of(paths),
    )
    classes: list[dict[str, Any]] = []
    for enrolment in enrolments:
        path = paths[enrolment.pk]
        required = [item for item in path.pages if item.kind == "lesson" and item.page.required]
        done = [item for item in required if item.done]
        sessions = [item.session for item in path.items if item.kind == "session"]
        known.required[enrolment.training_class.course_id] = len(required)
        known.done[enrolment.pk] = len(done)
        session_counts[enrolment.training_class_id] = len(sessions)
        present[enrolment.pk] = sum(1 for session in sessions if session.attended)
        readable = enrolment.training_class.is_readable
        next_session = next(
            (
                item.session
                for item in path.items
                if item.kind == "session" and item.session.date >= today
            ),
            None,
        )
        classes.append(
            {
                "enrolment": enrolment,
                "training_class": enrolment.training_class,
                "done": len(done),
                "required": len(required),
                "percent": progress.percent(len(done), len(required)),
                "next_item": path.next_item if readable else None,
                "finished": path.finished,
                "next_session": next_session,
                "readable": readable,
            }
        )
    teaching_classes = teaching.teaching(request.user)
    panels, links = _from_sub_apps(request, enrolments, known, classes, teaching_classes)
    notifications = list(
        Notification.objects.filter(user=request.user, read_at__isnull=True)[:NOTIFICATIONS_SHOWN]
    )
    return render(
        request,
        "lms/dashboard.html",
        {
            "classes": classes,
            "teaching": teaching_classes,
            "staff": request.user.is_staff,
            "open_courses": [] if classes or teaching_classes else list(teaching.open_courses()),
            "notifications": notifications,
            "grades": grades.recent_from(attempts),
            "panels": panels,
            "links": links,
        },
    )


NOTIFICATIONS_SHOWN = 10


def _from_sub_apps(request, enrolments, known, classes, teaching_classes) -> tuple[list, list]:
    """What the sub-apps add to the dashboard, in one call each (lms/hooks.py): panels on
    the page (e.g. open surveys) and on each class (e.g. the certificate), and links
    beside each class's "Class path" and at the foot (e.g. the class's discussion). Sets
    each class's own; returns (the page's panels, the page's links)."""
    panels, class_panels = dashboard_panels(request, enrolments, known)
    for item in classes:
        item["panels"] = class_panels.get(item["enrolment"].pk, [])
    taking = [item["training_class"] for item in classes]
    links, class_links = dashboard_links(request, taking, teaching_classes)
    for item in classes:
        item["links"] = class_links.get(item["training_class"].pk, [])
    for training_class in teaching_classes:
        training_class.links = class_links.get(training_class.pk, [])
    return panels, links


def _quizzes_of(paths) -> dict:
    """{quiz id: QuizPage} of the class paths (lms.hooks.Known.quizzes)."""
    return {
        item.page.pk: item.page
        for path in paths.values()
        for item in path.pages
        if item.kind in ("quiz", "essay")
    }


@login_required
def class_path(request, class_id):
    """The class path: every lesson, quiz, essay and session of a class, in order, with
    the learner's state of each (see lms/path.py). Its lecturers and staff see the same
    outline without states."""
    enrolment = (
        Enrolment.objects.filter(
            learner__user=request.user,
            training_class_id=class_id,
            status=Enrolment.Status.ACTIVE,
        )
        .exclude(training_class__status=TrainingClass.Status.CANCELLED)
        .select_related("training_class__course", "learner")
        .first()
    )
    if enrolment is not None:
        training_class = enrolment.training_class
        path = class_paths([enrolment])[enrolment.pk]
        items, next_item = path.items, path.next_item
        readable = training_class.is_readable
    else:
        training_class = get_object_or_404(
            TrainingClass.objects.select_related("course"), pk=class_id
        )
        # The class's lecturers first: it is one query, staff membership two.
        if not (
            is_lecturer_of(request.user, training_class)
            or can_manage_class(request.user, training_class)
        ):
            raise Http404
        items = course_outline(
            training_class.course, ClassSession.objects.filter(training_class=training_class)
        )
        next_item, readable = None, True
    return render(
        request,
        "lms/class_path.html",
        {
            "training_class": training_class,
            "enrolment": enrolment,
            "items": items,
            "next_item": next_item if readable else None,
            "readable": readable,
            "State": State,
            # Its lecturers and staff take the attendance from here (lms.admin.attendance).
            "take_attendance": enrolment is None,
        },
    )


@login_required
@require_POST
def read_notifications(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("lms:dashboard")


ROSTER_SORTS = {
    "name": ("learner__full_name",),
    "organisation": ("learner__organisation__name", "learner__full_name"),
    "progress": ("-done", "learner__full_name"),
    "attendance": ("-present", "learner__full_name"),
    "activity": ("-last_activity_at", "learner__full_name"),
}


def roster_ordering(sort: str) -> list:
    """The roster's ``order_by`` for a sort key; names in Vietnamese order."""
    ordering = []
    for field in ROSTER_SORTS.get(sort, ROSTER_SORTS["name"]):
        if field == "learner__full_name":
            ordering.extend(name_ordering(field, centre_path="training_class__centre"))
        elif field.endswith("__name"):
            ordering.append(collate(field).asc())
        else:
            ordering.append(field)
    return [*ordering, "pk"]


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("enrolment").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _subquery_count(queryset):
    """COUNT(*) of a correlated queryset, as a column (no GROUP BY: one row)."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def roster_rows(training_class, sort="name", required=None):
    """The class's learners with progress, attendance and last activity, in SQL (with
    the sub-apps' columns, lms.hooks.ENROLMENT_COLUMNS)."""
    if required is None:
        required = progress.required_lesson_counts([training_class.course]).get(
            training_class.course_id, 0
        )
    posts = participation.column()
    rows = (
        Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ACTIVE)
        .select_related("learner__organisation", "learner__user")
        .annotate(**enrolment_columns("roster"))
        .annotate(
            done=_count(
                LessonProgress.objects.filter(
                    enrolment=OuterRef("pk"),
                    completed_at__isnull=False,
                    lesson__live=True,
                    lesson__required=True,
                )
            ),
            present=_count(
                Attendance.objects.filter(
                    enrolment=OuterRef("pk"),
                    status=Attendance.Status.PRESENT,
                    session__training_class_id=OuterRef("training_class_id"),
                )
            ),
            locked=lockout.is_locked("learner__user__username"),
        )
        .annotate(**({} if posts is None else {"posts_counted": posts}))
        .order_by(*roster_ordering(sort))
    )
    return rows, required


@login_required
def roster(request, class_id):
    # The class with its sessions (held, and all) and its course's required lessons.
    sessions = ClassSession.objects.filter(training_class=OuterRef("pk")).order_by()
    training_class = get_object_or_404(
        TrainingClass.objects.select_related("course", "centre").annotate(
            sessions_held=_subquery_count(sessions.filter(date__lte=timezone.localdate())),
            sessions_total=_subquery_count(sessions),
            required_lessons=_subquery_count(
                LessonPage.objects.live().filter(
                    required=True,
                    path__startswith=OuterRef("course__path"),
                    depth=OuterRef("course__depth") + 1,
                )
            ),
        ),
        pk=class_id,
    )
    # The class's lecturers first: one query, where staff membership takes two.
    if not (
        is_lecturer_of(request.user, training_class)
        or can_manage_class(request.user, training_class)
    ):
        raise PermissionDenied
    sort = request.GET.get("sort", "name")
    counted: Any = training_class  # annotated by the query above (sessions, lessons)
    rows, required = roster_rows(training_class, sort, counted.required_lessons)
    held = counted.sessions_held
    total_sessions = counted.sessions_total
    rows = list(rows)
    # Discussion posts: a column of the rows when the counters offer one (lms.participation).
    if rows and hasattr(rows[0], "posts_counted"):
        posts = {row.pk: row.posts_counted for row in rows}
    else:
        posts = participation.counts(rows)
    for row in rows:
        row.posts = posts.get(row.pk, 0)
        row.percent = progress.percent(row.done, required)
        row.attendance_percent = progress.percent(row.present, held)
    if request.GET.get("format") == "xlsx":
        return _roster_xlsx(training_class, rows, required, held)
    # Sub-apps add columns (e.g. completion), in one call each (lms/hooks.py), told what
    # the rows already count.
    known = Known(
        required={training_class.course_id: required},
        done={row.pk: row.done for row in rows},
        user_ids={row.pk: row.learner.user_id for row in rows},
        sessions={training_class.pk: total_sessions},
        present={row.pk: row.present for row in rows},
        posts={row.pk: row.posts for row in rows},
    )
    columns = roster_columns(request, training_class, rows, known)
    for row in rows:
        row.extra = [cells.get(row.pk, "") for _heading, cells in columns]
    lecturers = ClassLecturer.objects.filter(training_class=training_class).select_related("user")
    return render(
        request,
        "lms/roster.html",
        {
            "training_class": training_class,
            "rows": rows,
            "required": required,
            "held": held,
            "sort": sort if sort in ROSTER_SORTS else "name",
            "lecturers": lecturers,
            "extra_headings": [heading for heading, _cells in columns],
            "posts_counted": participation.counted(),
        },
    )


@login_required
@require_POST
def unlock_login(request, class_id, enrolment_id):
    """ "Mở khoá": lift a learner's log-in lock-out, from the roster (recorded)."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("training_class", "learner__user"),
        pk=enrolment_id,
        training_class_id=class_id,
    )
    if not can_manage_class(request.user, enrolment.training_class):
        raise PermissionDenied
    if lockout.unlock(enrolment.learner.user, by=request.user):
        messages.success(
            request,
            _("%(name)s can log in again.") % {"name": enrolment.learner.full_name},
        )
    return redirect("lms:roster", class_id)


def _roster_xlsx(training_class, rows, required, held) -> HttpResponse:
    headers = [
        _("Full name"),
        _("Organisation"),
        _("Lessons completed"),
        _("Required lessons"),
        _("Progress (%)"),
        _("Sessions attended"),
        _("Sessions held"),
        _("Attendance (%)"),
        _("Discussion posts"),
        _("Last activity"),
    ]
    data = [
        [
            row.learner.full_name,
            row.learner.organisation.name if row.learner.organisation else "",
            row.done,
            required,
            row.percent,
            row.present,
            held,
            row.attendance_percent,
            row.posts,
            timezone.localtime(row.last_activity_at).replace(tzinfo=None)
            if row.last_activity_at
            else None,
        ]
        for row in rows
    ]
    if not participation.counted():  # no discussions on this site: no posts column
        posts = headers.index(_("Discussion posts"))
        del headers[posts]
        for line in data:
            del line[posts]
    return xlsx_response(f"danh-sach-lop-{training_class.pk}.xlsx", _("Roster"), headers, data)
