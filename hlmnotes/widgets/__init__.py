"""The rapporteur's workbench as ipywidgets views: thin classes over the ``Workspace``.

Each view owns its widgets as attributes (tests set ``.value`` and call ``.click()``; the Recorder's
form lives in the browser, so its tests send what the browser sends: ``pad.edit(...)``, ``pad.press(...)``), shows itself
when it is the last expression of a cell, and reports every failure on its status line and log.
"""

from importlib import import_module
from typing import Any

# Each view is imported when first used: the Recorder must start fast in the room, and the Review's
# charts (matplotlib) and the Drafter's Word writer are not needed to record.
_WHERE = {
    "ChairView": "chair", "Drafter": "drafter",
    "MeetingView": "meeting", "meeting_summary": "meeting", "programme_tables": "meeting",
    "Recorder": "recorder", "Review": "review",
    "panel_in_session": "_session", "remember_rapporteur": "_session", "remembered_rapporteur": "_session",
}  # fmt: skip
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
