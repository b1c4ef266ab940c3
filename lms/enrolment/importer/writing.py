"""Writing checked learners: new accounts, profiles and log-in slips for the new ones,
the learners' group and the enrolments for all, in bulk (a constant number of queries)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.models import Enrolment, LearnerProfile, LoginSlip, TrainingClass
from lms.roles import LEARNERS
from lms.signals import enrolments_changed

from .. import accounts
from .rows import Learner


def write(training_class, learners: list[Learner], by) -> tuple[int, int]:
    """Enrol ``learners`` in the class, creating the new ones (``by`` is recorded on
    their log-in slips). Returns (created, matched)."""
    now = timezone.now()
    new = [learner for learner in learners if learner.profile_id is None]
    matched_ids = [learner.profile_id for learner in learners if learner.profile_id is not None]
    users = _create_accounts(new, now, by, training_class.centre_id)
    # Everyone enrolled is in the learners' group, including learners recorded by hand.
    existing_users = (
        list(LearnerProfile.objects.filter(pk__in=matched_ids).values_list("user_id", flat=True))
        if matched_ids
        else []
    )
    _join_learners_group([user.pk for user in users] + existing_users)
    Enrolment.objects.bulk_create(
        Enrolment(training_class=training_class, learner_id=learner.profile_id, enrolled_at=now)
        for learner in learners
    )
    # bulk_create sends no post_save: retire what remembers the class's enrolments (a
    # learner's "not enrolled", the admin home's figures).
    enrolments_changed.send(sender=TrainingClass, training_class=training_class)
    return len(new), len(learners) - len(new)


def _create_accounts(new: list[Learner], now, by, centre_id=None) -> list:
    """Users, profiles and log-in slips for the new learners; sets their ``profile_id``."""
    User = get_user_model()
    usernames = accounts.assign_usernames([learner.phone or None for learner in new])
    users = [
        User(
            **{User.USERNAME_FIELD: username},
            first_name=learner.full_name[:150],  # Vietnamese order: family name first
            email=learner.email,
            password=accounts.unusable_password(),
            date_joined=now,
        )
        for learner, username in zip(new, usernames, strict=True)
    ]
    User._default_manager.bulk_create(users)
    if users and users[0].pk is None:  # a database that does not return ids
        ids = dict(
            User._default_manager.filter(**{f"{User.USERNAME_FIELD}__in": usernames}).values_list(
                User.USERNAME_FIELD, "pk"
            )
        )
        for user in users:
            user.pk = ids[user.get_username()]
    profiles = _create_profiles(new, users, centre_id)
    for learner, profile in zip(new, profiles, strict=True):
        learner.profile_id = profile.pk
    LoginSlip.objects.bulk_create(
        LoginSlip(
            user_id=user.pk, password=accounts.one_time_password(), created_at=now, created_by=by
        )
        for user in users
    )
    return users


def _create_profiles(new: list[Learner], users: list, centre_id=None) -> list[LearnerProfile]:
    profiles = [
        LearnerProfile(
            user_id=user.pk,
            full_name=learner.full_name,
            date_of_birth=learner.date_of_birth,
            gender=learner.gender,
            ethnicity=learner.ethnicity,
            organisation_id=learner.organisation_id,
            category=learner.category,
            position=learner.position,
            phone=learner.phone,
            must_change_password=True,
            centre_id=centre_id,  # the area of the centre that enrols them
        )
        for learner, user in zip(new, users, strict=True)
    ]
    LearnerProfile.objects.bulk_create(profiles)
    if profiles and profiles[0].pk is None:
        ids = dict(
            LearnerProfile.objects.filter(user_id__in=[user.pk for user in users]).values_list(
                "user_id", "pk"
            )
        )
        for profile in profiles:
            profile.pk = ids[profile.user_id]
    return profiles


def _join_learners_group(user_ids: list[int]) -> None:
    User = get_user_model()
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user_id, group_id=group.pk) for user_id in user_ids],
        ignore_conflicts=True,
    )
