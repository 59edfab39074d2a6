"""The durable store: one SQLite file per meeting, every save committed before it returns.

SQLite runs in WAL mode with ``synchronous=FULL``, writes take ``BEGIN IMMEDIATE`` and wait on a busy
timeout, so several rapporteurs' kernels can write one file without "database is locked", and what
the screen confirms survives a crash. Edits and deletions keep history rows; deletions are soft.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import ConflictError, NotFoundError, StoreError
from .model import Intervention

SCHEMA_VERSION = 1
_FIELDS = (
    "uid", "panel", "seq", "speaker", "delegation", "category", "on_behalf_of", "questions", "themes",
    "flags", "key_points", "recommendations", "started_at", "ended_at", "duration_s", "rapporteur",
)  # fmt: skip

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE interventions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    panel INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    delegation TEXT NOT NULL,
    category TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT '',
    key_points TEXT NOT NULL DEFAULT '',
    recommendations TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    ended_at TEXT,
    duration_s INTEGER,
    rapporteur TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    saved_at TEXT NOT NULL
);
CREATE INDEX interventions_panel ON interventions (panel, seq);
CREATE TABLE history (
    hid INTEGER PRIMARY KEY AUTOINCREMENT,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    action TEXT NOT NULL,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    before TEXT,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_by ON history (by, hid);
CREATE TABLE speakers (
    panel INTEGER NOT NULL,
    position INTEGER NOT NULL,
    delegation TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    taken_by INTEGER REFERENCES interventions (id),
    PRIMARY KEY (panel, position)
);
CREATE TABLE drafts (key TEXT PRIMARY KEY, data TEXT NOT NULL, saved_at TEXT NOT NULL);
CREATE TABLE point_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    panel INTEGER NOT NULL,
    text TEXT NOT NULL,
    members TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL
);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _to_db(record: Intervention) -> dict[str, Any]:
    row = record.to_row()
    return {k: (row[k] if k != "uid" else record.uid) for k in _FIELDS} | {
        "started_at": row["started_at"] or None,
        "ended_at": row["ended_at"] or None,
    }


def _from_db(row: sqlite3.Row) -> Intervention:
    return Intervention(
        id=row["id"],
        uid=row["uid"],
        panel=row["panel"],
        seq=row["seq"],
        speaker=row["speaker"],
        delegation=row["delegation"],
        category=row["category"],
        on_behalf_of=row["on_behalf_of"],
        questions=tuple(int(q) for q in row["questions"].split(";") if q),
        themes=tuple(t for t in row["themes"].split(";") if t),
        flags=tuple(f for f in row["flags"].split(";") if f),
        key_points=row["key_points"],
        recommendations=row["recommendations"],
        started_at=dt.datetime.fromisoformat(row["started_at"]) if row["started_at"] else None,
        ended_at=dt.datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None,
        duration_s=row["duration_s"],
        rapporteur=row["rapporteur"],
        version=row["version"],
    )


def _sqlite_path(target: str) -> str:
    if target.startswith("sqlite:///"):
        return target[len("sqlite:///") :]
    if "://" in target:
        scheme = target.split("://", 1)[0]
        raise StoreError(f"store {target!r}: {scheme} stores are not supported yet; use a SQLite file path")
    return target


class Store:
    """Interventions, their history, speakers' queues and unsaved drafts of one meeting."""

    def __init__(self, target: str | Path = ":memory:", *, create: bool = True):
        self.target = str(target)
        path = _sqlite_path(self.target)
        if path != ":memory:":
            file = Path(path)
            if not file.exists() and not create:
                raise StoreError(f"store {path} does not exist; run `hlmnotes --store {path} init --programme FILE`")
            if file.is_dir():
                raise StoreError(f"store {path} is a folder; name a file such as {file / 'meeting.sqlite'}")
            if not file.exists():
                try:
                    file.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"store {path}: cannot create its folder ({exc.strerror})") from exc
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 30000")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._prepare(path)
        except sqlite3.DatabaseError as exc:
            if hasattr(self, "_db"):
                self._db.close()
            raise StoreError(f"store {path} cannot be opened: {exc}; is it an hlmnotes store?") from exc
        self.journal_mode = mode

    def _prepare(self, path: str) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            with self._write() as db:
                if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            return
        if "meta" not in tables or "interventions" not in tables:
            raise StoreError(f"store {path} is a SQLite file but not an hlmnotes store; name another file")
        version = int(self.meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {path} has schema version {version}, newer than this hlmnotes ({SCHEMA_VERSION});"
                " upgrade hlmnotes to open it"
            )

    def close(self) -> None:
        self._db.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short IMMEDIATE transaction: it either commits entirely or leaves the file untouched."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"store {self.target}: cannot start a write ({exc}); try again") from exc
            try:
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(
                    f"store {self.target}: the write failed and was undone ({exc}); nothing was saved"
                ) from exc
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0][0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    # -- interventions ------------------------------------------------------------------------

    def _insert(self, db: sqlite3.Connection, record: Intervention, by: str) -> Intervention:
        row = _to_db(record)
        row["uid"] = record.uid or uuid.uuid4().hex
        if record.seq is None:
            row["seq"] = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM interventions WHERE panel = ? AND deleted = 0", (record.panel,)
            ).fetchone()[0]
        now = _now()
        cursor = db.execute(
            f"INSERT INTO interventions ({', '.join(_FIELDS)}, version, saved_at)"
            f" VALUES ({', '.join(':' + f for f in _FIELDS)}, 1, :saved_at)",
            row | {"saved_at": now},
        )
        new_id = cursor.lastrowid
        db.execute(
            "INSERT INTO history (intervention_id, action, version, at, by) VALUES (?, 'insert', 1, ?, ?)",
            (new_id, now, by),
        )
        return record.with_(id=new_id, uid=row["uid"], seq=row["seq"], version=1)

    def _update(self, db: sqlite3.Connection, record: Intervention, by: str, expected: int | None) -> Intervention:
        current = self._get(db, record.id)  # type: ignore[arg-type]
        if expected is not None and current.version != expected:
            raise ConflictError(
                f"#{record.id} was changed by {self._last_by(db, record.id) or 'someone else'} since you opened it"
                f" (your version {expected}, stored version {current.version}); reload it and edit again"
            )
        merged = record.with_(uid=current.uid, seq=record.seq or current.seq)
        if merged == current:
            return current
        version = current.version + 1
        row = _to_db(merged) | {"id": record.id, "version": version, "saved_at": _now()}
        db.execute(
            f"UPDATE interventions SET {', '.join(f'{f} = :{f}' for f in _FIELDS)}, version = :version,"
            " saved_at = :saved_at WHERE id = :id",
            row,
        )
        self._history(db, current, "update", version, by)
        return merged.with_(version=version)

    def _history(self, db: sqlite3.Connection, before: Intervention, action: str, version: int, by: str) -> None:
        db.execute(
            "INSERT INTO history (intervention_id, action, version, at, by, before) VALUES (?, ?, ?, ?, ?, ?)",
            (before.id, action, version, _now(), by, json.dumps(_to_db(before) | {"version": before.version})),
        )

    def _last_by(self, db: sqlite3.Connection, intervention_id: int) -> str:
        row = db.execute(
            "SELECT by FROM history WHERE intervention_id = ? ORDER BY hid DESC LIMIT 1", (intervention_id,)
        ).fetchone()
        return row[0] if row else ""

    def _get(self, db: sqlite3.Connection, intervention_id: int, *, deleted: bool = False) -> Intervention:
        row = db.execute(
            "SELECT * FROM interventions WHERE id = ? AND deleted = ?", (intervention_id, int(deleted))
        ).fetchone()
        if row is None:
            state = "deleted " if deleted else ""
            raise NotFoundError(f"no {state}intervention #{intervention_id} in this store; check the id")
        return _from_db(row)

    def insert(self, record: Intervention, *, by: str = "") -> Intervention:
        """Save a new intervention; returns it with its id, seq and version once committed."""
        with self._write() as db:
            return self._insert(db, record, by or record.rapporteur)

    def update(self, record: Intervention, *, by: str = "", expected_version: int | None = None) -> Intervention:
        """Save a new version of ``record`` (matched by id); the old one goes to history.

        With ``expected_version`` the save is refused when someone else saved in between.
        """
        with self._write() as db:
            return self._update(db, record, by or record.rapporteur, expected_version)

    def delete(self, intervention_id: int, *, by: str = "") -> Intervention:
        """Soft-delete: the record leaves every table but can be restored or undone."""
        with self._write() as db:
            current = self._get(db, intervention_id)
            db.execute("UPDATE interventions SET deleted = 1, version = version + 1 WHERE id = ?", (intervention_id,))
            self._history(db, current, "delete", current.version + 1, by)
            db.execute("UPDATE speakers SET taken_by = NULL WHERE taken_by = ?", (intervention_id,))
            return current

    def restore(self, intervention_id: int, *, by: str = "") -> Intervention:
        with self._write() as db:
            current = self._get(db, intervention_id, deleted=True)
            db.execute("UPDATE interventions SET deleted = 0, version = version + 1 WHERE id = ?", (intervention_id,))
            self._history(db, current, "restore", current.version + 1, by)
            return current.with_(version=current.version + 1)

    def undo(self, *, by: str = "") -> str:
        """Reverse ``by``'s latest change not yet undone; returns what was done, for the status line."""
        with self._write() as db:
            entry = db.execute(
                "SELECT * FROM history WHERE by = ? AND undone = 0 AND action != 'undo' ORDER BY hid DESC LIMIT 1",
                (by,),
            ).fetchone()
            if entry is None:
                raise NotFoundError(f"nothing to undo for rapporteur {by!r}")
            target = entry["intervention_id"]
            action = entry["action"]
            current = db.execute("SELECT * FROM interventions WHERE id = ?", (target,)).fetchone()
            if action == "insert":
                db.execute("UPDATE interventions SET deleted = 1, version = version + 1 WHERE id = ?", (target,))
                db.execute("UPDATE speakers SET taken_by = NULL WHERE taken_by = ?", (target,))
                message = f"Undid save of #{target}"
            elif action in ("delete", "restore"):
                db.execute(
                    "UPDATE interventions SET deleted = ?, version = version + 1 WHERE id = ?",
                    (0 if action == "delete" else 1, target),
                )
                message = f"Undid {'deletion' if action == 'delete' else 'restoring'} of #{target}"
            else:
                before = json.loads(entry["before"])
                db.execute(
                    f"UPDATE interventions SET {', '.join(f'{f} = :{f}' for f in _FIELDS)},"
                    " version = version + 1 WHERE id = :id",
                    {f: before[f] for f in _FIELDS} | {"id": target},
                )
                message = f"Undid edit of #{target}"
            db.execute("UPDATE history SET undone = 1 WHERE hid = ?", (entry["hid"],))
            db.execute(
                "INSERT INTO history (intervention_id, action, version, at, by, before) VALUES (?, 'undo', ?, ?, ?, ?)",
                (target, current["version"] + 1, _now(), by, json.dumps(dict(current))),
            )
            return message

    def apply(
        self, inserts: Sequence[Intervention], updates: Sequence[Intervention], *, by: str = ""
    ) -> list[Intervention]:
        """Save many records in one transaction: all of them, or none if any fails."""
        with self._write() as db:
            for record in updates:
                self._get(db, record.id)  # type: ignore[arg-type]
            saved = [self._update(db, r, by or r.rapporteur, None) for r in updates]
            saved += [self._insert(db, r, by or r.rapporteur) for r in inserts]
            return saved

    def get(self, intervention_id: int) -> Intervention:
        with self._lock:
            return self._get(self._db, intervention_id)

    def interventions(self, panel: int | None = None) -> list[Intervention]:
        """Live records in order of speaking."""
        where, params = ("AND panel = ?", (panel,)) if panel is not None else ("", ())
        rows = self._read(f"SELECT * FROM interventions WHERE deleted = 0 {where} ORDER BY panel, seq, id", params)
        return [_from_db(r) for r in rows]

    def all_records(self) -> list[Intervention]:
        """Every record, deleted ones included: a programme update must not orphan any."""
        return [_from_db(r) for r in self._read("SELECT * FROM interventions ORDER BY id")]

    def history(self, intervention_id: int) -> list[dict[str, Any]]:
        rows = self._read(
            "SELECT action, version, at, by, undone FROM history WHERE intervention_id = ? ORDER BY hid",
            (intervention_id,),
        )
        return [dict(r) for r in rows]

    def count(self) -> int:
        return self._read("SELECT COUNT(*) FROM interventions WHERE deleted = 0")[0][0]

    def integrity(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]

    # -- speakers' list -----------------------------------------------------------------------

    def replace_speakers(self, panel: int, entries: Sequence[dict[str, Any]]) -> None:
        """Replace the panel's inscribed speakers that have not yet spoken; those who spoke stay."""
        with self._write() as db:
            db.execute("DELETE FROM speakers WHERE panel = ? AND taken_by IS NULL", (panel,))
            start = db.execute("SELECT COALESCE(MAX(position), 0) FROM speakers WHERE panel = ?", (panel,)).fetchone()[
                0
            ]
            db.executemany(
                "INSERT INTO speakers (panel, position, delegation, speaker, category, on_behalf_of)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (panel, start + i, e["delegation"], e.get("speaker", ""), e["category"], e.get("on_behalf_of", ""))
                    for i, e in enumerate(entries, 1)
                ],
            )

    def speakers(self, panel: int) -> list[dict[str, Any]]:
        rows = self._read("SELECT * FROM speakers WHERE panel = ? ORDER BY position", (panel,))
        return [dict(r) for r in rows]

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
            cursor = db.execute(
                "INSERT INTO point_groups (panel, text, members, by, saved_at) VALUES (?, ?, ?, ?, ?)",
                (panel, text, json.dumps(list(members), ensure_ascii=False), by, _now()),
            )
            return cursor.lastrowid  # type: ignore[return-value]

    def point_groups(self, panel: int | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE panel = ?", (panel,)) if panel is not None else ("", ())
        rows = self._read(f"SELECT * FROM point_groups {where} ORDER BY id", params)
        return [dict(r) | {"members": json.loads(r["members"])} for r in rows]

    def delete_point_group(self, group_id: int) -> None:
        with self._write() as db:
            if db.execute("DELETE FROM point_groups WHERE id = ?", (group_id,)).rowcount == 0:
                raise NotFoundError(f"no point group #{group_id} in this store; check the id")

    # -- unsaved drafts -----------------------------------------------------------------------

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        """Keep what a rapporteur has typed but not saved, so a reload or kernel restart loses nothing."""
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?)", (key, json.dumps(data), _now()))

    def draft(self, key: str) -> dict[str, Any] | None:
        row = self._read("SELECT data FROM drafts WHERE key = ?", (key,))
        return json.loads(row[0][0]) if row else None

    def clear_draft(self, key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", (key,))
