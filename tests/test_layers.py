"""The library's modules import one another in one direction: down the layers, never round a cycle.

Every import counts, as Python would run it: at the top of a module, inside a function, under
``if TYPE_CHECKING:``, ``from .x import y`` and plain ``import hlmnotes.x.y`` alike. A cycle that only an
import inside a function keeps from failing at load time still ties two modules into one.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from .conftest import ROOT

LIBRARY = ROOT / "hlmnotes"

# Each package of the library may import those before it in this order, never one after it, not even
# inside a function: docs/design.md's layers, held by the code rather than by convention. The package
# itself (hlmnotes/__init__.py, __main__.py) stands above them all.
LAYERS = ("errors", "paths", "domain", "analysis", "storage", "io", "summary", "app", "widgets", "cli")


def module_name(path: Path) -> str:
    """``hlmnotes.summary.compose.build`` for hlmnotes/summary/compose/build.py; a package for its __init__."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(LIBRARY.rglob("*.py"))}


def imports(source: str, name: str, is_package: bool, modules: set[str]) -> set[str]:
    """The library modules a module ``name`` with ``source`` imports anywhere in its code.

    ``from package import x`` is an import of module ``package.x`` when there is one, else of ``package``;
    ``import a.b.c`` and ``from a.b.c import x`` of the deepest of ``a.b.c``, ``a.b``, ``a`` that is a module.
    """

    def deepest(dotted: str) -> str:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted

    package = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {deepest(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [node.module])])
            else:
                base = node.module or ""
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else deepest(base) for a in node.names}
    return found - {"", name}


def graph() -> dict[str, set[str]]:
    names = set(MODULES)
    return {
        name: imports(path.read_text(encoding="utf-8"), name, path.stem == "__init__", names)
        for name, path in MODULES.items()
    }


def layer(module: str) -> int:
    """The module's place in ``LAYERS``; the package itself above them all."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(LAYERS)
    return LAYERS.index(parts[1])


def test_the_reader_sees_every_kind_of_import():
    modules = {"hlmnotes", "hlmnotes.a", "hlmnotes.a.b", "hlmnotes.c", "hlmnotes.c.d", "hlmnotes.e", "hlmnotes.f"}
    source = (
        "import os\n"
        "import hlmnotes.a.b\n"
        "from . import e\n"
        "def later():\n"
        "    from ..c import d, thing\n"
        "    import hlmnotes.f.missing as m\n"
    )
    found = imports(source, "hlmnotes.a.x", False, modules)
    assert found == {"hlmnotes.a.b", "hlmnotes.a", "hlmnotes.c.d", "hlmnotes.c", "hlmnotes.f"}


def test_no_module_imports_one_that_imports_it_back():
    try:
        order = list(TopologicalSorter(graph()).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' → '.join(exc.args[1])}") from None
    assert set(order) >= set(MODULES)
    summary = "hlmnotes.summary."
    assert order.index(summary + "blocks") < order.index(summary + "render.preview")
    # the checker counts as the writer does
    assert order.index(summary + "compose.discussion") < order.index(summary + "verify.check")


def test_every_package_has_its_place_in_the_layers():
    assert {m.split(".")[1] for m in MODULES if m.count(".")} - {"__main__"} == set(LAYERS)


def test_no_layer_imports_one_above_it():
    wrong = [
        f"{MODULES[module].relative_to(ROOT)} imports {target}"
        for module, targets in graph().items()
        for target in sorted(targets)
        if layer(target) > layer(module)
    ]
    assert not wrong, wrong


def test_the_summary_core_imports_nothing_that_composes_writes_or_checks():
    core = {f"hlmnotes.summary.{p.stem}" for p in (LIBRARY / "summary").glob("*.py") if p.stem != "__init__"}
    above = ("hlmnotes.summary.compose", "hlmnotes.summary.render", "hlmnotes.summary.verify")
    wrong = [f"{m} imports {t}" for m, targets in graph().items() if m in core for t in targets if t.startswith(above)]
    assert not wrong, wrong


LOADED = """
import json, sys
{statement}
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(statement: str) -> set[str]:
    """The modules a fresh Python has loaded after ``statement`` (this checkout's hlmnotes first on the path)."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(statement=statement)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return set(json.loads(done.stdout))


def test_the_text_rules_load_nothing_above_the_domain_and_not_pandas():
    loaded = loaded_by("import hlmnotes.domain.text")
    assert "hlmnotes.domain.text" in loaded
    ours = {m for m in loaded if m.startswith("hlmnotes.")}
    assert {m for m in ours if layer(m) > LAYERS.index("domain")} == set()
    assert "pandas" not in loaded


def test_the_workspace_is_imported_from_the_package_on_first_use():
    loaded = loaded_by("import hlmnotes")
    assert not {m for m in loaded if m.startswith("hlmnotes.")}, "the package imports its parts eagerly"
    loaded = loaded_by(
        "from hlmnotes import Workspace, ValidationError, load_programme\n"
        "import hlmnotes.app.workspace, hlmnotes.errors\n"
        "assert Workspace is hlmnotes.app.workspace.Workspace and ValidationError is hlmnotes.errors.ValidationError\n"
        "import hlmnotes\n"
        "assert sorted(hlmnotes.__all__) == sorted(n for n in hlmnotes.__all__ if getattr(hlmnotes, n))\n"
        "try:\n    hlmnotes.Nothing\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit('no AttributeError')\n"
    )
    assert "hlmnotes.app.workspace" in loaded
