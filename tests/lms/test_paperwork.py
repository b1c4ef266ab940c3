"""The centre's paperwork identity (its letterhead) and the classification of final grades
(issue 18)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from wagtail.models import Site

from lms.grades import Classification, classify, final_grade, format_grade
from lms.models import Centre


@pytest.mark.django_db
def test_letterhead_prints_the_centre_as_edited(home):
    centre = Centre.objects.create(
        site=Site.objects.get(is_default_site=True),
        name="Trung tâm Chính trị huyện Chiêm Hóa",
        short_name="TTCT Chiêm Hóa",
        issuing_authority="Huyện ủy Chiêm Hóa",
        issuing_body="Trung tâm Chính trị",
        header_lines="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  Độc lập - Tự do - Hạnh phúc \n",
        place_name="Chiêm Hóa",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Đức",
    )
    head = centre.letterhead
    assert head.parent_body == "HUYỆN ỦY CHIÊM HÓA"
    assert head.issuing_body == "TRUNG TÂM CHÍNH TRỊ"
    assert head.header_lines == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert head.dated(date(2027, 1, 5)) == "Chiêm Hóa, ngày 05 tháng 01 năm 2027"
    assert head.dated(date(2026, 12, 24)) == "Chiêm Hóa, ngày 24 tháng 12 năm 2026"
    assert head.seal is None
    # Left empty, the centre's own name and short name stand in; the Party header is the default.
    bare = Centre(
        name="Trường Chính trị tỉnh", short_name="Tuyên Quang", issuing_authority="Tỉnh ủy"
    )
    assert bare.letterhead.issuing_body == "TRƯỜNG CHÍNH TRỊ TỈNH"
    assert bare.letterhead.header_lines == ("ĐẢNG CỘNG SẢN VIỆT NAM",)
    assert bare.letterhead.dated(date(2026, 3, 9)).startswith("Tuyên Quang, ngày 09 tháng 3 ")


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (Decimal("10"), Classification.EXCELLENT),
        ("8", Classification.EXCELLENT),
        (7.99, Classification.GOOD),
        ("6.5", Classification.GOOD),
        ("6.49", Classification.AVERAGE),
        (5, Classification.AVERAGE),
        ("4.9", Classification.FAILED),
        (0, Classification.FAILED),
        (None, None),
        ("", None),
    ],
)
def test_classify_by_default_thresholds(grade, expected):
    assert classify(grade) == expected


def test_classification_thresholds_are_a_setting(settings):
    settings.LMS_CLASSIFICATION_THRESHOLDS = {"excellent": 9, "good": 7}
    assert classify(8.5) == Classification.GOOD
    assert classify(5) == Classification.AVERAGE  # the default still applies to the rest
    with translation.override("vi"):
        assert [str(c.label) for c in Classification] == ["Giỏi", "Khá", "Trung bình", "Không đạt"]


def test_final_grade_is_the_essay_else_the_mean_of_the_quizzes():
    assert final_grade({"essay": "8.25", "quizzes": {"A": "5"}}) == Decimal("8.3")
    assert final_grade({"quizzes": {"A": "7", "B": "8"}}) == Decimal("7.5")
    assert final_grade({"quizzes": {"A": "7", "B": None}}) is None
    assert final_grade({"essay": None}) is None
    assert final_grade({"lessons": "3/3"}) is None
    assert final_grade({}) is None


def test_grades_show_with_a_decimal_comma_without_trailing_zeros():
    with translation.override("vi"):
        assert format_grade(Decimal("8.50")) == "8,5"
        assert format_grade("8.25") == "8,25"
        assert format_grade(10) == "10"
        assert format_grade(None) == "—"


def test_an_evaluation_gives_the_final_grade_and_its_classification():
    from lms.certificates.rules import Evaluation

    evaluation = Evaluation(1, grades={"essay": "6.75", "lessons": "3/3"})
    assert evaluation.final_grade == Decimal("6.8")
    assert evaluation.classification == Classification.GOOD
    assert Evaluation(2).classification is None
