"""Signals ``lms`` sends. Receivers are connected in an AppConfig.ready() with a dispatch_uid.

lesson_completed(sender=LessonProgress, enrolment, lesson)
    Sent once, after the transaction that first marked the lesson completed commits.

attendance_recorded(sender=ClassSession, session, enrolment_ids)
    Sent after the transaction that stored new or changed attendance marks commits
    (record_attendance writes in bulk, so no post_save is sent for them).

lesson_requirement_changed(sender=TrainingClass, training_class, lesson)
    Sent inside the transaction in which staff changed whether a required lesson is
    required for a class (lms.requirements.decide): its learners may now complete.

enrolments_changed(sender=TrainingClass, training_class)
    Sent after enrolments of a class were added or changed in bulk (``bulk_create`` and
    ``QuerySet.update()`` send no ``post_save``): the learner-list import. Caches that
    hold enrolments (``lms.access.ACCESS``, the admin home's figures) list it among what
    retires them.
"""

from django.dispatch import Signal

lesson_completed = Signal()
attendance_recorded = Signal()
lesson_requirement_changed = Signal()
enrolments_changed = Signal()
