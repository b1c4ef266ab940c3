"""Importing checked rows into a class: each row on its own (``LearnerRowForm``), then
the rows together (the same learner twice, learners already recorded, learners already
in the class, room in the class), then, in one transaction, writing (``writing``).

A constant number of lookups and bulk inserts, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Enrolment, LearnerProfile, Organisation, TrainingClass

from .cells import FULL_NAME, HEADERS, ORGANISATION, PHONE, clean_text, fold
from .rows import Learner, LearnerRowForm, RowError
from .writing import write

# reject(row number, column key or None for the whole row, message)
Reject = Callable[[int, str | None, str], None]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0  # new learners (with new accounts and slips)
    matched: int = 0  # existing learners newly enrolled
    already_enrolled: list[tuple[int, str]] = field(default_factory=list)  # (row, name)
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)  # raw rows, with "reasons"
    written: bool = False
    skip_invalid: bool = False

    @property
    def enrolled(self) -> int:
        return self.created + self.matched

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_errors


def import_learners(
    training_class: TrainingClass, rows: list[dict], *, skip_invalid: bool = False, by=None
) -> ImportResult:
    """Validate every row, then enrol: all rows or none, or with ``skip_invalid`` the
    valid ones (``result.rejected`` lists the others with their reasons). ``by`` is the
    user importing, recorded on the new log-in slips."""
    result = ImportResult(rows=len(rows), skip_invalid=skip_invalid)
    with transaction.atomic():
        # Imports into one class queue up here, so the capacity check holds.
        training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        problems: dict[int, list[tuple[str | None, str]]] = {}
        learners = _check_rows(training_class, rows, result, problems, skip_invalid)
        _record_problems(rows, problems, result)
        if not result.ok and not skip_invalid:
            return result
        if learners:
            result.created, result.matched = write(training_class, learners, by)
            result.written = True
    return result


def _check_rows(training_class, rows, result, problems, skip_invalid) -> list[Learner]:
    def reject(row: int, column: str | None, message: str) -> None:
        problems.setdefault(row, []).append((column, message))

    if training_class.status == TrainingClass.Status.CANCELLED:
        result.file_errors.append(_("This class is cancelled: nobody can be enrolled in it."))
        return []
    valid = _valid_rows(rows, reject, training_class.centre_id)
    unique = _once_in_file(valid, reject)
    new_or_matched = _match_known(unique, reject)
    to_enrol = _not_enrolled_yet(training_class, new_or_matched, result)
    return _fit_capacity(training_class, to_enrol, result, reject, skip_invalid)


def _valid_rows(rows: list[dict], reject: Reject, centre_id=None) -> list[Learner]:
    """1. Each row on its own; organisations are those of the class's centre's area (and
    those of no centre yet)."""
    names = {clean_text(row.get(ORGANISATION)) for row in rows} - {""}
    organisations: dict[str, list[int]] = {}
    ours = Q(centre_id=centre_id) | Q(centre__isnull=True)
    for pk, name in Organisation.objects.filter(ours, name__in=names).values_list("pk", "name"):
        organisations.setdefault(clean_text(name), []).append(pk)
    today = timezone.localdate()
    valid: list[Learner] = []
    for raw in rows:
        form = LearnerRowForm(raw, organisations=organisations, today=today)
        if form.is_valid():
            valid.append(form.learner())
        for column, message in form.problems():
            reject(raw["row"], column, message)
    return valid


def _once_in_file(valid: list[Learner], reject: Reject) -> list[Learner]:
    """2. The same learner twice in the file: the first row counts."""
    by_phone: dict[str, int] = {}
    by_name: dict[tuple, int] = {}
    unique: list[Learner] = []
    for learner in valid:
        if learner.phone and learner.phone in by_phone:
            reject(
                learner.row,
                PHONE,
                _("The same phone number is on row %(other)s: is it the same learner twice?")
                % {"other": by_phone[learner.phone]},
            )
            continue
        if learner.name_key in by_name:
            reject(
                learner.row,
                FULL_NAME,
                _("The same learner (name and date of birth) is already on row %(other)s.")
                % {"other": by_name[learner.name_key]},
            )
            continue
        if learner.phone:
            by_phone[learner.phone] = learner.row
        by_name[learner.name_key] = learner.row
        unique.append(learner)
    return unique


def _known_profiles(unique: list[Learner]) -> tuple[dict, dict]:
    """Learners already recorded who may be those of the file: by phone number, and by
    (folded name, date of birth)."""
    known_by_phone: dict[str, list[dict]] = {}
    known_by_name: dict[tuple, list[dict]] = {}
    phones = list({learner.phone for learner in unique if learner.phone})
    births = list({learner.date_of_birth for learner in unique})
    fields = ("pk", "full_name", "date_of_birth", "phone")
    if phones:
        for profile in LearnerProfile.objects.filter(phone__in=phones).values(*fields):
            known_by_phone.setdefault(profile["phone"], []).append(profile)
    if births:
        for profile in LearnerProfile.objects.filter(date_of_birth__in=births).values(*fields):
            known_by_name.setdefault(
                (fold(profile["full_name"]), profile["date_of_birth"]), []
            ).append(profile)
    return known_by_phone, known_by_name


def _candidates(learner: Learner, known_by_phone, known_by_name, reject: Reject):
    """The recorded learners this row may be, or None when the row is rejected."""
    if not learner.phone:
        return known_by_name.get(learner.name_key, [])
    same_phone = known_by_phone.get(learner.phone, [])
    name = learner.name_key[0]
    candidates = [p for p in same_phone if fold(p["full_name"]) == name]
    if same_phone and not candidates:
        reject(
            learner.row,
            PHONE,
            _(
                "This phone number belongs to another learner with a different name. "
                "Check the name and the phone number, or leave the phone number blank."
            ),
        )
        return None
    if not candidates:
        # A learner recorded earlier without a phone number.
        candidates = [p for p in known_by_name.get(learner.name_key, []) if not p["phone"]]
    return candidates


def _match_known(unique: list[Learner], reject: Reject) -> list[Learner]:
    """3. Learners we already know: by phone number, else by name and date of birth.
    Sets ``profile_id`` on the matched ones."""
    known_by_phone, known_by_name = _known_profiles(unique)
    matched_rows: dict[int, int] = {}  # profile -> row
    new_or_matched: list[Learner] = []
    for learner in unique:
        candidates = _candidates(learner, known_by_phone, known_by_name, reject)
        if candidates is None:
            continue
        if len(candidates) > 1:
            reject(
                learner.row,
                None,
                _(
                    "Several learners already recorded have this name and date of birth; add "
                    "the phone number to tell them apart, or enrol this learner by hand."
                ),
            )
            continue
        if candidates:
            profile_id = candidates[0]["pk"]
            if profile_id in matched_rows:
                reject(
                    learner.row,
                    None,
                    _("This is the same learner as on row %(other)s.")
                    % {"other": matched_rows[profile_id]},
                )
                continue
            matched_rows[profile_id] = learner.row
            learner.profile_id = profile_id
        new_or_matched.append(learner)
    return new_or_matched


def _not_enrolled_yet(training_class, learners: list[Learner], result) -> list[Learner]:
    """4. Already in this class: reported, not enrolled twice."""
    matched = [learner.profile_id for learner in learners if learner.profile_id is not None]
    enrolled = set(
        Enrolment.objects.filter(training_class=training_class, learner_id__in=matched).values_list(
            "learner_id", flat=True
        )
    )
    to_enrol = []
    for learner in learners:
        if learner.profile_id in enrolled:
            result.already_enrolled.append((learner.row, learner.full_name))
        else:
            to_enrol.append(learner)
    return to_enrol


def _fit_capacity(training_class, to_enrol, result, reject: Reject, skip_invalid):
    """5. Room in the class: the rows beyond it are rejected (``skip_invalid``), or the
    whole file is."""
    if not (training_class.capacity and to_enrol):
        return to_enrol
    taken = Enrolment.objects.filter(
        training_class=training_class, status=Enrolment.Status.ACTIVE
    ).count()
    room = max(training_class.capacity - taken, 0)
    if len(to_enrol) <= room:
        return to_enrol
    if skip_invalid:
        for learner in to_enrol[room:]:
            reject(
                learner.row,
                None,
                _("The class is full (%(capacity)s learners).")
                % {"capacity": training_class.capacity},
            )
        return to_enrol[:room]
    result.file_errors.append(
        _(
            "The class holds %(capacity)s learners and has %(taken)s already: there is "
            "room for %(room)s more, but %(count)s would be enrolled."
        )
        % {
            "capacity": training_class.capacity,
            "taken": taken,
            "room": room,
            "count": len(to_enrol),
        }
    )
    return to_enrol


def _record_problems(rows, problems, result) -> None:
    by_number = {row["row"]: row for row in rows}
    for number in sorted(problems):
        reasons = []
        for column, message in problems[number]:
            label = HEADERS.get(column) if column else None
            result.errors.append(RowError(number, label, message))
            reasons.append(f"{label}: {message}" if label else message)
        result.rejected.append({**by_number[number], "reasons": reasons})
