"""Moodle's GIFT format, the parts a question bank of this LMS can hold.

    // a comment
    $CATEGORY: Chương 1/Mốc thời gian
    ::Tiêu đề:: Nội dung câu hỏi {=đúng#phản hồi ~sai#phản hồi ####phản hồi chung}

``{T}``/``{F}`` true or false; ``{=a ~b ~c}`` single choice; ``{~%50%a ~%50%b ~%-100%c}``
multiple choice (options with a positive weight are the correct ones; this bank's own
partial-credit rule applies); ``{=a =b}`` short answer; ``{}`` essay. Matching (``->``)
and numerical (``{#...}``) questions are reported as not supported. ``\\~ \\= \\# \\{ \\}
\\:`` are escaped characters.

Questions are separated by blank lines. A category path separates its levels with "/", as
Moodle does; a "/" that belongs to a name is escaped as ``\\/`` (or Moodle's ``//``):
``$CATEGORY: Kết luận 21-KL\\/TW`` is one category. The import screen's check shows every
question's resulting category path before anything is saved. Text formats ([html], [markdown]) are read as plain text.
"""

import re

from django.utils.translation import gettext as _

from ..models import Question
from .parsed import Parsed, ParsedOption

_ESCAPES = {
    "\\~": "\x01",
    "\\=": "\x02",
    "\\#": "\x03",
    "\\{": "\x04",
    "\\}": "\x05",
    "\\:": "\x06",
}
_BACK = str.maketrans({v: k[1] for k, v in _ESCAPES.items()})
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def _hide_escapes(text: str) -> str:
    for escaped, mark in _ESCAPES.items():
        text = text.replace(escaped, mark)
    return text


def _clean(text: str) -> str:
    text = _FORMAT.sub("", text)
    return text.translate(_BACK).strip()


def read(text: str) -> list[Parsed]:
    """Split the file into questions at blank lines, as Moodle does. A question whose
    answer braces are still open at a blank line goes on only when the next line carries
    on its answers (starts with = ~ # % or }); otherwise it ends there and is refused with
    its own line, so a missing "}" never swallows the question after it."""
    questions = []
    category = ""
    block: list[str] = []
    start = 0
    lines = text.splitlines() + [""]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.upper().startswith("$CATEGORY:") and not block:
            category = stripped.split(":", 1)[1].strip()
            if category.startswith("$course$/"):
                category = category[len("$course$/") :]
            elif category == "$course$":
                category = ""
            continue
        if stripped:
            if not block:
                start = number
            block.append(line)
            continue
        if block and not (_open_braces(block) and _answers_go_on(lines, number)):
            questions.append(_question("\n".join(block), start, category))
            block = []
    if block:
        questions.append(_question("\n".join(block), start, category))
    return questions


def _answers_go_on(lines: list[str], number: int) -> bool:
    """Whether the first non-blank line after line ``number`` (1-based) continues an
    answer list rather than starting a new question."""
    for line in lines[number:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("//"):
            return stripped[0] in "=~#%}"
    return False


def _open_braces(block) -> bool:
    """A question whose answer braces span a blank line goes on."""
    text = _hide_escapes("\n".join(block))
    return text.count("{") > text.count("}")


def _question(raw: str, line: int, category: str) -> Parsed:
    where = _("line %(line)s") % {"line": line}
    parsed = Parsed(where=where, category=category)
    text = _hide_escapes(raw)
    title = re.match(r"^\s*::(.*?)::", text, re.S)
    if title:
        parsed.name = _clean(title.group(1))
        text = text[title.end() :]
    if text.count("{") != 1 or text.count("}") != 1 or text.index("{") > text.index("}"):
        parsed.stem = _clean(re.sub(r"[{}]", " ", text))
        parsed.problems.append(
            _(
                "The answers must be written once between { and } (found %(open)s { and %(close)s })."
            )
            % {"open": text.count("{"), "close": text.count("}")}
        )
        return parsed
    before, rest = text.split("{", 1)
    answers, after = rest.split("}", 1)
    parsed.stem = _clean(before + (" _____ " + after if after.strip() else ""))
    answers = answers.strip()
    general = ""
    if "####" in answers:
        answers, general = answers.split("####", 1)
        parsed.general_feedback = _clean(general)
        answers = answers.strip()
    if answers == "":
        parsed.kind = Question.Kind.ESSAY
        return parsed
    if answers.startswith("#"):
        parsed.problems.append(_("Numerical questions are not supported; use short answer."))
        return parsed
    if "->" in answers:
        parsed.problems.append(_("Matching questions are not supported."))
        return parsed
    truth = re.fullmatch(r"(T|TRUE|F|FALSE)\s*(#[^#]*)?(#.*)?", answers, re.I | re.S)
    if truth:
        is_true = truth.group(1).upper().startswith("T")
        wrong_fb = _clean((truth.group(2) or "#")[1:])
        right_fb = _clean((truth.group(3) or "#")[1:])
        parsed.kind = Question.Kind.TRUE_FALSE
        parsed.options = [
            ParsedOption(_("True"), is_true, right_fb if is_true else wrong_fb),
            ParsedOption(_("False"), not is_true, wrong_fb if is_true else right_fb),
        ]
        return parsed
    items = re.findall(r"([=~])([^=~]*)", answers)
    if not items or answers[0] not in "=~":
        parsed.problems.append(_("Each answer must start with = (right) or ~ (wrong)."))
        return parsed
    weighted = False
    for mark, body in items:
        body, _sep, feedback = body.partition("#")
        weight = _WEIGHT.match(body.strip())
        correct = mark == "="
        if weight:
            weighted = True
            body = body.strip()[weight.end() :]
            correct = float(weight.group(1)) > 0
        parsed.options.append(ParsedOption(_clean(body), correct, _clean(feedback)))
    if all(mark == "=" for mark, _body in items):
        parsed.kind = Question.Kind.SHORT
        parsed.accepted = [option.text for option in parsed.options]
        parsed.options = []
        if weighted:
            parsed.problems.append(_("Partial credit on short answers is not supported."))
    elif weighted or sum(option.is_correct for option in parsed.options) > 1:
        parsed.kind = Question.Kind.MULTIPLE
    else:
        parsed.kind = Question.Kind.SINGLE
    return parsed
