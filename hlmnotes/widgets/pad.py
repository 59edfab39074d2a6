"""The Recorder's entry pad: a front-end widget (anywidget) holding the form, the clock's buttons and the list.

The browser owns focus, keys and the text being typed (and keeps it in localStorage); the kernel is
told of every edit and action as a message, and sends back what to show as synced traits. ``edit`` and
``press`` do from Python what the browser does, so the Recorder is tested headlessly without a browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from ..domain.entry import FIELDS, empty_values
from ..domain.model import CATEGORIES, CATEGORY_LABELS
from ..domain.programme import Panel
from ..domain.timing import COLOURS
from ._common import FLAG_LABELS, StatusLine
from ._presence import Heard
from ._render import _BACKGROUNDS

HERE = Path(__file__).parent
LABELS = {
    "speaker": "Speaker", "delegation": "Delegation", "category": "Category", "on_behalf_of": "On behalf of",
    "questions": "Questions", "themes": "Themes", "key_points": "Key points", "recommendations": "Recommendations",
    "start": "Start", "stop": "Stop", "next": "Next speaker", "save": "Save", "undo": "Undo",
}  # fmt: skip
KEYS_HELP = (
    "Keys: Alt+S starts the clock and goes to Key points (Firefox, macOS: Alt+Shift+S) · Ctrl+Enter saves ·"
    " Esc stops the clock · Alt+N next speaker · Alt+1…9 tick a question ·"
    " Tab: Delegation → Start → Key points → … → Save, then the speakers' list"
)
QUEUE_ROWS = 6


class EntryPad(anywidget.AnyWidget):
    """What the rapporteur types into; see the module docstring for who owns what."""

    _esm = HERE / "pad.js"
    _css = HERE / "pad.css"

    setup = t.Dict().tag(sync=True)  # what does not change: labels, categories, flags, themes, names for completion
    panel = t.Dict().tag(sync=True)  # the panel's questions (number, short label, text) and podium names
    form = t.Dict().tag(sync=True)  # {"rev", "values", "only", "seen"}: what the kernel puts on the form
    clock = t.Unicode().tag(sync=True)
    timing = t.Dict().tag(sync=True)  # {"elapsed", "running", "limit", "near"}: the browser ticks on if the kernel cannot
    running = t.Bool(False).tag(sync=True)
    entry_label = t.Unicode().tag(sync=True)
    queue = t.Dict().tag(sync=True)  # {"summary", "entries": [{position, who, category, state, current}], "current"}
    suggested: t.List[list[str]] = t.List().tag(sync=True)  # [[theme id, label]]
    status = t.Dict().tag(sync=True)  # {"text", "tone"}
    time_used = t.Unicode().tag(sync=True)
    focus_request = t.Dict().tag(sync=True)  # {"field", "n", "act"}: a new n moves the focus
    answered = t.Int(0).tag(sync=True)  # the browser's last action (its number) the kernel has finished answering
    storage_key = t.Unicode().tag(sync=True)  # this browser's localStorage key for the entry
    kept = t.Int(0).tag(sync=True)  # the last browser edit (its seq) the store holds
    entry_id = t.Unicode().tag(sync=True)  # the entry's identity: the browser keeps it with its copy of the text
    saved_as = t.Int(0).tag(sync=True)  # the record this entry was saved as from another tab: the copy is not pending
    saved = t.Dict().tag(sync=True)  # {"act", "id"}: the browser's Save (its number) stored as record id

    def __init__(
        self,
        *,
        delegations: Sequence[str],
        groups: Sequence[str],
        themes: Sequence[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.setup = {
            "labels": LABELS, "fields": list(FIELDS), "help": KEYS_HELP, "queue_rows": QUEUE_ROWS,
            "categories": [["", "—"]] + [[c, CATEGORY_LABELS[c]] for c in CATEGORIES],
            "flags": [[f, label] for f, label in FLAG_LABELS.items()],
            "themes": [list(pair) for pair in themes], "delegations": list(delegations), "groups": list(groups),
            "colours": {state: [COLOURS[state], _BACKGROUNDS[state]] for state in COLOURS},
        }  # fmt: skip
        self.form = {"rev": 0, "values": empty_values(), "only": None, "seen": 0}
        self._seen = 0  # the seq of the last edit this browser sent that the kernel has applied
        self._action = 0  # the number of the browser's action being answered (or last answered)
        self.queue = {"summary": "", "entries": [], "current": None}
        self.status = {"text": "", "tone": "info"}
        self._on_edit: list[Callable[[dict[str, str], int, bool], None]] = []
        self._on_action: list[Callable[[str, dict[str, Any]], None]] = []
        self.last = Heard()  # the browser pings every second: the Recorder's redraws pause while it is silent
        self.restored_entry = ""  # the entry a restored edit was typed for (its identity, from the browser's copy)
        self.on_msg(self._message)

    # -- kernel → browser ---------------------------------------------------------------------------

    def show_panel(self, panel: Panel) -> None:
        people = (panel.chair, *panel.panellists)
        self.panel = {
            "questions": [[q.number, q.label, q.text] for q in panel.questions],
            "podium": [p.name for p in people if p.name],
        }

    def show(self, values: Mapping[str, str], only: Sequence[str] | None = None) -> None:
        """Put ``values`` on the form (all fields, or just ``only``: fields the kernel filled in itself).

        ``seen`` tells the browser which of its edits these values include: it keeps a field the person
        typed in since (that edit is still on its way here), instead of showing an older value over it."""
        self.form = {
            "rev": self.form["rev"] + 1, "values": dict(values), "only": list(only) if only else None, "seen": self._seen,
        }  # fmt: skip

    def focus(self, field: str) -> None:
        """Ask the browser to move the keyboard to ``field``, in answer to its action ``act``.

        The browser drops a request answering an action older than its last: a busy kernel's late answer
        to a click on the speakers' list (the keyboard to Start) must not take the keyboard out of Key
        points after Alt+S, where the person is already typing (the keys it took were lost)."""
        self.focus_request = {"field": field, "n": self.focus_request.get("n", 0) + 1, "act": self._action}

    def confirm_saved(self, record: int) -> None:
        """Tell the browser its Save being answered stored the entry as ``record``: keys typed after that
        Save, before this answer, belong to the next entry, and the page takes the saved text out of them."""
        self.saved = {"act": self._action, "id": record}

    # -- browser → kernel ---------------------------------------------------------------------------

    def on_edit(self, callback: Callable[[dict[str, str], int, bool], None]) -> None:
        """``callback(changes, seq, restored)`` for each edit; ``restored`` when it comes from localStorage."""
        self._on_edit.append(callback)

    def on_action(self, callback: Callable[[str, dict[str, Any]], None]) -> None:
        """``callback(name, content)`` for start, stop, next, save, undo, new, take, absent and late."""
        self._on_action.append(callback)

    def watched(self) -> bool:
        """True while a page shows this pad (heard from within ``_presence.SILENT_AFTER_S``)."""
        return self.last.watched()

    def _message(self, _: Any, content: dict[str, Any], buffers: Any = None) -> None:
        self.last.heard()
        kind = content.get("type")
        if kind == "ping":
            self.send({"type": "pong"})
        elif kind == "edit":
            changes = {k: str(v) for k, v in dict(content.get("values") or {}).items() if k in FIELDS}
            seq = int(content.get("seq") or 0)
            self._seen = max(self._seen, seq)
            self.restored_entry = str(content.get("entry") or "") if content.get("restored") else ""
            for callback in self._on_edit:
                callback(changes, seq, bool(content.get("restored")))
        elif kind == "action":
            # numbered by the browser; ``answered`` is sent once everything the action changed has been, so
            # the browser can tell the answer to its last action from a late answer to an earlier one
            self._action = int(content.get("n") or self._action + 1)
            try:
                for act in self._on_action:
                    act(str(content.get("name")), content)
            finally:
                self.answered = self._action

    def edit(self, restored: bool = False, entry: str = "", **changes: str) -> None:
        """What the browser sends when the person types (headless tests and scripts); ``restored`` with the
        ``entry`` the browser's copy was typed for, as a reloaded page sends it."""
        content = {"type": "edit", "values": changes, "seq": self.kept + 1, "restored": restored, "entry": entry}
        self._message(self, content)

    def press(self, name: str, **content: Any) -> None:
        """What the browser sends for a button or a shortcut: ``press("save")``, ``press("take", position=7)``."""
        self._message(self, {"type": "action", "name": name, "n": self._action + 1, **content})


class PadStatus(StatusLine):
    """The status line, shown in the pad beside the buttons that caused it (and kept in the log)."""

    def __init__(self, pad: EntryPad, now: Callable[[], dt.datetime]):
        super().__init__(now)
        self.pad = pad

    def _show(self, text: str, tone: str) -> None:
        super()._show(text, tone)
        self.pad.status = {"text": text, "tone": tone}

    def clear(self) -> None:
        super().clear()
        self.pad.status = {"text": "", "tone": "info"}
