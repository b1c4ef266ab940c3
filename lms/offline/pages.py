"""The offline page: what a phone shows for a page it has not kept, without a connection.
Apart from the views so the class pack (pack.py) can render it without an import circle."""

from django.shortcuts import render


def offline_page(request):
    """What a phone shows for a page it has not kept, without a connection."""
    return render(request, "lms/offline/offline.html", {"offline_page": True})
