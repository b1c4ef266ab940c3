"""Which courses a centre may open classes of: the province's shared courses and its own.

A course page lies under one or more Wagtail sites' root pages. A course under the root of
exactly one centre's site (and of no other centre's) is that centre's own; every other
course (under a root shared by several centres' sites, or under no centre's site) is the
province's, shared by every centre. One query for the centres' roots, the rest is a
condition on the page tree path."""

from django.db.models import Q, QuerySet

from lessons.models import CoursePage

from .models import Centre


def _roots():
    """(centre id, root page path) of every centre's site."""
    return list(Centre.objects.values_list("pk", "site__root_page__path"))


def own_course_q(roots, centre_id) -> Q:
    """Courses that lie under ``centre_id``'s site root and no other centre's."""
    mine = [path for pk, path in roots if pk == centre_id]
    others = [path for pk, path in roots if pk != centre_id]
    if not mine:
        return Q(pk__in=[])
    q = Q()
    for path in mine:
        q |= Q(path__startswith=path)
    for path in others:
        # Another centre whose root holds this centre's root (a shared home) makes the
        # course shared, not this centre's.
        if any(own.startswith(path) for own in mine):
            return Q(pk__in=[])
        q &= ~Q(path__startswith=path)
    return q


def courses_for(centre_ids) -> "QuerySet[CoursePage]":
    """The courses the given centres (None: every centre) may open classes of: the shared
    ones and their own."""
    if centre_ids is None:
        return CoursePage.objects.all()
    roots = _roots()
    others = {pk for pk, _path in roots} - set(centre_ids)
    # A course is excluded when it is another centre's own.
    excluded = Q(pk__in=[])
    for pk in others:
        excluded |= own_course_q(roots, pk)
    return CoursePage.objects.exclude(excluded)
