"""The Recorder: what a rapporteur keeps open during a panel to note each intervention as it is made.

A view over a ``Recording`` (``app/recording.py``: the entry, its draft in the store, the speakers'
list, Save, Undo, New entry and Edit, in plain Python). The form, the clock's buttons and the speakers'
list are one front-end widget (``EntryPad``): focus and shortcuts act in the browser at once, and the
browser keeps every keystroke in its own storage as well. The recording keeps the draft in the store on
every edit, so a reload or a kernel restart loses nothing, and a save returns only after its commit, so
what the status line confirms is on disk.

Here: the layout, the browser's events handed to the recording, and what it then shows: the form, the
entry's heading, the speaking clock (redrawn every second while it runs), the queue, the panel's table.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..app.recording import Recording
from ..app.workspace import Workspace
from ..domain.entry import Entry
from ..domain.model import CATEGORY_LABELS, SavedIntervention
from ..domain.timing import SpeakingClock, meeting_clock, time_used
from ._common import CSS, esc, panel_options, poll, reports
from ._render import clock_html, entry_label, panel_table
from ._session import chosen_panel, remembered_rapporteur
from .pad import EntryPad, PadStatus


class Recorder:
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
        panel_id = chosen_panel(self.ws, panel, self.now())
        name = rapporteur if rapporteur is not None else remembered_rapporteur(self.ws)
        self.recording = Recording(self.ws, panel_id, name, self.now)
        self._form_rev = self.recording.form_rev  # the form as last shown
        self._programme_version = self.recording.programme_version  # the panel's questions as last shown
        self.view = self.ws.panel_view(panel_id)  # the panel's records, followed as they change
        self._tick_task: asyncio.Task | None = None
        self._poll_task: asyncio.Task | None = None

        self.pad = EntryPad(
            delegations=self.ws.reference.names(), groups=self.ws.reference.group_names(),
            themes=[(t.id, t.label) for t in self.ws.codebook.themes],
        )  # fmt: skip
        self.status = PadStatus(self.pad, self.now)
        self.panel = w.Dropdown(description="Panel", options=panel_options(programme), value=panel_id,
                                style={"description_width": "4em"}, layout=w.Layout(width="62%"))  # fmt: skip
        self.rapporteur = w.Text(description="Rapporteur", value=name, placeholder="your name",
                                 continuous_update=False, layout=w.Layout(width="36%"))  # fmt: skip
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
        self.recording.restore_draft()
        self._show()
        self.redraw()
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

    # -- the recording, as tests and scripts reach it --------------------------------------------------

    @property
    def entry(self) -> Entry:
        return self.recording.entry

    @property
    def clock(self) -> SpeakingClock:
        return self.recording.clock

    @property
    def draft_key(self) -> str:
        return self.recording.draft_key

    @property
    def panel_id(self) -> int:
        return self.recording.panel

    def values(self) -> dict[str, str]:
        """The form as contract-2 fields (without panel, times or rapporteur)."""
        return dict(self.entry.values)

    # -- showing the recording -------------------------------------------------------------------------

    def _show(self) -> None:
        """Show what the last action changed: its messages, the form if it was replaced, the entry's heading,
        the clock and the queue, then move the keyboard where the action left it."""
        self._say()
        if self.recording.programme_version != self._programme_version:
            self._programme_version = self.recording.programme_version
            self.pad.show_panel(self.ws.programme.panel(self.panel_id))
        self._show_replaced_form()
        self._show_identity()
        self._show_entry()
        self.show_clock()
        self._show_queue()
        if self.recording.focus:
            self.pad.focus(self.recording.focus)
            self.recording.focus = None

    def _show_replaced_form(self) -> None:
        if self.recording.form_rev != self._form_rev:
            self._form_rev = self.recording.form_rev
            self.pad.show(self.entry.values)
            self._suggest()

    def _show_identity(self) -> None:
        """The entry's identity, kept by the browser with its copy, and the record that copy was saved as."""
        self.pad.entry_id = self.recording.token or ""
        self.pad.saved_as = self.recording.saved_as

    def _say(self) -> None:
        for said in self.recording.told():
            if said.tone == "clear":
                self.status.clear()
            else:
                getattr(self.status, said.tone)(said.text)

    def _show_entry(self) -> None:
        self.pad.entry_label = entry_label(self.entry)

    def _show_storage_key(self) -> None:
        """Where the browser keeps its own copy of every keystroke: per store, rapporteur and panel. The
        store by its identity, made with it: a store made anew at the same path never gets another's text."""
        self.pad.storage_key = f"hlmnotes/{self.ws.store_id}/{self.draft_key}"

    def _suggest(self) -> None:
        suggested = self.recording.suggested_themes()
        if suggested != self.pad.suggested:
            self.pad.suggested = suggested

    def show_clock(self) -> None:
        """The speaking clock against the limit for the entry's category; it ticks while it runs."""
        clock, category = self.recording.timed(), self.entry.values["category"]
        value = clock_html(clock, category)
        if self.pad.clock != value:
            self.pad.clock = value
            self.pad.timing = {"elapsed": clock.elapsed(), "running": clock.running,
                               "limit": clock.limit_s, "near": clock.near_s}  # fmt: skip
        self.pad.running = clock.running
        if clock.running:
            self._start_ticking()
        elif self._tick_task is not None and self._tick_task is not _current_task():
            self._stop_ticking()

    def _show_queue(self) -> None:
        entries = self.recording.queue()
        current = self.entry.queue_position
        waiting = sum(s.waiting for s in entries)
        absent = sum(s.absent and s.taken_by is None for s in entries)
        summary = f"{waiting} waiting · {sum(s.taken_by is not None for s in entries)} spoken"
        summary += f" · {absent} absent" if absent else ""
        self.pad.queue = {
            "summary": summary if entries else "No speakers' list imported; type each delegation.",
            "current": current,
            "entries": [
                {"position": s.position, "who": s.who, "category": CATEGORY_LABELS.get(s.category, s.category),
                 "state": "spoken" if s.taken_by is not None else "absent" if s.absent else "waiting",
                 "current": s.position == current}
                for s in entries
            ],
        }  # fmt: skip

    # -- what the browser says -------------------------------------------------------------------

    @reports
    def _on_edit(self, changes: dict[str, str], seq: int, restored: bool) -> None:
        filled = self.recording.typed(changes, restored=restored, entry=self.pad.restored_entry)
        if filled:
            self.pad.show(self.entry.values, only=filled)
        self._show_replaced_form()  # a refused copy of an entry another tab saved: this entry again
        self._show_identity()
        touched = set(changes) | set(filled)
        if "category" in touched:
            self.show_clock()
        if touched & {"delegation", "on_behalf_of"}:
            self._show_entry()
            self._show_queue()
        if touched & {"key_points", "recommendations", "themes"}:
            self._suggest()
        self.pad.kept = max(self.pad.kept, seq)
        self._say()

    @reports
    def _on_action(self, name: str, content: dict[str, Any]) -> None:
        actions: dict[str, Callable[[], Any]] = {
            "start": self.start, "stop": self.stop, "next": self.next_speaker, "save": self._save_pressed, "undo": self.undo,
            "new": self.new_entry, "absent": self.absent,
            "take": lambda: self.take(int(content.get("position", 0))),
            "late": lambda: self.late(str(content.get("delegation", ""))),
        }  # fmt: skip
        if name in actions:
            actions[name]()

    def _save_pressed(self) -> None:
        """Save from the page: the page is told the record, so what was typed after Save leaves the saved text."""
        record = self.save()
        if record is not None:
            self.pad.confirm_saved(record.id)

    @reports
    def _on_panel(self, change: dict) -> None:
        self.recording.open_panel(int(self.panel.value))
        self.view = self.ws.panel_view(self.panel_id)
        self.pad.show_panel(self.ws.programme.panel(self.panel_id))
        self._programme_version = self.recording.programme_version
        self._show_storage_key()
        self._show()
        self.redraw()

    @reports
    def _on_rapporteur(self, change: dict) -> None:
        self.recording.rename(self.rapporteur.value)
        self._show_storage_key()

    def _acting(self, action: Callable[[], Any]) -> Any:
        """Run one of the recording's actions and show what it changed, even when it fails half-way."""
        try:
            return action()
        finally:
            self._show()

    # -- the buttons -----------------------------------------------------------------------------

    @reports
    def start(self, _: Any = None) -> None:
        self._acting(self.recording.start)

    @reports
    def stop(self, _: Any = None) -> None:
        self._acting(self.recording.stop)

    @reports
    def next_speaker(self, _: Any = None) -> None:
        """Fill the form with the next inscribed speaker: the first still waiting (pressed again: the one after)."""
        self._acting(self.recording.next_speaker)

    @reports
    def take(self, position: int) -> None:
        """Take a chosen entry of the list (the Chair called someone else); notes already typed stay."""
        self._acting(lambda: self.recording.take(position))

    @reports
    def absent(self, _: Any = None) -> None:
        """The speaker on the form is not in the room: marked absent, the form freed for the next."""
        self._acting(self.recording.absent)

    @reports
    def late(self, delegation: str) -> None:
        """Inscribe a late speaker at the end of the list."""
        self._acting(lambda: self.recording.late(delegation))

    @reports
    def save(self, _: Any = None) -> SavedIntervention | None:
        """Commit the entry; a second click while saving, or just after, saves nothing more."""
        record = self._acting(self.recording.save)
        if record is not None:
            self.refresh()
        return record

    @reports
    def undo(self, _: Any = None) -> None:
        """Undo this rapporteur's last save, edit or deletion; an undone save comes back into the form."""
        self._acting(self.recording.undo)
        self.refresh()

    @reports
    def new_entry(self, _: Any = None) -> None:
        """Leave the current entry; anything typed goes to the log, so it can still be copied back."""
        self._acting(self.recording.new_entry)

    @reports
    def edit(self, _: Any = None) -> None:
        """Load the chosen earlier record into the form; Save then writes a new version of it."""
        chosen = self.edit_picker.value
        if chosen is None:
            self.status.warn("Choose an earlier record to edit")
            return
        if not self._acting(lambda: self.recording.may_edit(int(chosen))):
            return
        record = self.ws.record(int(chosen))
        self._open_panel_of(record)
        self._acting(lambda: self.recording.edit(record))

    def load(self, record: SavedIntervention) -> None:
        """Show ``record`` in the form for editing (switching panel if needed)."""
        self._open_panel_of(record)
        self._acting(lambda: self.recording.load(record))

    def _open_panel_of(self, record: SavedIntervention) -> None:
        if record.panel != self.panel_id:
            self.panel.value = record.panel  # the panel's own view follows (``_on_panel``)

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

    def _changed_elsewhere(self) -> bool:
        """Polled: others' saves, and this entry saved or left in another tab (then cleared here too)."""
        try:
            self.recording.follow_programme()
            self.recording.follow_another_tab()
        finally:
            self._show()  # a list imported or changed elsewhere shows too (unchanged, nothing is sent)
        return self.view.refresh()

    def _start_polling(self) -> None:
        """Look for other rapporteurs' saves every few seconds (only with a kernel's event loop)."""
        if self.ticking and self._poll_task is None:
            self._poll_task = poll(self._changed_elsewhere, self.redraw, self.status, self.pad.watched)

    # -- the clock's ticking -------------------------------------------------------------------------

    def _start_ticking(self) -> None:
        """Refresh the clock every second from the kernel's event loop (none in headless tests)."""
        if not self.ticking or (self._tick_task is not None and not self._tick_task.done()):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._tick_task = loop.create_task(self._tick())

    def _stop_ticking(self) -> None:
        if self._tick_task is not None:
            self._tick_task.cancel()
            self._tick_task = None

    async def _tick(self) -> None:
        try:
            while self.clock.running:
                if self.pad.watched():  # no page shows it: the kernel stays idle (``_presence.py``)
                    self.show_clock()
                await asyncio.sleep(1.0)
            self.show_clock()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a dead clock must be visible, not silent
            self.status.error(f"The speaking clock stopped updating ({type(exc).__name__}: {exc})")


def _current_task() -> asyncio.Task | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop: headless
        return None
