"""`make run` leaves the tracked notebooks as committed: JupyterLab, configured as `make run` configures it,
saves every notebook without outputs or widget state and does not list the tests' conftest.py."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import urllib.request
from pathlib import Path

import nbformat

from .browser import copy_notebooks, hermetic_env, jupyterlab

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tools" / "jupyter"


def _cleaner():
    spec = importlib.util.spec_from_file_location("clean_notebooks", ROOT / "tools" / "clean_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _api(server, path: str, method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{server.base}/api/contents/{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {server.token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_make_run_points_jupyterlab_at_the_projects_configuration():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/tools/jupyter' in recipe and "jupyter lab" in recipe
    assert (CONFIG / "jupyter_server_config.py").is_file()


def test_a_notebook_saved_after_run_all_is_written_clean_and_conftest_is_hidden(tmp_path):
    root = copy_notebooks(ROOT / "notebooks", tmp_path / "notebooks", ["01_meeting.ipynb"])
    shutil.copy(ROOT / "notebooks" / "conftest.py", root / "conftest.py")
    env = hermetic_env(tmp_path / "env", tmp_path / "meeting.sqlite")
    env["JUPYTER_CONFIG_PATH"] = str(CONFIG)  # what `make run` sets
    with jupyterlab(root, env, tmp_path / "lab.log") as server:
        model = _api(server, "01_meeting.ipynb")["content"]
        # What JupyterLab's autosave sends after Run All: outputs, counts and the widgets' state.
        # (Cells marked NBVAL_CHECK_OUTPUT keep their committed outputs: nbval compares them.)
        code = [c for c in model["cells"] if c["cell_type"] == "code" and "NBVAL_CHECK_OUTPUT" not in c["source"]]
        for number, cell in enumerate(code, 1):
            cell["execution_count"] = number
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hlm2017: 0 interventions\n"}]
        model["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
        _api(server, "01_meeting.ipynb", "PUT", {"type": "notebook", "format": "json", "content": model})
        listed = [item["name"] for item in _api(server, "")["content"]]
    saved = nbformat.read(root / "01_meeting.ipynb", as_version=4)
    assert _cleaner().problems(saved, "01_meeting.ipynb") == []
    assert saved == nbformat.read(ROOT / "notebooks" / "01_meeting.ipynb", as_version=4)
    assert "01_meeting.ipynb" in listed and "conftest.py" not in listed
