"""What a file format (aiken, gift, xlsx) reads a question into, and the checks of one
parsed question; the formats and the importer both import it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import AcceptedAnswer, Option, Question

MAX_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 2000
MAX_TEXT = 20_000


class FileRefused(Exception):
    """The file as a whole cannot be read (wrong format, too big, not text)."""


@dataclass
class ParsedOption:
    text: str
    is_correct: bool = False
    feedback: str = ""


@dataclass
class Parsed:
    """One question as read from a file; ``where`` is "line 12" or "row 5"."""

    where: str
    kind: str = ""
    stem: str = ""
    name: str = ""
    category: str = ""
    points: Decimal = Decimal(1)
    options: list[ParsedOption] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    general_feedback: str = ""
    diacritics_matter: bool = False
    problems: list[str] = field(default_factory=list)

    def check(self) -> list[str]:
        """Problems found while reading plus those of the answer key."""
        problems = list(self.problems)
        if not self.stem.strip():
            problems.append(_("The question has no text."))
        if len(self.stem) > MAX_TEXT:
            problems.append(_("The question text is longer than 20,000 characters."))
        if self.kind not in Question.Kind.values:
            if not problems:
                problems.append(_("The question type is missing or unknown."))
            return problems
        if self.points < 0 or self.points > 1000:
            problems.append(_("Points are from 0 to 1000."))
        key = Question(kind=self.kind).key_problems(
            options=[Option(is_correct=option.is_correct) for option in self.options],
            accepted=[AcceptedAnswer(text=text) for text in self.accepted],
        )
        return problems + key


_SLASH = "\x00"


def category_levels(path: str) -> list[str]:
    """The category names of a path, top first. "/" separates levels, as in Moodle's GIFT;
    a "/" that is part of a name is written ``\\/`` (or ``//``, Moodle's own escape):
    ``Kết luận 21-KL\\/TW`` is one category, ``Kết luận 21-KL/TW`` two ("Kết luận
    21-KL" and "TW" below it)."""
    path = path.replace("\\/", _SLASH).replace("//", _SLASH)
    names = [part.replace(_SLASH, "/").strip() for part in path.split("/")]
    return [name[:200] for name in names if name]


def escape_level(name: str) -> str:
    """A category name written into a path so that it reads back as one level."""
    return name.replace("/", "\\/")
