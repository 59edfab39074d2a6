"""The speakers' list of a meeting's store, as ``Workspace.speakers`` offers it.

The speakers module reads files too (interchange): it is imported only when a list is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis.chair import RunningEntry
    from ..domain.context import MeetingContext
    from ..domain.speakers import Inscribed
    from ..storage.store import Store


class SpeakersDesk:
    """The panel's speakers' list: the queue, an imported list, absent and late speakers, who is speaking.

    It holds the store and the meeting (its names are checked against the meeting's reference lists).
    """

    def __init__(self, store: Store, meeting: MeetingContext):
        self.store = store
        self.meeting = meeting

    def queue(self, panel: int) -> list[Inscribed]:
        """The panel's speakers' list in order, each with the intervention that took it, if any."""
        from ..io import speakers

        return speakers.queue(self.store, panel)

    def import_file(self, path: str | Path, panel: int) -> list[Inscribed]:
        """Replace the panel's waiting queue with the file's speakers, every name checked against the lists."""
        from ..io import speakers

        return speakers.import_speakers(self.store, self.meeting, path, panel)

    def next(self, panel: int) -> Inscribed | None:
        """The first inscribed speaker who has not yet spoken and is not marked absent."""
        from ..io import speakers

        return speakers.next_speaker(self.store, panel)

    def mark_absent(self, panel: int, position: int, absent: bool = True) -> None:
        """Mark a listed speaker absent (the Chair moved on) or back in the room; the entry stays on the list."""
        from ..io import speakers

        speakers.mark_absent(self.store, panel, position, absent)

    def add_late(self, panel: int, delegation: str, speaker: str = "", on_behalf_of: str = "") -> Inscribed:
        """Inscribe a late speaker at the end of the list, the name checked against the reference lists."""
        from ..io import speakers

        return speakers.add_late(self.store, self.meeting, panel, delegation, speaker, on_behalf_of)

    def running_entry(self, panel: int) -> RunningEntry | None:
        """Who is at the microphone in ``panel`` by the Recorders' unsaved entries (any laptop on this store).

        The Recorder keeps its entry as the draft ``<rapporteur>/panel<N>`` on every change, its clock's
        start and stop included, so this reads what its speaking clock shows.
        """
        from ..analysis.chair import running_entry

        return running_entry(self.store.drafts.ending(f"/panel{panel}"))
