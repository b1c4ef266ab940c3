import pytest

from .personas import World


@pytest.fixture
def world(db):
    return World()
