"""Search over published courses and lessons, ignoring Vietnamese diacritics and case."""

from .access import CourseAccess
from .models import CoursePage, LessonPage
from .text import fold

MAX_QUERY_LENGTH = 200
MAX_COURSES = 10


def clean_query(raw: str) -> str:
    """Fold the query and keep only words: quotes, operators and SQL are just noise here."""
    folded = fold(raw[: MAX_QUERY_LENGTH * 4])
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search_courses(query: str) -> list[CoursePage]:
    """The best-matching published, public courses (every word must match); private
    courses are left out of listings."""
    if not query:
        return []
    courses = CoursePage.objects.live().public().exclude(access=CourseAccess.PRIVATE)
    return list(courses.search(query, operator="and")[:MAX_COURSES])


def search_lessons(query: str):
    """Published, public lessons matching every word, best first (a lazy result set)."""
    if not query:
        return LessonPage.objects.none()
    return LessonPage.objects.live().public().search(query, operator="and")


def attach_courses(lessons) -> None:
    """Set ``lesson.course`` on each lesson of a result page, with one query."""
    if not lessons:
        return
    parent_paths = {lesson.path[: -lesson.steplen] for lesson in lessons}
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(path__in=parent_paths).only(
            "id", "title", "path", "depth", "url_path"
        )
    }
    for lesson in lessons:
        lesson.course = courses.get(lesson.path[: -lesson.steplen])
