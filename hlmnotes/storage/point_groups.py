"""Groups of points that say the same thing, kept or rejected by a person."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import NotFoundError
from .database import Database
from .schema import stamp


class PointGroups(Database):
    """Accepted groups (one text for several points) and rejected ones (never proposed again)."""

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
