"""Groups of points that say the same thing, kept or rejected by a person.

The store takes and gives typed values (``domain/points.py``); a group's points are JSON only here,
written by ``members_json`` exactly as earlier versions wrote them and read back by ``members_of``.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..domain.model import MAX_TEXT
from ..domain.points import KINDS, PointGroup, PointKey, RejectedGroup
from ..errors import NotFoundError, StoreError
from .database import Database
from .schema import stamp


class DamagedGroup(StoreError):
    """A stored group of points hlmnotes did not write: ``group_id`` and what is wrong with it."""

    def __init__(self, group_id: int, problem: str):
        super().__init__(
            f"group of points #{group_id} of this store cannot be read: {problem}; hlmnotes did not write it: restore"
            " the store from a copy, or delete that row"
        )
        self.group_id, self.problem = group_id, problem


class PointGroups:
    """Accepted groups of one store (``db``: one text for several points) and rejected ones (never proposed again)."""

    def __init__(self, db: Database):
        self.db = db

    def save(self, panel: int, text: str, members: Sequence[PointKey], *, by: str = "") -> int:
        """Keep a person's decision that these points say one thing; the points are matched by text so an
        edited line drops out of its group instead of silently joining the wrong one."""
        with self.db.write() as db:
            return db.execute(
                db.sql.save_group,
                (panel, text, members_json(members), by, stamp()),
            ).fetchone()["id"]

    def accepted(self, panel: int | None = None) -> list[PointGroup]:
        """The accepted groups (of ``panel``, default all) in the order they were accepted.

        A group of another shape than this module writes raises ``DamagedGroup`` (the merge names it)."""
        sql = self.db.sql
        rows = self.db.read(sql.groups) if panel is None else self.db.read(sql.groups_of_panel, (panel,))
        return [PointGroup(r["id"], _panel(r), _wording(r), members_of(r), str(r["by"]), str(r["saved_at"])) for r in rows]

    def delete(self, group_id: int) -> None:
        """Undo an accepted group: its points count one by one again."""
        with self.db.write() as db:
            if db.execute(db.sql.delete_group, (group_id,)).rowcount == 0:
                raise NotFoundError(f"no point group #{group_id} in this store; check the id")

    def reject(self, panel: int, members: Sequence[PointKey], *, by: str = "") -> int:
        """Keep a person's decision that these points do *not* say one thing, so they are not proposed again."""
        with self.db.write() as db:
            return db.execute(
                db.sql.reject_group,
                (panel, members_json(members), by, stamp()),
            ).fetchone()["id"]

    def rejected(self, panel: int) -> list[RejectedGroup]:
        """The panel's rejected groups, in the order they were rejected."""
        rows = self.db.read(self.db.sql.rejected_groups, (panel,))
        return [RejectedGroup(r["id"], _panel(r), members_of(r), str(r["by"]), str(r["saved_at"])) for r in rows]


def members_json(members: Iterable[PointKey]) -> str:
    """A group's points as the store keeps them: a JSON list of ``{"intervention", "kind", "text"}``."""
    rows = [{"intervention": m.intervention, "kind": m.kind, "text": m.text} for m in members]
    return json.dumps(rows, ensure_ascii=False)


def members_of(row: Mapping[str, Any]) -> tuple[PointKey, ...]:
    """The points of a stored group's row. JSON that does not parse raises its ValueError; any other shape
    than ``members_json`` writes (another program's, or a damaged file's) raises ``DamagedGroup``."""
    members = json.loads(row["members"])
    if not isinstance(members, list) or not members:
        raise DamagedGroup(row["id"], f"its points {reprlib.repr(members)} are not a list")
    return tuple(_point(row["id"], m) for m in members)


def _point(group_id: int, member: object) -> PointKey:
    if isinstance(member, dict):
        intervention, kind, text = member.get("intervention"), member.get("kind"), member.get("text")
        if (
            type(intervention) is int
            and isinstance(kind, str) and kind in KINDS
            and isinstance(text, str) and len(text) <= MAX_TEXT
        ):  # fmt: skip
            return PointKey(intervention, kind, text)
    raise DamagedGroup(group_id, f"the point {reprlib.repr(member)} is not an intervention's line")


def _panel(row: Mapping[str, Any]) -> int:
    if type(row["panel"]) is not int:
        raise DamagedGroup(row["id"], f"its panel {reprlib.repr(row['panel'])} is not a panel's number")
    return row["panel"]


def _wording(row: Mapping[str, Any]) -> str:
    if not isinstance(row["text"], str):
        raise DamagedGroup(row["id"], f"its wording {reprlib.repr(row['text'])} is not text")
    return row["text"]
