"""The Recorder: what a rapporteur keeps open during a panel to note each intervention as it is made.

A thin view over the ``Workspace`` and an ``Entry`` (the intervention on the form). The form, the
clock's buttons and the speakers' list are one front-end widget (``EntryPad``): focus and shortcuts act
in the browser at once, and the browser keeps every keystroke in its own storage as well. Here the
kernel keeps the draft in the store on every edit, so a reload or a kernel restart loses nothing, and a
save returns only after its commit, so what the status line confirms is on disk.

Here: the layout, the browser's events, Save, Undo, New entry, Edit and the panel's table. The entry's
state and rules are in ``domain/entry.py`` (plain Python); its parts as base classes: the draft in the
store (``_entry_draft.py``), the speakers' list (``_speakers_list.py``), the speaking clock (``_clock.py``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..app.workspace import Workspace
from ..domain.entry import Entry
from ..domain.model import SavedIntervention
from ..domain.timing import SpeakingClock, meeting_clock, time_used
from ..errors import AlreadySaved
from ..storage.store import Undone
from ._clock import SpeakingClockView
from ._common import CSS, esc, panel_options, poll, reports, saved_message
from ._entry_draft import EntryDraft
from ._render import entry_label, panel_table
from ._session import panel_in_session, query_parameter, remembered_rapporteur
from ._speakers_list import SpeakersList
from .pad import EntryPad, PadStatus

DOUBLE_CLICK_S = 3.0


class Recorder(EntryDraft, SpeakersList, SpeakingClockView):
    """Record one panel's interventions live.

    ``now`` is the clock (aware datetimes; default: the meeting's time zone), injectable for tests;
    ``ticking=False`` keeps the speaking clock from updating itself every second (headless tests
    call ``show_clock()`` instead).
    """

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        panel: int | None = None,
        rapporteur: str | None = None,
        now: Callable[[], dt.datetime] | None = None,
        ticking: bool = True,
    ):
        self.ws = workspace or Workspace.open()
        programme = self.ws.programme
        self.now = now or meeting_clock(programme)
        self.ticking = ticking
        asked = query_parameter("panel")  # ?panel=2 in the app's address
        if panel is None and asked.isdigit() and int(asked) in {p.id for p in programme.panels}:
            panel = int(asked)
        panel_id = programme.panel(panel).id if panel is not None else panel_in_session(self.ws, self.now())

        self.clock = SpeakingClock(now=self.now)
        self.entry = Entry(self.clock)
        self.token = None  # the entry's identity in the store's draft and record (``EntryDraft``)
        self._shown_programme = self.ws.programme_version
        self._offered_by_next: int | None = None
        self._saving = False
        self._last_saved: tuple[int, float] | None = None
        self._tick_task: asyncio.Task | None = None
        self._poll_task: asyncio.Task | None = None
        self.view = self.ws.panel_view(panel_id)
        self._restoring = False

        self.pad = EntryPad(
            delegations=self.ws.reference.names(), groups=self.ws.reference.group_names(),
            themes=[(t.id, t.label) for t in self.ws.codebook.themes],
        )  # fmt: skip
        self.status = PadStatus(self.pad, self.now)
        self.panel = w.Dropdown(description="Panel", options=panel_options(programme), value=panel_id,
                                style={"description_width": "4em"}, layout=w.Layout(width="62%"))  # fmt: skip
        self.rapporteur = w.Text(
            description="Rapporteur", value=rapporteur if rapporteur is not None else remembered_rapporteur(self.ws),
            placeholder="your name", continuous_update=False, layout=w.Layout(width="36%"),
        )  # fmt: skip
        self.edit_picker = w.Dropdown(description="Earlier", options=[], value=None, layout=w.Layout(width="60%"),
                                      style={"description_width": "4em"})  # fmt: skip
        self.edit_button = w.Button(description="Edit", icon="pencil", tooltip="Load the chosen record into the form")
        self.table = w.HTML(layout=w.Layout(max_height="22em", overflow="auto"))

        self.panel.observe(self._on_panel, names="value")
        self.rapporteur.observe(self._on_rapporteur, names="value")
        self.pad.on_edit(self._on_edit)
        self.pad.on_action(self._on_action)
        self.edit_button.on_click(self.edit)

        self.widget = self._layout()
        self.pad.show_panel(programme.panel(panel_id))
        self._show_storage_key()
        self._show_entry()
        self._restore_draft()
        self.redraw()
        self.show_clock()
        self._start_polling()
        self.pad.focus("key_points" if self.clock.running else "delegation")  # where the page opens the keyboard
        if not self.status.text:
            self.status.info(f"Recording panel {panel_id}; take the next speaker or type the delegation.")

    def _layout(self) -> w.Widget:
        heading = lambda text: w.HTML(f"<b>{esc(text)}</b>")  # noqa: E731
        box = w.VBox(
            [w.HTML(CSS), w.HBox([self.panel, self.rapporteur]), self.pad,
             heading("Interventions so far"), w.HBox([self.edit_picker, self.edit_button]), self.table,
             self.status.log_box],
            layout=w.Layout(width="100%"),
        )  # fmt: skip
        box.add_class("hlm-recorder")  # the pad's keyboard shortcuts work anywhere inside
        return box

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self) -> None:
        """Stop the clock's ticking and the polling for others' saves, and close the view."""
        self._stop_ticking()
        if self._poll_task is not None:
            self._poll_task.cancel()
            self._poll_task = None
        self.pad.close()
        self.widget.close()

    # -- small state helpers -------------------------------------------------------------------

    @property
    def panel_id(self) -> int:
        return int(self.panel.value)

    def values(self) -> dict[str, str]:
        """The form as contract-2 fields (without panel, times or rapporteur)."""
        return dict(self.entry.values)

    def _show_form(self) -> None:
        """Send the entry's values to the browser, with the themes they suggest."""
        self.pad.show(self.entry.values)
        self._suggest()

    def _reset_entry(self) -> None:
        self.entry.reset()
        self.token = None
        self._show_form()
        self._show_entry()

    def _show_entry(self) -> None:
        self.pad.entry_label = entry_label(self.entry)

    def _suggest(self) -> None:
        text = f"{self.entry.values['key_points']}\n{self.entry.values['recommendations']}"
        chosen = set(self.entry.values["themes"].split(";"))
        themes = [t for t in self.ws.codebook.suggest(text, limit=5 + len(chosen)) if t not in chosen][:5]
        suggested = [[t, self.ws.codebook.theme(t).label] for t in themes]
        if suggested != self.pad.suggested:
            self.pad.suggested = suggested

    def _say_restored(self, draft: dict, dropped: list[str]) -> None:
        """On the status line: whose entry came back and when it was kept, and what the form could not show."""
        values = self.entry.values
        name = values["delegation"] or values["speaker"] or "no speaker yet"
        kept = _local_time(str(draft.get("kept_at", "")), self.now())
        if dropped:
            self.status.warn(
                f"Restored your unsaved entry ({name}, kept {kept}) except {', '.join(dropped)}, which panel"
                f" {self.panel_id} or the codebook no longer has"
            )
            self.status.note(json.dumps(draft, ensure_ascii=False, indent=1))
        else:
            self.status.info(f"Restored your unsaved entry ({name}, kept {kept}); Save it when ready.")

    # -- what the browser says -------------------------------------------------------------------

    @reports
    def _on_edit(self, changes: dict[str, str], seq: int, restored: bool) -> None:
        restored_for = self.pad.restored_entry
        if restored and restored_for and (record := self.ws.saved_as(restored_for)) is not None:
            # the browser's copy of an entry another tab saved: shown in the log, never a second record
            self.status.error(str(AlreadySaved(record)))
            self.status.note(json.dumps(changes, ensure_ascii=False, indent=1))
            self.pad.saved_as = record
            self.pad.kept = max(self.pad.kept, seq)
            self._show_form()  # the form shows the kernel's entry again, not the copy
            return
        panel = self.ws.programme.panel(self.panel_id)
        filled, note = self.entry.typed(changes, waiting=self._waiting(), panel=panel, reference=self.ws.reference)
        if filled:
            self.pad.show(self.entry.values, only=filled)
        touched = set(changes) | set(filled)
        if "category" in touched:
            self.show_clock()
        if touched & {"delegation", "on_behalf_of"}:
            self._show_entry()
            self._show_queue()
        if touched & {"key_points", "recommendations", "themes"}:
            self._suggest()
        self.keep_draft(seq)
        if restored:
            self.status.warn(
                "Restored what you typed in this browser while the connection was lost; Save it when ready."
            )
        elif note:
            self.status.info(note)

    @reports
    def _on_action(self, name: str, content: dict[str, Any]) -> None:
        actions: dict[str, Callable[[], Any]] = {
            "start": self.start, "stop": self.stop, "next": self.next_speaker, "save": self.save, "undo": self.undo,
            "new": self.new_entry, "absent": self.absent,
            "take": lambda: self.take(int(content.get("position", 0))),
            "late": lambda: self.late(str(content.get("delegation", ""))),
        }  # fmt: skip
        if name in actions:
            actions[name]()

    @reports
    def _on_panel(self, change: dict) -> None:
        self.entry.reset()
        self.token = None
        self.pad.show_panel(self.ws.programme.panel(self.panel_id))
        self._show_storage_key()
        self.pad.show(self.entry.values)
        self._show_entry()
        self.view = self.ws.panel_view(self.panel_id)
        self.status.info(f"Recording panel {self.panel_id}.")
        self._restore_draft()
        self.redraw()
        self.show_clock()

    # -- the clock -------------------------------------------------------------------------------

    @reports
    def start(self, _: Any = None) -> None:
        self.clock.start()
        self.keep_draft()
        self.show_clock()
        self._start_ticking()
        self.status.clear()  # the message about the speaker before is no longer news
        self.pad.focus("key_points")  # the browser did already; this serves a start from elsewhere

    @reports
    def stop(self, _: Any = None) -> None:
        if not self.clock.running:
            return
        self.clock.stop()
        self.keep_draft()
        self.show_clock()

    # -- saving ----------------------------------------------------------------------------------

    @reports
    def save(self, _: Any = None) -> SavedIntervention | None:
        """Commit the entry; a second click while saving, or just after, saves nothing more."""
        if self._saving:
            return None
        if self.entry.editing is None and self.entry.is_empty():
            if self._last_saved and self._last_saved[1] > time.monotonic() - DOUBLE_CLICK_S:
                self.status.note(f"Second click on Save ignored: #{self._last_saved[0]} is already saved.")
            else:
                self.status.warn("Nothing to save: the form is empty")
            return None
        if self._stale():
            return None
        self._saving = True
        try:
            return self._save()
        finally:
            self._saving = False
            self._follow_programme()  # a save validated against an update made elsewhere: its buttons here too

    def _save(self) -> SavedIntervention:
        entry, edited = self.entry, self.entry.editing is not None
        data = entry.save_data(self.panel_id, self.rapporteur.value, self.now())
        record = self.ws.save(
            data, expected_version=entry.expected_version, inscribed=entry.inscribed, draft=self.draft_key,
            entry=None if edited else self.token,
        )  # fmt: skip
        if mismatch := self.ws.mismatch(record):  # saved all the same: the programme may be the one out of date
            self.status.warn(f"{saved_message(record, edited, data)} · ⚠ {mismatch}")
        else:
            self.status.ok(saved_message(record, edited, data))  # first: what the rapporteur waits for
        self._reset_entry()
        self._stop_ticking()
        self._last_saved = (record.id, time.monotonic())
        self._offered_by_next = None
        self.refresh()
        self.show_clock()
        self.pad.focus("next" if self._waiting() else "delegation")  # ready for the next speaker
        return record

    @reports
    def undo(self, _: Any = None) -> None:
        """Undo this rapporteur's last save, edit or deletion (the store keeps the history).

        An undone save comes back into the form, so a wrong delegation costs no retyping of the notes.
        """
        undone = self.ws.undo_entry(by=self.rapporteur.value.strip())
        self._last_saved = None
        self.refresh()
        self.status.ok(undone.message + self._take_back(undone))

    def _take_back(self, undone: Undone) -> str:
        """Put the entry whose save was just undone back into the form, if the form is free for it."""
        if undone.action != "insert":
            return ""
        record = self.ws.record(undone.intervention_id, deleted=True)
        if record.panel != self.panel_id:
            return ""
        if self.entry.editing is not None or self.entry.has_notes():
            self.status.note(f"The undone entry, to copy from:\n{json.dumps(record.to_row(), ensure_ascii=False)}")
            return "; its notes are in the log"
        self.entry.take_back(record, self.ws.programme.panel(self.panel_id), self.ws.codebook, self._waiting())
        self._show_form()
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        self._show_queue()
        return "; it is back in the form to correct and Save again"

    @reports
    def new_entry(self, _: Any = None) -> None:
        """Leave the current entry; anything typed goes to the log, so it can still be copied back."""
        if self.entry.has_notes():
            self.status.note("Left this entry (copy from here if it was needed):\n"
                             + json.dumps(self.entry.values, ensure_ascii=False, indent=1))  # fmt: skip
        self._reset_entry()
        self._stop_ticking()
        self.ws.clear_draft(self.draft_key)
        self.show_clock()
        self._show_queue()
        self.status.info("Ready for a new intervention.")
        self.pad.focus("delegation")

    @reports
    def edit(self, _: Any = None) -> None:
        """Load the chosen earlier record into the form; Save then writes a new version of it."""
        chosen = self.edit_picker.value
        if chosen is None:
            self.status.warn("Choose an earlier record to edit")
            return
        editing = self.entry.editing
        if self.entry.has_notes() and (editing is None or editing.id != chosen):
            self.status.warn("Save this entry (or press New entry) before editing another record")
            return
        record = self.ws.record(int(chosen))
        self.load(record)
        self.pad.focus("key_points")
        self.status.info(f"Editing #{record.id} ({record.delegation}); Save keeps the change.")

    def load(self, record: SavedIntervention) -> None:
        """Show ``record`` in the form for editing (switching panel if needed)."""
        if record.panel != self.panel_id:
            self.panel.value = record.panel
        dropped = self.entry.edit(record, self.ws.programme.panel(self.panel_id), self.ws.codebook)
        self._show_form()
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        if dropped:
            self.status.warn(f"#{record.id} has {', '.join(dropped)}, which the form cannot show; saving drops it")

    # -- the panel so far ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring in every change since the last look (this rapporteur's and others'), then redraw."""
        self.view.refresh()
        self.redraw()

    def redraw(self) -> None:
        """Redraw the queue, the table, the time used and the list of earlier records."""
        records = self.view.records()
        self._show_queue()
        self.pad.time_used = time_used(records, self.ws.programme, self.panel_id).text()
        self.table.value = panel_table(records, self.ws.programme.panel(self.panel_id).limits, self.panel_id)
        options = [(f"#{r.id} · {r.seq}. {r.delegation}", r.id) for r in reversed(records)]
        current = self.edit_picker.value
        self.edit_picker.options = options
        self.edit_picker.value = current if any(v == current for _, v in options) else None

    def _follow_programme(self) -> None:
        """The programme updated by another process (read again by the workspace): the panel's question
        buttons as it now has them, a ticked question it dropped taken off the form (and said)."""
        self.ws.follow_programme()
        if self.ws.programme_version == self._shown_programme:
            return
        self._shown_programme = self.ws.programme_version
        panel = self.ws.programme.panel(self.panel_id)
        self.pad.show_panel(panel)
        numbers = {str(q.number) for q in panel.questions}
        ticked = [q for q in self.entry.values["questions"].split(";") if q]
        dropped = [q for q in ticked if q not in numbers]
        if dropped:
            self.entry.values["questions"] = ";".join(q for q in ticked if q in numbers)
            self._show_form()
            self.keep_draft()
        gone = f"; question {', '.join(dropped)} is no longer in panel {panel.id}, so it was unticked" if dropped else ""
        self.status.warn(f"The programme was updated (version {self._shown_programme}){gone}.")

    def _changed_elsewhere(self) -> bool:
        """Polled: others' saves, the programme updated, and this entry saved or left in another tab."""
        self._follow_programme()
        self._follow_another_tab()
        self._show_queue()  # a list imported or changed elsewhere (unchanged, nothing is sent)
        return self.view.refresh()

    def _start_polling(self) -> None:
        """Look for other rapporteurs' saves every few seconds (only with a kernel's event loop)."""
        if self.ticking and self._poll_task is None:
            self._poll_task = poll(self._changed_elsewhere, self.redraw, self.status, self.pad.watched)


def _local_time(stamp: str, now: dt.datetime) -> str:
    """``HH:MM`` of an ISO time in the meeting's zone (that of ``now``), as the room's clocks show it."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return "?"
    return f"{moment.astimezone(now.tzinfo) if moment.tzinfo and now.tzinfo else moment:%H:%M}"
