"""The Recorder's read-only panes as HTML: the entry's heading, the speaking clock, the panel's table."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.entry import Entry
from ..domain.model import Intervention
from ..domain.programme import Limits
from ..domain.timing import COLOURS, SpeakingClock, mmss
from ._common import CATEGORY_LABELS, esc, html_table

TABLE_ROWS = 200
_BACKGROUNDS = {"ok": "#eef5ee", "near": "#fff3d6", "over": "#fde7e7"}


def clock_html(clock: SpeakingClock, category: str) -> str:
    """Elapsed against the limit, calm, amber near the limit and red past it; ``data-status`` for tests."""
    state = clock.status()
    if clock.started_at is None:
        text, colour, note, background = f"0:00 / {mmss(clock.limit_s)}", "#555", "not started", "#f4f4f4"
    else:
        text, colour, background = clock.text(), COLOURS[state], _BACKGROUNDS[state]
        note = "speaking" if clock.running else "stopped"
        if state == "near" and clock.running:
            note = "near the limit"
        elif state == "over":
            note = "over the limit"
    role = esc(CATEGORY_LABELS.get(category, "the floor"))
    return (
        f"<div class='hlm-clock' style='color:{colour};background:{background}' data-status='{state}'>{text}</div>"
        f"<div class='hlm-muted'>{note} · limit for {role}</div>"
    )


def panel_table(records: Sequence[Intervention], limits: Limits, panel: int) -> str:
    """The panel's interventions, newest first, overruns in red, the first key point of each."""
    rows = []
    for r in list(reversed(records))[:TABLE_ROWS]:
        over = r.duration_s is not None and r.duration_s > limits.seconds_for(r.category)
        name = esc(r.delegation)
        if r.on_behalf_of:
            name += f"<br><span class='hlm-muted'>on behalf of {esc(r.on_behalf_of)}</span>"
        first, more = r.key_points.split("\n", 1)[0], r.key_points.count("\n")
        points = esc(first[:90] + ("…" if len(first) > 90 else "")) + (f" <i>(+{more})</i>" if more else "")
        time = mmss(r.duration_s)
        if over:
            time = f"<span style='color:{COLOURS['over']};font-weight:bold'>{time}</span>"
        rows.append([
            f"#{r.id}", str(r.seq), name, esc(CATEGORY_LABELS.get(r.category, r.category)),
            esc(",".join(map(str, r.questions))), esc(", ".join(r.themes)), time, f"<span style='white-space:nowrap'>{esc(r.rapporteur)}</span>", points,
        ])  # fmt: skip
    note = (
        f"<p class='hlm-muted'>Newest first; showing {TABLE_ROWS} of {len(records)}.</p>"
        if len(records) > TABLE_ROWS
        else ""
    )
    header = ["#", "Seq", "Delegation", "Category", "Q", "Themes", "Time", "By", "Key points"]
    return note + html_table(header, rows, empty=f"No interventions recorded in panel {panel} yet.")


def entry_label(entry: Entry) -> str:
    """The pad's heading: who is on the form (and their place on the list), or the record being edited."""
    editing = entry.editing
    if editing:
        return (
            f"<b style='color:#8a5300'>Editing #{editing.id} ({esc(editing.delegation)})</b>"
            " — Save keeps the change; New entry leaves it as it was."
        )
    name = entry.values["delegation"].strip()
    if name and entry.values["on_behalf_of"].strip():
        name += f", on behalf of {entry.values['on_behalf_of'].strip()}"
    position = entry.queue_position
    listed = f" (inscribed no. {position})" if position is not None else ""
    return f"<b style='font-size:1.15em'>{esc(name)}</b>{listed}" if name else f"<b>New intervention</b>{listed}"
