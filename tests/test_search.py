import pytest

from lessons.text import fold

from .factories import add_course, add_lesson


@pytest.fixture
def searchable(catalogue):
    course = add_course(catalogue, title="Nghị quyết Đại hội XIII của Đảng", slug="nq13", lessons=0)
    add_lesson(course, title="Bối cảnh và ý nghĩa của Đại hội", slug="boi-canh")
    add_lesson(course, title="Học tập tư tưởng Hồ Chí Minh ở Việt Nam", slug="ho-chi-minh")
    return course


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    pages = [*response.context["courses"], *response.context["lessons"].object_list]
    return pages, response.content.decode()


def test_fold_removes_vietnamese_diacritics_and_case():
    assert fold("Nghị quyết ĐẠI HỘI Đảng") == "nghi quyet dai hoi dang"
    assert fold("  Việt   Nam ") == "viet nam"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nghi quyet dai hoi", "Nghị quyết Đại hội XIII của Đảng"),
        ("dang", "Nghị quyết Đại hội XIII của Đảng"),
        ("DANG", "Nghị quyết Đại hội XIII của Đảng"),
        ("Đảng", "Nghị quyết Đại hội XIII của Đảng"),
        ("viet", "Học tập tư tưởng Hồ Chí Minh ở Việt Nam"),
        ("Ho Chi Minh", "Học tập tư tưởng Hồ Chí Minh ở Việt Nam"),
        ("boi canh", "Bối cảnh và ý nghĩa của Đại hội"),
    ],
)
def test_search_ignores_diacritics_and_case(client, searchable, query, expected):
    results, html = result_titles(client, query)
    assert expected in [page.title for page in results]
    assert expected in html


def test_search_needs_every_word(client, searchable):
    results, _ = result_titles(client, "dang tuyet-doi-khong-co")
    assert list(results) == []


def test_search_finds_words_in_the_lesson_body(client, searchable):
    # LESSON_BODY says "ra đời" in a paragraph.
    results, _ = result_titles(client, "ra doi")
    assert {"Bối cảnh và ý nghĩa của Đại hội", "Học tập tư tưởng Hồ Chí Minh ở Việt Nam"} <= {
        page.title for page in results
    }


def test_unpublished_lessons_are_not_found(client, searchable):
    add_lesson(searchable, title="Bản nháp bí mật", slug="nhap", live=False)
    results, html = result_titles(client, "ban nhap bi mat")
    assert list(results) == []
    assert "Bản nháp bí mật" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        '"dang',
        "' OR 1=1 --",
        "dang'; DROP TABLE wagtailcore_page; --",
        "AND OR NOT",
        "*",
        "()[]{}:^~",
        "d" * 10_240,
        "Đảng " * 2_000,
        "\x00\x01",
        "😀 dang",
    ],
)
def test_odd_queries_give_a_normal_page(client, searchable, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_search_results_paginate(client, catalogue):
    course = add_course(catalogue, title="Khoá nhiều bài", slug="nhieu", lessons=0)
    for number in range(25):
        add_lesson(course, title=f"Bài Đảng số {number}", slug=f"bai-{number}")
    first = client.get("/search/", {"q": "dang so"})
    second = client.get("/search/", {"q": "dang so", "page": 2})
    assert len(first.context["lessons"]) == 20
    assert len(second.context["lessons"]) == 5
    assert client.get("/search/", {"q": "dang so", "page": "xyz"}).status_code == 200


def test_results_list_courses_first_and_name_each_lesson_s_course(client, searchable):
    response = client.get("/search/", {"q": "dai hoi"})
    html = response.content.decode()
    assert [c.title for c in response.context["courses"]] == ["Nghị quyết Đại hội XIII của Đảng"]
    assert html.index("Nghị quyết Đại hội XIII của Đảng</a>") < html.index(
        "Bối cảnh và ý nghĩa của Đại hội</a>"
    )
    assert "Trong khoá học “Nghị quyết Đại hội XIII của Đảng”" in html


def test_private_courses_stay_out_of_listings_and_search(client, catalogue, home):
    from lessons.access import CourseAccess

    add_course(
        catalogue, title="Khoá riêng về Đảng", slug="rieng", lessons=0, access=CourseAccess.PRIVATE
    )
    for url, params in [("/search/", {"q": "rieng"}), (catalogue.url, {}), ("/", {})]:
        assert "Khoá riêng về Đảng" not in client.get(url, params).content.decode()
