"""The Recorder: what a rapporteur keeps open during a panel to note each intervention as it is made.

A thin view over the ``Workspace``: the speakers' queue, a speaking clock, the intervention form,
Save/Undo and a live table of the panel so far. Whatever is typed is kept as a draft in the store on
every change, so a browser reload or a kernel restart loses nothing; a save returns only after its
commit, so what the status line confirms is on disk.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..errors import HlmnotesError
from ..live import PanelView
from ..model import Intervention, parse_time
from ..speakers import queue
from ..store import Undone
from ..timing import SpeakingClock, limit_for, meeting_clock, time_used
from ..workspace import Workspace
from ._common import CSS, StatusLine, esc, panel_options, poll, reports, saved_message
from ._render import clock_html, panel_table, queue_html, who
from ._session import panel_in_session, query_parameter, remember_rapporteur, remembered_rapporteur
from .form import InterventionForm

DOUBLE_CLICK_S = 3.0


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _whole(value: Any, what: str) -> int | None:
    """A number read back from a stored draft: anyone who can write a shared store can write a draft, so
    a value that is not a whole number (markup, say) is refused rather than shown."""
    if value is None or (type(value) is int and value >= 0):
        return value
    raise HlmnotesError(f"the draft's {what} is not a whole number ({str(value)[:40]!r})")


def _edited(value: Any) -> dict[str, Any] | None:
    """The record a draft was editing, checked as ``_whole`` checks numbers."""
    if value is None:
        return None
    if not isinstance(value, dict) or _whole(value.get("id"), "record id") is None:
        raise HlmnotesError("the draft's record being edited has no id")
    _whole(value.get("version"), "record version")
    return value


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
        self.status = StatusLine(self.now)
        asked = query_parameter("panel")  # ?panel=2 in the app's address
        if panel is None and asked.isdigit() and int(asked) in {p.id for p in programme.panels}:
            panel = int(asked)
        panel_id = programme.panel(panel).id if panel is not None else panel_in_session(self.ws, self.now())

        # entry state: what the form is (a new intervention, an inscribed speaker, an edit)
        self.clock = SpeakingClock(now=self.now)
        self.queue_position: int | None = None
        self.editing: dict[str, Any] | None = None  # the record being edited, contract-2 row
        self._saving = False
        self._last_saved: tuple[int, float] | None = None
        self._tick_task: asyncio.Task | None = None
        self._poll_task: asyncio.Task | None = None
        self.view = PanelView(self.ws.store, panel_id)
        self._restoring = False

        self.panel = w.Dropdown(description="Panel", options=panel_options(programme), value=panel_id,
                                style={"description_width": "4em"}, layout=w.Layout(width="62%"))  # fmt: skip
        self.rapporteur = w.Text(
            description="Rapporteur", value=rapporteur if rapporteur is not None else remembered_rapporteur(self.ws),
            placeholder="your name", continuous_update=False, layout=w.Layout(width="36%"),
        )  # fmt: skip
        self.form = InterventionForm(self.ws, panel_id, self.status)

        self.queue_html = w.HTML()
        self.next_button = w.Button(description="Next speaker", icon="forward", layout=w.Layout(width="100%"),
                                    tooltip="Fill the form with the next inscribed speaker")  # fmt: skip
        self.clock_display = w.HTML()
        self.start_button = w.Button(description="Start", icon="play", button_style="success",
                                     tooltip="Start the speaking clock", layout=w.Layout(width="48%"))  # fmt: skip
        self.stop_button = w.Button(description="Stop", icon="stop", tooltip="Stop the speaking clock",
                                    layout=w.Layout(width="48%"))  # fmt: skip
        self.time_used = w.HTML()

        self.entry_label = w.HTML()
        self.save_button = w.Button(description="Save", icon="check", button_style="primary",
                                    tooltip="Save this intervention (committed before it says Saved)")  # fmt: skip
        self.undo_button = w.Button(description="Undo", icon="undo", tooltip="Undo your last save, edit or deletion")
        self.new_button = w.Button(description="New entry", icon="file-o",
                                   tooltip="Leave this entry and start an empty one (the log keeps what was typed)")  # fmt: skip
        self.edit_picker = w.Dropdown(description="Earlier", options=[], value=None, layout=w.Layout(width="60%"),
                                      style={"description_width": "4em"})  # fmt: skip
        self.edit_button = w.Button(description="Edit", icon="pencil", tooltip="Load the chosen record into the form")
        self.table = w.HTML(layout=w.Layout(max_height="22em", overflow="auto"))

        self.panel.observe(self._on_panel, names="value")
        self.rapporteur.observe(self._on_rapporteur, names="value")
        self.form.on_change(self._on_form_change)
        self.next_button.on_click(self.next_speaker)
        self.start_button.on_click(self.start)
        self.stop_button.on_click(self.stop)
        self.save_button.on_click(self.save)
        self.undo_button.on_click(self.undo)
        self.new_button.on_click(self.new_entry)
        self.edit_button.on_click(self.edit)

        self.widget = self._layout()
        self._show_entry()  # "New intervention" from the start, so the form does not jump on the first speaker
        self._restore_draft()
        self.redraw()
        self.show_clock()
        self._start_polling()
        if not self.status.text:
            self.status.info(f"Recording panel {panel_id}; take the next speaker or type the delegation.")

    def _layout(self) -> w.Widget:
        heading = lambda text: w.HTML(f"<b>{esc(text)}</b>")  # noqa: E731
        header = w.VBox([w.HTML(CSS), w.HBox([self.panel, self.rapporteur]), self.status.label])
        left = w.VBox(
            [heading("Speaking clock"), self.clock_display, w.HBox([self.start_button, self.stop_button]),
             heading("Speakers' list"), self.queue_html, self.next_button, heading("Time used"), self.time_used],
            layout=w.Layout(padding="0 12px 0 0"),
        )  # fmt: skip
        center = w.VBox(
            [self.entry_label, self.form.widget, w.HBox([self.save_button, self.undo_button, self.new_button])]
        )
        footer = w.VBox(
            [heading("Interventions so far"), w.HBox([self.edit_picker, self.edit_button]), self.table,
             heading("Log"), self.status.log]
        )  # fmt: skip
        app = w.AppLayout(
            header=header, left_sidebar=left, center=center, footer=footer, pane_widths=["270px", "1fr", 0], grid_gap="8px",
        )  # fmt: skip
        # AppLayout only takes px/fr heights; rows sized by their content suit a long form better.
        app.layout.grid_template_rows = "auto auto auto"
        return app

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self) -> None:
        """Stop the clock's ticking and the polling for others' saves, and close the view."""
        self._stop_ticking()
        if self._poll_task is not None:
            self._poll_task.cancel()
            self._poll_task = None
        self.widget.close()

    # -- small state helpers -------------------------------------------------------------------

    @property
    def panel_id(self) -> int:
        return int(self.panel.value)

    @property
    def draft_key(self) -> str:
        return f"{self.rapporteur.value.strip() or 'rapporteur'}/panel{self.panel_id}"

    def _entry_started(self) -> bool:
        return self.clock.started_at is not None or self.editing is not None or self.queue_position is not None

    def keep_draft(self) -> None:
        """Write what is on screen to the store now (it is also written on every change)."""
        if self._restoring:
            return
        if self.form.is_empty() and not self._entry_started():
            self.ws.store.clear_draft(self.draft_key)
            return
        self.ws.store.save_draft(self.draft_key, {
            "form": self.form.values(),
            "started_at": _iso(self.clock.started_at),
            "ended_at": _iso(self.clock.ended_at),
            "queue_position": self.queue_position,
            "editing": self.editing,
            "kept_at": self.now().isoformat(),
        })  # fmt: skip

    def _reset_entry(self) -> None:
        self.form.clear()
        self.clock.reset()
        self.queue_position = None
        self.editing = None
        self._show_entry()

    def _show_entry(self) -> None:
        if self.editing:
            self.entry_label.value = (
                f"<b style='color:#8a5300'>Editing #{esc(str(self.editing['id']))} ({esc(self.editing['delegation'])})</b>"
                " — Save keeps the change; New entry leaves it as it was."
            )
        else:
            who = self.form.delegation.value.strip()
            if who and self.form.on_behalf_of.value.strip():
                who += f", on behalf of {self.form.on_behalf_of.value.strip()}"
            listed = f" (inscribed no. {esc(str(self.queue_position))})" if self.queue_position is not None else ""
            self.entry_label.value = (
                f"<b style='font-size:1.15em'>{esc(who)}</b>{listed}" if who else f"<b>New intervention</b>{listed}"
            )

    # -- the draft -----------------------------------------------------------------------------

    def _restore_draft(self) -> None:
        draft = self.ws.store.draft(self.draft_key)
        if not draft:
            return
        self._restoring = True
        try:
            dropped = self.form.set_values(draft.get("form") or {})
            self.clock.started_at = parse_time(draft.get("started_at"), "started_at")
            self.clock.ended_at = parse_time(draft.get("ended_at"), "ended_at")
            self.queue_position = _whole(draft.get("queue_position"), "speakers' list position")
            self.editing = _edited(draft.get("editing"))
        except HlmnotesError as exc:
            self.status.error(f"Your unsaved entry could not be restored ({exc}); it is shown in the log")
            self.status.note(json.dumps(draft, ensure_ascii=False, indent=1))
            return
        finally:
            self._restoring = False
        self._show_entry()
        who = self.form.delegation.value or self.form.speaker.value or "no speaker yet"
        kept = _local_time(str(draft.get("kept_at", "")), self.now())
        if dropped:
            self.status.warn(
                f"Restored your unsaved entry ({who}, kept {kept}) except {', '.join(dropped)}, which panel"
                f" {self.panel_id} or the codebook no longer has"
            )
            self.status.note(json.dumps(draft, ensure_ascii=False, indent=1))
        else:
            self.status.info(f"Restored your unsaved entry ({who}, kept {kept}); Save it when ready.")
        if self.clock.running:
            self._start_ticking()

    # -- callbacks -----------------------------------------------------------------------------

    @reports
    def _on_form_change(self, name: str) -> None:
        if name == "category":
            self.show_clock()
        if name in ("delegation", "on_behalf_of"):
            self._show_entry()
        self.keep_draft()

    @reports
    def _on_panel(self, change: dict) -> None:
        self._reset_entry()
        self.form.set_panel(self.panel_id)
        self.view = PanelView(self.ws.store, self.panel_id)
        self.status.info(f"Recording panel {self.panel_id}.")
        self._restore_draft()
        self.redraw()
        self.show_clock()

    @reports
    def _on_rapporteur(self, change: dict) -> None:
        """The draft follows the rapporteur's name, so a renamed rapporteur keeps what they typed."""
        old_key = f"{change['old'].strip() or 'rapporteur'}/panel{self.panel_id}"
        if old_key != self.draft_key:
            self.ws.store.clear_draft(old_key)
        self.keep_draft()
        if self.rapporteur.value.strip():
            remember_rapporteur(self.ws, self.rapporteur.value)

    @reports
    def next_speaker(self, _: Any = None) -> None:
        """Fill the form with the next inscribed speaker who has not spoken yet."""
        if self.editing is not None or self.form.has_notes():
            self.status.warn("Save this entry (or press New entry) before taking the next speaker")
            return
        waiting = [s for s in queue(self.ws, self.panel_id) if s.taken_by is None]
        if not waiting:
            self.status.warn(
                f"No one is waiting on panel {self.panel_id}'s speakers' list; type the delegation instead"
            )
            return
        after = [s for s in waiting if self.queue_position is not None and s.position > self.queue_position]
        chosen = (after or waiting)[0]
        self.form.set_values({
            "speaker": chosen.speaker, "delegation": chosen.delegation, "category": chosen.category,
            "on_behalf_of": chosen.on_behalf_of,
        })  # fmt: skip
        self.clock.reset()
        self.queue_position = chosen.position
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        self._show_queue()
        self.status.info(f"Next speaker: {who(chosen)}. Press Start when they begin.")
        self.start_button.focus()

    @reports
    def start(self, _: Any = None) -> None:
        self.clock.start()
        self.keep_draft()
        self.show_clock()
        self._start_ticking()
        self.form.key_points.focus()  # the speaker has begun: the hands go to the notes

    @reports
    def stop(self, _: Any = None) -> None:
        self.clock.stop()
        self.keep_draft()
        self.show_clock()

    @reports
    def save(self, _: Any = None) -> Intervention | None:
        """Commit the entry; a second click while saving, or just after, saves nothing more."""
        if self._saving:
            return None
        if self.editing is None and self.form.is_empty():
            if self._last_saved and self._last_saved[1] > _monotonic() - DOUBLE_CLICK_S:
                self.status.note(f"Second click on Save ignored: #{self._last_saved[0]} is already saved.")
            else:
                self.status.warn("Nothing to save: the form is empty")
            return None
        self._saving = True
        self.save_button.disabled = True
        try:
            return self._save()
        finally:
            self._saving = False
            self.save_button.disabled = False

    def _save(self) -> Intervention:
        started = self.clock.started_at
        ended = self.clock.ended_at or (max(self.now(), started) if started else None)
        base = dict(self.editing) if self.editing else {}
        data = base | self.form.values() | {
            "panel": self.panel_id, "started_at": _iso(started), "ended_at": _iso(ended),
            "rapporteur": self.rapporteur.value.strip() or base.get("rapporteur", ""),
        }  # fmt: skip
        if started and ended:
            data["duration_s"] = None  # derived from the times
        expected = int(self.editing["version"]) if self.editing else None
        edited = self.editing is not None
        inscribed = None if edited else self.queue_position
        record = self.ws.save(data, expected_version=expected, inscribed=inscribed, draft=self.draft_key)
        self._reset_entry()
        self._stop_ticking()
        self._last_saved = (record.id, _monotonic())  # type: ignore[assignment]
        if mismatch := self.ws.mismatch(record):  # saved all the same: the programme may be the one out of date
            self.status.warn(f"{saved_message(record, edited)} · ⚠ {mismatch}")
        else:
            self.status.ok(saved_message(record, edited))
        self.refresh()
        self.show_clock()
        waiting = any(s.taken_by is None for s in queue(self.ws, self.panel_id))
        (self.next_button if waiting else self.form.delegation).focus()  # ready for the next speaker
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
        record = self.ws.store.get(undone.intervention_id, deleted=True)
        if record.panel != self.panel_id:
            return ""
        if self.editing is not None or self.form.has_notes():
            self.status.note(f"The undone entry, to copy from:\n{json.dumps(record.to_row(), ensure_ascii=False)}")
            return "; its notes are in the log"
        self.form.set_values(record.to_row())
        self.clock.started_at, self.clock.ended_at = record.started_at, record.ended_at
        waiting = [s for s in queue(self.ws, self.panel_id) if s.taken_by is None]
        self.queue_position = next((s.position for s in waiting if s.delegation == record.delegation), None)
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        self._show_queue()
        return "; it is back in the form to correct and Save again"

    @reports
    def new_entry(self, _: Any = None) -> None:
        """Leave the current entry; anything typed goes to the log, so it can still be copied back."""
        if self.form.has_notes():
            self.status.note("Left this entry (copy from here if it was needed):\n"
                             + json.dumps(self.form.values(), ensure_ascii=False, indent=1))  # fmt: skip
        self._reset_entry()
        self._stop_ticking()
        self.ws.store.clear_draft(self.draft_key)
        self.show_clock()
        self.status.info("Ready for a new intervention.")

    @reports
    def edit(self, _: Any = None) -> None:
        """Load the chosen earlier record into the form; Save then writes a new version of it."""
        chosen = self.edit_picker.value
        if chosen is None:
            self.status.warn("Choose an earlier record to edit")
            return
        if self.form.has_notes() and (self.editing is None or self.editing["id"] != chosen):
            self.status.warn("Save this entry (or press New entry) before editing another record")
            return
        record = self.ws.store.get(int(chosen))
        self.load(record)
        self.form.key_points.focus()
        self.status.info(f"Editing #{record.id} ({record.delegation}); Save keeps the change.")

    def load(self, record: Intervention) -> None:
        """Show ``record`` in the form for editing (switching panel if needed)."""
        if record.panel != self.panel_id:
            self.panel.value = record.panel
        self.editing = record.to_row() | {"version": record.version}
        self.queue_position = None
        dropped = self.form.set_values(self.editing)
        self.clock.started_at, self.clock.ended_at = record.started_at, record.ended_at
        self.keep_draft()
        self._show_entry()
        self.show_clock()
        if dropped:
            self.status.warn(f"#{record.id} has {', '.join(dropped)}, which the form cannot show; saving drops it")

    # -- the speaking clock --------------------------------------------------------------------

    def show_clock(self) -> None:
        self.clock.limit_s = limit_for(self.ws.programme, self.panel_id, self.form.category.value)
        value = clock_html(self.clock, self.form.category.value)
        if self.clock_display.value != value:
            self.clock_display.value = value
        self.start_button.disabled = self.clock.running
        self.stop_button.disabled = not self.clock.running

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
                self.show_clock()
                await asyncio.sleep(1.0)
            self.show_clock()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a dead clock must be visible, not silent
            self.status.error(f"The speaking clock stopped updating ({type(exc).__name__}: {exc})")

    # -- the panel so far ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring in every change since the last look (this rapporteur's and others'), then redraw."""
        self.view.refresh()
        self.redraw()

    def redraw(self) -> None:
        """Redraw the queue, the table, the time used and the list of earlier records."""
        records = self.view.records()
        self._show_queue()
        self.time_used.value = esc(time_used(records, self.ws.programme, self.panel_id).text())
        self.table.value = self._table(records)
        options = [(f"#{r.id} · {r.seq}. {r.delegation}", r.id) for r in reversed(records)]
        current = self.edit_picker.value
        self.edit_picker.options = options
        self.edit_picker.value = current if any(v == current for _, v in options) else None

    def _start_polling(self) -> None:
        """Look for other rapporteurs' saves every few seconds (only with a kernel's event loop)."""
        if self.ticking and self._poll_task is None:
            self._poll_task = poll(self.view.refresh, self.redraw, self.status)

    def _show_queue(self) -> None:
        self.queue_html.value = queue_html(queue(self.ws, self.panel_id), self.queue_position)

    def _table(self, records: list[Intervention]) -> str:
        return panel_table(records, self.ws.programme.panel(self.panel_id).limits, self.panel_id)


def _local_time(stamp: str, now: dt.datetime) -> str:
    """``HH:MM`` of an ISO time in the meeting's zone (that of ``now``), as the room's clocks show it."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return "?"
    return f"{moment.astimezone(now.tzinfo) if moment.tzinfo and now.tzinfo else moment:%H:%M}"


def _monotonic() -> float:
    import time

    return time.monotonic()
