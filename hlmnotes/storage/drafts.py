"""What a rapporteur typed but did not save, and the settings a store keeps: each a JSON object under a key."""

from __future__ import annotations

import json
from typing import Any

from .database import Database
from .records import refuse_saved_entry
from .schema import stamp


class Drafts:
    """Unsaved drafts of one store (``db``), one per rapporteur and panel (``<rapporteur>/panel<N>``)."""

    def __init__(self, db: Database):
        self.db = db

    def save(self, key: str, data: dict[str, Any], *, entry: str | None = None) -> None:
        """Keep what a rapporteur has typed but not saved, so a reload or kernel restart loses nothing.

        ``entry``, the Recorder's entry's identity: refused (``AlreadySaved``) once that entry is a record,
        so a tab that has not yet heard of the save cannot bring the saved entry back as unsaved."""
        with self.db.write() as db:
            refuse_saved_entry(db, entry)
            db.execute(db.sql.save_draft, (key, json.dumps(data), stamp()))

    def get(self, key: str) -> dict[str, Any] | None:
        """The draft kept under ``key``, or None."""
        rows = self.db.read(self.db.sql.draft, (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def ending(self, suffix: str) -> dict[str, dict[str, Any]]:
        """Every unsaved draft whose key ends with ``suffix`` (``/panel1``: each rapporteur's entry on panel 1)."""
        rows = self.db.read(self.db.sql.drafts)  # a handful: one per rapporteur and panel
        return {r["key"]: json.loads(r["data"]) for r in rows if r["key"].endswith(suffix)}

    def saved_as(self, entry: str) -> int | None:
        """The record the Recorder's entry ``entry`` was saved as (from any tab), or None."""
        rows = self.db.read(self.db.sql.saved_entry, (entry,))
        return int(rows[0]["id"]) if rows else None

    def clear(self, key: str) -> None:
        with self.db.write() as db:
            db.execute(db.sql.clear_draft, (key,))


class Settings:
    """Settings kept in one store (``db``): ``rapporteur`` (the name last typed), ``absent/panel<N>`` (the
    speakers' list's absent marks)."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> dict[str, Any] | None:
        """The setting kept under ``key``, or None."""
        rows = self.db.read(self.db.sql.setting, (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def set(self, key: str, data: dict[str, Any]) -> None:
        with self.db.write() as db:
            db.execute(db.sql.set_setting, (key, json.dumps(data), stamp()))
