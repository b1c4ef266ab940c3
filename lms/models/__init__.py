"""The core of training operations, one module per part of the domain."""

from .centres import Centre, Organisation
from .classes import ClassLecturer, ClassSession, Enrolment, TrainingClass
from .learners import LearnerProfile
from .progress import Attendance, LessonProgress

__all__ = [
    "Attendance",
    "Centre",
    "ClassLecturer",
    "ClassSession",
    "Enrolment",
    "LearnerProfile",
    "LessonProgress",
    "Organisation",
    "TrainingClass",
]
