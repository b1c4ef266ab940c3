#!/usr/bin/env python3
"""Fail when modules import each other in a circle (issue 16), listing each circle.

import-linter's layers contract keeps imports going down between packages (portal > lms
> lessons > quizzes); this keeps them going one way between the modules of a package
too. Imports inside functions count: they are circles all the same. Run by .ci/run and
make lint, with the project's virtualenv (grimp comes with import-linter); an argument
names another checkout to look at.
"""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("quizzes", "lessons", "lms", "portal")


def circles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            for target in targets:
                if target not in graph.modules:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    imported = sorted(graph.find_modules_directly_imported_by(target))
                    work.append((target, iter(imported)))
                    break
                if target in on_stack:
                    low[module] = min(low[module], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    sys.path.insert(0, str(root))
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    found = circles(graph)
    for component in found:
        print("import circle: " + " -> ".join(component))
    if found:
        print(f"{len(found)} import circles: make the imports go one way.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
