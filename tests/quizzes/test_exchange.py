"""Importing questions from GIFT, Aiken and the XLSX template, and exporting a bank:
good files, bad files (every problem reported with its line or row, nothing saved unless
asked), a round trip through the export, and the admin screens."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from quizzes.exchange import import_questions, read_file, xlsx
from quizzes.exchange.importer import FileRefused
from quizzes.models import Question, QuestionCategory

from . import builders as b

pytestmark = pytest.mark.django_db
Kind = Question.Kind

GIFT = """\
// Chương 1: lịch sử Đảng
$CATEGORY: $course$/Lịch sử/Mốc thời gian

::Thành lập:: Đảng Cộng sản Việt Nam ra đời năm nào? {
  =1930 # Đúng: ngày 3/2/1930.
  ~1945 # Năm Cách mạng Tháng Tám.
  ~1954
  #### Hội nghị hợp nhất họp tại Hồng Kông.
}

Chủ tịch Hồ Chí Minh sinh năm 1890. {T}

Những nội dung nào là trụ cột của xây dựng Đảng? {
  ~%50%Chính trị
  ~%50%Tư tưởng
  ~%-100%Thể thao
}

Ai là người sáng lập Đảng? {=Hồ Chí Minh =Nguyễn Ái Quốc}

Bài thu hoạch: liên hệ bản thân. {}

Dấu bằng viết là \\= và ngoặc là \\{ \\}. {=đúng ~sai}
"""


def _by_kind(category):
    return {
        q.kind: q
        for q in Question.objects.filter(category__course=category.course).prefetch_related(
            "options", "accepted_answers"
        )
    }


def test_gift_file_imports_every_kind_with_feedback_and_categories(course):
    root = b.category(course, "Ngân hàng")
    result = import_questions(read_file("bank.gift", GIFT.encode()), root)
    assert (result.created, result.problems) == (6, [])
    questions = _by_kind(root)
    single = Question.objects.get(name="Thành lập")
    assert single.kind == Kind.SINGLE
    assert single.category.name == "Mốc thời gian" and single.category.parent.name == "Lịch sử"
    assert single.category.parent.parent == root
    options = list(single.options.all())
    assert [(o.text, o.is_correct) for o in options][0] == ("<p>1930</p>", True)
    assert "3/2/1930" in options[0].feedback and "Hồng Kông" in single.general_feedback
    assert [o.is_correct for o in questions[Kind.TRUE_FALSE].options.all()] == [True, False]
    assert [o.is_correct for o in questions[Kind.MULTIPLE].options.all()] == [True, True, False]
    assert {a.text for a in questions[Kind.SHORT].accepted_answers.all()} == {
        "Hồ Chí Minh",
        "Nguyễn Ái Quốc",
    }
    assert questions[Kind.ESSAY].stem == "<p>Bài thu hoạch: liên hệ bản thân.</p>"
    escaped = Question.objects.get(stem__contains="Dấu bằng")
    assert "\\" not in escaped.stem and "= và ngoặc là { }" in escaped.stem


def test_importing_the_same_file_again_adds_nothing(course):
    root = b.category(course, "Ngân hàng")
    import_questions(read_file("bank.gift", GIFT.encode()), root)
    again = import_questions(read_file("bank.gift", GIFT.encode()), root)
    assert (again.created, again.duplicates) == (0, 6)
    assert Question.objects.count() == 6


BAD_GIFT = """\
Câu tốt. {=a ~b}

Câu không có đáp án đúng. {~a ~b}

Nối cột. {=a -> 1 =b -> 2}

Thiếu ngoặc đóng. {=a ~b
"""


def test_bad_gift_reports_each_problem_with_its_line_and_imports_nothing(course):
    root = b.category(course)
    result = import_questions(read_file("bad.gift", BAD_GIFT.encode()), root)
    assert result.created == 0 and Question.objects.count() == 0
    where = [problem.where for problem in result.problems]
    assert where == ["dòng 3", "dòng 5", "dòng 7"]
    assert "đúng" in result.problems[0].messages[0].lower()


def test_skipping_the_bad_questions_imports_the_good_ones(course):
    root = b.category(course)
    result = import_questions(read_file("bad.gift", BAD_GIFT.encode()), root, skip_bad=True)
    assert (result.created, result.skipped) == (1, 3)
    assert Question.objects.get().stem == "<p>Câu tốt.</p>"


AIKEN = """\
Nghị quyết Đại hội XIII được thông qua năm nào?
A. 2016
B) 2021
C. 2026
ANSWER: B

Câu hỏi thiếu đáp án
A. Có
B. Không

Đáp án không có trong phương án
A. Một
B. Hai
ANSWER: D
"""


def test_aiken_good_and_bad_questions(course):
    root = b.category(course)
    parsed = read_file("q.txt", AIKEN.encode(), "aiken")
    result = import_questions(parsed, root)
    assert result.created == 0
    assert [p.where for p in result.problems] == ["dòng 7", "dòng 11"]
    assert "ANSWER" in result.problems[0].messages[0]
    assert "D" in result.problems[1].messages[0]
    result = import_questions(parsed, root, skip_bad=True)
    question = Question.objects.get()
    assert question.kind == Kind.SINGLE
    assert [o.is_correct for o in question.options.all()] == [False, True, False]


def _workbook(rows, headers=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or xlsx.HEADERS)
    for row in rows:
        sheet.append([row.get(header, "") for header in (headers or xlsx.HEADERS)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_xlsx_template_imports_and_bad_rows_are_named(course):
    root = b.category(course)
    template = read_file("mau.xlsx", xlsx.template())
    assert import_questions(template, root).created == 5
    bad = _workbook(
        [
            {
                "Loại": "một lựa chọn",
                "Câu hỏi": "Tốt",
                "Phương án A": "x",
                "Phương án B": "y",
                "Đáp án": "A",
            },
            {"Loại": "hình vẽ", "Câu hỏi": "Loại lạ"},
            {"Loại": "một lựa chọn", "Câu hỏi": "Đáp án sai", "Phương án A": "x", "Đáp án": "C"},
            {"Loại": "đúng/sai", "Câu hỏi": "Không rõ", "Đáp án": "có lẽ"},
            {"Loại": "trả lời ngắn", "Câu hỏi": "Điểm lạ", "Điểm": "mười", "Đáp án": "a"},
        ]
    )
    result = import_questions(read_file("bad.xlsx", bad), root)
    assert [p.where for p in result.problems] == ["hàng 3", "hàng 4", "hàng 5", "hàng 6"]
    assert Question.objects.count() == 5


def test_files_that_cannot_be_read_are_refused_with_a_reason(course):
    with pytest.raises(FileRefused, match="UTF-8"):
        read_file("q.gift", "Câu hỏi {=a ~b}".encode("utf-16"))
    with pytest.raises(FileRefused, match="XLSX"):
        read_file("q.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(FileRefused, match="2 MB"):
        read_file("q.gift", b"x" * (3 * 1024 * 1024))
    with pytest.raises(FileRefused, match="tiêu đề|headers"):
        read_file("q.xlsx", _workbook([{"A": 1}], headers=["A", "B"]))
    with pytest.raises(FileRefused):
        read_file("q.gift", b"// only a comment\n")


def test_export_round_trips_into_another_course(course, catalogue):
    source = b.category(course, "Chương 1")
    sub = b.category(course, "Mốc", parent=source)
    b.single(sub, feedback="<p>Xem bài 1.</p>")
    b.multiple(source)
    b.true_false(source, answer=False)
    b.short(source, accepted=("Hồ Chí Minh", "Bác Hồ"), diacritics_matter=True)
    b.essay(source)
    categories = {c.pk: c for c in QuestionCategory.objects.all()}
    data = xlsx.export(
        Question.objects.order_by("pk").prefetch_related("options", "accepted_answers"),
        categories,
    )
    sheet = load_workbook(BytesIO(data)).active
    assert [c.value for c in sheet[1]] == xlsx.HEADERS
    from ..factories import add_course

    other = add_course(catalogue, lessons=1, title="Khoá khác", slug="khoa-khac")
    target = b.category(other, "Nhập")
    result = import_questions(read_file("bank.xlsx", data), target)
    assert (result.created, result.problems) == (5, [])

    def shape(queryset):
        return sorted(
            (
                q.kind,
                q.stem,
                q.diacritics_matter,
                tuple((o.text, o.is_correct) for o in q.options.all()),
                tuple(sorted(a.text for a in q.accepted_answers.all())),
            )
            for q in queryset
        )

    assert shape(Question.objects.filter(category__course=course)) == shape(
        Question.objects.filter(category__course=other)
    )
    moved = Question.objects.get(category__course=other, kind=Kind.SINGLE)
    assert moved.category.name == "Mốc" and moved.category.parent.name == "Chương 1"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def test_admin_import_shows_problems_and_keeps_the_bank_unchanged(client, editor, course):
    root = b.category(course)
    url = reverse("quizzes_questions:import")
    page = client.get(url + f"?category={root.pk}")
    assert page.status_code == 200 and "template.xlsx" in page.content.decode()
    response = client.post(
        url,
        {"category": root.pk, "file": SimpleUploadedFile("bad.gift", BAD_GIFT.encode())},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "dòng 5" in html and "dòng 7" in html
    assert Question.objects.count() == 0
    response = client.post(
        url,
        {
            "category": root.pk,
            "file": SimpleUploadedFile("bad.gift", BAD_GIFT.encode()),
            "skip_bad": "on",
        },
    )
    assert response.status_code == 302 and Question.objects.count() == 1


def test_admin_export_downloads_the_bank(client, editor, course):
    b.single(b.category(course))
    response = client.get(reverse("quizzes_questions:export") + f"?course={course.pk}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet["B2"].value == "một lựa chọn"
    bad = client.get(reverse("quizzes_questions:export") + "?course=abc")
    assert bad.status_code == 200 and "xlsx" not in bad.get("Content-Type", "")


def test_import_and_export_need_permissions(client, django_user_model, course):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password="x")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    for name in ("import", "export", "template"):
        response = client.get(reverse(f"quizzes_questions:{name}"))
        assert response.status_code in (302, 403), name


# --- The staff journey's file: ten questions, one malformed (issue 18) -------------------

TEN_GIFT = """\
$CATEGORY: $course$/Kết luận 21-KL\\/TW

::C1:: Kết luận 21-KL/TW bàn về công tác nào? {=Xây dựng, chỉnh đốn Đảng ~Kinh tế}

::C2:: Kết luận 21-KL/TW được ban hành năm 2021. {T}

::C3:: Cơ quan ban hành Kết luận 21? {=Ban Chấp hành Trung ương ~Quốc hội}

::C4:: Thiếu ngoặc đóng. {=Một ~Hai

::C5:: Câu ngay sau câu hỏng vẫn phải được nhập. {=Đúng ~Sai}

::C6:: Những biểu hiện suy thoái gồm? {
  ~%50%Tư tưởng chính trị
  ~%50%Đạo đức, lối sống
  ~%-100%Thể thao
}

::C7:: Viết tắt của Trung ương là? {=TW =T.Ư}

::C8:: Liên hệ bản thân. {}

::C9:: Năm thông qua Nghị quyết Đại hội XIII? {=2021 ~2016 ~2026}

::C10:: Kết luận 21 có hiệu lực từ ngày ký. {T}
"""


def test_a_malformed_question_never_swallows_its_neighbour(course):
    root = b.category(course, "Ngân hàng")
    result = import_questions(read_file("ten.gift", TEN_GIFT.encode()), root, skip_bad=True)
    assert (result.created, result.skipped) == (9, 1)
    assert result.refused_where == ["dòng 9"]
    assert len(result.outcomes) == 10
    assert [o.status for o in result.outcomes].count("imported") == 9
    assert Question.objects.filter(name="C5").exists()
    assert not Question.objects.filter(name="C4").exists()


def test_an_escaped_slash_keeps_a_category_name_whole(course):
    root = b.category(course, "Ngân hàng")
    import_questions(read_file("ten.gift", TEN_GIFT.encode()), root, skip_bad=True)
    category = Question.objects.get(name="C1").category
    assert category.name == "Kết luận 21-KL/TW" and category.parent == root
    plain = TEN_GIFT.replace("21-KL\\/TW", "21-KL/TW").replace("C1::", "X1::")
    parsed = read_file("two.gift", plain.encode())
    outcomes = import_questions(parsed, root, skip_bad=True, check_only=True)
    assert outcomes.outcomes[0].category_path == "Ngân hàng › Kết luận 21-KL › TW"
    assert outcomes.outcomes[0].status == "ready" and Question.objects.count() == 9


def test_an_answer_list_may_still_span_a_blank_line(course):
    text = "Câu hỏi? {\n=Một\n\n~Hai\n}\n\nCâu khác. {T}\n"
    parsed = read_file("span.gift", text.encode())
    assert [(p.where, p.kind, len(p.options)) for p in parsed] == [
        ("dòng 1", Kind.SINGLE, 2),
        ("dòng 7", Kind.TRUE_FALSE, 2),
    ]


def test_the_check_shows_every_question_and_its_category_and_saves_nothing(client, editor, course):
    root = b.category(course, "Ngân hàng")
    url = reverse("quizzes_questions:import")
    response = client.post(
        url,
        {
            "category": root.pk,
            "file": SimpleUploadedFile("ten.gift", TEN_GIFT.encode()),
            "skip_bad": "on",
            "check": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Ngân hàng › Kết luận 21-KL/TW") == 10
    assert "dòng 9" in html and "C10" in html
    assert Question.objects.count() == 0 and QuestionCategory.objects.count() == 1


def test_after_the_import_the_list_shows_the_new_questions(client, editor, course):
    root = b.category(course, "Ngân hàng")
    response = client.post(
        reverse("quizzes_questions:import"),
        {
            "category": root.pk,
            "file": SimpleUploadedFile("ten.gift", TEN_GIFT.encode()),
            "skip_bad": "on",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "dòng 9" in html  # the refused question is named in the message
    for number in (1, 2, 3, 5, 6, 7, 8, 9, 10):
        assert re.search(rf">\s*C{number}\s*<", html), number
