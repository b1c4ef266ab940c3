"""A class-scoped province (two centres): built once for the tests of a module, rolled
back after them."""

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def _province_data(django_db_setup, django_db_blocker):
    from .province import Province

    with django_db_blocker.unblock(), transaction.atomic():
        province = Province()
        yield province
        transaction.set_rollback(True)


@pytest.fixture
def province(_province_data, db):
    return _province_data
