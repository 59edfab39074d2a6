"""The Chair's view, headless: it follows a Recorder on another connection to the store and changes no data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import ipywidgets as w
import pytest

from hlmnotes import Workspace
from hlmnotes.analysis.chair import running_entry
from hlmnotes.widgets import ChairView, Recorder
from hlmnotes.widgets._presence import Presence

NEW_YORK = ZoneInfo("America/New_York")
FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R2"}


class Clock:
    def __init__(self) -> None:
        self.moment = dt.datetime(2017, 9, 27, 15, 47, tzinfo=NEW_YORK)  # panel 1: 15:00 to 16:30

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: int) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def room(store_path: Path, tmp_path: Path):
    """The rapporteur's laptop and the Chair's screen: two workspaces on one store, one clock."""
    clock = Clock()
    rapporteur, chair = Workspace.open(store_path), Workspace.open(store_path)
    speakers = tmp_path / "speakers.csv"
    speakers.write_text(
        "order,delegation,speaker,category,on_behalf_of\n1,Member State A,,member_state,Group A\n"
        "2,Member State B,,member_state,\n3,UN entity C,,un_entity,\n4,Member State D,,member_state,\n"
        "5,Member State E,,member_state,\n",
        encoding="utf-8",
    )
    rapporteur.speakers.import_file(speakers, 1)
    recorder = Recorder(rapporteur, panel=1, rapporteur="R1", now=clock, ticking=False)
    view = ChairView(chair, panel=1, now=clock, ticking=False)
    yield recorder, view, clock, rapporteur
    view.close()
    recorder.close()
    rapporteur.close()
    chair.close()


def test_before_anyone_speaks(room):
    _, view, _, _ = room
    assert "No one" in view.floor.value
    assert view.unaddressed.value.endswith(">Not yet addressed: Q1, Q2, Q3, Q4, Q5, Q6</div>")
    assert "43:00 left (ends 16:30)" in view.slot.value
    assert [s.delegation for s in view.state().next_up] == ["Member State A", "Member State B", "UN entity C"]


def test_follows_the_recorders_clock_through_the_store_amber_then_red(room):
    recorder, view, clock, _ = room
    recorder.next_speaker()
    recorder.start()
    clock.advance(60)
    view.show_clock()
    assert "Member State A, on behalf of Group A" in view.floor.value
    assert "1:00 / 3:00" in view.floor.value and "data-status='ok'" in view.floor.value
    # the one at the microphone is not "next"
    assert [s.delegation for s in view.state().next_up] == ["Member State B", "UN entity C", "Member State D"]
    clock.advance(100)
    view.show_clock()
    assert "data-status='near'" in view.floor.value and "#8a5300" in view.floor.value  # the Recorder's amber
    clock.advance(40)
    view.show_clock()
    assert "data-status='over'" in view.floor.value and "#b71c1c" in view.floor.value  # and its red
    recorder.stop()
    view.show_clock()
    assert "stopped" in view.floor.value and "3:20 / 3:00" in view.floor.value


def test_a_save_elsewhere_updates_the_questions_on_the_next_poll(room):
    recorder, view, _, rapporteur = room
    rapporteur.save(FLOOR | {"delegation": "Member State B", "questions": "6;1", "key_points": "noted X"})
    rapporteur.save(FLOOR | {"delegation": "Member State A", "on_behalf_of": "Group A", "questions": "6"})
    rapporteur.save({"panel": 1, "category": "chair", "delegation": "Belgium", "questions": "5"})  # not the floor
    assert view.refresh() is True
    view.redraw()
    state = view.state()
    assert {q.number: q.speakers for q in state.questions} == {1: 1, 2: 0, 3: 0, 4: 0, 5: 0, 6: 2}
    assert state.not_yet_addressed() == "Not yet addressed: Q2, Q3, Q4, Q5"
    assert "Not yet addressed: Q2, Q3, Q4, Q5" in view.unaddressed.value
    assert view.refresh() is False  # nothing new: nothing to redraw


def test_every_question_addressed(room):
    _, view, _, rapporteur = room
    rapporteur.save(FLOOR | {"delegation": "Member State B", "questions": "1;2;3;4;5;6"})
    view.refresh()
    view.redraw()
    assert "Not yet addressed: none" in view.unaddressed.value


def test_the_slot_runs_out(room):
    _, view, clock, _ = room
    clock.advance(43 * 60 + 5)
    view.show_clock()
    assert "over by 0:05 (ended 16:30)" in view.slot.value and "data-status='over'" in view.slot.value
    clock.advance(12 * 3600)
    view.show_clock()
    assert "27 Sep 2017, 15:00–16:30 (not today)" in view.slot.value


def test_no_control_that_changes_data(room):
    _, view, _, _ = room
    stack, controls = [view.widget], []
    while stack:
        node = stack.pop()
        stack += list(getattr(node, "children", ()))
        # Presence draws nothing: its front end only tells the kernel a page is there
        if isinstance(node, w.DOMWidget) and not isinstance(node, (w.Box, w.HTML, w.Label, Presence)):
            controls.append(node)
    assert controls == [view.panel]  # choosing the panel to show is all one can do


def test_running_entry_prefers_a_running_clock_and_skips_unstarted_drafts():
    drafts = {
        "R1/panel1": {"form": {"delegation": "Member State A"}, "started_at": "2017-09-27T15:40:00-04:00",
                      "ended_at": "2017-09-27T15:42:00-04:00"},
        "R2/panel1": {"form": {"delegation": "Member State B"}, "started_at": "2017-09-27T15:30:00-04:00"},
        "R3/panel1": {"form": {"delegation": "Member State C"}, "started_at": None},
        "R4/panel1": {"form": {"delegation": "Member State D"}, "started_at": "not a time"},
        "R5/panel1": {"form": {"delegation": "Member State E"}, "started_at": "2017-09-27T15:50:00-04:00",
                      "editing": {"id": 7, "version": 1}},
    }  # fmt: skip
    entry = running_entry(drafts)
    assert (entry.delegation, entry.rapporteur, entry.running) == ("Member State B", "R2", True)
    assert running_entry({k: v for k, v in drafts.items() if k != "R2/panel1"}).delegation == "Member State A"
    assert running_entry({}) is None


def test_running_entry_is_read_from_either_kind_of_store(any_ws):
    """The Chair's laptop reads the Recorder's entry from a shared PostgreSQL store as from SQLite."""
    any_ws.store.drafts.save("settings/rapporteur", {"name": "R1"})  # not an entry
    any_ws.store.drafts.save(
        "R1/panel2", {"form": {"delegation": "Member State Z"}, "started_at": "2017-09-27T15:00:00-04:00"}
    )
    any_ws.store.drafts.save("R1/panel1", {"form": {"delegation": "Member State A", "category": "member_state"},
                                          "started_at": "2017-09-27T15:40:00-04:00", "queue_position": 2})  # fmt: skip
    entry = any_ws.speakers.running_entry(1)
    assert (entry.delegation, entry.rapporteur, entry.queue_position, entry.running) == (
        "Member State A",
        "R1",
        2,
        True,
    )
    assert any_ws.speakers.running_entry(2).delegation == "Member State Z"
    any_ws.store.drafts.clear("R1/panel1")  # saved: nobody at the microphone
    assert any_ws.speakers.running_entry(1) is None
