"""The five United Nations regional groups, read from ``data/reference/regional_groups.toml``.

The General Assembly shares out seats and checks balance by these groups, so a Chair's staff ask
"did every region speak, and does the draft report every region?". Each Member State belongs to
exactly one group (the one it belongs to for electoral purposes; the file's comments give the
special cases), and the file is refused unless it covers the 193 Member States of
``delegations.csv`` exactly once, so a count by region can never lose or double a State.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ProgrammeError
from .files import CODEBOOK_BYTES, parse_toml, read_text
from .reference import Reference, default_reference
from .text import fold

# The names the UN uses (DGACM, "Regional groups of Member States"), in its order.
REGION_NAMES = (
    "African States",
    "Asia-Pacific States",
    "Eastern European States",
    "Latin American and Caribbean States",
    "Western European and other States",
)


@dataclass(frozen=True)
class Region:
    name: str
    short: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Regions:
    """The five groups and a lookup from a Member State's name (or alias) to its group."""

    groups: tuple[Region, ...]
    reference: Reference = field(repr=False, compare=False)
    _of: dict[str, Region] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for region in self.groups:
            for member in region.members:
                self._of[fold(member)] = region

    def names(self) -> list[str]:
        return [r.name for r in self.groups]

    def region_of(self, delegation: str) -> Region | None:
        """The regional group of a Member State named by its name or an alias; None for anyone else."""
        found = self.reference.find(delegation)
        return self._of.get(fold(found.name if found else delegation))

    def get(self, name: str) -> Region:
        for region in self.groups:
            if region.name == name:
                return region
        raise KeyError(name)


def parse_regions(text: str, source: str, reference: Reference) -> Regions:
    """Read and check the groups: exact UN names, every member a listed Member State, each exactly once."""
    data = parse_toml(text, source)
    tables = data.get("groups")
    if not isinstance(tables, list) or not tables:
        raise ProgrammeError(f"{source}: no [[groups]] tables; the file lists the five regional groups")
    member_states = {d.name for d in reference.delegations if d.category == "member_state"}
    seen: dict[str, str] = {}
    groups = []
    for i, table in enumerate(tables):
        where = f"{source}: groups[{i + 1}]"
        name = table.get("name") if isinstance(table, dict) else None
        if name not in REGION_NAMES:
            raise ProgrammeError(
                f"{where}.name: {name!r} is not a UN regional group; use one of {', '.join(REGION_NAMES)}"
            )
        members = table.get("members")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ProgrammeError(f"{where}.members: expected a list of Member State names")
        for j, member in enumerate(members):
            if member not in member_states:
                hint = reference.suggestion(member) or "; use the name in delegations.csv"
                raise ProgrammeError(f"{where}.members[{j + 1}]: {member!r} is not a Member State{hint}")
            if member in seen:
                raise ProgrammeError(
                    f"{where}.members[{j + 1}]: {member!r} is already in {seen[member]}; a Member State belongs to one group"
                )
            seen[member] = name
        groups.append(Region(name, str(table.get("short") or name), tuple(members)))
    names = [g.name for g in groups]
    if sorted(names) != sorted(REGION_NAMES):
        missing = [n for n in REGION_NAMES if n not in names] or sorted({n for n in names if names.count(n) > 1})
        raise ProgrammeError(f"{source}: expected each of the five regional groups once; check {', '.join(missing)}")
    unplaced = sorted(member_states - set(seen))
    if unplaced:
        more = f" (and {len(unplaced) - 1} more)" if len(unplaced) > 1 else ""
        raise ProgrammeError(f"{source}: Member State {unplaced[0]!r}{more} is in no regional group; add it to one")
    order = {n: i for i, n in enumerate(REGION_NAMES)}
    return Regions(tuple(sorted(groups, key=lambda g: order[g.name])), reference)


def load_regions(path: str | Path, reference: Reference | None = None) -> Regions:
    path = Path(path)
    return parse_regions(read_text(path, "regional groups file", CODEBOOK_BYTES), str(path), reference or default_reference())


@cache
def default_regions() -> Regions:
    """The groups shipped in ``data/reference`` (read once per process)."""
    from ..paths import data_dir

    return load_regions(data_dir() / "reference" / "regional_groups.toml")
