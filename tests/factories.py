"""Builders for the page tree the tests share: home > catalogue > course > lessons."""

from wagtail.models import Page, Site

from lessons.access import CourseAccess
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
from portal.models import HomePage

LESSON_BODY = [
    ("heading", {"text": "Bối cảnh lịch sử", "level": "h2"}),
    ("paragraph", "<p>Ngày 3 tháng 2 năm 1930, <b>Đảng Cộng sản Việt Nam</b> ra đời.</p>"),
    (
        "quotation",
        {
            "text": "Đảng phải nuôi dạy cán bộ, như người làm vườn vun trồng những cây cối quý báu.",
            "document": "Hồ Chí Minh, Sửa đổi lối làm việc",
            "citation": "1947",
        },
    ),
    ("key_points", {"title": "", "points": ["Ý thứ nhất", "Ý thứ hai"]}),
    ("reflection", {"question": "Bạn rút ra điều gì cho bản thân?", "hint": ""}),
    ("callout", {"kind": "tip", "title": "", "text": "<p>Đọc kỹ trước buổi học.</p>"}),
    (
        "video",
        {
            "url": "https://www.youtube.com/watch?v=abc123",
            "title": "Phim tư liệu",
            "duration": "12:30",
            "transcript": "",
        },
    ),
]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site() -> HomePage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Vun Trồng", slug="vun-trong"))
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    return home


def add_catalogue(home) -> CourseIndexPage:
    return publish(home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc")))


def add_course(
    catalogue,
    *,
    title="Bồi dưỡng nhận thức về Đảng",
    slug="nhan-thuc",
    lessons=3,
    access=CourseAccess.OPEN,
):
    course = catalogue.add_child(
        instance=CoursePage(
            title=title,
            slug=slug,
            access=access,
            program=ProgramType.objects.get(slug="nhan-thuc-ve-dang"),
            summary="Khoá học cho quần chúng ưu tú.",
            expected_hours=40,
        )
    )
    publish(course)
    for number in range(1, lessons + 1):
        add_lesson(course, title=f"Bài {number}: Lịch sử Đảng", slug=f"bai-{number}")
    return course


def add_lesson(course, *, title, slug, body=None, live=True) -> LessonPage:
    lesson = course.add_child(
        instance=LessonPage(
            title=title,
            slug=slug,
            summary="Tóm tắt bài học.",
            estimated_minutes=20,
            body=body if body is not None else LESSON_BODY,
            live=live,
        )
    )
    if live:
        publish(lesson)
    else:
        lesson.save_revision()
    return lesson
