"""The core of training operations, one module per part of the domain."""

from .accounts import LoginSlip
from .background import BackgroundSweep
from .centres import Centre, CentreMembership, Letterhead, Organisation
from .classes import ClassLecturer, ClassSession, Enrolment, TrainingClass
from .learners import LearnerProfile
from .notifications import Notification
from .operations import BackgroundTasks
from .progress import Attendance, LessonProgress

__all__ = [
    "Attendance",
    "BackgroundSweep",
    "BackgroundTasks",
    "Centre",
    "CentreMembership",
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
