"""The speakers' list as typed values: who is to be inscribed, and who is inscribed where on a panel's list.

``io/speakers.py`` reads a secretariat's list into ``SpeakerEntry`` values; the store keeps them and
gives back ``Inscribed`` ones, which the Recorder, the Chair's view and the Workspace pass around
(docs/design.md, "Typed domain values").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpeakerEntry:
    """A speaker to inscribe, names as the reference lists print them (``category`` a code)."""

    delegation: str
    category: str
    speaker: str = ""
    on_behalf_of: str = ""


@dataclass(frozen=True, slots=True)
class Inscribed:
    """One entry of a panel's queue; ``taken_by`` is the intervention that used it, if any."""

    panel: int
    position: int
    delegation: str
    speaker: str
    category: str
    on_behalf_of: str
    taken_by: int | None = None
    absent: bool = False  # called but not in the room: skipped, still on the list

    @property
    def waiting(self) -> bool:
        return self.taken_by is None and not self.absent

    @property
    def who(self) -> str:
        """How the Recorder and the Chair's view name the entry: ``Belgium (Name), on behalf of the EU``."""
        name = self.delegation + (f" ({self.speaker})" if self.speaker else "")
        return name + (f", on behalf of {self.on_behalf_of}" if self.on_behalf_of else "")
