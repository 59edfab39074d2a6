"""What a rapporteur typed but did not save, and the settings a store keeps."""

from __future__ import annotations

import json
from typing import Any

from .database import Database
from .schema import stamp


class DraftsAndSettings(Database):
    """Unsaved drafts (one per rapporteur and panel) and settings, each a JSON object under a key."""

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        """Keep what a rapporteur has typed but not saved, so a reload or kernel restart loses nothing."""
        with self._write() as db:
            db.execute(db.sql.save_draft, (key, json.dumps(data), stamp()))

    def draft(self, key: str) -> dict[str, Any] | None:
        rows = self._read(self.sql.draft, (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def setting(self, key: str) -> dict[str, Any] | None:
        """A setting kept in this store (``rapporteur``: the name last typed; ``absent/panel<N>``: the speakers'
        list's absent marks), or None."""
        rows = self._read(self.sql.setting, (key,))
        return json.loads(rows[0]["data"]) if rows else None

    def set_setting(self, key: str, data: dict[str, Any]) -> None:
        with self._write() as db:
            db.execute(db.sql.set_setting, (key, json.dumps(data), stamp()))

    def drafts_ending(self, suffix: str) -> dict[str, dict[str, Any]]:
        """Every unsaved draft whose key ends with ``suffix`` (``/panel1``: each rapporteur's entry on panel 1)."""
        rows = self._read(self.sql.drafts)  # a handful: one per rapporteur and panel
        return {r["key"]: json.loads(r["data"]) for r in rows if r["key"].endswith(suffix)}

    def clear_draft(self, key: str) -> None:
        with self._write() as db:
            db.execute(db.sql.clear_draft, (key,))
