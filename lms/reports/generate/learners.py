"""The learners: accounts, their membership of the learners' group, their profiles,
each centre's learners a block of consecutive ids."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from lms.models import LearnerProfile
from lms.roles import LEARNERS

from .base import CATEGORIES, USERNAME_PREFIX
from .writer import Writer

USER_FIELDS = [
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
]
PROFILE_FIELDS = [
    "id",
    "user",
    "full_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "organisation",
    "centre",
    "category",
    "position",
    "phone",
    "must_change_password",
    "email_notifications",
]
GENDERS = ["female", "male"]


@dataclass(frozen=True)
class Learners:
    """Learner ``i`` (from 0) is user ``first_user + i`` with profile ``first_profile + i``,
    of centre ``i // per_centre``."""

    first_user: int
    first_profile: int
    per_centre: int
    count: int


def write_learners(writer: Writer, rng, centres: list, cells_of: dict, counts: dict, now):
    """Writes the learners; each one's cell is drawn from the centre's (one draw each, in
    the order of the learners)."""
    User = get_user_model()
    per_centre = counts["learners"] // len(centres)
    learners = Learners(
        first_user=writer.next_id(User),
        first_profile=writer.next_id(LearnerProfile),
        per_centre=per_centre,
        count=per_centre * len(centres),
    )
    password = make_password(None)
    first_user = learners.first_user
    writer.write(
        User,
        USER_FIELDS,
        (
            (first_user + i, password, False, f"{USERNAME_PREFIX}{i}", "", "", "", False, True, now)
            for i in range(learners.count)
        ),
    )
    group = Group.objects.get(name=LEARNERS)
    membership = User.groups.through
    first_membership = writer.next_id(membership)
    writer.write(
        membership,
        ["id", "user", "group"],
        ((first_membership + i, first_user + i, group.pk) for i in range(learners.count)),
    )

    def centre_of_learner(i):
        return centres[min(i // per_centre, len(centres) - 1)]

    writer.write(
        LearnerProfile,
        PROFILE_FIELDS,
        (
            (
                learners.first_profile + i,
                first_user + i,
                f"Học viên {i:06d}",
                date(1960 + i % 45, 1 + i % 12, 1 + i % 28),
                GENDERS[i % 2],
                "Tày" if i % 3 else "Kinh",
                rng.choice(cells_of[centre_of_learner(i).pk]),
                centre_of_learner(i).pk,
                CATEGORIES[i % len(CATEGORIES)],
                "",
                "",
                False,
                False,
            )
            for i in range(learners.count)
        ),
    )
    return learners
