"""The format-neutral half of importing: reading a file by its format, checking the parsed
questions and saving them. What a format reads into is in ``parsed``."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from ..models import AcceptedAnswer, Option, Question, QuestionCategory
from ..text import normalise
from . import aiken, gift, xlsx
from .parsed import (
    MAX_BYTES,
    MAX_QUESTIONS,
    MAX_TEXT,
    FileRefused,
    Parsed,
    ParsedOption,
    category_levels,
    escape_level,
)

__all__ = [
    "MAX_BYTES",
    "MAX_QUESTIONS",
    "MAX_TEXT",
    "FileRefused",
    "Parsed",
    "ParsedOption",
    "category_levels",
    "escape_level",
]


@dataclass
class Problem:
    where: str
    text: str
    messages: list[str]


@dataclass
class Outcome:
    """What became of one question of the file."""

    IMPORTED = "imported"
    READY = "ready"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    HELD = "held"

    where: str
    text: str
    category: list[str]
    status: str
    messages: list[str] = field(default_factory=list)

    @property
    def category_path(self) -> str:
        return " › ".join(self.category)

    @property
    def status_label(self) -> str:
        return {
            self.IMPORTED: _("imported"),
            self.READY: _("will be imported"),
            self.DUPLICATE: _("skipped: already in the bank"),
            self.REFUSED: _("refused"),
            self.HELD: _("not imported: other questions of the file have problems"),
        }[self.status]


@dataclass
class ImportResult:
    created: int = 0
    duplicates: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    checked_only: bool = False

    @property
    def refused_where(self) -> list[str]:
        return [problem.where for problem in self.problems]


def rich(text: str) -> str:
    """Plain text from a file as rich text: escaped, line breaks kept. No HTML from a file
    reaches a page."""
    text = text.strip()
    return linebreaks(escape(text)) if text else ""


def read_file(name: str, data: bytes, fmt: str = "") -> list[Parsed]:
    """Parse an uploaded file by its format ("gift", "aiken", "xlsx"; guessed from the
    name when empty)."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 2 MB."))
    fmt = fmt or guess_format(name, data)
    if fmt == "xlsx":
        parsed = xlsx.read(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileRefused(
                _("The file is not UTF-8 text. Save it as UTF-8 and upload it again.")
            ) from None
        if fmt == "gift":
            parsed = gift.read(text)
        elif fmt == "aiken":
            parsed = aiken.read(text)
        else:
            raise FileRefused(_("Choose the file's format: GIFT, Aiken or the XLSX template."))
    if not parsed:
        raise FileRefused(_("No questions were found in the file."))
    if len(parsed) > MAX_QUESTIONS:
        raise FileRefused(_("A file may hold at most 2,000 questions."))
    return parsed


def guess_format(name: str, data: bytes) -> str:
    name = name.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return "xlsx"
    if name.endswith(".gift"):
        return "gift"
    if name.endswith(".aiken"):
        return "aiken"
    return ""


def _category(course_id, root: QuestionCategory, path: str, made: dict) -> QuestionCategory:
    """The category a question goes to: the chosen one, or a sub-category path below it
    ("Chương 1/Mốc thời gian"), created when missing."""
    category = root
    for name in category_levels(path):
        key = (category.pk, name)
        if key not in made:
            made[key], _created = QuestionCategory.objects.get_or_create(
                course_id=course_id, parent=category, name=name
            )
        category = made[key]
    return category


def import_questions(
    parsed: list[Parsed],
    category: QuestionCategory,
    *,
    skip_bad: bool = False,
    check_only: bool = False,
) -> ImportResult:
    """Save parsed questions into ``category`` (or sub-categories named by the file).
    Any bad question refuses the whole file unless ``skip_bad``. Every question of the file
    gets an ``Outcome`` (imported, skipped as a duplicate, refused with its problems, or
    held back), so none goes missing. ``check_only`` works it all out, categories and
    duplicates included, and saves nothing."""
    result = ImportResult(checked_only=check_only)
    root_path = category.path_names()
    checked = []
    for question in parsed:
        messages = question.check()
        text = (question.name or question.stem)[:120]
        outcome = Outcome(
            question.where, text, root_path + category_levels(question.category), "", messages
        )
        result.outcomes.append(outcome)
        if messages:
            outcome.status = Outcome.REFUSED
            result.problems.append(Problem(question.where, text, messages))
        else:
            checked.append((question, outcome))
    if result.problems and not skip_bad:
        for _question, outcome in checked:
            outcome.status = Outcome.HELD
        return result
    result.skipped = len(result.problems)
    made: dict = {}
    seen: dict = {}
    with transaction.atomic():
        for question, outcome in checked:
            target = _category(category.course_id, category, question.category, made)
            stem = rich(question.stem)
            known = _stems(target, question.kind, seen)
            if normalise(stem, diacritics_matter=True) in known:
                result.duplicates += 1
                outcome.status = Outcome.DUPLICATE
                continue
            known.add(normalise(stem, diacritics_matter=True))
            result.created += 1
            if check_only:
                outcome.status = Outcome.READY
                continue
            outcome.status = Outcome.IMPORTED
            saved = Question(
                category=target,
                kind=question.kind,
                name=question.name[:255],
                stem=stem,
                points=question.points,
                general_feedback=rich(question.general_feedback),
                diacritics_matter=question.diacritics_matter,
            )
            saved.options = [
                Option(text=rich(o.text), is_correct=o.is_correct, feedback=rich(o.feedback))
                for o in question.options
            ]
            saved.accepted_answers = [AcceptedAnswer(text=a[:500]) for a in question.accepted]
            saved.save()
        if check_only:
            transaction.set_rollback(True)
    return result


def _stems(category, kind, seen: dict) -> set:
    """The texts of the category's questions of one type, normalised, read once."""
    key = (category.pk, kind)
    if key not in seen:
        seen[key] = {
            normalise(stem, diacritics_matter=True)
            for stem in Question.objects.filter(category=category, kind=kind).values_list(
                "stem", flat=True
            )
        }
    return seen[key]
