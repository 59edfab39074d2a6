"""The Recorder's entry kept in the store as a draft: written on every edit, restored when the Recorder
opens, and told apart from the same entry in another tab by a token, so it is never saved twice.

A part of the ``Recorder`` (its base class), kept apart from its layout and its clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import HlmnotesError
from ._common import reports
from ._session import remember_rapporteur

if TYPE_CHECKING:
    import ipywidgets as w

    from ..app.workspace import Workspace
    from ..domain.entry import Entry
    from ..domain.timing import SpeakingClock
    from ..io.speakers import Inscribed
    from .pad import EntryPad, PadStatus


class EntryDraft:
    """What the Recorder does with its entry's draft in the store."""

    ws: Workspace
    entry: Entry
    clock: SpeakingClock
    pad: EntryPad
    status: PadStatus
    rapporteur: w.Text
    now: Callable[[], dt.datetime]
    token: str | None  # the entry's id in the store's draft: a second tab's save is told apart
    _restoring: bool

    if TYPE_CHECKING:  # what the Recorder, its clock and its speakers' list provide, for the type checker only

        @property
        def panel_id(self) -> int: ...
        def show_clock(self) -> None: ...
        def _show_form(self) -> None: ...
        def _show_entry(self) -> None: ...
        def _reset_entry(self) -> None: ...
        def _start_ticking(self) -> None: ...
        def _stop_ticking(self) -> None: ...
        def _waiting(self) -> list[Inscribed]: ...
        def _say_restored(self, draft: dict, dropped: list[str]) -> None: ...

    @property
    def draft_key(self) -> str:
        return f"{self.rapporteur.value.strip() or 'rapporteur'}/panel{self.panel_id}"

    def _show_storage_key(self) -> None:
        """Where the browser keeps its own copy of every keystroke: per store, rapporteur and panel."""
        store = hashlib.sha256(self.ws.target.encode()).hexdigest()[:12]
        self.pad.storage_key = f"hlmnotes/{store}/{self.draft_key}"

    def keep_draft(self, seq: int | None = None) -> None:
        """Write what is on screen to the store now (it is also written on every change)."""
        if self._restoring:
            return
        if self.entry.is_empty() and not self.entry.started():
            self.ws.clear_draft(self.draft_key)
            self.token = None
        else:
            self.token = self.token or uuid.uuid4().hex
            self.ws.keep_draft(self.draft_key, self.entry.draft(self.now()) | {"token": self.token})
        if seq is not None:
            self.pad.kept = max(self.pad.kept, seq)

    def _restore_draft(self) -> None:
        draft = self.ws.draft(self.draft_key)
        if not draft:
            return
        self._restoring = True
        try:
            dropped = self.entry.restore(
                draft, self.ws.programme.panel(self.panel_id), self.ws.codebook, self._waiting()
            )
        except HlmnotesError as exc:
            self.status.error(f"Your unsaved entry could not be restored ({exc}); it is shown in the log")
            self.status.note(json.dumps(draft, ensure_ascii=False, indent=1))
            return
        finally:
            self._restoring = False
        self.token = str(draft.get("token") or "") or None
        self._show_form()
        self._show_entry()
        self._say_restored(draft, dropped)
        if self.clock.running:
            self._start_ticking()

    @reports
    def _on_rapporteur(self, change: dict) -> None:
        """The draft follows the rapporteur's name, so a renamed rapporteur keeps what they typed."""
        old_key = f"{change['old'].strip() or 'rapporteur'}/panel{self.panel_id}"
        if old_key != self.draft_key:
            self.ws.clear_draft(old_key)
        self._show_storage_key()
        self.keep_draft()
        if self.rapporteur.value.strip():
            remember_rapporteur(self.ws, self.rapporteur.value)

    def _stale(self) -> bool:
        """True (and says so) when this entry was saved or left in another tab meanwhile: never a duplicate."""
        if self.token is None:
            return False
        kept = self.ws.draft(self.draft_key)
        if kept is not None and kept.get("token") == self.token:
            return False
        self.status.error(
            "Not saved: this entry was saved or left in another tab or window (see the table); its text is in the log."
            " Press New entry to go on here."
        )
        self.status.note(json.dumps(self.entry.values, ensure_ascii=False, indent=1))
        return True

    def _follow_another_tab(self) -> None:
        """Polled: this entry saved or left in another tab (its draft gone) is cleared here too."""
        if self.token is None or self.entry.is_empty() or self.ws.draft(self.draft_key) is not None:
            return
        self.status.note("Left this entry, saved or left in another tab:\n"
                         + json.dumps(self.entry.values, ensure_ascii=False, indent=1))  # fmt: skip
        self._reset_entry()
        self._stop_ticking()
        self.show_clock()
        self.status.info("This entry was saved or left in another tab; the form is free for the next speaker.")

