"""Charts a rapporteur checks before handing notes over: coverage of the questions, themes by question,
speaking time against the limits, and the panel's timeline.

Each function returns a matplotlib ``Figure`` built without pyplot (no global state, no GUI backend),
so views can turn it into PNG bytes with ``png()`` and tests can inspect its axes. A panel with no
records yet gives a figure that says so, never an error.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from matplotlib.dates import DateFormatter, MinuteLocator, date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..domain.codebook import Codebook
from ..domain.model import CATEGORIES, Intervention
from ..domain.programme import Programme
from ..domain.timing import COLOURS
from . import tables

if TYPE_CHECKING:
    from .balance import Balance

# One colour per category (Okabe–Ito, readable with colour-blindness), the same in every chart.
CATEGORY_COLOURS = dict(zip(CATEGORIES, [
    "#000000", "#555555", "#0072B2", "#56B4E9", "#009E73", "#CC79A7", "#E69F00", "#D55E00", "#F0E442",
    "#999999", "#BBBBBB",
], strict=True))  # fmt: skip


def png(figure: Figure, dpi: int = 96) -> bytes:
    """The figure as PNG bytes (for an Image widget or a file)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _panel_records(records: Sequence[Intervention], panel: int) -> list[Intervention]:
    return [r for r in records if r.panel == panel]


def _empty(figure: Figure, message: str) -> Figure:
    ax = figure.axes[0] if figure.axes else figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555555", transform=ax.transAxes)
    return figure


def interventions_per_question(records: Sequence[Intervention], programme: Programme, panel: int) -> Figure:
    """Bars of how many interventions addressed each guiding question; a question nobody addressed is marked."""
    table = tables.speakers_per_question(_panel_records(records, panel), programme)
    table = table[table["panel"] == panel]
    figure = Figure(figsize=(6.4, 3.2), layout="constrained")
    ax = figure.add_subplot()
    labels = [f"Q{int(q)}" for q in table["question"]]
    counts = [int(n) for n in table["interventions"]]
    bars = ax.bar(labels, counts, color="#0072B2")
    for bar, count in zip(bars, counts, strict=True):
        if count == 0:
            bar.set_color("none")
            bar.set_edgecolor(COLOURS["over"])
            ax.annotate("nobody", (bar.get_x() + bar.get_width() / 2, 0), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", color=COLOURS["over"], fontsize=9)  # fmt: skip
    ax.set_ylabel("interventions")
    ax.set_title(f"Panel {panel}: interventions per guiding question")
    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # matplotlib's default AutoLocator is one
        locator.set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def theme_question_heatmap(
    records: Sequence[Intervention], programme: Programme, codebook: Codebook, panel: int
) -> Figure:
    """Interventions by theme (rows, only themes used) and guiding question (columns), counts in the cells."""
    matrix = tables.theme_by_question(_panel_records(records, panel), programme, codebook, panel)
    matrix = matrix[matrix.sum(axis=1) > 0]
    figure = Figure(figsize=(7.2, max(2.4, 0.32 * len(matrix) + 1.2)), layout="constrained")
    if matrix.empty:
        return _empty(figure, f"Panel {panel}: no intervention is tagged with both a theme and a question yet")
    ax = figure.add_subplot()
    image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(matrix.shape[1]), [f"Q{q}" for q in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [_short(codebook.theme(t).label) for t in matrix.index], fontsize=8)
    top = matrix.to_numpy().max()
    for (row, column), value in _cells(matrix.to_numpy()):
        if value:
            ax.text(column, row, str(value), ha="center", va="center", fontsize=8,
                    color="white" if value > top / 2 else "black")  # fmt: skip
    ax.set_title(f"Panel {panel}: themes by guiding question")
    figure.colorbar(image, ax=ax, label="interventions", shrink=0.8)
    return figure


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,") + "…"


def _cells(values):
    for row in range(values.shape[0]):
        for column in range(values.shape[1]):
            yield (row, column), int(values[row, column])


def speaking_time_by_category(records: Sequence[Intervention], programme: Programme, panel: int) -> Figure:
    """Each timed intervention as a dot, by category, against the category's limit (a red line)."""
    limits = programme.panel(panel).limits
    by_category: dict[str, list[float]] = {}  # minutes spoken, each timed intervention once
    for r in _panel_records(records, panel):
        if r.duration_s is not None:
            by_category.setdefault(r.category, []).append(r.duration_s / 60)
    figure = Figure(figsize=(6.4, 3.4), layout="constrained")
    if not by_category:
        return _empty(figure, f"Panel {panel}: no timed intervention yet")
    ax = figure.add_subplot()
    present = [c for c in CATEGORIES if c in by_category]
    jitter = random.Random(panel)  # the same picture every time for the same records
    for x, category in enumerate(present):
        minutes = by_category[category]
        limit = limits.seconds_for(category) / 60
        xs = [x + jitter.uniform(-0.18, 0.18) for _ in minutes]
        colours = [COLOURS["over"] if m > limit else CATEGORY_COLOURS[category] for m in minutes]
        ax.scatter(xs, minutes, s=18, c=colours, alpha=0.8, zorder=3)
        ax.hlines(limit, x - 0.35, x + 0.35, colors=COLOURS["over"], linewidth=2, zorder=2)
    labels = []
    for category in present:
        minutes = by_category[category]
        over = sum(m > limits.seconds_for(category) / 60 for m in minutes)
        labels.append(f"{category.replace('_', chr(10))}\n{len(minutes)}" + (f", {over} over" if over else ""))
    ax.set_xticks(range(len(present)), labels, fontsize=8)
    ax.set_ylabel("minutes")
    ax.set_ylim(bottom=0)
    ax.set_title(f"Panel {panel}: speaking time by category (red line: limit)")
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def timeline(records: Sequence[Intervention], programme: Programme, panel: int) -> Figure:
    """The panel's interventions as bars from start to end in the meeting's local time, overruns in red."""
    p = programme.panel(panel)
    zone = ZoneInfo(programme.meeting.timezone)
    timed = [r for r in _panel_records(records, panel) if r.started_at and r.ended_at]
    figure = Figure(figsize=(7.2, max(2.6, 0.18 * len(timed) + 1.4)), layout="constrained")
    if not timed:
        return _empty(figure, f"Panel {panel}: no intervention with start and end times yet")
    ax = figure.add_subplot()
    local = lambda moment: date2num(moment.astimezone(zone).replace(tzinfo=None))  # noqa: E731
    for row, r in enumerate(timed):
        start, end = local(r.started_at), local(r.ended_at)
        over = (r.duration_s or 0) > p.limits.seconds_for(r.category)
        ax.barh(row, end - start, left=start, height=0.7, color=CATEGORY_COLOURS[r.category],
                edgecolor=COLOURS["over"] if over else "none", linewidth=1.5)  # fmt: skip
    ax.set_yticks(range(len(timed)), [r.delegation for r in timed], fontsize=7)
    ax.invert_yaxis()
    for moment in (p.start, p.end):
        ax.axvline(date2num(dt.datetime.combine(p.date, moment)), color="#555555", linestyle="--", linewidth=1)
    ax.xaxis.set_major_locator(MinuteLocator(byminute=[0, 15, 30, 45]))
    ax.xaxis.set_major_formatter(DateFormatter("%H:%M"))
    ax.set_title(f"Panel {panel}: timeline ({p.start:%H:%M}–{p.end:%H:%M}; red outline: over the limit)")
    used = sorted({r.category for r in timed}, key=CATEGORIES.index)
    handles = [Patch(color=CATEGORY_COLOURS[c], label=c.replace("_", " ")) for c in used]
    ax.legend(handles=handles, fontsize=7, loc="upper right", frameon=False)
    return figure


def floor_balance(table: Balance) -> Figure:
    """The floor by regional group: bars of each row's share of floor speaking time, with its speakers and
    the draft's sentences citing it; a regional group that spoke but section III does not cite is in red."""
    rows = [r for r in table.rows if r.is_region or r.speakers]
    figure = Figure(figsize=(7.2, 0.38 * len(rows) + 1.3), layout="constrained")
    if not any(r.speakers for r in rows):
        return _empty(figure, "No one from the floor has been recorded yet")
    ax = figure.add_subplot()
    shares = [100 * r.share_of_time for r in rows]
    uncited = set(table.uncited())
    colours = [COLOURS["over"] if r.region in uncited else "#0072B2" if r.is_region else "#999999" for r in rows]
    bars = ax.barh(range(len(rows)), shares, color=colours, height=0.65)
    for bar, r in zip(bars, rows, strict=True):
        note = f"{r.speakers} speaker{'s' if r.speakers != 1 else ''}, {r.points} sentence{'s' if r.points != 1 else ''} in the draft"
        if r.region in uncited:
            note += ": not cited in section III"
        ax.annotate(note, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    color=COLOURS["over"] if r.region in uncited else "#333333")  # fmt: skip
    ax.set_yticks(range(len(rows)), [r.region for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(shares) * 1.7 + 1)  # room for the notes at the ends of the bars
    ax.set_xlabel("share of the floor's speaking time (%)")
    which = "all panels" if len(table.panels) != 1 else f"panel {table.panels[0]}"
    ax.set_title(f"The floor by regional group, {which}")
    ax.spines[["top", "right"]].set_visible(False)
    return figure
