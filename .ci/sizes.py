#!/usr/bin/env python3
"""Fail when a module is over 500 lines or a function over 80 lines (issue 16).

Counts the code of the apps (lms, lessons, quizzes, portal), not migrations, demo data
or tests. ``ALLOWED`` names the modules whose split is under way elsewhere; each entry
says where, and goes when the split lands. Run by .ci/run and make lint.
"""

import ast
import fnmatch
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("lms", "lessons", "quizzes", "portal")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
SKIPPED = ("*/migrations/*", "*/demo/*", "*/demo_*.py", "*/tests/*", "*/test_*.py")

# Path patterns (fnmatch) of modules whose split is under way, each with where; empty
# since the province generator and the annual sheet were split (issue 16).
ALLOWED: dict[str, str] = {}


def _allowed(path: str) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in ALLOWED)


def offenders(root: Path = ROOT) -> list[str]:
    found = []
    for package in PACKAGES:
        for file in sorted((root / package).rglob("*.py")):
            path = file.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(path, pattern) for pattern in SKIPPED) or _allowed(path):
                continue
            source = file.read_text(encoding="utf-8")
            lines = len(source.splitlines())
            if lines > MAX_MODULE_LINES:
                found.append(f"{path}: {lines} lines (at most {MAX_MODULE_LINES})")
            for node in ast.walk(ast.parse(source, path)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        found.append(
                            f"{path}:{node.lineno}: {node.name}() is {length} lines "
                            f"(at most {MAX_FUNCTION_LINES})"
                        )
    return found


def main() -> int:
    found = offenders()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} too long: split them along the domain.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
