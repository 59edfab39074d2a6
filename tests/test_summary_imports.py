"""The summary's modules import each other in one direction: no cycle, even through an import inside a function."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

SUMMARY = Path(__file__).resolve().parent.parent / "hlmnotes" / "summary"


def module_name(path: Path) -> str:
    """``compose.build`` for ``hlmnotes/summary/compose/build.py``; ``compose`` for its ``__init__``."""
    parts = path.relative_to(SUMMARY).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The summary modules ``path`` imports anywhere in its code, relative imports resolved."""
    package = module_name(path).split(".")[: -1 if path.stem != "__init__" else None] if module_name(path) else []
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.level - 1 > len(package):
                continue  # above the summary
            target = [*base, *(node.module.split(".") if node.module else ())]
            found |= {".".join([*target, a.name]) for a in node.names} | {".".join(target)}
    return found


def test_no_module_of_the_summary_imports_one_that_imports_it_back():
    modules = {module_name(p): p for p in SUMMARY.rglob("*.py") if module_name(p)}
    graph = {name: imports(path) & set(modules) - {name} for name, path in modules.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle in hlmnotes/summary: {' → '.join(exc.args[1])}") from None
    assert order.index("blocks") < order.index("render.preview")
    assert order.index("compose.discussion") < order.index("verify.check")  # the checker counts as the writer does


def test_the_core_imports_nothing_that_composes_writes_or_checks():
    core = [p for p in SUMMARY.glob("*.py") if p.stem != "__init__"]
    wrong = [f"{p.name} imports {m}" for p in core for m in imports(p) if m.split(".")[0] in ("compose", "render", "verify")]
    assert not wrong, wrong


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
