"""The sizes of the province data set and the names that mark its rows."""

from lms.models import LearnerProfile

FULL = {"centres": 10, "learners": 100_000, "classes": 4_000, "enrolments": 400_000}
YEARS = 5
LESSONS = 4
SESSIONS = 3
CELLS = 30
USERNAME_PREFIX = "tinh-"
CATALOGUE_SLUG = "du-lieu-tinh"
CATEGORIES = [value for value, _label in LearnerProfile.Category.choices]


class AlreadyGenerated(Exception):
    pass


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(1, round(number * scale)) for name, number in FULL.items()}
