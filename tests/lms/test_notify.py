from django.core import mail

from lms.models import Notification
from lms.notify import email_pending, notify


def _tell(world, key="k1"):
    return notify(
        [world.learner.user, world.other_learner.user],
        kind=Notification.Kind.DISCUSSION_REPLY,
        key=key,
        subject="Có trả lời mới",
        message="Ai đó đã trả lời bạn.",
        url="/learn/",
    )


def test_each_person_is_told_once_per_key(world):
    assert _tell(world) == 2
    assert _tell(world) == 0
    assert Notification.objects.filter(key="k1").count() == 2


def test_email_goes_only_to_people_who_want_it(world, django_capture_on_commit_callbacks):
    for profile, address in ((world.learner, "a@example.org"), (world.other_learner, "b@x.org")):
        profile.user.email = address
        profile.user.save()
    world.other_learner.email_notifications = False
    world.other_learner.save()
    _tell(world)
    assert email_pending() == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    # Still shown in the portal for the one who turned e-mail off.
    assert Notification.objects.filter(user=world.other_learner.user).exists()
    assert email_pending() == 0
