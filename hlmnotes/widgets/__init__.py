"""The rapporteur's workbench as ipywidgets views: thin classes over the ``Workspace``.

Each view owns its widgets as attributes (tests set ``.value`` and call ``.click()``), shows itself
when it is the last expression of a cell, and reports every failure on its status line and log.
"""

from ._session import panel_in_session, remember_rapporteur, remembered_rapporteur
from .drafter import Drafter
from .meeting import MeetingView, meeting_summary, programme_tables
from .recorder import Recorder
from .review import Review, filter_records, tag_interventions

__all__ = [
    "Drafter", "MeetingView", "Recorder", "Review", "filter_records", "meeting_summary", "panel_in_session",
    "programme_tables", "remember_rapporteur", "remembered_rapporteur", "tag_interventions",
]  # fmt: skip
