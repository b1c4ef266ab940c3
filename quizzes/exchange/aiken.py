"""The Aiken format: single-choice questions as plain text.

    Nghị quyết được ban hành năm nào?
    A. 2016
    B) 2021
    ANSWER: B

Questions are separated by a blank line (or follow on directly after an ANSWER line).
"""

import re

from django.utils.translation import gettext as _

from ..models import Question
from .parsed import Parsed, ParsedOption

_OPTION = re.compile(r"^([A-Z])\s*[.)]\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.I)


def read(text: str) -> list[Parsed]:
    questions = []
    current: Parsed | None = None
    letters: list[str] = []

    def finish():
        nonlocal current
        if current is not None:
            if not current.kind:
                current.problems.append(_("The ANSWER: line is missing."))
            questions.append(current)
        current = None

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            if current is not None and not current.options:
                continue  # a blank line inside a long question's text
            finish()
            continue
        if current is None:
            current = Parsed(where=_("line %(line)s") % {"line": number}, stem=stripped)
            letters = []
            continue
        answer = _ANSWER.match(stripped)
        option = _OPTION.match(stripped)
        if answer:
            letter = answer.group(1).strip().upper()
            current.kind = Question.Kind.SINGLE
            if letter not in letters:
                current.problems.append(
                    _("ANSWER: %(letter)s is not one of the options (%(letters)s).")
                    % {"letter": letter or "?", "letters": ", ".join(letters) or "-"}
                )
            for option_letter, parsed_option in zip(letters, current.options, strict=True):
                parsed_option.is_correct = option_letter == letter
            finish()
        elif option:
            letters.append(option.group(1))
            current.options.append(ParsedOption(option.group(2).strip()))
        elif current.options:
            current.problems.append(
                _("Line %(line)s is neither an option (A. ...) nor the ANSWER: line.")
                % {"line": number}
            )
        else:
            current.stem += "\n" + stripped
    finish()
    return questions
