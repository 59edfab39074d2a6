"""A panel's interventions kept current incrementally, for screens that refresh after every save.

Re-reading a whole panel after each save costs ~100 ms at 5,000 records; following the store's
history from the last revision seen costs a millisecond, and also brings in what other rapporteurs
saved (poll ``refresh`` every few seconds).
"""

from __future__ import annotations

import pandas as pd

from . import tables
from .model import Intervention
from .store import Store


class PanelView:
    """The live records of one panel, in order of speaking, as of the last ``refresh``."""

    def __init__(self, store: Store, panel: int):
        self.store = store
        self.panel = panel
        self.revision = store.revision()
        self._records: dict[int, Intervention] = {r.id: r for r in store.interventions(panel)}  # type: ignore[misc]

    def refresh(self) -> bool:
        """Apply every change since the last refresh; True when anything changed."""
        revision, changes = self.store.changes_since(self.revision, self.panel)
        self.revision = revision
        for record, deleted in changes:
            if deleted:
                self._records.pop(record.id, None)  # type: ignore[arg-type]
            else:
                self._records[record.id] = record  # type: ignore[index]
        return bool(changes)

    def records(self) -> list[Intervention]:
        return sorted(self._records.values(), key=lambda r: (r.seq or 0, r.id or 0))

    def __len__(self) -> int:
        return len(self._records)

    def seconds_used(self) -> int:
        return sum(r.duration_s or 0 for r in self._records.values())

    def frame(self, last: int | None = None) -> pd.DataFrame:
        """The table the Recorder shows: the ``last`` interventions (all when None), newest last."""
        records = self.records()
        return tables.interventions(records[-last:] if last else records)
