"""Signals ``lms`` sends. Receivers are connected in an AppConfig.ready() with a dispatch_uid.

lesson_completed(sender=LessonProgress, enrolment, lesson)
    Sent once, after the transaction that first marked the lesson completed commits.
"""

from django.dispatch import Signal

lesson_completed = Signal()
