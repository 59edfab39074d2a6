"""The realistic two-panel record and its topic labels agree, and have the overlap a real panel has.

The synthesis tests measure the draft against these labels, so a label that names no line of the record,
or a floor line with no label, would make their figures meaningless.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data"
FLOOR = {"member_state", "observer_state", "un_entity", "igo", "civil_society", "academia", "private_sector",
         "media", "other"}  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_floor_line_is_labelled_once_and_every_label_names_a_line() -> None:
    record = {
        (r["panel"], r["delegation"], field, line)
        for r in _rows("two-panels-2017.csv")
        if r["category"] in FLOOR
        for field in ("key_points", "recommendations")
        for line in r[field].splitlines()
        if line.strip()
    }
    labelled = [(r["panel"], r["delegation"], r["field"], r["line"]) for r in _rows("two-panels-2017-topics.csv")]
    assert len(labelled) == len(set(labelled))
    assert set(labelled) == record


def test_the_record_has_the_overlap_of_a_real_panel() -> None:
    speakers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _rows("two-panels-2017-topics.csv"):
        for topic in r["topic"].split(";"):
            speakers[r["panel"], topic].add(r["delegation"])
    floor = defaultdict(set)
    for r in _rows("two-panels-2017.csv"):
        if r["category"] in FLOOR:
            floor[r["panel"]].add(r["delegation"])
    for panel in ("1", "2"):
        sizes = sorted((len(v) for (p, _), v in speakers.items() if p == panel), reverse=True)
        assert 22 <= len(floor[panel]) <= 28
        assert sum(size >= 3 for size in sizes) >= 5
        assert sum(size == 2 for size in sizes) >= 2
    divergent = [r for r in _rows("two-panels-2017.csv") if "divergent" in r["flags"].split(";")]
    assert {r["panel"] for r in divergent} == {"1", "2"}
    assert any(len(r["recommendations"].splitlines()) >= 3 for r in _rows("two-panels-2017.csv"))
    assert any(" and called for " in r["key_points"] for r in _rows("two-panels-2017.csv"))
