"""A lesson's first load on a slow 3G phone (issue 15): one stylesheet, no script that
blocks rendering, images as WebP renditions at phone widths (srcset) loaded lazily.
bench/offline.py measures the load itself (lesson_slow3g_load_ms)."""

import re
from html.parser import HTMLParser

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from .factories import LESSON_BODY, add_lesson
from .lms.personas import World


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.images, self.styles = [], [], [], 0
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "script":
            self.scripts.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "style":
            self.styles += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


@pytest.fixture
def image_lesson(db):
    world = World()
    image = get_image_model().objects.create(
        title="Ảnh Đại hội", file=get_test_image_file(size=(1600, 900))
    )
    body = [
        *LESSON_BODY,
        ("image", {"image": image, "alt_text": "Quang cảnh Đại hội", "caption": "Đại hội"}),
    ]
    lesson = add_lesson(world.course, title="Bài có ảnh", slug="bai-co-anh", body=body)
    return world, lesson


def test_a_lesson_has_one_stylesheet_no_blocking_script_and_responsive_lazy_images(
    client, image_lesson
):
    world, lesson = image_lesson
    client.force_login(world.learner.user)
    response = client.get(lesson.url)
    assert response.status_code == 200
    page = Resources()
    page.feed(response.content.decode())
    assert len(page.stylesheets) == 1 and page.styles == 0
    assert page.scripts, "the lesson enhances with JavaScript"
    for script in page.scripts:
        # An inline script or a src without defer/async would stop the page rendering.
        assert "src" in script and ("defer" in script or "async" in script), script
    (figure,) = [img for img in page.images if img.get("alt") == "Quang cảnh Đại hội"]
    assert figure["loading"] == "lazy"
    widths = sorted(int(w) for w in re.findall(r"\.webp (\d+)w", figure["srcset"]))
    assert widths == [360, 720, 1080], figure["srcset"]
    assert figure["src"].endswith(".webp") and "sizes" in figure
    assert int(figure["width"]) == 360 and int(figure["height"]) == 202
