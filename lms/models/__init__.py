"""The core of training operations, one module per part of the domain."""

from .accounts import LoginSlip
from .background import BackgroundSweep
from .centres import Centre, CentreMembership, Letterhead, Organisation
from .classes import ClassLecturer, ClassSession, Enrolment, TrainingClass
from .learners import LearnerProfile
from .notifications import Notification
from .offline import ProgressEvent
from .operations import BackgroundTasks
from .progress import Attendance, LessonProgress
from .requirements import ClassLessonChoice

__all__ = [
    "Attendance",
    "BackgroundSweep",
    "BackgroundTasks",
    "Centre",
    "CentreMembership",
    "ClassLecturer",
    "ClassLessonChoice",
    "ClassSession",
    "Enrolment",
    "LearnerProfile",
    "Letterhead",
    "LessonProgress",
    "LoginSlip",
    "Notification",
    "Organisation",
    "ProgressEvent",
    "TrainingClass",
]
