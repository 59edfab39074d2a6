"""A live panel view follows its own saves and other rapporteurs' without re-reading the panel."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlmnotes import Workspace
from hlmnotes.analysis import tables
from hlmnotes.storage.live import PanelView

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


def test_view_follows_saves_edits_deletes_and_undo(any_ws):
    any_ws.save(FLOOR | {"delegation": "Member State A", "duration_s": 100})
    view = PanelView(any_ws.store, 1)
    assert [r.delegation for r in view.records()] == ["Member State A"]
    assert view.refresh() is False

    b = any_ws.save(FLOOR | {"delegation": "Member State B", "duration_s": 50})
    any_ws.save({"panel": 2, "delegation": "Member State C"})
    assert view.refresh() is True
    assert [r.delegation for r in view.records()] == ["Member State A", "Member State B"]
    assert view.seconds_used() == 150

    any_ws.revise(b.id, key_points="edited")
    view.refresh()
    assert view.records()[1].key_points == "edited"

    any_ws.delete(b.id, by="R1")
    view.refresh()
    assert len(view) == 1
    any_ws.undo(by="R1")
    view.refresh()
    assert len(view) == 2
    assert view.frame(last=1)["delegation"].tolist() == ["Member State B"]


def test_view_sees_another_rapporteurs_saves(store_path):
    mine, theirs = Workspace.open(store_path), Workspace.open(store_path)
    view = PanelView(mine.store, 1)
    theirs.save(FLOOR | {"delegation": "Member State A", "rapporteur": "R2"})
    assert view.refresh() is True
    assert [r.rapporteur for r in view.records()] == ["R2"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 400), st.booleans()), min_size=1, max_size=25),
    st.integers(1, 8),
)
def test_the_last_rows_and_time_used_are_those_of_the_whole_panel_sorted(ws, saves, last):
    """``frame(last=k)`` finds the last k without sorting the panel: the rows must be the same."""
    view = PanelView(ws.store, 1)
    ids = []
    for seq, seconds, edit in saves:
        if edit and ids:
            ws.revise(ids[seq % len(ids)], seq=seq, duration_s=seconds)
        else:
            ids.append(ws.save(FLOOR | {"delegation": "Member State A", "seq": seq, "duration_s": seconds}).id)
        view.refresh()
    everything = view.records()
    assert view.last(last) == everything[-last:]
    assert view.frame(last=last).equals(tables.interventions(everything[-last:]))
    assert view.seconds_used() == sum(r.duration_s or 0 for r in PanelView(ws.store, 1).records())


def test_a_refresh_reads_the_changed_records_not_the_whole_panel(ws):
    """The work of a refresh after one save does not grow with the panel (SQLite's steps counted, not timed)."""

    def steps(stored: int) -> int:
        ws.store.apply([ws.validate(FLOOR | {"delegation": "Member State A"}) for _ in range(stored)], [])
        view = PanelView(ws.store, 1)
        ws.save(FLOOR | {"delegation": "Member State B"})
        counted = [0]
        ws.store.db._db.set_progress_handler(lambda: counted.__setitem__(0, counted[0] + 1), 1)
        try:
            view.refresh()
        finally:
            ws.store.db._db.set_progress_handler(None, 1)
        assert view.records()[-1].delegation == "Member State B"
        return counted[0]

    few = steps(20)
    assert steps(2_000) < few * 1.5, "a refresh scanned the panel"


def test_a_save_numbers_its_seq_without_scanning_the_panel(ws):
    """A save's work does not grow with the panel: its ``seq`` (the panel's last + 1) is read from the
    end of the (panel, seq) index, its uid and history found by key (SQLite's steps counted, not timed)."""

    def steps(stored: int) -> int:
        ws.store.apply([ws.validate(FLOOR | {"delegation": "Member State A"}) for _ in range(stored)], [])
        counted = [0]
        ws.store.db._db.set_progress_handler(lambda: counted.__setitem__(0, counted[0] + 1), 1)
        try:
            saved = ws.save(FLOOR | {"delegation": "Member State B"})
        finally:
            ws.store.db._db.set_progress_handler(None, 1)
        assert saved.seq == len(ws.store.interventions(1))
        return counted[0]

    few = steps(20)
    assert steps(2_000) < few * 1.5, "a save scanned the panel"
