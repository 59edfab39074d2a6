"""The store's tables, how a record maps to a row, and the steps that bring an older store forward.

Version 1 is the first release's schema; ``MIGRATIONS[v]`` takes a store from ``v - 1`` to ``v``.
Statements are portable between SQLite and PostgreSQL except for ``{key}``, the DDL of an
auto-assigned integer key, which each dialect fills in once when ``sql.py`` loads, and the steps
of one database only, written ``(dialect name, statement)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from sys import intern
from typing import Any

from ..domain.model import Intervention, SavedIntervention

SCHEMA_VERSION = 6
FIELDS = (
    "uid", "panel", "seq", "speaker", "delegation", "category", "on_behalf_of", "questions", "themes",
    "flags", "key_points", "recommendations", "started_at", "ended_at", "duration_s", "rapporteur",
)  # fmt: skip

# One statement each: run one by one (the drivers take one statement a call), never split on ";"
# (a default or a comment may hold one). {key} is the dialect's auto-numbered primary key.
SCHEMA: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """
CREATE TABLE interventions (
    id {key},
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
)
    """,
    "CREATE INDEX interventions_panel ON interventions (panel, seq)",
    """
CREATE TABLE history (
    hid {key},
    intervention_id BIGINT NOT NULL REFERENCES interventions (id),
    action TEXT NOT NULL,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    before TEXT,
    undone INTEGER NOT NULL DEFAULT 0
)
    """,
    "CREATE INDEX history_by ON history (by, hid)",
    "CREATE INDEX history_intervention ON history (intervention_id)",
    """
CREATE TABLE speakers (
    panel INTEGER NOT NULL,
    position INTEGER NOT NULL,
    delegation TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    taken_by BIGINT REFERENCES interventions (id),
    PRIMARY KEY (panel, position)
)
    """,
    "CREATE TABLE drafts (key TEXT PRIMARY KEY, data TEXT NOT NULL, saved_at TEXT NOT NULL)",
    """
CREATE TABLE point_groups (
    id {key},
    panel INTEGER NOT NULL,
    text TEXT NOT NULL,
    members TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL
)
    """,
)

# Forward migrations: MIGRATIONS[v] takes a store from schema v - 1 to v. A new store is created at
# version 1 and migrated like any old one, so every store on disk took the same path.
MIGRATIONS: dict[int, tuple[str | tuple[str, str], ...]] = {
    2: (
        """
CREATE TABLE rejected_groups (
    id {key},
    panel INTEGER NOT NULL,
    members TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL
)
        """,
    ),
    # The store's settings (the rapporteur's name a laptop remembers) had been kept among the unsaved
    # entries' drafts under "settings/…"; they get a table of their own, the name moved into it.
    3: (
        "CREATE TABLE settings (key TEXT PRIMARY KEY, data TEXT NOT NULL, saved_at TEXT NOT NULL)",
        "INSERT INTO settings (key, data, saved_at) SELECT 'rapporteur', data, saved_at FROM drafts"
        " WHERE key = 'settings/rapporteur'",
        "DELETE FROM drafts WHERE key = 'settings/rapporteur'",
    ),
    # The speakers' lists' absent marks ("absent/panel<N>") join them: among the drafts, a rapporteur
    # who typed the name "absent" would have had the same key as panel N's marks.
    4: (
        "INSERT INTO settings (key, data, saved_at) SELECT key, data, saved_at FROM drafts"
        " WHERE key LIKE 'absent/panel%'",
        "DELETE FROM drafts WHERE key LIKE 'absent/panel%'",
    ),
    # PostgreSQL: each history row names the transaction that wrote it, so that saves side by side
    # need not commit in ``hid`` order for the live views to miss none (``sql.Dialect.settled``).
    # The rows written before are given 0, as old as any (a constant default rewrites nothing); the
    # rows written after, by whatever hlmnotes writes them, their transaction's id. SQLite, one
    # writer at a time, commits in ``hid`` order already: nothing to do there.
    5: (
        ("postgresql", "ALTER TABLE history ADD COLUMN txid BIGINT NOT NULL DEFAULT 0"),
        ("postgresql", "ALTER TABLE history ALTER COLUMN txid SET DEFAULT pg_current_xact_id()::text::bigint"),
        ("postgresql", "CREATE INDEX history_txid ON history (txid)"),
    ),
    # One speech, one record (issue 24): a record keeps the identity of the Recorder's entry it was saved
    # from, unique, so a second tab's save of the same entry is refused by the database itself. The
    # programme's version (raised by each update) lets a save made by a kernel that read an older
    # programme be validated again before it commits; the store's identity, made once with it, keys the
    # browser's copy of unsaved text (a new store at the same path is another store).
    6: (
        "ALTER TABLE interventions ADD COLUMN entry TEXT",
        "CREATE UNIQUE INDEX interventions_entry ON interventions (entry)",
        "INSERT INTO meta (key, value) VALUES ('programme_version', '1')",
        ("sqlite", "INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))))"),
        ("postgresql", "INSERT INTO meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''))"),
    ),
}


def stamp() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def to_db(record: Intervention) -> dict[str, Any]:
    row = record.to_row()
    return {k: row[k] for k in FIELDS if k != "uid"} | {
        "uid": record.uid,
        "started_at": row["started_at"] or None,
        "ended_at": row["ended_at"] or None,
    }


def from_db(row: Mapping[str, Any]) -> SavedIntervention:
    # Each column read once, lists split without a generator per field: every read of the records
    # (20,000 for `hlmnotes stats`, a panel for each screen) makes one of these per row. Names, codes
    # and rapporteurs repeat across thousands of rows and the database returns a new string for each:
    # one shared copy of each (``sys.intern``) takes a tenth less memory for the records a draft holds.
    questions, themes, flags = row["questions"], row["themes"], row["flags"]
    started, ended = row["started_at"], row["ended_at"]
    return SavedIntervention(
        id=row["id"],
        uid=row["uid"],
        panel=row["panel"],
        seq=row["seq"],
        speaker=intern(row["speaker"]),
        delegation=intern(row["delegation"]),
        category=intern(row["category"]),
        on_behalf_of=intern(row["on_behalf_of"]),
        questions=tuple(map(int, filter(None, questions.split(";")))) if questions else (),
        themes=tuple(map(intern, filter(None, themes.split(";")))) if themes else (),
        flags=tuple(map(intern, filter(None, flags.split(";")))) if flags else (),
        key_points=row["key_points"],
        recommendations=row["recommendations"],
        started_at=dt.datetime.fromisoformat(started) if started else None,
        ended_at=dt.datetime.fromisoformat(ended) if ended else None,
        duration_s=row["duration_s"],
        rapporteur=intern(row["rapporteur"]),
        version=row["version"],
    )


def unsaved(state: Mapping[str, Any]) -> Intervention:
    """A record in another store's state (a merge's), not saved here yet: no id of this store."""
    read = vars(from_db(dict(state) | {"id": 0, "version": 1}))  # read as a row is; its id is not ours
    return Intervention(**read | {"id": None})


def differences(mine: Intervention, stored: Intervention) -> str:
    """The fields two versions disagree on, both values shown, for a conflict message."""
    a, b = mine.to_row(), stored.to_row()
    parts = [f"{k} stored {b[k]!r}, yours {a[k]!r}" for k in a if k not in ("id", "seq") and a[k] != b[k]]
    return "; ".join(parts) or "no field differs"
