"""Whether a page is showing a view: its front end pings the kernel every second or two.

A view that redraws by itself (the speaking clock, the Chair's slot, the poll for others' saves) sends
messages to the browser, and Jupyter's server counts every message from a kernel as activity: a page
closed without Voilà's shutdown request (a browser killed, a laptop lid shut) would leave a kernel that
never looks idle, so is never culled. The views skip their redraws while no page has been heard from
for ``SILENT_AFTER_S``; the next ping (a page connected again) brings them back, and the poll catches up.
"""

from __future__ import annotations

import time
from typing import Any

import anywidget

SILENT_AFTER_S = 10.0

_PING_ESM = """
export default {
  render({ model }) {
    const ping = () => { try { model.send({ type: "ping" }); } catch (error) { /* kernel gone */ } };
    ping();
    const timer = setInterval(ping, 2000);
    return () => clearInterval(timer);
  },
};
"""


class Heard:
    """When the page was last heard from; ``watched()`` while that is recent."""

    def __init__(self) -> None:
        self.at = time.monotonic()  # a page is about to show the view it was made for

    def heard(self, *_: Any) -> None:
        self.at = time.monotonic()

    def watched(self) -> bool:
        return time.monotonic() - self.at < SILENT_AFTER_S


class Presence(anywidget.AnyWidget):
    """An invisible widget whose front end pings the kernel every two seconds (for views without a front
    end of their own, such as the Chair's view)."""

    _esm = _PING_ESM

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.last = Heard()
        self.on_msg(self.last.heard)

    def watched(self) -> bool:
        return self.last.watched()
