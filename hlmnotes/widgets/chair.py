"""The Chair's view: a read-only screen to glance at from a metre away, or to put on a projector.

Who has the floor and their clock against the limit (the Recorder's amber and red, read from the
Recorder's entry in the store, so it follows a Recorder on another laptop), the next three inscribed
speakers, the time left in the panel's slot, and each guiding question with the floor speakers who
addressed it, above one line ``Not yet addressed: Q5, Q6``. It changes no data: its only control
chooses the panel. The clock is redrawn every second; saved records are followed by polling the
store's revision every few seconds, like the Recorder's table.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..analysis.chair import ChairState, QuestionTally, chair_state, question_tallies
from ..app.workspace import Workspace
from ..domain.speakers import Inscribed
from ..domain.timing import COLOURS, meeting_clock
from ._common import CATEGORY_LABELS, StatusLine, esc, panel_options, poll, reports
from ._presence import Presence
from ._render import _BACKGROUNDS
from ._session import chosen_panel

# Sized for a laptop's 1366×768 screen once the browser's bars are counted (a 1366×650 viewport): who
# speaks, the clock and the list on the left, the questions on the right, so a running speaker and all
# six questions of a panel show without scrolling; on a narrow screen the columns stack. Section labels
# at 20 px in #333 on white (12.6:1), every text at least 4.5:1 against its background.
CHAIR_CSS = """<style>
.hlm-chair .widget-html-content {font-size: 24px; line-height: 1.3; color: #111;}
.hlm-chair h3 {font-size: 20px; text-transform: uppercase; letter-spacing: .05em; color: #333; margin: 10px 0 2px;}
.hlm-chair .hlm-big {font-size: 34px; font-weight: bold; line-height: 1.2;}
.hlm-chair .hlm-chair-clock {font-size: 60px; font-weight: bold; font-variant-numeric: tabular-nums; line-height: 1.1;
  padding: 2px 14px; border-radius: 6px; display: inline-block; margin-top: 4px;}
.hlm-chair .hlm-chair-slot {font-size: 28px; font-weight: bold; font-variant-numeric: tabular-nums; line-height: 1.2;}
.hlm-chair .hlm-muted {color: #444;}
.hlm-chair ol {margin: 0; padding-left: 1.6em;}
.hlm-chair table {border-collapse: collapse; width: 100%;}
.hlm-chair td {padding: 3px 8px; border-bottom: 1px solid #ddd; vertical-align: top;}
.hlm-chair td.hlm-n {text-align: right; font-weight: bold; font-variant-numeric: tabular-nums; white-space: nowrap;}
.hlm-chair tr.hlm-none td {color: #8a5300;}
.hlm-chair .hlm-chair-unaddressed {font-size: 32px; font-weight: bold; line-height: 1.2; margin-top: 10px;}
.hlm-chair .hlm-chair-columns > .widget-vbox {min-width: 0;}
</style>"""


class ChairView:
    """The Chair's table for one panel; ``now`` and ``ticking`` as for the Recorder (tests drive them)."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        panel: int | None = None,
        now: Callable[[], dt.datetime] | None = None,
        ticking: bool = True,
    ):
        self.ws = workspace or Workspace.open()
        self.now = now or meeting_clock(self.ws.programme)
        self.ticking, self.status = ticking, StatusLine(self.now)
        panel_id = chosen_panel(self.ws, panel, self.now())
        self.view = self.ws.panel_view(panel_id)
        self._queue: list[Inscribed] = self.ws.speakers.queue(panel_id)
        self._tallies: tuple[QuestionTally, ...] | None = None
        self._tick_task: asyncio.Task | None = None
        self._poll_task: asyncio.Task | None = None

        self.panel = w.Dropdown(description="Panel", options=panel_options(self.ws.programme), value=panel_id,
                                style={"description_width": "4em"}, layout=w.Layout(width="100%"))  # fmt: skip
        self.slot = w.HTML()
        self.floor = w.HTML()  # who has the floor, and the clock
        self.next_up = w.HTML()
        self.questions = w.HTML()
        self.unaddressed = w.HTML()
        self.presence = Presence()  # redraws pause while no page shows the view (``_presence.py``)
        self.panel.observe(self._on_panel, names="value")
        columns = w.GridBox(
            [w.VBox([self.slot, self.floor, self.next_up]), w.VBox([self.unaddressed, self.questions])],
            layout=w.Layout(grid_template_columns="repeat(auto-fit, minmax(440px, 1fr))", grid_gap="0 32px"),
        )  # the room on the left, the questions on the right; stacked on a narrow screen
        columns.add_class("hlm-chair-columns")
        self.widget = w.VBox(
            [w.HTML(CHAIR_CSS), self.panel, columns, self.status.label, self.presence],
            layout=w.Layout(padding="4px 16px"),
        )  # fmt: skip
        self.widget.add_class("hlm-chair")
        self.redraw()
        self._start()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self) -> None:
        for task in (self._tick_task, self._poll_task):
            if task is not None:
                task.cancel()
        self._tick_task = self._poll_task = None
        self.presence.close()
        self.widget.close()

    @property
    def panel_id(self) -> int:
        return int(self.panel.value)

    # -- what is shown ----------------------------------------------------------------------------

    def state(self) -> ChairState:
        """What the screen shows now; the questions' tallies are those counted at the last redraw."""
        current = self.ws.speakers.running_entry(self.panel_id)
        if self._tallies is None:
            self._tallies = question_tallies(self.view.records(), self.ws.programme, self.panel_id)
        return chair_state(
            self.ws.programme, self.panel_id, (), self._queue, current, self.now(), questions=self._tallies
        )

    def refresh(self) -> bool:
        """Bring in saves and speakers'-list changes since the last look; True when anything changed."""
        changed = self.view.refresh()
        queue = self.ws.speakers.queue(self.panel_id)
        if queue != self._queue:
            self._queue, changed = queue, True
        return changed

    def redraw(self) -> None:
        self._tallies = None  # saves came in: count again
        state = self.state()
        self._set(self.slot, _slot_html(state))
        self._set(self.floor, _floor_html(state))
        self._set(self.next_up, _next_html(state))
        self._set(self.questions, _questions_html(state))
        self._set(self.unaddressed, f"<div class='hlm-chair-unaddressed'>{esc(state.not_yet_addressed())}</div>")

    def show_clock(self) -> None:
        """Redraw only what changes by the second: the speaker's clock and the slot (one small read)."""
        state = self.state()
        self._set(self.slot, _slot_html(state))
        self._set(self.floor, _floor_html(state))
        self._set(self.next_up, _next_html(state))

    @staticmethod
    def _set(widget: w.HTML, value: str) -> None:
        if widget.value != value:  # an unchanged screen sends nothing to the browser
            widget.value = value

    @reports
    def _on_panel(self, change: dict) -> None:
        self.view = self.ws.panel_view(self.panel_id)
        self._queue = self.ws.speakers.queue(self.panel_id)
        self.redraw()

    # -- following the room -----------------------------------------------------------------------

    def _start(self) -> None:
        if not self.ticking:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._poll_task = poll(self.refresh, self.redraw, self.status, self.presence.watched)
        self._tick_task = loop.create_task(self._tick())

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            if not self.presence.watched():
                continue
            try:
                self.show_clock()
            except Exception as exc:  # a network blip on a shared store: say so, keep ticking
                self.status.error(f"Could not read the speaker's clock ({type(exc).__name__}: {exc})")
                await asyncio.sleep(5.0)


def _slot_html(state: ChairState) -> str:
    today = state.now.date() == state.slot_start.date() and state.now >= state.slot_start
    colour = COLOURS[state.slot_status()] if today else "#555"
    return (
        f"<h3>Panel slot</h3><span class='hlm-chair-slot' style='color:{colour}' data-status='{state.slot_status()}'>"
        f"{esc(state.slot_text())}</span>"
    )


def _floor_html(state: ChairState) -> str:
    current = state.current
    if current is None:
        return "<h3>At the microphone</h3><div class='hlm-big hlm-muted'>No one: waiting for the next speaker</div>"
    role = CATEGORY_LABELS.get(current.category, "Floor")
    if current.running:
        colour, background, note = COLOURS[state.clock_status], _BACKGROUNDS[state.clock_status], "speaking"
        if state.clock_status == "near":
            note = "near the limit"
        elif state.clock_status == "over":
            note = "over the limit"
    else:
        colour, background, note = "#555", "#f4f4f4", "stopped"
    return (
        f"<h3>At the microphone · {esc(role)}</h3><div class='hlm-big'>{esc(current.who)}</div>"
        f"<div class='hlm-chair-clock' style='color:{colour};background:{background}' data-status='{state.clock_status}'>"
        f"{esc(state.clock_text())}</div> <span class='hlm-muted'>{note}</span>"
    )


def _next_html(state: ChairState) -> str:
    if not state.next_up:
        return "<h3>Next</h3><div class='hlm-muted'>No one else on the speakers' list</div>"
    items = "".join(f"<li value='{s.position}'>{esc(s.who)}</li>" for s in state.next_up)
    return f"<h3>Next</h3><ol>{items}</ol>"


def _questions_html(state: ChairState) -> str:
    rows = []
    for q in state.questions:
        n = f"{q.speakers} speaker{'s' if q.speakers != 1 else ''}" if q.speakers else "none yet"
        rows.append(
            f"<tr class='{'hlm-none' if not q.speakers else ''}'><td><b>Q{q.number}</b> {esc(q.label)}</td>"
            f"<td class='hlm-n'>{n}</td></tr>"
        )
    return f"<h3>Guiding questions · floor speakers on each</h3><table>{''.join(rows)}</table>"
