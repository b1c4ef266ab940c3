"""The CI checks of issue 16 find what they are for: a module too long, a function too
long, modules importing each other in a circle."""

import importlib.util
import sys
from pathlib import Path

import grimp

CI = Path(__file__).resolve().parent.parent / ".ci"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"ci_{name}", CI / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sizes_lists_long_modules_and_functions_but_not_migrations_or_allowed(
    tmp_path, monkeypatch
):
    sizes = _load("sizes")
    monkeypatch.setattr(sizes, "ALLOWED", {"lms/reports/generate*": "split under way"})
    (tmp_path / "lms" / "migrations").mkdir(parents=True)
    (tmp_path / "lms" / "reports").mkdir()
    for package in ("lessons", "quizzes", "portal"):
        (tmp_path / package).mkdir()
    long_body = "".join(f"    x{n} = {n}\n" for n in range(85))
    (tmp_path / "lms" / "short.py").write_text("def fine():\n    return 1\n")
    (tmp_path / "lms" / "long_function.py").write_text(f"def long():\n{long_body}")
    (tmp_path / "quizzes" / "long_module.py").write_text("x = 1\n" * 501)
    (tmp_path / "lms" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    (tmp_path / "lms" / "reports" / "generate.py").write_text("x = 1\n" * 900)
    found = sizes.offenders(tmp_path)
    assert found == [
        "lms/long_function.py:1: long() is 86 lines (at most 80)",
        "quizzes/long_module.py: 501 lines (at most 500)",
    ]


def test_the_project_has_no_module_or_function_too_long():
    assert _load("sizes").offenders() == []


def test_cycles_finds_modules_importing_each_other(tmp_path, monkeypatch):
    cycles = _load("cycles")
    package = tmp_path / "circular_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def serve():\n    from . import views\n")
    (package / "views.py").write_text("from . import models\n")
    (package / "other.py").write_text("from . import models\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circular_pkg", cache_dir=None)
    assert cycles.circles(graph) == [["circular_pkg.models", "circular_pkg.views"]]
    sys.modules.pop("circular_pkg", None)
