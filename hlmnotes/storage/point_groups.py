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
                db.sql.save_group,
                (panel, text, json.dumps(list(members), ensure_ascii=False), by, stamp()),
            ).fetchone()["id"]

    def point_groups(self, panel: int | None = None) -> list[dict[str, Any]]:
        rows = self._read(self.sql.groups) if panel is None else self._read(self.sql.groups_of_panel, (panel,))
        return [dict(r) | {"members": json.loads(r["members"])} for r in rows]

    def delete_point_group(self, group_id: int) -> None:
        with self._write() as db:
            if db.execute(db.sql.delete_group, (group_id,)).rowcount == 0:
                raise NotFoundError(f"no point group #{group_id} in this store; check the id")

    def reject_point_group(self, panel: int, members: Sequence[dict[str, Any]], *, by: str = "") -> int:
        """Keep a person's decision that these points do *not* say one thing, so they are not proposed again."""
        with self._write() as db:
            return db.execute(
                db.sql.reject_group,
                (panel, json.dumps(list(members), ensure_ascii=False), by, stamp()),
            ).fetchone()["id"]

    def rejected_groups(self, panel: int) -> list[dict[str, Any]]:
        rows = self._read(self.sql.rejected_groups, (panel,))
        return [dict(r) | {"members": json.loads(r["members"])} for r in rows]
