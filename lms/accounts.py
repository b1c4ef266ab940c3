"""Deleting a person's account: refused while they have training records.

Enrolments, completion records (certificates are legal paperwork), class lecturer links
and observations hold their person with ``on_delete=PROTECT``: they are kept, so the
account is too; the person is deactivated instead (Wagtail's "Active" flag on the user
edit form). Which records block a deletion is what Django's own ``Collector`` finds, so a
new protected link needs no change here.

``DeletePersonAction`` is the user model's "delete" action in Wagtail's action registry
(``wagtail_hooks``): its ``check()`` refuses a person with records with ``PersonHasRecords``,
whatever screen or API asks, before anything is deleted."""

from collections import Counter

from django.db import router
from django.db.models import Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext
from wagtail.actions.delete import DeleteAction, DeletePermissionError

# Completion records protect enrolments, which protect learner profiles, which cascade
# from the user: three steps name every record of this project; one more for a margin.
DEPTH = 4


def blocking_records(objects, depth: int = DEPTH) -> Counter[type[Model]]:
    """The protected or restricted records that stop ``objects`` (of one model) from
    being deleted, counted by model, those records' own protectors included (the
    completion records of an enrolment). Empty: they may be deleted. Runs one Django
    ``Collector`` per step, so its queries depend on the models, not on the rows."""
    objects = list(objects)
    if not objects or depth == 0:
        return Counter()
    collector = Collector(using=router.db_for_write(type(objects[0])))
    try:
        collector.collect(objects)
    except ProtectedError as error:
        blocking = set(error.protected_objects)
    except RestrictedError as error:
        blocking = set(error.restricted_objects)
    else:
        return Counter()
    counts = Counter(type(record) for record in blocking)
    for model in list(counts):
        counts += blocking_records([r for r in blocking if type(r) is model], depth - 1)
    return counts


def describe(counts: Counter[type[Model]]) -> str:
    """ "3 enrolments, 1 completion record", in the models' own (translated) names."""
    parts = []
    for model, count in sorted(counts.items(), key=lambda item: str(item[0]._meta.verbose_name)):
        name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        parts.append(gettext("%(count)d %(records)s") % {"count": count, "records": name})
    return ", ".join(parts)


class PersonHasRecords(DeletePermissionError):
    """The person has training records, which must be kept: deactivate them instead."""

    def __init__(self, person, counts: Counter[type[Model]]):
        self.person = person
        self.counts = counts
        self.records = describe(counts)
        super().__init__(
            gettext(
                "This account cannot be deleted: the person's training records "
                "(%(records)s) must be kept. Deactivate the account instead."
            )
            % {"records": self.records}
        )


class DeletePersonAction(DeleteAction):
    """Wagtail's delete, refused for a person with training records."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        counts = blocking_records([self.instance])
        if counts:
            raise PersonHasRecords(self.instance, counts)

    def _delete(self):
        try:
            return super()._delete()
        except (ProtectedError, RestrictedError):
            # A record taken between the check and the delete: refused the same way.
            raise PersonHasRecords(self.instance, blocking_records([self.instance])) from None
