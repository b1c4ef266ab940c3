"""The wheel carries every file the plugin needs at run time.

Usage: check_wheel.py WHEEL SOURCE_DIR. Every file of lms, lessons and quizzes under a
templates, static, locale (.po and the compiled .mo), fonts or migrations directory of the
source tree must be in the wheel, and so must every Python module; exits 1 listing what
is missing."""

import sys
import zipfile
from pathlib import Path

PACKAGES = ("lms", "lessons", "quizzes")
DATA_DIRS = {"templates", "static", "locale", "fonts", "migrations"}


def needed(source: Path) -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (source / package).rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(source)
            if path.suffix == ".py" or DATA_DIRS & set(relative.parts):
                found.add(relative.as_posix())
    return found


def main(wheel: str, source: str) -> int:
    names = set(zipfile.ZipFile(wheel).namelist())
    want = needed(Path(source))
    missing = sorted(want - names)
    kinds = {kind: sum(f"/{kind}/" in name for name in want) for kind in sorted(DATA_DIRS)}
    if missing:
        print(f"{len(missing)} files missing from {Path(wheel).name}:", *missing[:40], sep="\n  ")
        return 1
    mo = sum(name.endswith(".mo") for name in want)
    print(f"wheel complete: {len(want)} files of {', '.join(PACKAGES)}; {kinds}; {mo} .mo")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
