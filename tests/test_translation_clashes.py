"""Translation clashes (issue 18, item 8). Django merges every app's catalogue into one, so
a msgid translated differently in two apps shows one app's words in the other's screens:
the lesson, quiz and image title fields read "Tên lớp", the question bank's category
column "Đối tượng". Words that differ by meaning carry a pgettext context instead."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation
from wagtail.images import get_image_model

from lessons.models import LessonPage
from lms.models import LearnerProfile, TrainingClass
from quizzes.models import Question, QuizPage

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("lms/*/locale/vi/LC_MESSAGES/django.po")
)


def _text(value):
    return value if isinstance(value, str) else value[0]


def test_no_msgid_is_translated_two_ways_across_the_apps():
    seen: dict = {}
    for path in CATALOGUES:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not _text(message.string):
                    continue
                key = (message.context, _text(message.id))
                app = str(path.relative_to(ROOT)).split("/locale")[0]
                seen.setdefault(key, {}).setdefault(_text(message.string).lower(), []).append(app)
    clashes = {key: found for key, found in seen.items() if len(found) > 1}
    assert len(CATALOGUES) >= 8 and clashes == {}


def _label(model, field):
    return str(model._meta.get_field(field).verbose_name).lower()


@pytest.mark.parametrize(
    "model, field, expected",
    [
        (LessonPage, "title", "tiêu đề"),
        (QuizPage, "title", "tiêu đề"),
        (get_image_model(), "title", "tiêu đề"),
        (TrainingClass, "title", "tên lớp"),
        (Question, "category", "nhóm câu hỏi"),
        (LearnerProfile, "category", "đối tượng"),
        (LearnerProfile, "position", "chức vụ"),
    ],
)
def test_each_field_is_labelled_by_its_own_meaning(model, field, expected):
    with translation.override("vi"):
        assert _label(model, field) == expected
