"""Progress recorded offline, sent when the phone is online again.

The phone queues each event (viewed, finished, reading time) with a key of its own and
posts the queue here; each event is applied once through the same domain functions the
online views call (lms/progress.py), whatever the number of times it is sent and in
whatever order. The answer names each event's fate, so the phone empties its queue:
"accepted" (applied now), "duplicate" (applied before) or "refused" (not a class of this
learner, or not a lesson of it: sending it again will not help).
"""

import json
import re
from datetime import UTC

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lessons.models import LessonPage

from .. import progress
from ..models import Enrolment, ProgressEvent, TrainingClass

MAX_EVENTS = 500
KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
KINDS = {choice.value for choice in ProgressEvent.Kind}


class BadPayload(ValueError):
    pass


def _event(number: int, raw) -> dict:
    """One event checked and converted, or BadPayload naming what is wrong."""
    if not isinstance(raw, dict):
        raise BadPayload(_("Event %(n)s is not an object.") % {"n": number})

    def fail(field):
        return BadPayload(
            _("Event %(n)s: “%(field)s” is missing or invalid.") % {"n": number, "field": field}
        )

    key = raw.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise fail("key")
    if raw.get("kind") not in KINDS:
        raise fail("kind")
    ids = {}
    for field in ("class", "lesson"):
        value = raw.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise fail(field)
        ids[field] = value
    at = parse_datetime(raw["at"]) if isinstance(raw.get("at"), str) else None
    if at is None:
        raise fail("at")
    if timezone.is_naive(at):
        at = timezone.make_aware(at, UTC)
    seconds = raw.get("seconds", 0)
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 <= seconds <= 86400:
        raise fail("seconds")
    # A phone's clock may run ahead: nothing is recorded in the future.
    at = min(at, timezone.now())
    return {"key": key, "kind": raw["kind"], "at": at, "seconds": seconds, **ids}


def parse(body: bytes) -> list[dict]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadPayload(_("The request is not valid JSON.")) from error
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise BadPayload(_("The request must be an object with a list of “events”."))
    if len(events) > MAX_EVENTS:
        raise BadPayload(_("At most %(n)s events at a time.") % {"n": MAX_EVENTS})
    return [_event(number, raw) for number, raw in enumerate(events, start=1)]


def apply(user, events: list[dict]) -> tuple[dict[str, str], list[str]]:
    """({key: "accepted" | "duplicate" | "refused"}, ["<enrolment>:<lesson>" finished
    now]), each event applied at most once."""
    enrolments = {
        enrolment.training_class_id: enrolment
        for enrolment in Enrolment.objects.filter(
            learner__user=user,
            status=Enrolment.Status.ACTIVE,
            training_class_id__in={event["class"] for event in events},
            training_class__status__in=TrainingClass.READABLE_STATUSES,
        ).select_related("training_class__course")
    }
    lessons = LessonPage.objects.live().in_bulk({event["lesson"] for event in events})
    seen = set(
        ProgressEvent.objects.filter(
            user=user, key__in=[event["key"] for event in events]
        ).values_list("key", flat=True)
    )
    results, finished = {}, []
    for event in sorted(events, key=lambda event: event["at"]):
        key = event["key"]
        if key in seen:
            results[key] = "duplicate"
            continue
        enrolment = enrolments.get(event["class"])
        lesson = lessons.get(event["lesson"])
        if enrolment is None or lesson is None or not _in_course(lesson, enrolment):
            results[key] = "refused"
            continue
        try:
            with transaction.atomic():
                ProgressEvent.objects.create(
                    user=user,
                    key=key,
                    enrolment=enrolment,
                    lesson=lesson,
                    kind=event["kind"],
                    occurred_at=event["at"],
                    seconds=event["seconds"],
                )
                progress.record_offline(
                    enrolment, lesson, event["kind"], event["at"], event["seconds"]
                )
        except IntegrityError:  # the same event, sent twice at once
            results[key] = "duplicate"
        else:
            results[key] = "accepted"
            if event["kind"] == "finished":
                finished.append(f"{enrolment.pk}:{lesson.pk}")
        seen.add(key)
    return results, finished


def _in_course(lesson, enrolment) -> bool:
    course = enrolment.training_class.course
    return lesson.path.startswith(course.path) and lesson.depth == course.depth + 1


@login_required
@require_POST
def sync_progress(request):
    from ..learning import SESSION_KEY  # the lesson panel's remembered states

    try:
        events = parse(request.body)
    except BadPayload as error:
        return JsonResponse({"error": str(error)}, status=400)
    results, finished = apply(request.user, events)
    if finished:
        states = request.session.get(SESSION_KEY, {})
        states.update(dict.fromkeys(finished, "completed"))
        request.session[SESSION_KEY] = states
    return JsonResponse(
        {"results": [{"key": key, "status": status} for key, status in results.items()]}
    )
