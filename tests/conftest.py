"""Shared fixtures: an in-memory workspace for speed, a store file for anything about durability."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hlmnotes import Workspace

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PROGRAMME = ROOT / "data" / "hlm2017" / "programme.toml"


@pytest.fixture(autouse=True, scope="session")
def _hermetic(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Jupyter, IPython and matplotlib write their state into a temporary folder, never $HOME."""
    home = tmp_path_factory.mktemp("home")
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
                 "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # fmt: skip
        os.environ[name] = str(home / name.lower())
    os.environ.pop("HLMNOTES_STORE", None)


@pytest.fixture
def ws() -> Workspace:
    """The 2017 meeting over an in-memory store."""
    workspace = Workspace.open(":memory:")
    yield workspace
    workspace.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store file initialised with the 2017 meeting."""
    path = tmp_path / "meeting.sqlite"
    Workspace.init(path, PROGRAMME).close()
    return path
