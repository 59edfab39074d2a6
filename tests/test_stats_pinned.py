"""`hlmnotes stats` prints exactly what it printed before it stopped using pandas, for the same records.

The expected outputs were printed by the command when it built pandas frames and called
``DataFrame.to_string(index=False)``: in tests/data/stats-*.txt, the 60 interventions of
tests/data/interventions-60.csv with an untimed category and a panellist the programme does not list,
and a store with no interventions (every question unaddressed); as a digest, the demo meeting with
500 floor speakers a panel (overruns of every role). A deliberate change of the output updates them
in the same commit, saying why.
"""

from __future__ import annotations

import hashlib

import pytest

from hlmnotes import Workspace
from hlmnotes.io.demo import demo_rows

from .conftest import DATA

EXTRA = (
    ("add", "--panel", "2", "--category", "academia", "--delegation", "University A", "--questions", "2"),
    ("add", "--panel", "1", "--category", "panellist", "--speaker", "Someone Else", "--delegation", "Nowhere"),
)


@pytest.mark.parametrize("name", ["stats-60", "stats-empty"])
def test_stats_prints_what_it_printed_before(run, name):
    if name == "stats-60":
        assert run("import", str(DATA / "interventions-60.csv"))[0] == 0
        for args in EXTRA:
            assert run(*args)[0] == 0
    status, out, _ = run("stats")
    assert status == 0
    assert out == (DATA / f"{name}.txt").read_text(encoding="utf-8")


def test_stats_of_the_demo_meeting_is_what_it_was(run, store_path):
    with Workspace.open(store_path) as ws:
        ws.store.apply([ws.validate(row) for row in demo_rows(ws.programme, per_panel=500, seed=12)], [])
    status, out, _ = run("stats")
    assert status == 0 and len(out.splitlines()) > 400
    assert hashlib.sha256(out.encode()).hexdigest()[:20] == "33353e74611abd80946a"
