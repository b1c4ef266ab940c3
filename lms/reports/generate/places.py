"""The pages and the places of the province: one course per program (through Wagtail,
being few), the centres with their sites and their areas' organisation trees."""

from wagtail.models import Page, Site

from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
from lms.models import Centre, Organisation
from quizzes.models import QuizPage

from .base import CATALOGUE_SLUG, CELLS, LESSONS


def _site_root():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node()
    return root.get_children().first() or root


def _add_course(catalogue, program) -> CoursePage:
    """A published course for ``program``, its required lessons and its final quiz."""
    course = catalogue.add_child(
        instance=CoursePage(
            title=program.name,
            slug=f"tinh-{program.slug}"[:80],
            program=program,
            summary=program.name,
            expected_hours=40,
        )
    )
    course.save_revision().publish()
    for number in range(1, LESSONS + 1):
        lesson = course.add_child(
            instance=LessonPage(
                title=f"Bài {number}",
                slug=f"bai-{number}",
                required=True,
                estimated_minutes=30,
                body=[("paragraph", f"<p>{program.name}: bài {number}.</p>")],
            )
        )
        lesson.save_revision().publish()
    quiz = course.add_child(instance=QuizPage(title="Kiểm tra cuối khoá", slug="kiem-tra"))
    quiz.save_revision().publish()
    return course


def courses() -> list[tuple[CoursePage, list[LessonPage], QuizPage]]:
    """One course per program, each with required lessons and a quiz (made once)."""
    home = _site_root()
    catalogue = CourseIndexPage.objects.filter(slug=CATALOGUE_SLUG).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CourseIndexPage(title="Dữ liệu tỉnh", slug=CATALOGUE_SLUG)
        )
        catalogue.save_revision().publish()
    result = []
    for program in ProgramType.objects.order_by("sort_order", "pk"):
        slug = f"tinh-{program.slug}"[:80]
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = _add_course(catalogue, program)
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        quiz = QuizPage.objects.child_of(course).first()
        result.append((course, lessons, quiz))
    return result


def _organisations(centre, n: int, counts: dict) -> list[int]:
    """The centre's area: a district committee, three communes and their cells, the
    tree's units the centre's; returns the cells' ids."""
    committee = Organisation.add_root(
        name=f"Đảng bộ huyện số {n + 1}",
        kind=Organisation.Kind.PARTY_COMMITTEE,
        centre=centre,
    )
    communes = [
        committee.add_child(
            name=f"Đảng bộ xã {n + 1}.{c + 1}",
            kind=Organisation.Kind.PARTY_COMMITTEE,
            centre=centre,
        )
        for c in range(3)
    ]
    cells = [
        communes[c % 3].add_child(
            name=f"Chi bộ {n + 1}.{c + 1}", kind=Organisation.Kind.PARTY_CELL, centre=centre
        )
        for c in range(max(1, CELLS if counts["learners"] >= 1000 else 3))
    ]
    return [cell.pk for cell in cells]


def centres(counts: dict) -> tuple[list, dict]:
    """The centres, each with its site and its area's organisation tree; returns them
    and, by centre id, the ids of the cells its learners belong to."""
    home = _site_root()
    found, cells_of = [], {}
    for n in range(counts["centres"]):
        site, _ = Site.objects.get_or_create(
            hostname=f"trung-tam-{n + 1}.tinh.example",
            port=80,
            defaults={"root_page": home, "site_name": f"Trung tâm {n + 1}"},
        )
        centre, _ = Centre.objects.get_or_create(
            site=site,
            defaults={
                "name": f"Trung tâm Chính trị số {n + 1}",
                "issuing_authority": f"Huyện uỷ số {n + 1}",
            },
        )
        cells_of[centre.pk] = _organisations(centre, n, counts)
        found.append(centre)
    return found, cells_of
