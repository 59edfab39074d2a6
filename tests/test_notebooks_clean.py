"""The shipped notebooks are committed clean and stay a few cells of calls into hlmnotes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _cleaner():
    spec = importlib.util.spec_from_file_location("clean_notebooks", ROOT / "tools" / "clean_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_five_notebooks_are_there():
    assert [p.name for p in NOTEBOOKS] == [
        "01_meeting.ipynb", "02_record.ipynb", "03_review.ipynb", "04_summary.ipynb", "05_chair.ipynb",
    ]  # fmt: skip


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_widget_state(path):
    assert _cleaner().problems(nbformat.read(path, as_version=4), path.name) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_few_cells_that_open_the_store_named_by_the_environment(path):
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert len(code) <= 8
    assert sum(s.count("\n") + 1 for s in code) <= 40  # the logic lives in hlmnotes, not here
    assert "Workspace.open()" in "\n".join(code)  # HLMNOTES_STORE when set
