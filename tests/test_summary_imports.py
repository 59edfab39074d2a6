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
