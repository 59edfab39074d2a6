"""The durable store: every save committed before it returns, history kept, deletions soft.

By default one SQLite file per meeting, in WAL mode with ``synchronous=FULL``; writes take the single
write lock (``BEGIN IMMEDIATE``) and wait on a busy timeout, so several rapporteurs' kernels can write
one file without "database is locked", and what the screen confirms survives a crash. A meeting
shared between laptops uses a PostgreSQL URL instead (``backends.py``), with the same behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..domain.model import Intervention, SavedIntervention
from ..domain.points import PointGroup, PointKey, RejectedGroup
from ..domain.speakers import Inscribed, SpeakerEntry
from .database import Database
from .drafts import Drafts, Settings
from .history import History, Undone
from .point_groups import PointGroups
from .records import Records
from .speakers_list import SpeakersLists

__all__ = ["Store", "Undone"]


class Store:
    """One meeting's store: its database and a repository per table, each holding that one database.

    ``store.records`` (interventions), ``store.history`` (undo, changes, merge states),
    ``store.speakers_lists``, ``store.groups`` (groups of points), ``store.drafts``, ``store.settings``;
    ``store.db`` is the connection, its transactions and the meta entries. The repositories share one
    write lock and transaction through it, so ``store.db.transaction()`` spans several of them.
    """

    def __init__(self, target: str | Path = ":memory:", *, create: bool = True, read_only: bool = False):
        """Open the store at ``target`` (see ``Database``: only ``create=True`` gives an empty one tables)."""
        self.db = Database(target, create=create, read_only=read_only)
        self.records = Records(self.db)
        self.history = History(self.db)
        self.speakers_lists = SpeakersLists(self.db)
        self.groups = PointGroups(self.db)
        self.drafts = Drafts(self.db)
        self.settings = Settings(self.db)

    @property
    def label(self) -> str:
        """The store as messages name it: a path, or a URL with its password shown as ``***``."""
        return self.db.label

    def close(self) -> None:
        self.db.close()

    # -- the flat names io/ and summary/ call, one line each to its repository -------------------------

    def apply(
        self, inserts: Sequence[Intervention], updates: Sequence[Intervention], *, by: str = ""
    ) -> list[SavedIntervention]:
        return self.records.apply(inserts, updates, by=by)

    def get(self, intervention_id: int, *, deleted: bool = False) -> SavedIntervention:
        return self.records.get(intervention_id, deleted=deleted)

    def interventions(self, panel: int | None = None) -> list[SavedIntervention]:
        return self.records.interventions(panel)

    def all_records(self) -> list[SavedIntervention]:
        return self.records.all_records()

    def replace_speakers(self, panel: int, entries: Sequence[SpeakerEntry]) -> int:
        return self.speakers_lists.replace(panel, entries)

    def speakers(self, panel: int) -> list[Inscribed]:
        return self.speakers_lists.of(panel)

    def add_speaker(self, panel: int, entry: SpeakerEntry) -> int:
        return self.speakers_lists.add(panel, entry)

    def setting(self, key: str) -> dict[str, Any] | None:
        return self.settings.get(key)

    def set_setting(self, key: str, data: dict[str, Any]) -> None:
        self.settings.set(key, data)

    def point_groups(self, panel: int | None = None) -> list[PointGroup]:
        return self.groups.accepted(panel)

    def rejected_groups(self, panel: int) -> list[RejectedGroup]:
        return self.groups.rejected(panel)

    def save_point_group(self, panel: int, text: str, members: Sequence[PointKey], *, by: str = "") -> int:
        return self.groups.save(panel, text, members, by=by)

    def reject_point_group(self, panel: int, members: Sequence[PointKey], *, by: str = "") -> int:
        return self.groups.reject(panel, members, by=by)
