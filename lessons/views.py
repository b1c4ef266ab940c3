from django.core.paginator import Paginator
from django.shortcuts import render

from .search import search_pages

RESULTS_PER_PAGE = 20


def search(request):
    raw_query = request.GET.get("q", "")
    query, pages = search_pages(raw_query)
    paginator = Paginator(pages, RESULTS_PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "lessons/search.html",
        {"raw_query": raw_query[:200], "query": query, "results": results},
    )
