"""hlmnotes: record a UN meeting's interventions by panel question and draft the Chair's summary.

The public names are imported on first use (``from hlmnotes import Workspace``), not when the package
loads: every module of the library loads this package first, and ``import hlmnotes.domain.text`` would
otherwise bring the Workspace, the store and the analysis with it (tests/test_layers.py holds it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app.workspace import Workspace
    from .domain.model import CATEGORIES, COLUMNS, FLAGS, Intervention, SavedIntervention
    from .domain.programme import Programme, load_programme
    from .errors import ConflictError, HlmnotesError, NotFoundError, ProgrammeError, StoreError, ValidationError

__all__ = [
    "CATEGORIES", "COLUMNS", "FLAGS", "ConflictError", "HlmnotesError", "Intervention", "NotFoundError",
    "ProgrammeError", "Programme", "SavedIntervention", "StoreError", "ValidationError", "Workspace",
    "load_programme",
]  # fmt: skip
__version__ = "0.1.0"

# Where each public name is defined (the imports above, for the type checker, say the same).
_HOME = {
    "Workspace": ".app.workspace",
    **dict.fromkeys(("CATEGORIES", "COLUMNS", "FLAGS", "Intervention", "SavedIntervention"), ".domain.model"),
    **dict.fromkeys(("Programme", "load_programme"), ".domain.programme"),
    **dict.fromkeys(
        ("ConflictError", "HlmnotesError", "NotFoundError", "ProgrammeError", "StoreError", "ValidationError"),
        ".errors",
    ),
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for, then kept here."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
