"""Where the shipped data and the default workspace live."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MEETING = "hlm2017"


def project_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """``data/`` of the project; ``HLMNOTES_DATA`` points elsewhere (an installed copy, a test)."""
    return Path(os.environ.get("HLMNOTES_DATA") or project_dir() / "data")


def default_store() -> str:
    """The store used when none is named: ``HLMNOTES_STORE``, else the 2017 meeting under ``workspace/``."""
    return os.environ.get("HLMNOTES_STORE") or str(project_dir() / "workspace" / f"{DEFAULT_MEETING}.sqlite")


def cache_dir() -> Path:
    """``HLMNOTES_CACHE``, else the user's cache folder (XDG's on Linux, LOCALAPPDATA on Windows) /hlmnotes."""
    given = os.environ.get("HLMNOTES_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else "")
    return (Path(base) if base else Path.home() / ".cache") / "hlmnotes"
