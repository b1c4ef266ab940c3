"""Attendance at in-person sessions: recording it and the attendance rate.

The admin screen, a task or an import call ``record_attendance``; it checks everything
first and writes nothing unless every mark is acceptable. It is idempotent: saving the
same marks twice changes nothing the second time.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.collation import name_ordering

from .models import Attendance, ClassSession, Enrolment, TrainingClass
from .signals import attendance_recorded

STATUSES = frozenset(Attendance.Status.values)


class AttendanceRefused(ValidationError):
    """The marks were refused as a whole; nothing was stored."""


def can_record(session: ClassSession, today: date | None = None) -> bool:
    """Attendance is taken on the day of the session or later, never in advance."""
    return session.date <= (today or timezone.localdate())


def held_sessions(training_class: TrainingClass | int, today: date | None = None) -> int:
    """How many sessions of the class have taken place up to today (inclusive)."""
    return ClassSession.objects.filter(
        training_class=training_class, date__lte=today or timezone.localdate()
    ).count()


def register(session: ClassSession, today: date | None = None) -> QuerySet:
    """The session's register in one query: the class's active enrolments with the
    learner (and organisation), ``mark`` (this session's status, or None) and
    ``present`` (sessions attended among those held up to today)."""
    today = today or timezone.localdate()
    present = (
        Attendance.objects.filter(
            enrolment=OuterRef("pk"),
            status=Attendance.Status.PRESENT,
            session__date__lte=today,
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mark = Attendance.objects.filter(enrolment=OuterRef("pk"), session=session).values("status")[:1]
    return (
        Enrolment.objects.filter(
            training_class_id=session.training_class_id, status=Enrolment.Status.ACTIVE
        )
        .select_related("learner__organisation")
        .annotate(
            mark=Subquery(mark),
            present=Coalesce(Subquery(present, output_field=IntegerField()), Value(0)),
        )
        .order_by(*name_ordering("learner__full_name", "pk", centre_path="training_class__centre"))
    )


def rate(present: int, held: int) -> int | None:
    """Attendance in whole per cent, or None before any session was held."""
    return round(100 * present / held) if held else None


def record_attendance(
    session: ClassSession, marks: dict[int, str], by_user, *, today: date | None = None
) -> int:
    """Store the marks (enrolment id -> status) of one session; returns how many rows
    were written (new or changed). Unchanged marks are left as they are, with their
    original recorder.

    Refused as a whole (``AttendanceRefused``, nothing stored) when a status is not one of
    Attendance.Status, an enrolment is not an active enrolment in the session's class, or
    the session has not taken place yet."""
    if not can_record(session, today):
        raise AttendanceRefused(
            _("The session on %(date)s has not taken place yet: attendance is taken on the day.")
            % {"date": session.date.strftime("%d/%m/%Y")},
            code="future_session",
        )
    errors = []
    bad_status = sorted({str(status) for status in marks.values() if status not in STATUSES})
    if bad_status:
        errors.append(
            ValidationError(
                _("Unknown attendance status: %(statuses)s.") % {"statuses": ", ".join(bad_status)},
                code="invalid_status",
            )
        )
    try:
        wanted = {int(enrolment_id) for enrolment_id in marks}
    except (TypeError, ValueError):
        errors.append(ValidationError(_("An enrolment number is not valid."), code="invalid"))
        wanted = set()
    if errors:
        raise AttendanceRefused(errors)

    with transaction.atomic():
        known = set(
            Enrolment.objects.filter(
                pk__in=wanted,
                training_class_id=session.training_class_id,
                status=Enrolment.Status.ACTIVE,
            ).values_list("pk", flat=True)
        )
        strangers = sorted(wanted - known)
        if strangers:
            raise AttendanceRefused(
                _(
                    "Not learners of this class: enrolment %(ids)s. Nothing was saved; "
                    "reload the page and record the attendance again."
                )
                % {"ids": ", ".join(map(str, strangers))},
                code="not_in_class",
            )
        saved = dict(
            Attendance.objects.filter(session=session, enrolment_id__in=wanted).values_list(
                "enrolment_id", "status"
            )
        )
        changed = [
            Attendance(session=session, enrolment_id=int(pk), status=status, recorded_by=by_user)
            for pk, status in marks.items()
            if saved.get(int(pk)) != status
        ]
        if changed:
            # An upsert: two people saving the same register at once both succeed, and
            # the last one wins, as update_or_create would, in one statement.
            Attendance.objects.bulk_create(
                changed,
                update_conflicts=True,
                unique_fields=["session", "enrolment"],
                update_fields=["status", "recorded_by", "recorded_at"],
            )
            ids = [row.enrolment_id for row in changed]
            transaction.on_commit(
                lambda: attendance_recorded.send(
                    sender=ClassSession, session=session, enrolment_ids=ids
                )
            )
    return len(changed)


__all__ = [
    "AttendanceRefused",
    "can_record",
    "held_sessions",
    "rate",
    "record_attendance",
    "register",
]
