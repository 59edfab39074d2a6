"""pandas tables of the meeting, all built here against one dtype schema.

One module owns every dtype so frames concatenate without drifting to ``object`` (pandas 3's ``str``
default and categoricals with differing categories both bite otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..domain.codebook import Codebook
from ..domain.model import CATEGORIES, PODIUM, Intervention, Record
from ..domain.programme import Programme
from ..domain.text import lines
from . import coverage

CATEGORY = pd.CategoricalDtype(list(CATEGORIES))
TEXT = pd.StringDtype()
WHEN = pd.DatetimeTZDtype("us", "UTC")

INTERVENTIONS = {
    "id": "Int64", "panel": "Int64", "seq": "Int64", "speaker": TEXT, "delegation": TEXT, "category": CATEGORY,
    "on_behalf_of": TEXT, "questions": TEXT, "themes": TEXT, "flags": TEXT, "key_points": TEXT,
    "recommendations": TEXT, "started_at": WHEN, "ended_at": WHEN, "duration_s": "Int64", "rapporteur": TEXT,
}  # fmt: skip
POINTS = {
    "intervention_id": "Int64", "panel": "Int64", "seq": "Int64", "delegation": TEXT, "category": CATEGORY,
    "on_behalf_of": TEXT, "kind": pd.CategoricalDtype(["key_point", "recommendation"]), "line": "Int64",
    "text": TEXT, "questions": TEXT, "themes": TEXT,
}  # fmt: skip


def _frame(rows: list[dict], schema: dict) -> pd.DataFrame:
    return _from_columns({column: [row.get(column) for row in rows] for column in schema}, schema)


def _from_columns(values: dict[str, list], schema: dict) -> pd.DataFrame:
    """A frame of ``values`` (a list per column of ``schema``), each column built in its dtype at once."""
    # Each column built in its dtype from the start: a frame of objects converted column by column
    # cost 7 ms for the Recorder's last 50 rows, more than the save itself at 50,000 stored.
    columns: dict[str, Any] = {}  # the column's pandas array
    for column, dtype in schema.items():
        if dtype == WHEN:
            columns[column] = _instants(values[column])
        elif isinstance(dtype, pd.CategoricalDtype):  # by code: 10× faster than letting pandas look them up
            code = {c: i for i, c in enumerate(dtype.categories)}
            columns[column] = pd.Categorical.from_codes([code.get(v, -1) for v in values[column]], dtype=dtype)
        else:
            columns[column] = pd.array(values[column], dtype=dtype)
    return pd.DataFrame(columns, copy=False)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_NAT = np.iinfo(np.int64).min  # numpy's NaT


def _instants(values: list[dt.datetime | None]) -> pd.arrays.DatetimeArray:
    """Moments in UTC, to the microsecond (a record's times always carry their offset: ``model.parse_time``)."""
    micros = [_NAT if v is None else (v - _EPOCH) // _MICROSECOND for v in values]
    return pd.DatetimeIndex(np.array(micros, dtype=np.int64).view("M8[us]")).tz_localize("UTC").array


def interventions(records: Sequence[Intervention]) -> pd.DataFrame:
    """One row per intervention, contract-2 columns, in order of speaking."""
    # Column by column from the records, with ``to_row``'s values (lists joined by ";") but the times
    # as they are: no dict a record, no ISO text made only to be replaced (the Recorder's table after
    # every save).
    values: dict[str, list] = {}
    for column in INTERVENTIONS:
        if column == "questions":
            values[column] = [";".join(map(str, r.questions)) for r in records]
        elif column in ("themes", "flags"):
            values[column] = [";".join(getattr(r, column)) for r in records]
        else:
            values[column] = [getattr(r, column) for r in records]
    return _from_columns(values, INTERVENTIONS)


def points(records: Sequence[Intervention]) -> pd.DataFrame:
    """One row per key-point or recommendation line: the unit a Chair's summary groups."""
    rows = []
    for r in records:
        base = {
            "intervention_id": r.id, "panel": r.panel, "seq": r.seq, "delegation": r.delegation,
            "category": r.category, "on_behalf_of": r.on_behalf_of,
            "questions": ";".join(map(str, r.questions)), "themes": ";".join(r.themes),
        }  # fmt: skip
        for kind, text in (("key_point", r.key_points), ("recommendation", r.recommendations)):
            rows += [base | {"kind": kind, "line": n, "text": t} for n, t in enumerate(lines(text), 1)]
    return _frame(rows, POINTS)


def _tags(records: Sequence[Intervention], column: str, dtype: object) -> pd.DataFrame:
    values = "questions" if column == "question" else "themes"
    rows = [
        {"intervention_id": r.id, "panel": r.panel, column: v, "delegation": r.delegation, "category": r.category}
        for r in records
        for v in getattr(r, values)
    ]
    schema = {"intervention_id": "Int64", "panel": "Int64", column: dtype, "delegation": TEXT, "category": CATEGORY}
    return _frame(rows, schema)


def question_tags(records: Sequence[Intervention]) -> pd.DataFrame:
    """Long form: one row per (intervention, question)."""
    return _tags(records, "question", "Int64")


def theme_tags(records: Sequence[Intervention]) -> pd.DataFrame:
    """Long form: one row per (intervention, theme)."""
    return _tags(records, "theme", TEXT)


def frame(table: coverage.Table) -> pd.DataFrame:
    """A coverage table as a frame of this module's dtypes (its kinds: count int64, number Int64, ...)."""
    dtypes = {coverage.COUNT: "int64", coverage.NUMBER: "Int64", coverage.TEXT: TEXT, coverage.CATEGORY: CATEGORY}
    labels = list(table.columns)
    return _frame([dict(zip(labels, row, strict=True)) for row in table.rows],
                  {label: dtypes[kind] for label, kind in table.columns.items()})  # fmt: skip


def speakers_per_question(records: Sequence[Intervention], programme: Programme) -> pd.DataFrame:
    """Every guiding question of every panel with how many interventions addressed it (zeros included)."""
    return frame(coverage.speakers_per_question(records, programme))


def unaddressed_questions(records: Sequence[Intervention], programme: Programme) -> pd.DataFrame:
    """Questions no intervention was tagged with: the gaps a Chair's summary must not paper over."""
    return frame(coverage.unaddressed(coverage.speakers_per_question(records, programme)))


def theme_by_question(
    records: Sequence[Intervention], programme: Programme, codebook: Codebook, panel: int
) -> pd.DataFrame:
    """Matrix of interventions: rows are codebook themes, columns the panel's question numbers."""
    table = coverage.theme_by_question(records, programme, codebook, panel)
    themes = pd.Index([row[0] for row in table.rows], name="theme")
    questions = pd.Index(list(table.columns)[1:], name="question")
    return pd.DataFrame([row[1:] for row in table.rows], index=themes, columns=questions).astype("int64")


def time_by_category(records: Sequence[Intervention]) -> pd.DataFrame:
    """Interventions and speaking time (seconds) by category, for balance and time checks."""
    return frame(coverage.time_by_category(records))


def overruns(records: Sequence[Intervention], programme: Programme) -> pd.DataFrame:
    """Interventions that spoke past their role's limit, by how much."""
    return frame(coverage.overruns(records, programme))


def floor(records: Sequence[Intervention]) -> list[Intervention]:
    """Interventions from the floor (not the Chair or panellists)."""
    return [r for r in records if r.category not in PODIUM]


def filter_records(
    records: Iterable[Record], *, panel: int | None = None, question: int | None = None,
    theme: str | None = None, category: str | None = None,
) -> list[Record]:  # fmt: skip
    """The records matching every filter given (None: any), as the review screen shows them."""
    return [
        r for r in records
        if (panel is None or r.panel == panel) and (question is None or question in r.questions)
        and (theme is None or theme in r.themes) and (category is None or r.category == category)
    ]  # fmt: skip
