"""The history of changes: undo, following changes as they commit, and the states a merge compares."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.model import SavedIntervention
from ..errors import NotFoundError
from .database import Database
from .records import insert_row, set_deleted, update_row
from .schema import FIELDS, from_db, stamp, unsaved


@dataclass(frozen=True)
class Undone:
    """What an undo reversed: ``action`` is the change undone (insert, update, delete, restore)."""

    message: str
    action: str
    intervention_id: int


class History:
    """What the history rows of one store (``db``) tell: undo, a record's past, what changed since a
    revision, merge states."""

    def __init__(self, db: Database):
        self.db = db

    def undo(self, *, by: str = "") -> str:
        """Reverse ``by``'s latest change not yet undone; returns what was done, for the status line."""
        return self.undo_entry(by=by).message

    def undo_entry(self, *, by: str = "") -> Undone:
        """``undo``, saying which record and which kind of change were reversed."""
        with self.db.write() as db:
            entry = db.execute(db.sql.latest_to_undo, (by,)).fetchone()
            if entry is None:
                raise NotFoundError(f"nothing to undo for rapporteur {by!r}")
            target, action = entry["intervention_id"], entry["action"]
            current = db.execute(db.sql.get_any, (target,)).fetchone()
            if action == "insert":
                set_deleted(db, target, True)
                message = f"Undid save of #{target}"
            elif action in ("delete", "restore"):
                set_deleted(db, target, action == "restore")
                message = f"Undid {'deletion' if action == 'delete' else 'restoring'} of #{target}"
            else:
                before = json.loads(entry["before"])
                db.execute(db.sql.restore_fields, (*(before[f] for f in FIELDS), target))
                message = f"Undid edit of #{target}"
            db.execute(db.sql.mark_undone, (entry["hid"],))
            snapshot = json.dumps(dict(current))
            db.execute(db.sql.history, (target, "undo", current["version"] + 1, stamp(), by, snapshot))
            return Undone(message, action, target)

    def of(self, intervention_id: int) -> list[dict[str, Any]]:
        """The record's history rows, oldest first: each change, who made it and the state before it."""
        return [dict(r) for r in self.db.read(self.db.sql.history_of, (intervention_id,))]

    def changes_since(self, revision: int, panel: int | None = None) -> tuple[int, list[tuple[SavedIntervention, bool]]]:
        """Records changed after ``revision`` (from ``revision()``), each with its deleted flag, and the new revision.

        What a live view needs to follow its own saves and other rapporteurs' without re-reading the panel.
        The rows and the revision are read by one statement, so from one state of the store (``sql.py``),
        in one round trip. Every committed change is among the records; on PostgreSQL a change that
        committed while an older save was still running is given again by the next calls, until that
        save has ended (``sql.Dialect.settled``): reading it twice is harmless, skipping one would not be.
        """
        if panel is None:
            rows = self.db.read(self.db.sql.changes, (revision,))
        else:
            rows = self.db.read(self.db.sql.changes_of_panel, (revision, panel))
        return rows[0]["revision"], [(from_db(r), bool(r["deleted"])) for r in rows if r["id"] is not None]

    def revision(self) -> int:
        """A number that grows with every change to interventions: poll it to see others' saves.

        On PostgreSQL it counts transactions, not history rows, and passes a save only once every save
        begun before it has ended (``sql.Dialect.settled``): a save that commits late is never behind it.
        """
        return self.db.scalar(self.db.sql.revision)

    def states(self) -> dict[str, list[dict[str, Any]]]:
        """Every record's states by uid, oldest first, current last, each with its ``deleted`` flag.

        A merge compares states, not timestamps: a record whose current state is one of another
        store's past states is behind it, and can be brought forward without guessing.
        """
        rows = self.db.read(self.db.sql.all_records)
        by_id = {r["id"]: r["uid"] for r in rows}
        out: dict[str, list[dict[str, Any]]] = {r["uid"]: [] for r in rows}
        for h in self.db.read(self.db.sql.befores):
            before = json.loads(h["before"])
            # Only a restore starts from a deleted record; an undo's snapshot carries its own flag.
            deleted = before.get("deleted", int(h["action"] == "restore"))
            out[by_id[h["intervention_id"]]].append({f: before[f] for f in FIELDS} | {"deleted": deleted})
        for r in rows:
            out[r["uid"]].append({f: r[f] for f in FIELDS} | {"deleted": r["deleted"]})
        return out

    def uids(self) -> dict[int, str]:
        """Every record's uid by id, deleted ones included, read without interpreting any other field."""
        return {r["id"]: r["uid"] for r in self.db.read(self.db.sql.uids)}

    def merge_state(self, state: Mapping[str, Any], *, by: str = "", uid_exists: bool) -> None:
        """Bring one record to ``state`` (a dict from ``states``), inserting it when new."""
        with self.db.write() as db:
            record = unsaved(state)
            if not uid_exists:
                insert_row(db, record, by, deleted=bool(state["deleted"]))()
                return
            row = db.execute(db.sql.get_by_uid, (state["uid"],)).fetchone()
            if row["deleted"]:
                set_deleted(db, row["id"], False)  # edits apply to live records only
            update_row(db, record.with_(id=row["id"]), by, None)
            if state["deleted"]:
                set_deleted(db, row["id"], True)
