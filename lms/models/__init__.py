"""The core of training operations, one module per part of the domain."""

from .accounts import LoginSlip
from .centres import Centre, Letterhead, Organisation
from .classes import ClassLecturer, ClassSession, Enrolment, TrainingClass
from .learners import LearnerProfile
from .notifications import Notification
from .progress import Attendance, LessonProgress

__all__ = [
    "Attendance",
    "Centre",
    "ClassLecturer",
    "ClassSession",
    "Enrolment",
    "LearnerProfile",
    "Letterhead",
    "LessonProgress",
    "LoginSlip",
    "Notification",
    "Organisation",
    "TrainingClass",
]
