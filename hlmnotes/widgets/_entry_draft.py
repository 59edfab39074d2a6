"""The Recorder's entry kept in the store as a draft: written on every edit, restored when the Recorder
opens, and told apart from the same entry in another tab by a token (the entry's identity), so it is
never saved twice: the store keeps the token with the record and refuses the entry's second save, and
its draft, from any tab (``AlreadySaved``); the browser's copy is marked saved too.

A part of the ``Recorder`` (its base class), kept apart from its layout and its clock.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import AlreadySaved, HlmnotesError
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
    _token: str | None = None
    _restoring: bool
    saved_elsewhere: int | None = None  # the record this entry was saved as from another tab, once known

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
    def token(self) -> str | None:
        """The entry's identity in the store's draft and, once saved, in its record; the browser keeps it
        with its own copy of the text, so a copy of a saved entry is never sent back as unsaved."""
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        self._token = value
        self.saved_elsewhere = None
        if getattr(self, "pad", None) is not None:
            self.pad.entry_id, self.pad.saved_as = value or "", 0

    @property
    def draft_key(self) -> str:
        return f"{self.rapporteur.value.strip() or 'rapporteur'}/panel{self.panel_id}"

    def _show_storage_key(self) -> None:
        """Where the browser keeps its own copy of every keystroke: per store, rapporteur and panel. The
        store by its identity, made with it: a store made anew at the same path never gets another's text."""
        self.pad.storage_key = f"hlmnotes/{self.ws.store_id}/{self.draft_key}"

    def keep_draft(self, seq: int | None = None) -> None:
        """Write what is on screen to the store now (it is also written on every change)."""
        if self._restoring:
            return
        if self.entry.is_empty() and not self.entry.started():
            self.ws.clear_draft(self.draft_key)
            self.token = None
        elif self.saved_elsewhere is None:
            self.token = self.token or uuid.uuid4().hex
            try:
                self.ws.keep_draft(self.draft_key, self.entry.draft(self.now()) | {"token": self.token}, entry=self.token)
            except AlreadySaved as exc:
                self._already_saved(exc.intervention_id)
        if seq is not None:
            self.pad.kept = max(self.pad.kept, seq)

    def _already_saved(self, record: int) -> None:
        """This entry was saved from another tab as ``record``: say so once, keep what is typed here (in
        the form and the log), mark the browser's copy as saved; Save stays refused, New entry frees the form."""
        if self.saved_elsewhere == record:
            return
        self.saved_elsewhere = record
        self.status.error(str(AlreadySaved(record)))
        self.status.note(json.dumps(self.entry.values, ensure_ascii=False, indent=1))
        self.pad.saved_as = record

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
        if (record := self.saved_elsewhere or self.ws.saved_as(self.token)) is not None:
            self.saved_elsewhere = None  # said again: the rapporteur pressed Save
            self._already_saved(record)
            return True
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
        """Polled: this entry saved in another tab is said so (its text stays); left there, it is cleared here too."""
        if self.token is None or self.entry.is_empty():
            return
        if self.saved_elsewhere is not None:
            return
        if (record := self.ws.saved_as(self.token)) is not None:
            self._already_saved(record)
            return
        if self.ws.draft(self.draft_key) is not None:
            return
        self.status.note("Left this entry, saved or left in another tab:\n"
                         + json.dumps(self.entry.values, ensure_ascii=False, indent=1))  # fmt: skip
        self._reset_entry()
        self._stop_ticking()
        self.show_clock()
        self.status.info("This entry was saved or left in another tab; the form is free for the next speaker.")

