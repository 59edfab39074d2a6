"""The Recorder's speaking clock: drawn from the kernel every second while it runs (the browser ticks
on by itself if the kernel falls silent). A part of the ``Recorder`` (its base class)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ..domain.timing import limit_for
from ._render import clock_html

if TYPE_CHECKING:
    from ..app.workspace import Workspace
    from ..domain.entry import Entry
    from ..domain.timing import SpeakingClock
    from .pad import EntryPad, PadStatus


class SpeakingClockView:
    """Shows the entry's speaking clock against the limit for its category."""

    ws: Workspace
    entry: Entry
    clock: SpeakingClock
    pad: EntryPad
    status: PadStatus
    ticking: bool
    _tick_task: asyncio.Task | None

    if TYPE_CHECKING:  # the Recorder's, declared for the type checker only

        @property
        def panel_id(self) -> int: ...

    def show_clock(self) -> None:
        category = self.entry.values["category"]
        self.clock.limit_s = limit_for(self.ws.programme, self.panel_id, category)
        value = clock_html(self.clock, category)
        if self.pad.clock != value:
            self.pad.clock = value
            self.pad.timing = {"elapsed": self.clock.elapsed(), "running": self.clock.running,
                               "limit": self.clock.limit_s, "near": self.clock.near_s}  # fmt: skip
        self.pad.running = self.clock.running

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
