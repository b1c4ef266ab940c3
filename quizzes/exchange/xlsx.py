"""The XLSX template with Vietnamese headers: import and export share one layout, so an
exported bank can be edited in a spreadsheet and imported again.

One question per row. Columns (the header row is matched without regard to case or
diacritics; columns may be in any order; unknown columns are ignored):

    Danh mục | Loại | Tiêu đề | Câu hỏi | Điểm | Phương án A | Phản hồi A | ... H |
    Đáp án | Phân biệt dấu | Phản hồi chung

"Loại": một lựa chọn, nhiều lựa chọn, đúng/sai, trả lời ngắn, tự luận. "Đáp án": the
letters of the correct options ("A" or "A, C"), "Đúng" or "Sai", or the accepted short
answers one per line (or separated by |). "Danh mục": a category path below the one
chosen when importing ("Chương 1/Mốc thời gian"); empty for the chosen one. A "/" inside a
name is written "\\/" ("Kết luận 21-KL\\/TW").
"""

import re
import zipfile
from decimal import Decimal, InvalidOperation
from html import unescape
from io import BytesIO

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from ..models import Question
from ..text import from_spreadsheet_text, normalise, spreadsheet_text
from .parsed import FileRefused, Parsed, ParsedOption, escape_level

LETTERS = "ABCDEFGH"
CATEGORY, KIND, TITLE, STEM, POINTS = "Danh mục", "Loại", "Tiêu đề", "Câu hỏi", "Điểm"
KEY, DIACRITICS, FEEDBACK = "Đáp án", "Phân biệt dấu", "Phản hồi chung"
HEADERS = [CATEGORY, KIND, TITLE, STEM, POINTS]
for _letter in LETTERS:
    HEADERS += [f"Phương án {_letter}", f"Phản hồi {_letter}"]
HEADERS += [KEY, DIACRITICS, FEEDBACK]

KIND_NAMES = {
    Question.Kind.SINGLE: "một lựa chọn",
    Question.Kind.MULTIPLE: "nhiều lựa chọn",
    Question.Kind.TRUE_FALSE: "đúng/sai",
    Question.Kind.SHORT: "trả lời ngắn",
    Question.Kind.ESSAY: "tự luận",
}
_KINDS: dict[str, str] = {normalise(name): kind for kind, name in KIND_NAMES.items()}
_KINDS.update({normalise(kind): kind for kind in Question.Kind.values})
_KINDS.update({"dung sai": Question.Kind.TRUE_FALSE, "true/false": Question.Kind.TRUE_FALSE})
TRUE_WORDS = {"dung", "d", "true", "t", "x", "co"}
FALSE_WORDS = {"sai", "s", "false", "f"}
MAX_ROWS = 5000


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return from_spreadsheet_text(text)  # protected from running as a formula on export


def read(data: bytes) -> list[Parsed]:
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRefused(_("The file is not an XLSX workbook.")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {normalise(_text(name)): index for index, name in enumerate(header) if name}
    missing = [name for name in (KIND, STEM) if normalise(name) not in columns]
    if missing:
        raise FileRefused(
            _("The first row must hold the template's headers; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )

    def cell(row, name) -> str:
        index = columns.get(normalise(name))
        return _text(row[index]) if index is not None and index < len(row) else ""

    questions = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise FileRefused(_("A file may hold at most 2,000 questions."))
        if not any(_text(value) for value in row):
            continue
        questions.append(_row(number, row, cell))
    workbook.close()
    return questions


def _row(number, row, cell) -> Parsed:
    parsed = Parsed(
        where=_("row %(row)s") % {"row": number},
        category=cell(row, CATEGORY),
        name=cell(row, TITLE),
        stem=cell(row, STEM),
        general_feedback=cell(row, FEEDBACK),
        diacritics_matter=normalise(cell(row, DIACRITICS)) in TRUE_WORDS,
    )
    kind_name = cell(row, KIND)
    parsed.kind = _KINDS.get(normalise(kind_name), "")
    if not parsed.kind:
        parsed.problems.append(
            _("Unknown type “%(kind)s”; use one of: %(kinds)s.")
            % {"kind": kind_name, "kinds": ", ".join(KIND_NAMES.values())}
        )
    points = cell(row, POINTS)
    if points:
        try:
            parsed.points = Decimal(points.replace(",", "."))
            if not parsed.points.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            parsed.problems.append(_("Points must be a number, e.g. 1 or 0,5."))
            parsed.points = Decimal(1)
    key = cell(row, KEY)
    if parsed.kind == Question.Kind.TRUE_FALSE:
        word = normalise(key)
        if word not in TRUE_WORDS | FALSE_WORDS:
            parsed.problems.append(_("The answer of a true-or-false question is Đúng or Sai."))
        is_true = word in TRUE_WORDS
        parsed.options = [
            ParsedOption("Đúng", is_true, cell(row, "Phản hồi A")),
            ParsedOption("Sai", not is_true, cell(row, "Phản hồi B")),
        ]
    elif parsed.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        wanted = {letter for letter in re.split(r"[\s,;]+", key.upper()) if letter}
        present = []
        for letter in LETTERS:
            text = cell(row, f"Phương án {letter}")
            if text:
                present.append(letter)
                parsed.options.append(
                    ParsedOption(text, letter in wanted, cell(row, f"Phản hồi {letter}"))
                )
        unknown = sorted(wanted - set(present))
        if unknown:
            parsed.problems.append(
                _("The answer names options that are empty or do not exist: %(letters)s.")
                % {"letters": ", ".join(unknown)}
            )
    elif parsed.kind == Question.Kind.SHORT:
        parsed.accepted = [part.strip() for part in re.split(r"[|\n]", key) if part.strip()]
    return parsed


def _plain(html: str) -> str:
    text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>", "\n", html or "")
    return unescape(strip_tags(text)).strip()


def _path(category, parents: dict) -> str:
    names = []
    seen = set()
    while category is not None and category.pk not in seen:
        seen.add(category.pk)
        names.append(escape_level(category.name))
        category = parents.get(category.parent_id)
    return "/".join(reversed(names))


def export(questions, categories) -> bytes:
    """The given questions (with options and accepted answers prefetched) in the template's
    layout; ``categories`` maps id to category for the category paths."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ngân hàng câu hỏi"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in questions:
        options = list(question.options.all())
        values = {
            CATEGORY: _path(categories.get(question.category_id), categories),
            KIND: KIND_NAMES[question.kind],
            TITLE: question.name,
            STEM: _plain(question.stem),
            POINTS: float(question.points),
            DIACRITICS: "có" if question.diacritics_matter else "",
            FEEDBACK: _plain(question.general_feedback),
        }
        if question.kind == Question.Kind.TRUE_FALSE:
            right = next((o for o in options if o.is_correct), None)
            words = normalise(_plain(right.text)) if right else ""
            if words in TRUE_WORDS | FALSE_WORDS:
                values[KEY] = "Đúng" if words in TRUE_WORDS else "Sai"
            else:
                values[KEY] = "Đúng" if right is options[0] else "Sai"
        elif question.kind in Question.CHOICE_KINDS:
            values[KEY] = ", ".join(
                letter for letter, o in zip(LETTERS, options, strict=False) if o.is_correct
            )
        elif question.kind == Question.Kind.SHORT:
            values[KEY] = "\n".join(a.text for a in question.accepted_answers.all())
        for letter, option in zip(LETTERS, options, strict=False):
            values[f"Phương án {letter}"] = _plain(option.text)
            values[f"Phản hồi {letter}"] = _plain(option.feedback)
        sheet.append([spreadsheet_text(values.get(header, "")) for header in HEADERS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template() -> bytes:
    """An empty template with one example row of each type."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ngân hàng câu hỏi"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    examples: list[dict[str, object]] = [
        {
            KIND: "một lựa chọn",
            STEM: "Đại hội XIII của Đảng họp năm nào?",
            POINTS: 1,
            "Phương án A": "2016",
            "Phương án B": "2021",
            "Phương án C": "2026",
            KEY: "B",
        },
        {
            KIND: "nhiều lựa chọn",
            STEM: "Những nội dung nào thuộc xây dựng Đảng?",
            "Phương án A": "Chính trị",
            "Phương án B": "Tư tưởng",
            "Phương án C": "Thể thao",
            KEY: "A, B",
        },
        {KIND: "đúng/sai", STEM: "Chủ tịch Hồ Chí Minh sinh năm 1890.", KEY: "Đúng"},
        {
            KIND: "trả lời ngắn",
            STEM: "Ai là người sáng lập Đảng Cộng sản Việt Nam?",
            KEY: "Hồ Chí Minh\nNguyễn Ái Quốc",
        },
        {
            KIND: "tự luận",
            STEM: "Liên hệ bản thân về học tập và làm theo tư tưởng Hồ Chí Minh.",
            POINTS: 10,
            FEEDBACK: "Nội dung 6 điểm, liên hệ thực tế 3 điểm, trình bày 1 điểm.",
        },
    ]
    for example in examples:
        sheet.append([example.get(header, "") for header in HEADERS])
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
