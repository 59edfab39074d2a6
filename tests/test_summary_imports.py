"""The summary's modules import each other in one direction: no cycle, even through an import inside a function."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

SUMMARY = Path(__file__).resolve().parent.parent / "hlmnotes" / "summary"


def imports(path: Path) -> set[str]:
    """The sibling modules ``path`` imports anywhere in its code (``from .x import …``, ``from . import x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
    return found


def test_no_module_of_the_summary_imports_one_that_imports_it_back():
    modules = {p.stem: p for p in SUMMARY.glob("*.py") if p.stem != "__init__"}
    graph = {name: imports(path) & set(modules) for name, path in modules.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle in hlmnotes/summary: {' → '.join(exc.args[1])}") from None
    assert order.index("blocks") < order.index("preview") < order.index("model")


# Each package of the library may import those before it in this order, never one after it, not even
# inside a function: docs/design.md's layers, held by the code rather than by convention.
LAYERS = ("errors", "paths", "domain", "analysis", "storage", "io", "summary", "app", "widgets", "cli")


def imported_packages(path: Path) -> set[str]:
    """The top-level hlmnotes packages ``path`` imports anywhere in its code (relative imports resolved)."""
    package = path.parent.relative_to(SUMMARY.parent).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = (*base, *(node.module.split(".") if node.module else ()))
            found |= {target[0]} if target else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hlmnotes."):
            found.add(node.module.split(".")[1])
    return found


def test_no_layer_imports_one_above_it():
    wrong = []
    for path in sorted(SUMMARY.parent.rglob("*.py")):
        own = path.relative_to(SUMMARY.parent).parts[0].removesuffix(".py")
        if own not in LAYERS:
            continue
        above = {p for p in imported_packages(path) if p in LAYERS and LAYERS.index(p) > LAYERS.index(own)}
        wrong += [f"{path.relative_to(SUMMARY.parent.parent)} imports {p}" for p in sorted(above)]
    assert not wrong, wrong
