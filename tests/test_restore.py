"""The migrations' data put back after a transactional test (tests/conftest.py): the
browser journeys and the other tests that run after one on the same worker rely on it."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import GroupApprovalTask, Page

from .conftest import _restore


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_the_migrations_made_comes_back_under_its_ids_after_a_flush():
    serialized = json.loads(connection._test_serialized_contents)
    made = {
        (row["fields"]["app_label"], row["fields"]["model"]): row["pk"]
        for row in serialized
        if row["model"] == "contenttypes.contenttype"
    }
    # A transactional test's teardown: the flush re-creates the content types under new
    # ids (post_migrate) and leaves the content type cache cold.
    call_command("flush", verbosity=0, interactive=False)
    assert not Page.objects.exists()

    _restore(connection, connection._test_serialized_contents)

    assert Page.objects.filter(depth=1).exists()
    assert GroupApprovalTask.objects.exists()
    assert {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()} == made
    task = ContentType.objects.get_for_model(GroupApprovalTask)
    assert task.pk == made[("wagtailcore", "groupapprovaltask")]
