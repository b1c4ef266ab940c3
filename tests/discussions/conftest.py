import pytest

from lms.discussions import actions

from ..lms.personas import World


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def thread(world):
    """A class thread about the first lesson, opened by the learner."""
    return actions.start_thread(
        world.learner.user,
        world.klass,
        title="Vì sao phải học Điều lệ Đảng?",
        source="Mời các đồng chí cùng **thảo luận**.",
        lesson=world.lessons[0],
    )


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client
