"""Interventions: save, edit, delete and restore them, each change with its history row.

A save is committed before it returns. Every change writes a history row, which undo, merging and
the live views read (``history.py``; how the views follow rows committed out of order: ``sql.Dialect``).
The row-level steps (``insert_row``, ``update_row``, ``set_deleted``…) take the open transaction's
backend, so that an undo or a merge (``history.History``) writes records exactly as a save does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence

from ..domain.model import Intervention, SavedIntervention
from ..errors import AlreadySaved, ConflictError, NotFoundError, ProgrammeChanged
from .backends import Backend
from .database import Database
from .schema import FIELDS, differences, from_db, stamp, to_db

BULK = 500  # records saved at once after which PostgreSQL's planner is told the tables' new size (``sql.Dialect``)


def insert_row(db: Backend, record: Intervention, by: str, *, deleted: bool = False) -> Callable[[], SavedIntervention]:
    """Write a new record and its history row; returns how to read the record back with its id and seq.

    A PostgreSQL save is answered at its commit (``Backend.writing``), so the id is read after it;
    the history row and the speakers' list find the record by the uid given here.
    """
    row = to_db(record) | {"uid": record.uid or uuid.uuid4().hex}
    now = stamp()
    db.number_in(record.panel)
    inserted = db.first_row(db.execute(db.sql.insert, (*(row[f] for f in FIELDS), int(deleted), now, record.panel)))
    db.execute(db.sql.insert_history, (now, by, row["uid"]))

    def saved() -> SavedIntervention:
        new = inserted()
        return record.saved(new["id"], uid=row["uid"], seq=new["seq"], version=1)

    return saved


def update_row(db: Backend, record: Intervention, by: str, expected: int | None) -> SavedIntervention:
    """Write a new version of ``record`` (matched by id) and the old one to history; nothing when unchanged."""
    if record.id is None:
        raise NotFoundError("this intervention has no id, so there is nothing to update; save it as a new record")
    current = get_row(db, record.id, lock=True)
    merged = record.with_(uid=current.uid, seq=record.seq or current.seq)
    if expected is not None and current.version != expected:
        raise ConflictError(
            f"#{record.id} was changed by {_last_by(db, record.id) or 'someone else'} since you opened it"
            f" (your version {expected}, stored version {current.version}): {differences(merged, current)};"
            " nothing was saved: reload it and edit again"
        )
    if merged == current:
        return current
    version = current.version + 1
    row = to_db(merged)
    db.execute(db.sql.update, (*(row[f] for f in FIELDS), version, stamp(), record.id))
    write_history(db, current, "update", version, by)
    return merged.saved(record.id, version=version)


def write_history(db: Backend, before: Intervention, action: str, version: int, by: str) -> None:
    snapshot = json.dumps(to_db(before) | {"version": before.version})
    db.execute(db.sql.history, (before.id, action, version, stamp(), by, snapshot))


def _last_by(db: Backend, intervention_id: int) -> str:
    row = db.execute(db.sql.last_by, (intervention_id,)).fetchone()
    return row["by"] if row else ""


def get_row(db: Backend, intervention_id: int, *, deleted: bool = False, lock: bool = False) -> SavedIntervention:
    row = db.execute(db.sql.get_for_update if lock else db.sql.get, (intervention_id, int(deleted))).fetchone()
    if row is None:
        state = "deleted " if deleted else ""
        raise NotFoundError(f"no {state}intervention #{intervention_id} in this store; check the id")
    return from_db(row)


def set_deleted(db: Backend, intervention_id: int, deleted: bool) -> None:
    """Soft-delete (or bring back) a record; a deleted record gives its speakers'-list place back."""
    db.execute(db.sql.set_deleted, (int(deleted), stamp(), intervention_id))
    if deleted:
        db.execute(db.sql.untake_speaker, (intervention_id,))


def refuse_saved_entry(db: Backend, entry: str | None) -> None:
    """Raise ``AlreadySaved`` when the Recorder's entry ``entry`` (its identity) is a record already."""
    if entry is not None and (row := db.execute(db.sql.saved_entry, (entry,)).fetchone()) is not None:
        raise AlreadySaved(int(row["id"]))


def check_programme(db: Backend, version: int | None) -> None:
    """Raise ``ProgrammeChanged`` when the stored programme is not ``version``, the one the records being
    written were validated against (None: not checked). Read under the write lock, which a programme
    update takes exclusively: it cannot change between this check and the commit."""
    if version is None:
        return
    row = db.execute(db.sql.meta, ("programme_version",)).fetchone()
    stored = int(row["value"]) if row else 1
    if stored != version:
        raise ProgrammeChanged(stored)


def _clear_draft(db: Backend, draft: str | None) -> None:
    if draft is not None:
        db.execute(db.sql.clear_draft, (draft,))


class Records:
    """The interventions table of one store (``db``) and the history rows its changes write."""

    def __init__(self, db: Database):
        self.db = db

    def insert(
        self,
        record: Intervention,
        *,
        by: str = "",
        inscribed: int | None = None,
        draft: str | None = None,
        entry: str | None = None,
        programme: int | None = None,
    ) -> SavedIntervention:
        """Save a new intervention; returns it with its id, seq and version once committed.

        ``inscribed`` (a speakers'-list position of the record's panel) is marked as spoken and
        ``draft`` (an unsaved-draft key) is cleared in the same transaction, so a crash can never
        leave a saved speaker still waiting in the queue or a saved entry restored as unsaved.
        ``entry`` (the Recorder's entry's identity) is kept with the record: that entry saved again,
        from any tab, is refused (``AlreadySaved``). ``programme``: the programme version the record
        was validated against (``ProgrammeChanged`` when the store's is another).
        """
        record = record if record.uid else record.with_(uid=uuid.uuid4().hex)
        with self.db.write(save=True) as db:
            check_programme(db, programme)
            refuse_saved_entry(db, entry)
            saved = insert_row(db, record, by or record.rapporteur)
            if entry is not None:
                db.execute(db.sql.set_entry, (entry, record.uid))
            if inscribed is not None:
                db.execute(db.sql.take_speaker_by_uid, (record.uid, record.panel, inscribed))
            _clear_draft(db, draft)
        return saved()

    def update(
        self,
        record: Intervention,
        *,
        by: str = "",
        expected_version: int | None = None,
        draft: str | None = None,
        programme: int | None = None,
    ) -> SavedIntervention:
        """Save a new version of ``record`` (matched by id); the old one goes to history.

        With ``expected_version`` the save is refused when someone else saved in between (the row is
        locked while it is checked, so a save beside it waits and then sees the new version);
        ``programme`` as for ``insert``.
        """
        with self.db.write(save=True) as db:
            check_programme(db, programme)
            saved = update_row(db, record, by or record.rapporteur, expected_version)
            _clear_draft(db, draft)
            return saved

    def delete(self, intervention_id: int, *, by: str = "") -> SavedIntervention:
        """Soft-delete: the record leaves every table but can be restored or undone."""
        with self.db.write() as db:
            current = get_row(db, intervention_id)
            set_deleted(db, intervention_id, True)
            write_history(db, current, "delete", current.version + 1, by)
            return current

    def restore(self, intervention_id: int, *, by: str = "") -> SavedIntervention:
        with self.db.write() as db:
            current = get_row(db, intervention_id, deleted=True)
            set_deleted(db, intervention_id, False)
            write_history(db, current, "restore", current.version + 1, by)
            return current.with_(version=current.version + 1)

    def apply(
        self,
        inserts: Sequence[Intervention],
        updates: Sequence[Intervention],
        *,
        by: str = "",
        programme: int | None = None,
    ) -> list[SavedIntervention]:
        """Save many records in one transaction: all of them, or none if any fails (``programme`` as for ``insert``)."""
        with self.db.write() as db:
            check_programme(db, programme)
            saved = [update_row(db, r, by or r.rapporteur, None) for r in updates]
            saved += [insert_row(db, r, by or r.rapporteur)() for r in inserts]
        if len(saved) >= BULK and (statistics := self.db.sql.dialect.after_bulk_write):
            self.db.reading(lambda db: db.execute(statistics))
        return saved

    def get(self, intervention_id: int, *, deleted: bool = False) -> SavedIntervention:
        """The live record (or, with ``deleted=True``, the soft-deleted one) with that id."""
        return self.db.reading(lambda db: get_row(db, intervention_id, deleted=deleted))

    def interventions(self, panel: int | None = None) -> list[SavedIntervention]:
        """Live records in order of speaking."""
        if panel is None:
            return [from_db(r) for r in self.db.read(self.db.sql.interventions)]
        return [from_db(r) for r in self.db.read(self.db.sql.interventions_of_panel, (panel,))]

    def all_records(self) -> list[SavedIntervention]:
        """Every record, deleted ones included: a programme update must not orphan any."""
        return [from_db(r) for r in self.db.read(self.db.sql.all_records)]

    def count(self) -> int:
        return self.db.scalar(self.db.sql.count)
