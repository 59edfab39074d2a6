"""A panel's interventions kept current incrementally, for screens that refresh after every save.

Re-reading a whole panel after each save costs ~100 ms at 5,000 records; following the store's
history from the last revision seen costs a millisecond, and also brings in what other rapporteurs
saved (poll ``refresh`` every few seconds).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..domain.model import SavedIntervention
from .store import Store

if TYPE_CHECKING:
    import pandas as pd


def _order(record: SavedIntervention) -> tuple[int, int, int]:
    """Order of speaking: by panel, seq, then id (the store's ``interventions`` order)."""
    return (record.panel or 0, record.seq or 0, record.id)


class PanelView:
    """The live records of one panel (None: every panel), in order of speaking, as of the last ``refresh``."""

    def __init__(self, store: Store, panel: int | None):
        self.store = store
        self.panel = panel
        self.revision = store.history.revision()
        self._records: dict[int, SavedIntervention] = {r.id: r for r in store.records.interventions(panel)}
        # The records' order keys, kept sorted as changes arrive (a binary search and one C-level move
        # each): the last rows of a 50,000-record store are a slice, not a sort or a scan per save.
        self._keys = sorted(_order(r) for r in self._records.values())
        self._seconds = sum(r.duration_s or 0 for r in self._records.values())

    def refresh(self) -> bool:
        """Apply every change since the last refresh; True when anything changed."""
        revision, changes = self.store.history.changes_since(self.revision, self.panel)
        self.revision = revision
        for record, deleted in changes:
            before = self._records.pop(record.id, None)
            if before is not None:
                self._seconds -= before.duration_s or 0
                del self._keys[bisect.bisect_left(self._keys, _order(before))]
            if not deleted:
                self._records[record.id] = record
                self._seconds += record.duration_s or 0
                bisect.insort(self._keys, _order(record))
        return bool(changes)

    def records(self) -> list[SavedIntervention]:
        return [self._records[key[2]] for key in self._keys]

    def last(self, count: int) -> list[SavedIntervention]:
        """The ``count`` latest in order of speaking, oldest first, without sorting or scanning the panel."""
        return [self._records[key[2]] for key in self._keys[-count:]] if count > 0 else []

    def __len__(self) -> int:
        return len(self._records)

    def seconds_used(self) -> int:
        return self._seconds  # kept by refresh: a save at 50,000 stored does not add them all up again

    def frame(self, last: int | None = None) -> pd.DataFrame:
        """The table the Recorder shows: the ``last`` interventions (all when None), newest last."""
        from ..analysis import tables

        return tables.interventions(self.last(last) if last else self.records())
