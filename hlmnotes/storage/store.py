"""The durable store: every save committed before it returns, history kept, deletions soft.

By default one SQLite file per meeting, in WAL mode with ``synchronous=FULL``; writes take the single
write lock (``BEGIN IMMEDIATE``) and wait on a busy timeout, so several rapporteurs' kernels can write
one file without "database is locked", and what the screen confirms survives a crash. A meeting
shared between laptops uses a PostgreSQL URL instead (``backends.py``), with the same behaviour.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..domain.model import Intervention
from ..errors import ConflictError, NotFoundError, StoreError
from .backends import Backend, advice, open_backend
from .schema import FIELDS, MIGRATIONS, SCHEMA, SCHEMA_VERSION, differences, from_db, stamp, to_db

T = TypeVar("T")


@dataclass(frozen=True)
class Undone:
    """What an undo reversed: ``action`` is the change undone (insert, update, delete, restore)."""

    message: str
    action: str
    intervention_id: int


class Store:
    """Interventions, their history, speakers' queues, point groups and unsaved drafts of one meeting."""

    def __init__(self, target: str | Path = ":memory:", *, create: bool = True, read_only: bool = False):
        """Open the store at ``target``; only ``create=True`` (what ``init`` does) may create its tables.

        Without it an empty file or database is refused rather than given a schema: a read command
        pointed at the wrong PostgreSQL database (``template1``, say) must leave it as it was.
        ``read_only`` (a store being merged from) opens it so that nothing can write to it: an older
        schema is read as it is, never migrated.
        """
        self.target = str(target)
        self.read_only = read_only
        self._backend: Backend = open_backend(self.target, create=create and not read_only, read_only=read_only)
        self._db = self._backend.connection
        self._lock = threading.RLock()
        self._depth = 0  # nesting of _write: writes inside transaction() join its one transaction
        try:
            self._prepare(create and not read_only)
        except self._backend.errors as exc:
            self._backend.close()
            raise StoreError(f"store {self.label} cannot be opened: {exc}; {advice(exc)}") from exc
        except StoreError:
            self._backend.close()
            raise
        self.journal_mode = self._scalar("PRAGMA journal_mode") if self.kind == "sqlite" else "postgresql"

    @property
    def kind(self) -> str:
        return self._backend.kind

    @property
    def label(self) -> str:
        return self._backend.label

    def _prepare(self, create: bool) -> None:
        tables = self._backend.tables()
        if not tables and not create:
            raise StoreError(
                f"store {self.label} is empty: it has no hlmnotes tables; create them with"
                f" `hlmnotes --store {self.label} init --programme FILE`, or name another store"
            )
        if not tables:
            with self._write() as db:
                if "meta" not in self._backend.tables():  # another process may have just created it
                    self._run(db, SCHEMA)
                    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        elif "meta" not in tables or "interventions" not in tables:
            raise StoreError(f"store {self.label} is a database but not an hlmnotes store; name another store")
        version = int(self.meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.label} has schema version {version}, newer than this hlmnotes ({SCHEMA_VERSION});"
                " upgrade hlmnotes to open it"
            )
        self.schema_version = version
        if version < SCHEMA_VERSION and not self.read_only:
            self._migrate()
            self.schema_version = SCHEMA_VERSION

    def _run(self, db: Backend, statements: Sequence[str]) -> None:
        for statement in statements:
            db.execute(statement.format(key=self._backend.key))

    def _migrate(self) -> None:
        """Bring an older store up to this version, all steps in one transaction (all or nothing)."""
        with self._write() as db:
            # Read again under the write lock: another rapporteur's kernel may have migrated it meanwhile.
            version = int(db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()["value"])
            for step in range(version + 1, SCHEMA_VERSION + 1):
                self._run(db, MIGRATIONS[step])
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(max(version, SCHEMA_VERSION)),))

    def close(self) -> None:
        self._backend.close()

    # -- transactions -------------------------------------------------------------------------

    def _lost(self) -> bool:
        """True when the PostgreSQL connection is gone (a server restart, a network cut): psycopg marks it closed."""
        return self.kind == "postgresql" and bool(self._backend.connection.closed)

    def _connected(self) -> Backend:
        """The backend, re-opened first if its connection was lost: the next action after a server
        restart works again, without restarting the kernel or the command."""
        if self._lost():
            with suppress(Exception):
                self._backend.close()
            self._backend = open_backend(self.target, create=False, read_only=self.read_only)
            self._db = self._backend.connection
        return self._backend

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several writes (and the reads that decide them) as one: all committed when the block ends, or none.

        The write lock is held throughout, so another process's writes wait and see the result.
        """
        with self._write():
            yield

    @contextmanager
    def _write(self, panels: Sequence[int] | None = None) -> Iterator[Backend]:
        """One short transaction under the write lock: it commits entirely or leaves the store untouched.

        ``panels``: a save of one record, which may run beside others on PostgreSQL (``begin_write``).
        """
        with self._lock:
            if self._depth:  # inside transaction(): part of its one transaction
                self._depth += 1
                try:
                    yield self._backend
                finally:
                    self._depth -= 1
                return
            db = self._connected()
            try:
                db.begin_write(panels)
            except db.errors as exc:
                if not self._lost():
                    raise StoreError(f"store {self.label}: cannot start a write ({exc}); try again") from exc
                db = self._connected()  # lost before anything was written: open again and start over
                try:
                    db.begin_write(panels)
                except db.errors as again:
                    raise StoreError(f"store {self.label}: cannot start a write ({again}); try again") from again
            self._depth = 1
            try:
                yield db
                db.execute("COMMIT")
            except db.errors as exc:
                self._rollback()
                raise StoreError(
                    f"store {self.label}: the write failed and was undone ({exc}); nothing was saved; {advice(exc)}"
                ) from exc
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        # SQLite has already rolled back after some errors (a full disk): ROLLBACK would then fail and
        # hide the real error.
        with suppress(*self._backend.errors):
            self._backend.execute("ROLLBACK")

    def _unreadable(self, exc: BaseException) -> StoreError:
        return StoreError(f"store {self.label} cannot be read: {exc}; {advice(exc)}")

    def _read(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Any]:
        return self._reading(lambda db: db.execute(sql, params).fetchall())

    def _reading(self, read: Callable[[Backend], T]) -> T:
        """``read(db)`` under the lock; repeated once on a fresh connection if the first one was lost."""
        with self._lock:
            try:
                return read(self._connected())
            except self._backend.errors as exc:
                if not self._lost():
                    raise self._unreadable(exc) from exc
            try:  # a read is safe to repeat
                return read(self._connected())
            except self._backend.errors as exc:
                raise self._unreadable(exc) from exc

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._read(sql, params)
        return next(iter(dict(rows[0]).values())) if rows else None

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        return self._scalar("SELECT value FROM meta WHERE key = ?", (key,))

    def set_meta(self, values: dict[str, str]) -> None:
        with self._write() as db:
            db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    # -- interventions ------------------------------------------------------------------------

    def _insert(self, db: Backend, record: Intervention, by: str, *, deleted: bool = False) -> Intervention:
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
        return record.with_(id=new_id, uid=row["uid"], seq=row["seq"], version=1)

    def _update(self, db: Backend, record: Intervention, by: str, expected: int | None) -> Intervention:
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
        return merged.with_(version=version)

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

    def _get(self, db: Backend, intervention_id: int, *, deleted: bool = False, lock: bool = False) -> Intervention:
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
    ) -> Intervention:
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
    ) -> Intervention:
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

    def delete(self, intervention_id: int, *, by: str = "") -> Intervention:
        """Soft-delete: the record leaves every table but can be restored or undone."""
        with self._write() as db:
            current = self._get(db, intervention_id)
            self._set_deleted(db, intervention_id, True)
            self._history(db, current, "delete", current.version + 1, by)
            return current

    def restore(self, intervention_id: int, *, by: str = "") -> Intervention:
        with self._write() as db:
            current = self._get(db, intervention_id, deleted=True)
            self._set_deleted(db, intervention_id, False)
            self._history(db, current, "restore", current.version + 1, by)
            return current.with_(version=current.version + 1)

    def undo(self, *, by: str = "") -> str:
        """Reverse ``by``'s latest change not yet undone; returns what was done, for the status line."""
        return self.undo_entry(by=by).message

    def undo_entry(self, *, by: str = "") -> Undone:
        """``undo``, saying which record and which kind of change were reversed."""
        with self._write() as db:
            entry = db.execute(
                "SELECT * FROM history WHERE by = ? AND undone = 0 AND action != 'undo' ORDER BY hid DESC LIMIT 1",
                (by,),
            ).fetchone()
            if entry is None:
                raise NotFoundError(f"nothing to undo for rapporteur {by!r}")
            target, action = entry["intervention_id"], entry["action"]
            current = db.execute("SELECT * FROM interventions WHERE id = ?", (target,)).fetchone()
            if action == "insert":
                self._set_deleted(db, target, True)
                message = f"Undid save of #{target}"
            elif action in ("delete", "restore"):
                self._set_deleted(db, target, action == "restore")
                message = f"Undid {'deletion' if action == 'delete' else 'restoring'} of #{target}"
            else:
                before = json.loads(entry["before"])
                db.execute(
                    f"UPDATE interventions SET {', '.join(f'{f} = :{f}' for f in FIELDS)},"
                    " version = version + 1 WHERE id = :id",
                    {f: before[f] for f in FIELDS} | {"id": target},
                )
                message = f"Undid edit of #{target}"
            db.execute("UPDATE history SET undone = 1 WHERE hid = ?", (entry["hid"],))
            db.execute(
                "INSERT INTO history (intervention_id, action, version, at, by, before) VALUES (?, 'undo', ?, ?, ?, ?)",
                (target, current["version"] + 1, stamp(), by, json.dumps(dict(current))),
            )
            return Undone(message, action, target)

    def apply(
        self, inserts: Sequence[Intervention], updates: Sequence[Intervention], *, by: str = ""
    ) -> list[Intervention]:
        """Save many records in one transaction: all of them, or none if any fails."""
        with self._write() as db:
            saved = [self._update(db, r, by or r.rapporteur, None) for r in updates]
            saved += [self._insert(db, r, by or r.rapporteur) for r in inserts]
            return saved

    def get(self, intervention_id: int, *, deleted: bool = False) -> Intervention:
        """The live record (or, with ``deleted=True``, the soft-deleted one) with that id."""
        return self._reading(lambda db: self._get(db, intervention_id, deleted=deleted))

    def interventions(self, panel: int | None = None) -> list[Intervention]:
        """Live records in order of speaking."""
        where, params = ("AND panel = ?", (panel,)) if panel is not None else ("", ())
        rows = self._read(f"SELECT * FROM interventions WHERE deleted = 0 {where} ORDER BY panel, seq, id", params)
        return [from_db(r) for r in rows]

    def all_records(self) -> list[Intervention]:
        """Every record, deleted ones included: a programme update must not orphan any."""
        return [from_db(r) for r in self._read("SELECT * FROM interventions ORDER BY id")]

    def history(self, intervention_id: int) -> list[dict[str, Any]]:
        rows = self._read(
            "SELECT action, version, at, by, undone FROM history WHERE intervention_id = ? ORDER BY hid",
            (intervention_id,),
        )
        return [dict(r) for r in rows]

    def count(self) -> int:
        return self._scalar("SELECT COUNT(*) AS n FROM interventions WHERE deleted = 0")

    def changes_since(self, revision: int, panel: int | None = None) -> tuple[int, list[tuple[Intervention, bool]]]:
        """Records changed after ``revision`` (from ``revision()``), each with its deleted flag, and the new revision.

        What a live view needs to follow its own saves and other rapporteurs' without re-reading the panel.
        The rows and the revision are read in one transaction: a save committed between two separate
        reads would be counted as seen without having been shown, and never shown afterwards.
        """
        # "+panel": the few ids changed since ``revision`` are looked up by key; an index on panel
        # would scan the whole panel (6 ms a save at 50,000 stored, SQLite's plan without "+").
        where, params = ("AND +panel = ?", (revision, panel)) if panel is not None else ("", (revision,))
        with self._snapshot() as db:
            rows = db.execute(
                f"SELECT * FROM interventions WHERE id IN (SELECT intervention_id FROM history WHERE hid > ?) {where}",
                params,
            ).fetchall()
            latest = db.execute("SELECT COALESCE(MAX(hid), 0) AS r FROM history").fetchone()["r"]
        return latest, [(from_db(r), bool(r["deleted"])) for r in rows]

    @contextmanager
    def _snapshot(self) -> Iterator[Backend]:
        """Several reads that see one state of the store (a read transaction; writers are not blocked)."""
        with self._lock:
            db = self._connected()
            try:
                db.execute("BEGIN" if self.kind == "sqlite" else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                try:
                    yield db
                finally:
                    self._rollback()  # nothing was written: ending the transaction is all that is left
            except db.errors as exc:
                raise self._unreadable(exc) from exc

    def revision(self) -> int:
        """A number that grows with every change to interventions: poll it to see others' saves."""
        return self._scalar("SELECT COALESCE(MAX(hid), 0) AS r FROM history")

    def integrity(self) -> str:
        return self._scalar("PRAGMA integrity_check") if self.kind == "sqlite" else "ok"

    # -- merging another store ----------------------------------------------------------------

    def states(self) -> dict[str, list[dict[str, Any]]]:
        """Every record's states by uid, oldest first, current last, each with its ``deleted`` flag.

        A merge compares states, not timestamps: a record whose current state is one of another
        store's past states is behind it, and can be brought forward without guessing.
        """
        rows = self._read("SELECT * FROM interventions ORDER BY id")
        by_id = {r["id"]: r["uid"] for r in rows}
        out: dict[str, list[dict[str, Any]]] = {r["uid"]: [] for r in rows}
        for h in self._read(
            "SELECT intervention_id, action, before FROM history WHERE before IS NOT NULL ORDER BY hid"
        ):
            before = json.loads(h["before"])
            # Only a restore starts from a deleted record; an undo's snapshot carries its own flag.
            deleted = before.get("deleted", int(h["action"] == "restore"))
            out[by_id[h["intervention_id"]]].append({f: before[f] for f in FIELDS} | {"deleted": deleted})
        for r in rows:
            out[r["uid"]].append({f: r[f] for f in FIELDS} | {"deleted": r["deleted"]})
        return out

    def uids(self) -> dict[int, str]:
        """Every record's uid by id, deleted ones included, read without interpreting any other field."""
        return {r["id"]: r["uid"] for r in self._read("SELECT id, uid FROM interventions")}

    def merge_state(self, state: Mapping[str, Any], *, by: str = "", uid_exists: bool) -> None:
        """Bring one record to ``state`` (a dict from ``states``), inserting it when new."""
        with self._write() as db:
            record = from_db(dict(state) | {"id": None, "version": 1})
            if not uid_exists:
                self._insert(db, record, by, deleted=bool(state["deleted"]))
                return
            row = db.execute("SELECT * FROM interventions WHERE uid = ?", (state["uid"],)).fetchone()
            if row["deleted"]:
                self._set_deleted(db, row["id"], False)  # edits apply to live records only
            self._update(db, record.with_(id=row["id"]), by, None)
            if state["deleted"]:
                self._set_deleted(db, row["id"], True)

    # -- speakers' list -----------------------------------------------------------------------

    def replace_speakers(self, panel: int, entries: Sequence[dict[str, Any]]) -> int:
        """Replace the panel's inscribed speakers that have not yet spoken; those who spoke stay.

        An updated list usually still names those who already spoke: each of them (by delegation and
        group) is matched once and not queued again. Returns how many entries were skipped that way.
        """
        with self._write() as db:
            db.execute("DELETE FROM speakers WHERE panel = ? AND taken_by IS NULL", (panel,))
            spoke = Counter(
                (r["delegation"], r["on_behalf_of"])
                for r in db.execute(
                    "SELECT delegation, on_behalf_of FROM speakers WHERE panel = ?", (panel,)
                ).fetchall()
            )
            waiting = []
            for e in entries:
                key = (e["delegation"], e.get("on_behalf_of", ""))
                if spoke[key]:
                    spoke[key] -= 1
                else:
                    waiting.append(e)
            start = db.execute(
                "SELECT COALESCE(MAX(position), 0) AS last FROM speakers WHERE panel = ?", (panel,)
            ).fetchone()["last"]
            db.executemany(
                "INSERT INTO speakers (panel, position, delegation, speaker, category, on_behalf_of)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (panel, start + i, e["delegation"], e.get("speaker", ""), e["category"], e.get("on_behalf_of", ""))
                    for i, e in enumerate(waiting, 1)
                ],
            )
            return len(entries) - len(waiting)

    def speakers(self, panel: int) -> list[dict[str, Any]]:
        rows = self._read("SELECT * FROM speakers WHERE panel = ? ORDER BY position", (panel,))
        return [dict(r) for r in rows]

    def add_speaker(self, panel: int, entry: Mapping[str, Any]) -> int:
        """Inscribe one more speaker at the end of the panel's list (a late inscription); returns the position."""
        with self._write() as db:
            position = db.execute(
                "SELECT COALESCE(MAX(position), 0) AS last FROM speakers WHERE panel = ?", (panel,)
            ).fetchone()["last"] + 1
            db.execute(
                "INSERT INTO speakers (panel, position, delegation, speaker, category, on_behalf_of)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (panel, position, entry["delegation"], entry.get("speaker", ""), entry["category"],
                 entry.get("on_behalf_of", "")),
            )  # fmt: skip
        return position

    def take_speaker(self, panel: int, position: int, intervention_id: int) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE speakers SET taken_by = ? WHERE panel = ? AND position = ?", (intervention_id, panel, position)
            )

    # -- groups of points that say the same thing -------------------------------------------

    def save_point_group(self, panel: int, text: str, members: Sequence[dict[str, Any]], *, by: str = "") -> int:
        """Keep a person's decision that these points say one thing; ``members`` are
        ``{"intervention": id, "kind": "key_point"|"recommendation", "text": line}``, matched by text so an
        edited line drops out of its group instead of silently joining the wrong one."""
        with self._write() as db:
            return db.execute(
                "INSERT INTO point_groups (panel, text, members, by, saved_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                (panel, text, json.dumps(list(members), ensure_ascii=False), by, stamp()),
            ).fetchone()["id"]

    def point_groups(self, panel: int | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE panel = ?", (panel,)) if panel is not None else ("", ())
        rows = self._read(f"SELECT * FROM point_groups {where} ORDER BY id", params)
        return [dict(r) | {"members": json.loads(r["members"])} for r in rows]

    def delete_point_group(self, group_id: int) -> None:
        with self._write() as db:
            if db.execute("DELETE FROM point_groups WHERE id = ?", (group_id,)).rowcount == 0:
                raise NotFoundError(f"no point group #{group_id} in this store; check the id")

    def reject_point_group(self, panel: int, members: Sequence[dict[str, Any]], *, by: str = "") -> int:
        """Keep a person's decision that these points do *not* say one thing, so they are not proposed again."""
        with self._write() as db:
            return db.execute(
                "INSERT INTO rejected_groups (panel, members, by, saved_at) VALUES (?, ?, ?, ?) RETURNING id",
                (panel, json.dumps(list(members), ensure_ascii=False), by, stamp()),
            ).fetchone()["id"]

    def rejected_groups(self, panel: int) -> list[dict[str, Any]]:
        rows = self._read("SELECT * FROM rejected_groups WHERE panel = ? ORDER BY id", (panel,))
        return [dict(r) | {"members": json.loads(r["members"])} for r in rows]

    # -- unsaved drafts -----------------------------------------------------------------------

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        """Keep what a rapporteur has typed but not saved, so a reload or kernel restart loses nothing."""
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (key, data, saved_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at",
                (key, json.dumps(data), stamp()),
            )

    def draft(self, key: str) -> dict[str, Any] | None:
        rows = self._read("SELECT data FROM drafts WHERE key = ?", (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def setting(self, key: str) -> dict[str, Any] | None:
        """A setting kept in this store (``rapporteur``: the name last typed; ``absent/panel<N>``: the speakers'
        list's absent marks), or None."""
        rows = self._read("SELECT data FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def set_setting(self, key: str, data: dict[str, Any]) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, data, saved_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at",
                (key, json.dumps(data), stamp()),
            )

    def drafts_ending(self, suffix: str) -> dict[str, dict[str, Any]]:
        """Every unsaved draft whose key ends with ``suffix`` (``/panel1``: each rapporteur's entry on panel 1)."""
        rows = self._read("SELECT key, data FROM drafts")  # a handful: one per rapporteur and panel
        return {r["key"]: json.loads(r["data"]) for r in rows if r["key"].endswith(suffix)}

    def clear_draft(self, key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", (key,))
