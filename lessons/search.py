"""Search over published courses and lessons, ignoring Vietnamese diacritics and case."""

from wagtail.models import Page

from .models import CourseIndexPage, CoursePage, LessonPage
from .text import fold

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Fold the query and keep only words: quotes, operators and SQL are just noise here."""
    folded = fold(raw[: MAX_QUERY_LENGTH * 4])
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search_pages(raw_query: str):
    """Published, public courses and lessons matching every word of the query."""
    query = clean_query(raw_query)
    if not query:
        return query, Page.objects.none()
    pages = (
        Page.objects.live()
        .public()
        .type(CoursePage, LessonPage, CourseIndexPage)
        .search(query, fields=None, operator="and")
    )
    return query, pages
