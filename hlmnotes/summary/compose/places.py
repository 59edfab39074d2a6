"""The places of a panel's floor in the draft: section III's entries and section IV's items.

An ``Entry`` is one place of section III (a topic's discussion, one set of speakers' own points, or a
divergent view no topic holds); an ``Item`` is one sub-item of section IV (the calls of several
speakers on one topic, or one speaker's own calls). ``discussion`` lays them out; ``readout`` chooses
which of them a read-out version keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .points import Unit
from .topics import Topic


@dataclass(slots=True)
class Entry:
    """One place of section III: a topic's discussion (``topic`` set), one set of speakers' own points
    (``units`` share their voices), or a view no topic holds; ``divergent`` are the divergent views
    written right after the topic they qualify."""

    units: list[Unit]
    voices: int
    topic: Topic | None = None
    divergent: list[Unit] = field(default_factory=list)

    @property
    def first_seq(self) -> int:
        return min(u.first_seq for u in self.units)

    @property
    def alone(self) -> bool:
        """A divergent view that qualifies no topic: it closes its sub-section."""
        return self.topic is None and all(u.divergent for u in self.units)

    def rank(self) -> tuple[bool, int, int]:
        """What most said first: the most widely supported topic, then the others; divergent views alone last."""
        return (self.alone, -self.voices, self.first_seq)


@dataclass(slots=True)
class Item:
    """One sub-item of section IV: the calls of a topic made by several speakers, or one speaker's calls
    (``topics``: the topics its calls belong to, whose discussion section III holds)."""

    units: list[Unit]
    voices: int
    topics: list[Topic] = field(default_factory=list)

    @property
    def first_seq(self) -> int:
        return min(u.first_seq for u in self.units)
