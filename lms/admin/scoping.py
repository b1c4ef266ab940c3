"""The choices of the training forms narrowed to the user's centres (``lms.access``):
a staff member of one district never picks, or learns the name of, another district's
class, learner, organisation or lecturer."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import access


def scope_field(form, name: str, path: str = "centre") -> None:
    """Narrow a model choice field of ``form`` to the objects of the user's centres."""
    field = form.fields.get(name)
    user = getattr(form, "for_user", None)
    if field is None or user is None:
        return
    if path == "learner":
        from .permissions import learner_q

        ids = access.centre_ids(user)
        field.queryset = field.queryset if ids is None else field.queryset.filter(learner_q(ids))
        return
    field.queryset = access.scope(field.queryset, user, path, unassigned=path == "centre")


def default_centre(form, name: str = "centre") -> None:
    """A new object's centre: the user's, when they work for one only."""
    field = form.fields.get(name)
    if field is None or form.instance.pk or form.initial.get(name):
        return
    centres = list(field.queryset.values_list("pk", flat=True)[:2])
    if len(centres) == 1:
        form.initial[name] = centres[0]


def colleagues(queryset, user):
    """People of the user's centres, and those not yet given a centre."""
    ids = access.centre_ids(user) if user is not None else None
    if ids is None:
        return queryset
    return queryset.filter(
        Q(centre_memberships__centre__in=ids) | Q(centre_memberships__isnull=True)
    ).distinct()


def fill_centre(form, cleaned, fallback=None, name: str = "centre"):
    """A form left without a centre takes ``fallback`` (a parent's), else the user's
    only centre; a user of several centres must choose."""
    field = form.fields.get(name)
    if field is None or cleaned.get(name) is not None:
        return
    if fallback is not None:
        cleaned[name] = fallback
        return
    centres = list(field.queryset[:2])
    if len(centres) == 1:
        cleaned[name] = centres[0]
    elif access.centre_ids(form.for_user) is not None:
        form.add_error(name, _("Choose the centre."))
