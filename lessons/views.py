from django.core.paginator import Paginator
from django.shortcuts import render

from .search import attach_courses, clean_query, search_courses, search_lessons

RESULTS_PER_PAGE = 20


def search(request):
    raw_query = request.GET.get("q", "")[:200]
    query = clean_query(raw_query)
    paginator = Paginator(search_lessons(query), RESULTS_PER_PAGE)
    lessons = paginator.get_page(request.GET.get("page"))
    attach_courses(lessons.object_list)
    # Courses are few: they head the first page of results only.
    courses = search_courses(query) if lessons.number == 1 else []
    return render(
        request,
        "lessons/search.html",
        {
            "raw_query": raw_query,
            "query": query,
            "courses": courses,
            "lessons": lessons,
            "total": len(courses) + paginator.count,
        },
    )
