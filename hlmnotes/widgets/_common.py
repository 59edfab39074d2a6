"""What every view shares: a status line with a log, error reporting for callbacks, small HTML helpers."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import traceback
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

import ipywidgets as w

from ..domain.model import CATEGORIES, CATEGORY_LABELS
from ..domain.programme import Programme
from ..errors import HlmnotesError

P = ParamSpec("P")
R = TypeVar("R")

FLAG_LABELS = {
    "recommendation": "recommendation", "good_practice": "good practice", "commitment": "commitment",
    "challenge": "challenge", "divergent": "divergent", "quote": "quote",
}  # fmt: skip
_TONES = {"ok": "#1b5e20", "info": "#1f3b57", "warn": "#8a5300", "error": "#b71c1c"}


def category_options() -> list[tuple[str, str]]:
    return [("—", "")] + [(CATEGORY_LABELS[c], c) for c in CATEGORIES]


def panel_options(programme: Programme, width: int = 70) -> list[tuple[str, int]]:
    """``1 · 15:00–16:30 · The Global Plan of Action and effective…`` for a Panel dropdown."""
    options = []
    for p in programme.panels:
        theme = p.theme if len(p.theme) <= width else p.theme[: width - 1].rstrip() + "…"
        options.append((f"{p.id} · {p.start:%H:%M}–{p.end:%H:%M} · {theme}", p.id))
    return options


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def html_table(header: Iterable[str], rows: Iterable[Iterable[str]], *, empty: str = "Nothing yet.") -> str:
    """A plain HTML table; cells are HTML already escaped by the caller."""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    if not body:
        return f"<p class='hlm-empty'><i>{esc(empty)}</i></p>"
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return f"<table class='hlm-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# Styles for the HTML widgets' tables; one <style> element shipped with each view.
CSS = """<style>
.hlm-table {border-collapse: collapse; font-size: 12px; width: 100%;}
.hlm-table th {text-align: left; border-bottom: 2px solid #999; padding: 2px 6px; position: sticky; top: 0; background: #fff;}
.hlm-table td {border-bottom: 1px solid #ddd; padding: 2px 6px; vertical-align: top;}
.hlm-table tr.hlm-over td.hlm-time {color: #b71c1c; font-weight: bold;}
.hlm-clock {font-size: 28px; font-weight: bold; font-variant-numeric: tabular-nums; padding: 2px 8px; border-radius: 4px;}
.hlm-queue li {margin: 2px 0;}
.hlm-muted {color: #555;}
</style>"""


class StatusLine:
    """One line saying what just happened, and a log of every message and error below the view.

    The log is an Output widget written with ``append_stdout``/``append_stderr``, never
    ``with out: print()``, so callback messages never leak into a notebook cell's own output.
    """

    LOG_KEEP = 100  # a day of messages, without resending an ever-growing log to the browser each time

    def __init__(self, now: Callable[[], dt.datetime] | None = None):
        self.now = now or (lambda: dt.datetime.now().astimezone())
        self.label = w.Label(value="", layout=w.Layout(width="100%", min_height="1.6em"))
        self.label.add_class("hlm-status")
        self.log = w.Output(layout=w.Layout(max_height="9em", overflow="auto", border="1px solid #eee"))
        self.tone = "info"
        zone = self.now().tzinfo
        self.zone = getattr(zone, "key", None) or self.now().strftime("%Z") or "local time"
        # The log's times are said once, above it, in the zone its clock keeps (the meeting's, for views
        # made with ``meeting_clock``): the same clock the rooms' screens and the records show.
        self.log_box = w.VBox([w.HTML(f"<b>Log</b> <span class='hlm-muted'>· times in {esc(self.zone)}</span>"), self.log])

    @property
    def text(self) -> str:
        return self.label.value

    def _show(self, text: str, tone: str) -> None:
        self.tone = tone
        self.label.style.text_color = _TONES[tone]
        self.label.style.font_weight = "bold" if tone in ("error", "warn") else "normal"
        self.label.value = text
        stamp = self.now().strftime("%H:%M:%S")
        line = f"{stamp} {text}\n"
        if tone == "error":
            self.log.append_stderr(line)
        else:
            self.log.append_stdout(line)
        self._trim()

    def _trim(self) -> None:
        if len(self.log.outputs) > self.LOG_KEEP * 3 // 2:
            self.log.outputs = self.log.outputs[-self.LOG_KEEP :]

    def ok(self, text: str) -> None:
        self._show(text, "ok")

    def info(self, text: str) -> None:
        self._show(text, "info")

    def warn(self, text: str) -> None:
        self._show(text, "warn")

    def error(self, text: str) -> None:
        self._show(f"⚠ {text}", "error")

    def clear(self) -> None:
        """Nothing to say (the message belonged to another tab, or to the speaker before); the log keeps it."""
        self.label.value = ""

    def note(self, text: str) -> None:
        """Only in the log: details the status line has no room for."""
        self.log.append_stdout(text if text.endswith("\n") else text + "\n")
        self._trim()


def reports(method: Callable[P, R]) -> Callable[P, R | None]:
    """Wrap a view's callback so that any failure shows on its status line and in its log.

    hlmnotes errors are the rapporteur's to fix (one line, as the library words them); anything else
    is a bug, so the traceback goes to the log too. Nothing is swallowed silently.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        view: Any = args[0]  # the view whose callback this is: it has a status line
        try:
            return method(*args, **kwargs)
        except HlmnotesError as exc:
            view.status.error(str(exc))
        except Exception as exc:  # a bug: say so, keep the details, keep the view alive
            view.status.error(f"Unexpected error ({type(exc).__name__}: {exc}); details in the log below")
            view.status.log.append_stderr(traceback.format_exc())
        return None

    return wrapper


POLL_S = 5.0  # how often views pick up other rapporteurs' saves on a shared store


def poll(
    changed: Callable[[], bool],
    redraw: Callable[[], None],
    status: StatusLine,
    watched: Callable[[], bool] = lambda: True,
) -> asyncio.Task | None:
    """Every ``POLL_S`` seconds, ``redraw()`` when ``changed()``; None outside a kernel's event loop.

    A failed check is reported on the status line and retried later: a network blip on a shared
    store must not stop the table from following the room. Nothing is looked at while ``watched()`` is
    false (no page shows the view: its kernel must be left idle, ``_presence.py``); the first look after
    catches up.
    """

    async def loop() -> None:
        while True:
            await asyncio.sleep(POLL_S)
            if not watched():
                continue
            try:
                if changed():
                    redraw()
            except Exception as exc:
                status.error(f"Could not refresh the table ({type(exc).__name__}: {exc})")
                await asyncio.sleep(POLL_S * 6)

    try:
        return asyncio.get_running_loop().create_task(loop())
    except RuntimeError:
        return None
