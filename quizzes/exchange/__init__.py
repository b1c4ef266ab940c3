"""Moving questions in and out of the bank: GIFT and Aiken text files and an XLSX
template with Vietnamese headers (import), and the bank as XLSX (export).

Each format's reader turns a file into ``Parsed`` questions, each remembering where it came
from (a line or a row) and what is wrong with it. ``import_questions`` then saves them all
in one transaction, or nothing when any is bad, unless the caller asks to skip the bad
ones. Questions already in the bank (same category, type and text) are not added twice,
so importing a file again changes nothing.
"""

from .importer import ImportResult, Parsed, ParsedOption, import_questions, read_file

__all__ = ["ImportResult", "Parsed", "ParsedOption", "import_questions", "read_file"]
