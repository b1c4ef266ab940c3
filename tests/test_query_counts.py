"""Every learner-facing page runs a constant number of queries, however much content
there is. Each page is rendered twice: with a little content and with a lot."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import add_course, add_lesson


def rendered_queries(client, url, **params) -> int:
    cache.clear()  # render, do not replay the anonymous page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def grow(catalogue):
    """Add courses and lessons, so a second measurement sees much more content."""

    def more():
        for number in range(8):
            course = add_course(catalogue, slug=f"them-{number}", lessons=0)
            for lesson in range(6):
                add_lesson(course, title=f"Bài Đảng thêm {lesson}", slug=f"bai-{lesson}")

    return more


@pytest.mark.parametrize(
    ("name", "url", "params", "expected"),
    [
        ("home", "/", {}, 8),
        ("catalogue", "/khoa-hoc/", {}, 10),
        ("catalogue filtered", "/khoa-hoc/", {"program": "nhan-thuc-ve-dang"}, 10),
        ("course", "/khoa-hoc/nhan-thuc/", {}, 9),  # lessons and quizzes: one query
        ("search", "/search/", {"q": "dang"}, 8),
        ("log-in", "/accounts/login/", {}, 0),
    ],
)
def test_learner_pages_run_a_constant_number_of_queries(
    client, course, grow, name, url, params, expected
):
    small = rendered_queries(client, url, **params)
    grow()
    large = rendered_queries(client, url, **params)
    assert small == large, f"{name}: {small} queries with little content, {large} with more"
    assert large == expected, f"{name}: {large} queries"
