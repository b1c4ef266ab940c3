"""Who may read, post and moderate in a class's discussions: the one place that says so.

Built on lms.access: the class's lecturers and centre staff moderate
(``can_manage_class``); learners with an active enrolment in the class read and post
while the class is readable, and write only while it is open or in session.
"""

from lessons.caching import remember
from lms.access import can_manage_class
from lms.models import Enrolment, TrainingClass

WRITABLE_CLASS_STATUSES = TrainingClass.RUNNING_STATUSES


def _memo(user, key, compute):
    """Remembered for the request, on the user object (lessons.caching.remember)."""
    return remember(user, ("lms.discussions", *key), compute)


def class_enrolment(user, training_class) -> Enrolment | None:
    """The user's active enrolment in this class (remembered for the request)."""
    if not user.is_authenticated:
        return None
    return _memo(
        user,
        ("enrolment", training_class.pk),
        lambda: (
            Enrolment.objects.filter(
                training_class=training_class, learner__user=user, status=Enrolment.Status.ACTIVE
            )
            .only("pk", "training_class_id", "learner_id")
            .first()
        ),
    )


def can_moderate(user, training_class) -> bool:
    return can_manage_class(user, training_class)


def can_read(user, training_class) -> bool:
    if not user.is_authenticated:
        return False
    if training_class.is_readable and class_enrolment(user, training_class) is not None:
        return True
    return can_moderate(user, training_class)


def can_write(user, training_class) -> bool:
    """Start threads and reply (locks aside): moderators always, learners of the class
    while it is open or in session."""
    if can_moderate(user, training_class):
        return True
    return (
        training_class.status in WRITABLE_CLASS_STATUSES
        and class_enrolment(user, training_class) is not None
    )


def can_reply(user, thread) -> bool:
    training_class = thread.training_class
    if thread.locked and not can_moderate(user, training_class):
        return False
    return can_write(user, training_class)


def can_report(user, post) -> bool:
    return (
        user.is_authenticated
        and post.author_id != user.pk
        and can_read(user, post.thread.training_class)
    )
