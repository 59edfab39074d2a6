"""Keep the committed notebooks clean: no outputs, no widget state, no execution counts.

Cells marked ``# NBVAL_CHECK_OUTPUT`` keep their outputs, because nbval compares them; ``--execute``
first runs every notebook against a temporary store (as the tests do) to refresh those outputs.

    python tools/clean_notebooks.py            # strip notebooks/*.ipynb in place
    python tools/clean_notebooks.py --execute  # run them, keep the checked outputs, strip the rest
    python tools/clean_notebooks.py --check    # exit 1 if any notebook is not clean (CI, tests)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor, ExecutePreprocessor

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MARK = "# NBVAL_CHECK_OUTPUT"
HERMETIC = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
            "XDG_CONFIG_HOME", "XDG_CACHE_HOME")  # fmt: skip


def checked(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and cell.source.lstrip().startswith(MARK)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb, _ = ClearMetadataPreprocessor(preserve_cell_metadata_mask=["tags"],
                                      preserve_nb_metadata_mask=["kernelspec", "language_info"]).preprocess(nb, {})  # fmt: skip
    nb.metadata.get("language_info", {}).pop("version", None)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, 1):
        if checked(cell):
            # nbval refuses a cell with outputs and no execution count ("unrun reference cell")
            cell.execution_count = number
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = number
        else:
            cell.execution_count = None
            cell.outputs = []
    return nb


def strip_on_save(model: dict, **kwargs: object) -> None:
    """A Jupyter pre-save hook (tools/jupyter/jupyter_server_config.py): a notebook is saved clean."""
    if model.get("type") == "notebook" and model.get("content") is not None:
        model["content"] = clean(nbformat.from_dict(model["content"]))


def problems(nb: nbformat.NotebookNode, name: str) -> list[str]:
    found = []
    if "widgets" in nb.metadata:
        found.append(f"{name}: widget state in the notebook metadata")
    if "kernelspec" not in nb.metadata:
        found.append(f"{name}: no kernelspec")
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        if cell.execution_count is not None and not checked(cell):
            found.append(f"{name}: cell {i} has an execution count")
        if cell.outputs and not checked(cell):
            found.append(f"{name}: cell {i} has outputs but is not marked {MARK}")
        if checked(cell) and not cell.outputs:
            found.append(f"{name}: cell {i} is marked {MARK} but has no committed output")
    return found


def execute(nb: nbformat.NotebookNode, folder: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HLMNOTES_STORE"] = str(Path(tmp) / "meeting.sqlite")
        for name in HERMETIC:
            os.environ[name] = str(Path(tmp) / name.lower())
        ExecutePreprocessor(timeout=180, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(folder)}})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--execute", action="store_true", help="run each notebook first to refresh checked outputs")
    parser.add_argument("--check", action="store_true", help="only report notebooks that are not clean")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    args = parser.parse_args()
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    found = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if args.check:
            found += problems(nb, path.name)
            continue
        if args.execute:
            execute(nb, path.parent)
        nbformat.write(clean(nb), path)
        print(f"cleaned {path.name}")
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
