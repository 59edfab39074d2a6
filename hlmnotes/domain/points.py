"""Points and the staff's decisions on them, as typed values the grouping, the summary, the merge and the
Workspace share (docs/design.md, "Typed domain values").

A point is one line of a floor intervention's ``key_points`` or ``recommendations``. A person groups
points that say one thing (``PointGroup``) or rejects a proposal to (``RejectedGroup``); both name
their points by ``PointKey``: intervention, kind and the line's exact text, so a line edited after
grouping drops out of its group instead of silently joining it. Only the store turns these into JSON
and back (``storage/point_groups.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("key_point", "recommendation")


@dataclass(frozen=True, slots=True, order=True)
class PointKey:
    """Which line a point is: the intervention's id, ``key_point`` or ``recommendation``, the exact text.

    Ordered as (intervention, kind, text), so a sorted group lists its points as they were spoken."""

    intervention: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Point:
    """A point as a proposal shows it: which line it is and the delegation that made it."""

    intervention: int
    kind: str
    text: str
    delegation: str

    @property
    def key(self) -> PointKey:
        return PointKey(self.intervention, self.kind, self.text)


def key_of(point: Point | PointKey) -> PointKey:
    """The key of a point given either way (a proposal's ``Point`` or a ``PointKey`` a caller built)."""
    return point.key if isinstance(point, Point) else point


@dataclass(frozen=True, slots=True)
class PointGroup:
    """A person's decision that ``members`` say one thing, worded as ``text``: the summary writes them once."""

    id: int
    panel: int
    text: str
    members: tuple[PointKey, ...]
    by: str = ""
    saved_at: str = ""


@dataclass(frozen=True, slots=True)
class RejectedGroup:
    """A person's decision that ``members`` do not say one thing: never proposed or merged together again."""

    id: int
    panel: int
    members: tuple[PointKey, ...]
    by: str = ""
    saved_at: str = ""
