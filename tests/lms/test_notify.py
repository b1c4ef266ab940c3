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


def test_one_queued_email_task_serves_every_notice_stored_before_it_runs(
    world, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from lms.notify import EMAIL_QUEUED_KEY

    world.learner.user.email = "a@example.org"
    world.learner.user.save()
    cache.add(EMAIL_QUEUED_KEY, 1)  # a task is queued and has not started yet
    with django_capture_on_commit_callbacks(execute=True):
        _tell(world, key="k1")
        _tell(world, key="k2")
    assert mail.outbox == []  # no further task was queued (tests run tasks at once)
    assert email_pending() == 2  # the queued task, when it runs, sends both
    with django_capture_on_commit_callbacks(execute=True):
        _tell(world, key="k3")  # the mark is gone: this one queues (and runs) the task
    assert len(mail.outbox) == 3
