"""The Recorder's speakers' list as the Chair runs it: next speaker, any entry by a click, absent, late.

A part of the ``Recorder`` (its base class), kept apart so each file stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain.model import CATEGORY_LABELS
from ..domain.speakers import Inscribed
from ._common import reports
from ._render import who

if TYPE_CHECKING:
    from ..app.workspace import Workspace
    from ..domain.entry import Entry
    from ..domain.timing import SpeakingClock
    from .pad import EntryPad, PadStatus


class SpeakersList:
    """What the Recorder does with the panel's speakers' list."""

    ws: Workspace
    entry: Entry
    clock: SpeakingClock
    pad: EntryPad
    status: PadStatus
    _offered_by_next: int | None

    if TYPE_CHECKING:  # what the Recorder and its clock provide, declared for the type checker only

        @property
        def panel_id(self) -> int: ...
        def keep_draft(self, seq: int | None = None) -> None: ...
        def show_clock(self) -> None: ...
        def _show_entry(self) -> None: ...
        def _reset_entry(self) -> None: ...
        def _stop_ticking(self) -> None: ...

    def _waiting(self) -> list[Inscribed]:
        return [s for s in self.ws.speakers.queue(self.panel_id) if s.waiting]

    def _fill_from_list(self, chosen: Inscribed, *, keep_notes: bool = False) -> None:
        self.entry.take(chosen, keep_notes=keep_notes)
        self.pad.show(self.entry.values)
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        self._show_queue()

    @reports
    def next_speaker(self, _: Any = None) -> None:
        """Fill the form with the next inscribed speaker: the first still waiting (pressed again: the one after)."""
        if self.entry.editing is not None or self.entry.has_notes():
            self.status.warn("Save this entry (or press New entry) before taking the next speaker")
            return
        waiting = self._waiting()
        if not waiting:
            self.status.warn(
                f"No one is waiting on panel {self.panel_id}'s speakers' list; type the delegation instead"
            )
            return
        current = self.entry.queue_position
        after = [
            s for s in waiting if current is not None and current == self._offered_by_next and s.position > current
        ]
        chosen = (after or [s for s in waiting if s.position != current] or waiting)[0]
        self._offered_by_next = chosen.position
        self._fill_from_list(chosen)
        self.status.info(f"Next speaker: {who(chosen)}. Press Start when they begin.")
        self.pad.focus("start")

    @reports
    def take(self, position: int) -> None:
        """Take a chosen entry of the list (the Chair called someone else); notes already typed stay."""
        if self.entry.editing is not None:
            self.status.warn("Save this edit (or press New entry) before taking a speaker from the list")
            return
        chosen = next((s for s in self.ws.speakers.queue(self.panel_id) if s.position == position), None)
        if chosen is None or chosen.taken_by is not None:
            self.status.warn(f"No. {position} is not waiting on the speakers' list")
            return
        if chosen.absent:
            self.ws.speakers.mark_absent(self.panel_id, position, absent=False)
        keep_notes = self.entry.has_notes()  # the person typed before saying who spoke: notes and clock stay
        self._fill_from_list(chosen, keep_notes=keep_notes)
        if not keep_notes:
            self.pad.focus("start")
        self._offered_by_next = None
        self.status.info(f"Speaker: {who(chosen)} (no. {chosen.position}).")

    @reports
    def absent(self, _: Any = None) -> None:
        """The speaker on the form is not in the room: marked absent on the list, the form freed for the next."""
        offered = self.entry.offered
        if offered is None:
            self.status.warn("Take a speaker from the list first; Absent marks the one on the form")
            return
        self.ws.speakers.mark_absent(self.panel_id, offered.position)
        if not self.entry.has_notes() and self.entry.editing is None:
            self._reset_entry()
            self._stop_ticking()
            self.keep_draft()
            self.show_clock()
        else:
            self.entry.queue_position = self.entry.offered = None
            self.keep_draft()
        self._offered_by_next = None
        self._show_queue()
        self.status.info(
            f"No. {offered.position} ({offered.delegation}) marked absent; Next speaker takes the next one."
        )
        self.pad.focus("next")

    @reports
    def late(self, delegation: str) -> None:
        """Inscribe a late speaker at the end of the list."""
        added = self.ws.speakers.add_late(self.panel_id, delegation)
        self._show_queue()
        self.status.info(f"Added {who(added)} as no. {added.position} (late inscription).")

    def _show_queue(self) -> None:
        entries = self.ws.speakers.queue(self.panel_id)
        current = self.entry.queue_position
        waiting = sum(s.waiting for s in entries)
        absent = sum(s.absent and s.taken_by is None for s in entries)
        summary = f"{waiting} waiting · {sum(s.taken_by is not None for s in entries)} spoken"
        summary += f" · {absent} absent" if absent else ""
        self.pad.queue = {
            "summary": summary if entries else "No speakers' list imported; type each delegation.",
            "current": current,
            "entries": [
                {"position": s.position, "who": who(s), "category": CATEGORY_LABELS.get(s.category, s.category),
                 "state": "spoken" if s.taken_by is not None else "absent" if s.absent else "waiting",
                 "current": s.position == current}
                for s in entries
            ],
        }  # fmt: skip
