"""The balance of the floor by UN regional group: who spoke, for how long, and what the draft reports of them.

Check 5 of docs/design.md asks whether a draft reads as if only one group spoke. This module counts, for each
of the five regional groups, the floor's *voices* (a delegation, or a group for a statement made on
its behalf: "counted as that statement, not its members", as section III counts N), their share of
the floor's speaking time and the sentences of the draft that cite them. A group statement counts
for a region only when every listed member of the group is in that region (the African Group,
CARICOM); otherwise (the European Union, the Group of 77 and China, a group with no member list)
it has a row of its own. Observer States, UN entities, IGOs, civil society and everyone else have
their own rows too, so no floor speaker is lost from the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain import categories
from ..domain.model import PODIUM, Intervention, saved_id
from ..domain.reference import Reference
from ..domain.regions import Regions, default_regions
from ..domain.text import fold
from ..domain.timing import mmss

if TYPE_CHECKING:  # imported by frame() only: the summary and `balance --format text` build no table
    import pandas as pd


GROUPS_ROW = "Group statements across regions"
UNPLACED_ROW = "Member States not on the regional lists"
CATEGORY_ROWS = categories.balance_rows()
COLUMNS = ["region", "speakers", "speaking_time_s", "points", "share_of_time", "interventions", "cited_in_iii", "names"]


@dataclass(frozen=True)
class BalanceRow:
    """One row: a regional group, or the floor speakers outside any (group statements, observers, …)."""

    region: str
    names: tuple[str, ...]  # voices in order of first speaking: "Kenya", "African Group (Egypt)"
    interventions: int
    speaking_time_s: int
    share_of_time: float  # of the floor's recorded speaking time, 0 to 1
    points: int  # sentences of the draft (sections III and IV) citing these voices
    cited_in_iii: bool  # at least one sentence of section III cites them
    is_region: bool

    @property
    def speakers(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Balance:
    """The table for one panel or several; ``rows`` start with the five regional groups, always present."""

    panels: tuple[int, ...]
    rows: tuple[BalanceRow, ...]
    floor_s: int

    def regions(self) -> list[BalanceRow]:
        return [r for r in self.rows if r.is_region]

    def uncited(self) -> list[str]:
        """Regional groups whose voices spoke but no sentence of section III cites."""
        return [r.region for r in self.regions() if r.speakers and not r.cited_in_iii]

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame with the contract's columns first (``region,speakers,speaking_time_s,points``)."""
        import pandas as pd

        rows = [
            {"region": r.region, "speakers": r.speakers, "speaking_time_s": r.speaking_time_s, "points": r.points,
             "share_of_time": round(r.share_of_time, 4), "interventions": r.interventions,
             "cited_in_iii": r.cited_in_iii, "names": "; ".join(r.names)}
            for r in self.rows
        ]  # fmt: skip
        schema = {"region": "string", "speakers": "Int64", "speaking_time_s": "Int64", "points": "Int64",
                  "share_of_time": "Float64", "interventions": "Int64", "cited_in_iii": "boolean", "names": "string"}  # fmt: skip
        return pd.DataFrame(rows, columns=COLUMNS).astype(schema)

    def text(self, verdict: str) -> str:
        """The table as a person reads it on a terminal, the names of each row's voices below it, and
        ``verdict`` (``summary.floor.section_iii_verdict``: whether section III cites every group)."""
        which = "all panels" if len(self.panels) != 1 else f"panel {self.panels[0]}"
        width = max(len(r.region) for r in self.rows)
        out = [
            f"Balance of the floor by regional group, {which} ({mmss(self.floor_s) or '0:00'} of floor speaking time)",
            f"{'region':<{width}}  speakers  time      share  points  section III",
        ]
        for r in self.rows:
            cited = ("cited" if r.cited_in_iii else "not cited") if r.speakers else ""
            line = (
                f"{r.region:<{width}}  {r.speakers:>8}  {mmss(r.speaking_time_s) or '0:00':>8}"
                f"  {r.share_of_time:>5.0%}  {r.points:>6}  {cited}"
            )
            out.append(line.rstrip())
        out.append("")
        out += [f"{r.region}: {', '.join(r.names)}" for r in self.rows if r.names]
        out.append(verdict[0].upper() + verdict[1:] + ".")
        return "\n".join(out) + "\n"


def voice(record: Intervention) -> tuple[str, str]:
    """(key, display name) of who a floor intervention counts for: the group it speaks for, else the delegation."""
    if record.on_behalf_of:
        return fold(record.on_behalf_of), f"{record.on_behalf_of} ({record.delegation})"
    return fold(record.delegation), record.delegation


def row_of(record: Intervention, regions: Regions, reference: Reference) -> str:
    """The row a floor intervention counts on (see the module's docstring)."""
    if record.category != "member_state":
        return CATEGORY_ROWS.get(record.category, "Others")
    if record.on_behalf_of:
        group = reference.find_group(record.on_behalf_of)
        places = {regions.region_of(m) for m in group.members} if group and group.members else {None}
        only = places.pop() if len(places) == 1 else None
        return only.name if only is not None else GROUPS_ROW
    region = regions.region_of(record.delegation)
    return region.name if region else UNPLACED_ROW


def tally(
    records: Iterable[Intervention], reference: Reference, *, regions: Regions | None = None,
    cited: Sequence[Iterable[int]] = (), cited_in_iii: Iterable[int] = (), panels: Sequence[int] = (),
) -> Balance:  # fmt: skip
    """The balance of ``records``' floor interventions.

    ``cited`` is one collection of intervention ids per sentence of the draft (sections III and IV),
    ``cited_in_iii`` the ids any sentence of section III cites.
    """
    regions = regions or default_regions()
    floor = [r for r in records if r.category not in PODIUM]
    rows: dict[str, dict[str, Any]] = {name: {"names": {}, "ids": set(), "seconds": 0} for name in regions.names()}
    for r in sorted(floor, key=lambda r: (r.panel, r.seq or 0, saved_id(r))):
        row = rows.setdefault(row_of(r, regions, reference), {"names": {}, "ids": set(), "seconds": 0})
        key, name = voice(r)
        row["names"].setdefault(key, name)
        row["ids"].add(r.id)
        row["seconds"] += r.duration_s or 0
    floor_s = sum(row["seconds"] for row in rows.values())
    in_iii = set(cited_in_iii)
    sentences = [set(ids) for ids in cited]
    order = [*regions.names(), GROUPS_ROW, UNPLACED_ROW, *dict.fromkeys(CATEGORY_ROWS.values())]
    built = tuple(
        BalanceRow(
            region=name, names=tuple(rows[name]["names"].values()), interventions=len(rows[name]["ids"]),
            speaking_time_s=rows[name]["seconds"], share_of_time=rows[name]["seconds"] / floor_s if floor_s else 0.0,
            points=sum(1 for ids in sentences if ids & rows[name]["ids"]),
            cited_in_iii=bool(in_iii & rows[name]["ids"]), is_region=name in regions.names(),
        )
        for name in order
        if name in rows
    )  # fmt: skip
    return Balance(tuple(panels), built, floor_s)
