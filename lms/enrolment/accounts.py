"""Accounts for learners who may have no e-mail: user names, one-time passwords, slips.

A new learner's account gets an unusable password and a ``LoginSlip`` holding a
one-time password in clear (printed for them); ``backends.OneTimePasswordBackend``
accepts it until the learner chooses their own, which the first-log-in middleware
insists on. Nothing here hashes a password: importing 2,500 learners must take about a
second, and PBKDF2 would take minutes.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, UNUSABLE_PASSWORD_SUFFIX_LENGTH
from django.db import transaction
from django.utils import timezone

from lms.models import LearnerProfile, LoginSlip
from lms.models.accounts import SESSION_MUST_CHANGE, SESSION_PASSWORD_OK

# No 0/o, 1/l/i: the password is read off paper and typed on a phone, so lower case only.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 (an alphabet)
PASSWORD_LENGTH = 10
GENERATED_USERNAME_PREFIX = "hv"
GENERATED_USERNAME_DIGITS = 6


# Random bytes below this map evenly onto the alphabet (byte % its length); the others
# are dropped.
_EVEN_BYTES = 256 - 256 % len(PASSWORD_ALPHABET)


def one_time_password() -> str:
    """PASSWORD_LENGTH characters drawn evenly from PASSWORD_ALPHABET, as
    ``secrets.choice`` would, but from one read of the system's random source instead of
    one per character (an import makes one for each new learner)."""
    chosen: list[str] = []
    while len(chosen) < PASSWORD_LENGTH:
        chosen += [
            PASSWORD_ALPHABET[byte % len(PASSWORD_ALPHABET)]
            for byte in secrets.token_bytes(PASSWORD_LENGTH + 4)
            if byte < _EVEN_BYTES
        ]
    return "".join(chosen[:PASSWORD_LENGTH])


def unusable_password() -> str:
    """What ``user.set_unusable_password()`` stores ("!" and 40 random characters), made
    with one call to the system's random source instead of forty."""
    return (
        UNUSABLE_PASSWORD_PREFIX
        + secrets.token_urlsafe(UNUSABLE_PASSWORD_SUFFIX_LENGTH)[:UNUSABLE_PASSWORD_SUFFIX_LENGTH]
    )


def generated_username(digits: int = GENERATED_USERNAME_DIGITS) -> str:
    return f"{GENERATED_USERNAME_PREFIX}{secrets.randbelow(10**digits):0{digits}d}"


def assign_usernames(wanted: list[str | None]) -> list[str]:
    """A user name for each new account: the wanted one (a phone number) when it is free,
    else a generated code. Free means unused in the database and earlier in the list.

    Two queries: the wanted names, then twice as many codes as needed, of which the
    free ones are used. Another round happens only if too few were free, and codes get
    longer should the six-digit ones ever run short."""
    User = get_user_model()
    field = User.USERNAME_FIELD
    manager = User._default_manager
    asked = {name for name in wanted if name}
    taken = (
        set(manager.filter(**{f"{field}__in": asked}).values_list(field, flat=True))
        if asked
        else set()
    )
    result: list[str | None] = []
    for name in wanted:
        if name and name not in taken:
            taken.add(name)
            result.append(name)
        else:
            result.append(None)
    missing = [index for index, name in enumerate(result) if name is None]
    rounds = 0
    while missing:
        rounds += 1
        digits = GENERATED_USERNAME_DIGITS if rounds <= 3 else GENERATED_USERNAME_DIGITS + 2
        candidates: set[str] = set()
        while len(candidates) < 2 * len(missing) + 10:
            code = generated_username(digits)
            if code not in taken:
                candidates.add(code)
        clashes = set(manager.filter(**{f"{field}__in": candidates}).values_list(field, flat=True))
        free = iter(sorted(candidates - clashes))
        still_missing: list[int] = []
        for index in missing:
            found = next(free, None)
            if found is None:
                still_missing.append(index)
            else:
                taken.add(found)
                result[index] = found
        missing = still_missing
    return result  # type: ignore[return-value]


def is_privileged(user) -> bool:
    """Accounts whose password a centre's staff must not reset from a class page."""
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def reset_password(user, *, by=None) -> LoginSlip:
    """A new one-time password on a new slip; the old password (and every session signed
    in with it) stops working, and the learner must choose a new one at next log-in."""
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        slip, _created = LoginSlip.objects.update_or_create(
            user=user,
            defaults={
                "password": one_time_password(),
                "created_at": timezone.now(),
                "created_by": by,
            },
        )
        LearnerProfile.objects.filter(user=user).update(must_change_password=True)
    # A learner locked out by failed attempts can use the new slip at once.
    from axes.utils import reset as reset_lockouts

    reset_lockouts(username=user.get_username())
    return slip


def must_change_password(request, user) -> bool:
    """True for a user signed in with a one-time password, or whose profile says so.
    Reads ``user.learner_profile`` (cached on the user for the rest of the request)."""
    if request.session.get(SESSION_MUST_CHANGE):
        return True
    try:
        profile = user.learner_profile
    except LearnerProfile.DoesNotExist:
        return False
    return profile.must_change_password


def password_changed(request, user) -> None:
    """After the user chose a password in this session: no more redirects to the form."""
    request.session.pop(SESSION_MUST_CHANGE, None)
    request.session[SESSION_PASSWORD_OK] = user.pk
