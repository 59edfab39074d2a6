"""One rapporteur recording one panel, as plain Python: the entry on the form, its draft in the store, the
speakers' list, Start and Stop, Save, Undo, New entry and Edit.

The Recorder (``widgets/recorder.py``) only shows a ``Recording`` and hands it the browser's edits and
buttons; what an action has to say is queued as ``Said`` lines (``told()``), so the rules are tested
without ipywidgets or a browser. The entry's own rules (who the typed delegation is, what a restored
draft keeps) are the ``Entry``'s (``domain/entry.py``).

The draft is written to the store on every change, so a reload or a kernel restart loses nothing, and a
token in it (the entry's identity) tells this entry apart from the same entry open in another tab, so it
is never saved twice: the store keeps the token with the record and refuses the entry's second save, and
its draft, from any tab (``AlreadySaved``); the browser's copy is marked saved too (``saved_as``).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.entry import Entry
from ..domain.model import Intervention, SavedIntervention
from ..domain.speakers import Inscribed
from ..domain.text import removed_by_cleaning
from ..domain.timing import SpeakingClock, limit_for, mmss
from ..errors import AlreadySaved, HlmnotesError

if TYPE_CHECKING:
    from .workspace import Workspace

DOUBLE_CLICK_S = 3.0  # a second Save this soon after a save is a double click, not a new entry


@dataclass(frozen=True)
class Said:
    """A line for the status line (``tone`` ok, info, warn or error), for the log only (``note``), or an
    empty status line (``clear``: the message before is no longer news)."""

    tone: str
    text: str = ""


class Recording:
    """One rapporteur's entry on one panel, and what the Recorder's buttons do with it.

    ``now`` is the meeting's clock (aware datetimes). ``form_rev`` grows whenever the entry's values are
    replaced here (a speaker taken, a draft restored, a record opened), so a view knows to show them all;
    ``focus`` is where the keyboard should go next, or None; ``programme_version`` is the programme the
    panel's questions were last shown from (``follow_programme``).
    """

    def __init__(self, workspace: Workspace, panel: int, rapporteur: str, now: Callable[[], dt.datetime]):
        self.ws = workspace
        self.now = now
        self.panel = panel
        self.rapporteur = rapporteur
        self.clock = SpeakingClock(now=now)
        self.entry = Entry(self.clock)
        self._token: str | None = None
        self.saved_elsewhere: int | None = None  # the record this entry was saved as from another tab, once known
        self.saved_as = 0  # the record the browser's copy is to be marked saved as (0: it is not)
        self.programme_version = workspace.programme_version
        self.form_rev = 0
        self.focus: str | None = None
        self._said: list[Said] = []
        self._offered_by_next: int | None = None
        self._saving = False
        self._last_saved: tuple[int, float] | None = None

    # -- what a view shows --------------------------------------------------------------------------

    def told(self) -> list[Said]:
        """The lines said since the last call, oldest first (and forgotten here)."""
        said, self._said = self._said, []
        return said

    @property
    def token(self) -> str | None:
        """The entry's identity in the store's draft and, once saved, in its record; the browser keeps it
        with its own copy of the text, so a copy of a saved entry is never sent back as unsaved."""
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        self._token = value
        self.saved_elsewhere = None
        self.saved_as = 0

    def _say(self, tone: str, text: str = "") -> None:
        self._said.append(Said(tone, text))

    def _replaced(self) -> None:
        self.form_rev += 1

    @property
    def draft_key(self) -> str:
        """Where the store keeps this entry's draft: ``<rapporteur>/panel<N>``."""
        return _draft_key(self.rapporteur, self.panel)

    def queue(self) -> list[Inscribed]:
        """The panel's speakers' list in order."""
        return self.ws.speakers.queue(self.panel)

    def waiting(self) -> list[Inscribed]:
        return [s for s in self.queue() if s.waiting]

    def timed(self) -> SpeakingClock:
        """The entry's clock, its limit that of the entry's category on this panel."""
        self.clock.limit_s = limit_for(self.ws.programme, self.panel, self.entry.values["category"])
        return self.clock

    def suggested_themes(self) -> list[list[str]]:
        """Up to five themes of the codebook the notes suggest, not yet chosen: ``[[id, label]]``."""
        values = self.entry.values
        chosen = set(values["themes"].split(";"))
        codebook = self.ws.codebook
        themes = [t for t in codebook.suggest(f"{values['key_points']}\n{values['recommendations']}",
                                              limit=5 + len(chosen)) if t not in chosen][:5]  # fmt: skip
        return [[t, codebook.theme(t).label] for t in themes]

    # -- the draft in the store ---------------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the entry to the store now (it is also written on every change)."""
        if self.entry.is_empty() and not self.entry.started():
            self.ws.clear_draft(self.draft_key)
            self.token = None
        elif self.saved_elsewhere is None:
            self.token = self.token or uuid.uuid4().hex
            try:
                self.ws.keep_draft(self.draft_key, self.entry.draft(self.now()) | {"token": self.token}, entry=self.token)
            except AlreadySaved as exc:
                self._already_saved(exc.intervention_id)

    def _already_saved(self, record: int) -> None:
        """This entry was saved from another tab as ``record``: say so once, keep what is typed here (in
        the form and the log), mark the browser's copy as saved; Save stays refused, New entry frees the form."""
        if self.saved_elsewhere == record:
            return
        self.saved_elsewhere = record
        self._say("error", str(AlreadySaved(record)))
        self._say("note", json.dumps(self.entry.values, ensure_ascii=False, indent=1))
        self.saved_as = record

    def restore_draft(self) -> None:
        """Take back the draft this rapporteur left on this panel (a reload, a kernel restart), if any."""
        draft = self.ws.draft(self.draft_key)
        if not draft:
            return
        try:
            dropped = self.entry.restore(draft, self.ws.programme.panel(self.panel), self.ws.codebook, self.waiting())
        except HlmnotesError as exc:
            self._say("error", f"Your unsaved entry could not be restored ({exc}); it is shown in the log")
            self._say("note", json.dumps(draft, ensure_ascii=False, indent=1))
            return
        self.token = str(draft.get("token") or "") or None
        self._replaced()
        values = self.entry.values
        name = values["delegation"] or values["speaker"] or "no speaker yet"
        kept = _local_time(str(draft.get("kept_at", "")), self.now())
        if dropped:
            self._say("warn", f"Restored your unsaved entry ({name}, kept {kept}) except {', '.join(dropped)}, which"
                              f" panel {self.panel} or the codebook no longer has")  # fmt: skip
            self._say("note", json.dumps(draft, ensure_ascii=False, indent=1))
        else:
            self._say("info", f"Restored your unsaved entry ({name}, kept {kept}); Save it when ready.")

    def rename(self, rapporteur: str) -> None:
        """The draft follows the rapporteur's name, so a renamed rapporteur keeps what they typed."""
        old_key = self.draft_key
        self.rapporteur = rapporteur
        if old_key != self.draft_key:
            self.ws.clear_draft(old_key)
        self.keep_draft()
        if rapporteur.strip():
            self.ws.remember_rapporteur(rapporteur)

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
        self._say("error", "Not saved: this entry was saved or left in another tab or window (see the table); its"
                           " text is in the log. Press New entry to go on here.")  # fmt: skip
        self._say("note", json.dumps(self.entry.values, ensure_ascii=False, indent=1))
        return True

    def follow_another_tab(self) -> None:
        """Polled: this entry saved in another tab is said so (its text stays); left there, it is cleared here too."""
        if self.token is None or self.entry.is_empty() or self.saved_elsewhere is not None:
            return
        if (record := self.ws.saved_as(self.token)) is not None:
            self._already_saved(record)
            return
        if self.ws.draft(self.draft_key) is not None:
            return
        self._say("note", "Left this entry, saved or left in another tab:\n"
                          + json.dumps(self.entry.values, ensure_ascii=False, indent=1))  # fmt: skip
        self._reset()
        self._say("info", "This entry was saved or left in another tab; the form is free for the next speaker.")

    # -- what the person types and chooses ------------------------------------------------------------

    def typed(self, changes: Mapping[str, str], *, restored: bool = False, entry: str = "") -> list[str]:
        """Apply an edit from the browser and keep the draft; returns the fields the entry filled in itself.

        ``restored``: the edit comes from the browser's own copy, kept while the connection was lost, for
        the entry whose identity is ``entry``; a copy of an entry another tab saved is refused (shown in the
        log, never a second record) and the form shows this recording's entry again.
        """
        if restored and entry and (record := self.ws.saved_as(entry)) is not None:
            self._say("error", str(AlreadySaved(record)))
            self._say("note", json.dumps(dict(changes), ensure_ascii=False, indent=1))
            self.saved_as = record
            self._replaced()
            return []
        panel = self.ws.programme.panel(self.panel)
        filled, note = self.entry.typed(changes, waiting=self.waiting(), panel=panel, reference=self.ws.reference)
        self.keep_draft()
        if restored:
            self._say("warn", "Restored what you typed in this browser while the connection was lost; Save it when"
                              " ready.")  # fmt: skip
        elif note:
            self._say("info", note)
        return filled

    def open_panel(self, panel: int) -> None:
        """Record another panel: the form is cleared and that panel's own draft, if any, comes back."""
        self.entry.reset()
        self.token = None
        self.panel = panel
        self._replaced()
        self._say("info", f"Recording panel {panel}.")
        self.restore_draft()

    def _reset(self) -> None:
        self.entry.reset()
        self.token = None
        self._replaced()

    # -- the speakers' list ---------------------------------------------------------------------------

    def _fill_from_list(self, chosen: Inscribed, *, keep_notes: bool = False) -> None:
        self.entry.take(chosen, keep_notes=keep_notes)
        self._replaced()
        self.keep_draft()

    def next_speaker(self) -> None:
        """Fill the form with the next inscribed speaker: the first still waiting (pressed again: the one after)."""
        if self.entry.editing is not None or self.entry.has_notes():
            self._say("warn", "Save this entry (or press New entry) before taking the next speaker")
            return
        waiting = self.waiting()
        if not waiting:
            self._say("warn", f"No one is waiting on panel {self.panel}'s speakers' list; type the delegation instead")
            return
        current = self.entry.queue_position
        after = [
            s for s in waiting if current is not None and current == self._offered_by_next and s.position > current
        ]
        chosen = (after or [s for s in waiting if s.position != current] or waiting)[0]
        self._offered_by_next = chosen.position
        self._fill_from_list(chosen)
        self._say("info", f"Next speaker: {chosen.who}. Press Start when they begin.")
        self.focus = "start"

    def take(self, position: int) -> None:
        """Take a chosen entry of the list (the Chair called someone else); notes already typed stay."""
        if self.entry.editing is not None:
            self._say("warn", "Save this edit (or press New entry) before taking a speaker from the list")
            return
        chosen = next((s for s in self.queue() if s.position == position), None)
        if chosen is None or chosen.taken_by is not None:
            self._say("warn", f"No. {position} is not waiting on the speakers' list")
            return
        if chosen.absent:
            self.ws.speakers.mark_absent(self.panel, position, absent=False)
        keep_notes = self.entry.has_notes()  # the person typed before saying who spoke: notes and clock stay
        self._fill_from_list(chosen, keep_notes=keep_notes)
        if not keep_notes:
            self.focus = "start"
        self._offered_by_next = None
        self._say("info", f"Speaker: {chosen.who} (no. {chosen.position}).")

    def absent(self) -> None:
        """The speaker on the form is not in the room: marked absent on the list, the form freed for the next."""
        offered = self.entry.offered
        if offered is None:
            self._say("warn", "Take a speaker from the list first; Absent marks the one on the form")
            return
        self.ws.speakers.mark_absent(self.panel, offered.position)
        if not self.entry.has_notes() and self.entry.editing is None:
            self._reset()
        else:
            self.entry.queue_position = self.entry.offered = None
        self.keep_draft()
        self._offered_by_next = None
        self._say("info", f"No. {offered.position} ({offered.delegation}) marked absent; Next speaker takes the"
                          " next one.")  # fmt: skip
        self.focus = "next"

    def late(self, delegation: str) -> None:
        """Inscribe a late speaker at the end of the list."""
        added = self.ws.speakers.add_late(self.panel, delegation)
        self._say("info", f"Added {added.who} as no. {added.position} (late inscription).")

    # -- the clock ------------------------------------------------------------------------------------

    def start(self) -> None:
        self.clock.start()
        self.keep_draft()
        self._say("clear")  # the message about the speaker before is no longer news
        self.focus = "key_points"

    def stop(self) -> None:
        if self.clock.running:
            self.clock.stop()
            self.keep_draft()

    # -- saving ---------------------------------------------------------------------------------------

    def save(self) -> SavedIntervention | None:
        """Commit the entry; a second click while saving, or just after, saves nothing more."""
        if self._saving:
            return None
        if self.entry.editing is None and self.entry.is_empty():
            if self._last_saved and self._last_saved[1] > time.monotonic() - DOUBLE_CLICK_S:
                self._say("note", f"Second click on Save ignored: #{self._last_saved[0]} is already saved.")
            else:
                self._say("warn", "Nothing to save: the form is empty")
            return None
        if self._stale():
            return None
        self._saving = True
        try:
            return self._save()
        finally:
            self._saving = False
            self.follow_programme()  # a save validated against an update made elsewhere: its buttons here too

    def _save(self) -> SavedIntervention:
        entry, edited = self.entry, self.entry.editing is not None
        data = entry.save_data(self.panel, self.rapporteur, self.now())
        record = self.ws.save(
            data, expected_version=entry.expected_version, inscribed=entry.inscribed, draft=self.draft_key,
            entry=None if edited else self.token,
        )  # fmt: skip
        if mismatch := self.ws.mismatch(record):  # saved all the same: the programme may be the one out of date
            self._say("warn", f"{saved_message(record, edited, data)} · ⚠ {mismatch}")
        else:
            self._say("ok", saved_message(record, edited, data))  # first: what the rapporteur waits for
        self._reset()
        self._last_saved = (record.id, time.monotonic())
        self._offered_by_next = None
        self.focus = "next" if self.waiting() else "delegation"  # ready for the next speaker
        return record

    def follow_programme(self) -> None:
        """The programme updated by another process (read again by the workspace): ``programme_version``
        moves on, and a ticked question the panel no longer has is taken off the form (and said)."""
        self.ws.follow_programme()
        if self.ws.programme_version == self.programme_version:
            return
        self.programme_version = self.ws.programme_version
        panel = self.ws.programme.panel(self.panel)
        numbers = {str(q.number) for q in panel.questions}
        ticked = [q for q in self.entry.values["questions"].split(";") if q]
        dropped = [q for q in ticked if q not in numbers]
        if dropped:
            self.entry.values["questions"] = ";".join(q for q in ticked if q in numbers)
            self._replaced()
            self.keep_draft()
        gone = f"; question {', '.join(dropped)} is no longer in panel {panel.id}, so it was unticked" if dropped else ""
        self._say("warn", f"The programme was updated (version {self.programme_version}){gone}.")

    def undo(self) -> None:
        """Undo this rapporteur's last save, edit or deletion (the store keeps the history).

        An undone save comes back into the form, so a wrong delegation costs no retyping of the notes.
        """
        undone = self.ws.undo_entry(by=self.rapporteur.strip())
        self._last_saved = None
        back = ""
        if undone.action == "insert":
            back = self._take_back(self.ws.record(undone.intervention_id, deleted=True))
        self._say("ok", undone.message + back)

    def _take_back(self, record: SavedIntervention) -> str:
        """Put the entry whose save was just undone back into the form, if the form is free for it."""
        if record.panel != self.panel:
            return ""
        if self.entry.editing is not None or self.entry.has_notes():
            self._say("note", f"The undone entry, to copy from:\n{json.dumps(record.to_row(), ensure_ascii=False)}")
            return "; its notes are in the log"
        self.entry.take_back(record, self.ws.programme.panel(self.panel), self.ws.codebook, self.waiting())
        self._replaced()
        self.keep_draft()
        return "; it is back in the form to correct and Save again"

    def new_entry(self) -> None:
        """Leave the current entry; anything typed goes to the log, so it can still be copied back."""
        if self.entry.has_notes():
            self._say("note", "Left this entry (copy from here if it was needed):\n"
                              + json.dumps(self.entry.values, ensure_ascii=False, indent=1))  # fmt: skip
        self._reset()
        self.ws.clear_draft(self.draft_key)
        self._say("info", "Ready for a new intervention.")
        self.focus = "delegation"

    def may_edit(self, chosen: int) -> bool:
        """Whether the form is free to open record ``chosen`` (says why not)."""
        editing = self.entry.editing
        if self.entry.has_notes() and (editing is None or editing.id != chosen):
            self._say("warn", "Save this entry (or press New entry) before editing another record")
            return False
        return True

    def load(self, record: SavedIntervention) -> None:
        """Show ``record`` (of this panel) in the form for editing; Save then writes a new version of it."""
        dropped = self.entry.edit(record, self.ws.programme.panel(self.panel), self.ws.codebook)
        self._replaced()
        self.keep_draft()
        if dropped:
            self._say("warn", f"#{record.id} has {', '.join(dropped)}, which the form cannot show; saving drops it")

    def edit(self, record: SavedIntervention) -> None:
        """``load`` a record chosen to correct (after ``may_edit``), the keyboard in its key points."""
        self.load(record)
        self.focus = "key_points"
        self._say("info", f"Editing #{record.id} ({record.delegation}); Save keeps the change.")


def _draft_key(rapporteur: str, panel: int) -> str:
    return f"{rapporteur.strip() or 'rapporteur'}/panel{panel}"


def saved_message(record: Intervention, edited: bool, typed: Mapping[str, Any] | None = None) -> str:
    """The status line after a save: ``Saved #12 · Belgium on behalf of … · 2:47 · Q1, Q5 · 2 themes``, and
    how many control or bidi characters of what was ``typed`` were left out (nothing typed vanishes unsaid)."""
    parts = [f"Saved #{record.id}" + (" (edited)" if edited else ""), record.delegation]
    if record.on_behalf_of:
        parts[-1] += f" on behalf of {record.on_behalf_of}"
    if record.duration_s is not None:
        parts.append(mmss(record.duration_s))
    if record.questions:
        parts.append("Q" + ", Q".join(map(str, record.questions)))
    if record.themes:
        parts.append(f"{len(record.themes)} theme{'s' if len(record.themes) > 1 else ''}")
    removed = sum(removed_by_cleaning(value) for value in (typed or {}).values())
    if removed:
        parts.append(
            f"{removed} control or bidi character{'s' if removed > 1 else ''} left out (they can make text read"
            " otherwise than it is stored)"
        )
    return " · ".join(parts)


def _local_time(stamp: str, now: dt.datetime) -> str:
    """``HH:MM`` of an ISO time in the meeting's zone (that of ``now``), as the room's clocks show it."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return "?"
    return f"{moment.astimezone(now.tzinfo) if moment.tzinfo and now.tzinfo else moment:%H:%M}"

