"""Issue 14, item 3: a centre's catalogue is the province's shared courses plus its own.
A course under a centre's own site root is that centre's; a course under a root shared by
several centres' sites is shared."""

import pytest
from wagtail.models import Page, Site

from lessons.access import CourseAccess
from lms.catalogue import courses_for
from lms.models import Centre
from portal.models import HomePage

from ..factories import add_catalogue, add_course, publish
from ..lms.personas import World


@pytest.fixture
def world(db):
    return World()


def test_shared_courses_and_each_centres_own(world, client):
    # Hàm Yên has a site of its own (its own home page) with its own course.
    root = Page.get_first_root_node()
    ham_yen_home = publish(root.add_child(instance=HomePage(title="Hàm Yên", slug="ham-yen")))
    ham_yen = Centre.objects.create(
        site=Site.objects.create(hostname="hamyen.example", root_page=ham_yen_home),
        name="Trung tâm Chính trị huyện Hàm Yên",
        issuing_authority="Huyện uỷ Hàm Yên",
    )
    own = add_course(
        add_catalogue(ham_yen_home),
        title="Lịch sử Đảng bộ huyện Hàm Yên",
        slug="lich-su-ham-yen",
        access=CourseAccess.CATALOGUE,
    )
    # The world's centre's site root holds the province's courses; a third centre shares it.
    shared_site_root = world.centre.site.root_page
    Centre.objects.create(
        site=Site.objects.create(hostname="yenson.example", root_page=shared_site_root),
        name="Trung tâm Chính trị huyện Yên Sơn",
        issuing_authority="Huyện uỷ Yên Sơn",
    )
    shared = {world.course.pk, world.other_course.pk}
    assert set(courses_for(frozenset([ham_yen.pk])).values_list("pk", flat=True)) >= shared | {
        own.pk
    }
    chiem_hoa = set(courses_for(frozenset([world.centre.pk])).values_list("pk", flat=True))
    assert shared <= chiem_hoa and own.pk not in chiem_hoa
    assert own.pk in set(courses_for(None).values_list("pk", flat=True))
