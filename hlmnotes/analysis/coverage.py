"""The coverage tables of ``hlmnotes stats``, counted and printed without pandas.

``stats`` runs as a fresh process each time, and importing pandas and building frames cost it more
than the counting (half a second of 1.8 s at 20,000 interventions). The tables are rows here, each
column of a kind; ``tables.frame`` turns them into frames of the one dtype schema (``ws.stats()``,
the notebooks), and ``Table.text`` prints them as ``DataFrame.to_string(index=False)`` prints those
frames (tests/golden/*/stats.txt hold the command to what it printed through pandas).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.codebook import Codebook
from ..domain.model import CATEGORIES, Intervention
from ..domain.programme import Programme

# The kinds of column (tables.py gives each its dtype), and how pandas prints a missing value of each.
COUNT = "count"  # a number that is always there (int64)
NUMBER = "number"  # a number that may be missing (Int64)
TEXT = "text"  # text that may be missing (string)
CATEGORY = "category"  # one of CATEGORIES (categorical)
_MISSING = {TEXT: "<NA>", CATEGORY: "NaN"}  # a number: <NA>
_ESCAPES = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r"})  # as pandas escapes them in a cell


@dataclass(frozen=True)
class Table:
    """Rows under labelled columns of known kinds, in the order a reader sees them."""

    columns: Mapping[Any, str]  # label (a question's number is an int) -> kind
    rows: list[tuple[Any, ...]]

    def text(self) -> str:
        """The rows as pandas prints the table's frame with ``to_string(index=False)``: each column
        right-aligned to its widest cell, one space apart, a number's label led by a space."""
        printed = []
        for i, (label, kind) in enumerate(self.columns.items()):
            values = [row[i] for row in self.rows]
            if kind in (COUNT, NUMBER):
                cells = [f" {label}"] + ["<NA>" if v is None else str(v) for v in values]
            else:
                known = CATEGORIES if kind == CATEGORY else None
                cells = [str(label)] + [
                    _MISSING[kind] if v is None or (known and v not in known) else v.translate(_ESCAPES)
                    for v in values
                ]
            width = max(map(len, cells))
            printed.append([cell.rjust(width) for cell in cells])
        return "\n".join(" ".join(line) for line in zip(*printed, strict=True))


def speakers_per_question(records: Sequence[Intervention], programme: Programme) -> Table:
    """Every guiding question of every panel with how many interventions addressed it (zeros included)."""
    counts: dict[tuple[int, int], set[str]] = {}
    for r in records:
        for q in r.questions:
            counts.setdefault((r.panel, q), set()).add(r.uid or str(r.id))
    rows = [
        (p.id, q.number, q.text, len(counts.get((p.id, q.number), ())))
        for p in programme.panels
        for q in p.questions
    ]
    return Table({"panel": NUMBER, "question": NUMBER, "text": TEXT, "interventions": NUMBER}, rows)


def unaddressed(per_question: Table) -> Table:
    """The questions of a ``speakers_per_question`` table that no intervention was tagged with: the gaps
    a Chair's summary must not paper over."""
    return Table(per_question.columns, [row for row in per_question.rows if row[-1] == 0])


def theme_by_question(records: Sequence[Intervention], programme: Programme, codebook: Codebook, panel: int) -> Table:
    """Interventions by codebook theme (every one, in the codebook's order) and the panel's question number."""
    questions = [q.number for q in programme.panel(panel).questions]
    counts = Counter((t, q) for r in records if r.panel == panel for t in r.themes for q in r.questions)
    rows = [(t, *(counts.get((t, q), 0) for q in questions)) for t in codebook.ids]
    return Table({"theme": TEXT} | dict.fromkeys(questions, COUNT), rows)


def tagged(table: Table) -> Table:
    """A ``theme_by_question`` table without the themes nobody was tagged with."""
    return Table(table.columns, [row for row in table.rows if any(row[1:])])


def time_by_category(records: Sequence[Intervention]) -> Table:
    """Interventions and speaking time (seconds; missing when none was timed) by panel and category."""
    totals: dict[tuple[int, str], list] = {}
    for r in records:
        total = totals.setdefault((r.panel, r.category), [0, None])
        total[0] += 1
        if r.duration_s is not None:
            total[1] = (total[1] or 0) + r.duration_s
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    rows = [
        (panel, category, count, seconds)
        for (panel, category), (count, seconds) in sorted(totals.items(), key=lambda t: (t[0][0], rank[t[0][1]]))
    ]
    return Table({"panel": NUMBER, "category": CATEGORY, "interventions": NUMBER, "seconds": NUMBER}, rows)


def overruns(records: Sequence[Intervention], programme: Programme) -> Table:
    """Interventions that spoke past their role's limit, by how much."""
    limits = {(p.id, c): p.limits.seconds_for(c) for p in programme.panels for c in CATEGORIES}
    rows = []
    for r in records:
        if r.duration_s is None:
            continue
        # looked up once a panel and role; a panel the programme lacks is refused by programme.panel
        limit = limits.get((r.panel, r.category)) or programme.panel(r.panel).limits.seconds_for(r.category)
        if r.duration_s > limit:
            rows.append((r.id, r.panel, r.seq, r.delegation, r.category, limit, r.duration_s, r.duration_s - limit))
    columns = {"id": NUMBER, "panel": NUMBER, "seq": NUMBER, "delegation": TEXT, "category": CATEGORY,
               "limit_s": NUMBER, "duration_s": NUMBER, "over_s": NUMBER}  # fmt: skip
    return Table(columns, rows)


def report(meeting: str, count: int, tables: Mapping[str, Table]) -> str:
    """What ``hlmnotes stats`` prints: each table under its title, questions' texts cut at 60 characters."""
    parts = [f"{meeting}: {count} interventions\n"]
    for title, table in tables.items():
        if "text" in table.columns:  # a guiding question's text, cut
            at = list(table.columns).index("text")
            table = Table(table.columns, [(*r[:at], r[at][:60] + "…", *r[at + 1 :]) for r in table.rows])
        parts.append(f"\n{title.capitalize()}:\n{table.text() if table.rows else '  (none)'}\n")
    return "".join(parts)
