"""Interventions: save, edit, delete and restore them, each change with its history row.

A save is committed before it returns. Every change writes a history row (``hid`` numbers them in
commit order), which undo, merging and the live views read (``history.py``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from ..domain.model import Intervention, SavedIntervention
from ..errors import ConflictError, NotFoundError
from .backends import Backend
from .database import Database
from .schema import FIELDS, differences, from_db, stamp, to_db


class Records(Database):
    """The interventions table and the history rows its changes write."""

    def _insert(self, db: Backend, record: Intervention, by: str, *, deleted: bool = False) -> SavedIntervention:
        row = to_db(record)
        row["uid"] = record.uid or uuid.uuid4().hex
        if record.seq is None:
            row["seq"] = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM interventions WHERE panel = ? AND deleted = 0",
                (record.panel,),
            ).fetchone()["next"]
        now = stamp()
        new_id = db.execute(
            f"INSERT INTO interventions ({', '.join(FIELDS)}, version, deleted, saved_at)"
            f" VALUES ({', '.join(':' + f for f in FIELDS)}, 1, :deleted, :saved_at) RETURNING id",
            row | {"saved_at": now, "deleted": int(deleted)},
        ).fetchone()["id"]
        db.order_commits()
        db.execute(
            "INSERT INTO history (intervention_id, action, version, at, by) VALUES (?, 'insert', 1, ?, ?)",
            (new_id, now, by),
        )
        return record.saved(new_id, uid=row["uid"], seq=row["seq"], version=1)

    def _update(self, db: Backend, record: Intervention, by: str, expected: int | None) -> SavedIntervention:
        if record.id is None:
            raise NotFoundError("this intervention has no id, so there is nothing to update; save it as a new record")
        current = self._get(db, record.id, lock=True)
        merged = record.with_(uid=current.uid, seq=record.seq or current.seq)
        if expected is not None and current.version != expected:
            raise ConflictError(
                f"#{record.id} was changed by {self._last_by(db, record.id) or 'someone else'} since you opened it"
                f" (your version {expected}, stored version {current.version}): {differences(merged, current)};"
                " nothing was saved: reload it and edit again"
            )
        if merged == current:
            return current
        version = current.version + 1
        row = to_db(merged) | {"id": record.id, "version": version, "saved_at": stamp()}
        db.execute(
            f"UPDATE interventions SET {', '.join(f'{f} = :{f}' for f in FIELDS)}, version = :version,"
            " saved_at = :saved_at WHERE id = :id",
            row,
        )
        self._history(db, current, "update", version, by)
        return merged.saved(record.id, version=version)

    def _history(self, db: Backend, before: Intervention, action: str, version: int, by: str) -> None:
        db.order_commits()
        db.execute(
            "INSERT INTO history (intervention_id, action, version, at, by, before) VALUES (?, ?, ?, ?, ?, ?)",
            (before.id, action, version, stamp(), by, json.dumps(to_db(before) | {"version": before.version})),
        )

    def _last_by(self, db: Backend, intervention_id: int) -> str:
        row = db.execute(
            "SELECT by FROM history WHERE intervention_id = ? ORDER BY hid DESC LIMIT 1", (intervention_id,)
        ).fetchone()
        return row["by"] if row else ""

    def _get(self, db: Backend, intervention_id: int, *, deleted: bool = False, lock: bool = False) -> SavedIntervention:
        row = db.execute(
            "SELECT * FROM interventions WHERE id = ? AND deleted = ?" + (db.for_update() if lock else ""),
            (intervention_id, int(deleted)),
        ).fetchone()
        if row is None:
            state = "deleted " if deleted else ""
            raise NotFoundError(f"no {state}intervention #{intervention_id} in this store; check the id")
        return from_db(row)

    def _set_deleted(self, db: Backend, intervention_id: int, deleted: bool) -> None:
        db.execute(
            "UPDATE interventions SET deleted = ?, version = version + 1, saved_at = ? WHERE id = ?",
            (int(deleted), stamp(), intervention_id),
        )
        if deleted:
            db.execute("UPDATE speakers SET taken_by = NULL WHERE taken_by = ?", (intervention_id,))

    def insert(
        self, record: Intervention, *, by: str = "", inscribed: int | None = None, draft: str | None = None
    ) -> SavedIntervention:
        """Save a new intervention; returns it with its id, seq and version once committed.

        ``inscribed`` (a speakers'-list position of the record's panel) is marked as spoken and
        ``draft`` (an unsaved-draft key) is cleared in the same transaction, so a crash can never
        leave a saved speaker still waiting in the queue or a saved entry restored as unsaved.
        """
        with self._write(panels=[record.panel]) as db:
            saved = self._insert(db, record, by or record.rapporteur)
            if inscribed is not None:
                db.execute(
                    "UPDATE speakers SET taken_by = ? WHERE panel = ? AND position = ?",
                    (saved.id, saved.panel, inscribed),
                )
            self._clear_draft(db, draft)
            return saved

    def update(
        self, record: Intervention, *, by: str = "", expected_version: int | None = None, draft: str | None = None
    ) -> SavedIntervention:
        """Save a new version of ``record`` (matched by id); the old one goes to history.

        With ``expected_version`` the save is refused when someone else saved in between (the row is
        locked while it is checked, so a save beside it waits and then sees the new version).
        """
        with self._write(panels=[]) as db:
            saved = self._update(db, record, by or record.rapporteur, expected_version)
            self._clear_draft(db, draft)
            return saved

    @staticmethod
    def _clear_draft(db: Backend, draft: str | None) -> None:
        if draft is not None:
            db.execute("DELETE FROM drafts WHERE key = ?", (draft,))

    def delete(self, intervention_id: int, *, by: str = "") -> SavedIntervention:
        """Soft-delete: the record leaves every table but can be restored or undone."""
        with self._write() as db:
            current = self._get(db, intervention_id)
            self._set_deleted(db, intervention_id, True)
            self._history(db, current, "delete", current.version + 1, by)
            return current

    def restore(self, intervention_id: int, *, by: str = "") -> SavedIntervention:
        with self._write() as db:
            current = self._get(db, intervention_id, deleted=True)
            self._set_deleted(db, intervention_id, False)
            self._history(db, current, "restore", current.version + 1, by)
            return current.with_(version=current.version + 1)

    def apply(
        self, inserts: Sequence[Intervention], updates: Sequence[Intervention], *, by: str = ""
    ) -> list[SavedIntervention]:
        """Save many records in one transaction: all of them, or none if any fails."""
        with self._write() as db:
            saved = [self._update(db, r, by or r.rapporteur, None) for r in updates]
            saved += [self._insert(db, r, by or r.rapporteur) for r in inserts]
            return saved

    def get(self, intervention_id: int, *, deleted: bool = False) -> SavedIntervention:
        """The live record (or, with ``deleted=True``, the soft-deleted one) with that id."""
        return self._reading(lambda db: self._get(db, intervention_id, deleted=deleted))

    def interventions(self, panel: int | None = None) -> list[SavedIntervention]:
        """Live records in order of speaking."""
        where, params = ("AND panel = ?", (panel,)) if panel is not None else ("", ())
        rows = self._read(f"SELECT * FROM interventions WHERE deleted = 0 {where} ORDER BY panel, seq, id", params)
        return [from_db(r) for r in rows]

    def all_records(self) -> list[SavedIntervention]:
        """Every record, deleted ones included: a programme update must not orphan any."""
        return [from_db(r) for r in self._read("SELECT * FROM interventions ORDER BY id")]

    def count(self) -> int:
        return self._scalar("SELECT COUNT(*) AS n FROM interventions WHERE deleted = 0")
