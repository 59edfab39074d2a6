"""The Recorder's rules as a plain ``Recording``: no ipywidgets, no browser, the Workspace in memory.

The Recorder's own tests (test_widgets_recorder.py) drive the same rules through the pad, as the browser
does; these hold that the rules need neither.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from hlmnotes.app.recording import Recording, Said

ZONE = dt.timezone(dt.timedelta(hours=-4))


@pytest.fixture
def clock():
    moments = iter(dt.datetime(2017, 9, 27, 15, 10, s, tzinfo=ZONE) for s in range(0, 60))
    return lambda: next(moments)


@pytest.fixture
def recording(ws, clock):
    for delegation in ("Member State A", "Member State B"):
        ws.speakers.add_late(1, delegation)
    return Recording(ws, 1, "Rapporteur 1", clock)


def test_the_recording_loads_no_widget_library():
    code = "import sys, hlmnotes.app.recording; print(sorted(m for m in ('ipywidgets', 'anywidget') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_next_speaker_start_stop_and_save_record_one_intervention(recording, ws):
    recording.next_speaker()
    assert recording.entry.values["delegation"] == "Member State A" and recording.focus == "start"
    assert recording.told() == [Said("info", "Next speaker: Member State A. Press Start when they begin.")]
    recording.start()
    recording.typed({"key_points": "called for better data"})
    recording.stop()
    saved = recording.save()
    assert saved is not None and [r.id for r in ws.records(1)] == [saved.id]
    assert saved.key_points == "called for better data" and saved.duration_s is not None
    assert recording.told()[-1] == Said("ok", f"Saved #{saved.id} · Member State A · 0:{saved.duration_s:02d}")
    assert recording.entry.is_empty() and recording.focus == "next"  # Member State B still waits
    assert ws.draft(recording.draft_key) is None and [s.taken_by for s in recording.queue()] == [saved.id, None]


def test_each_change_is_kept_as_a_draft_a_new_recording_restores(recording, ws, clock):
    recording.typed({"delegation": "Member State B", "key_points": "stressed prevention"})
    assert recording.form_rev == 0  # what the person typed is on their screen already: nothing to send back
    again = Recording(ws, 1, "Rapporteur 1", clock)  # a reload: a new kernel on the same store
    again.restore_draft()
    assert again.entry.values["key_points"] == "stressed prevention" and again.entry.queue_position == 2
    assert again.form_rev == 1 and again.told()[0].text.startswith("Restored your unsaved entry (Member State B")


def test_an_entry_saved_in_another_tab_is_not_saved_again(recording, ws, clock):
    recording.typed({"delegation": "Member State A", "key_points": "called for data"})
    other = Recording(ws, 1, "Rapporteur 1", clock)
    other.restore_draft()
    assert other.save() is not None
    saved = ws.records(1)[0]
    assert recording.save() is None and len(ws.records(1)) == 1
    assert Said(
        "error",
        f"Already saved as #{saved.id} in another tab: nothing was saved again. Edit #{saved.id} to add to it"
        " (choose it under Earlier, press Edit), or press New entry for the next speaker",
    ) in recording.told()
    assert recording.saved_as == saved.id  # the browser's copy is to be marked saved
    assert recording.entry.values["key_points"] == "called for data"  # what was typed here stays


def test_an_entry_left_in_another_tab_is_cleared_here_when_polled(recording, ws, clock):
    recording.typed({"delegation": "Member State A", "key_points": "called for data"})
    other = Recording(ws, 1, "Rapporteur 1", clock)
    other.restore_draft()
    other.new_entry()
    recording.told()
    recording.follow_another_tab()
    assert recording.entry.is_empty() and recording.told()[-1] == Said(
        "info", "This entry was saved or left in another tab; the form is free for the next speaker."
    )


def test_an_undone_save_comes_back_to_the_form(recording, ws):
    recording.typed({"delegation": "Member State B", "key_points": "stressed prevention"})
    saved = recording.save()
    recording.undo()
    assert recording.told()[-1] == Said("ok", f"Undid save of #{saved.id}; it is back in the form to correct and Save again")
    assert recording.entry.values["key_points"] == "stressed prevention" and ws.records(1) == []
    assert recording.entry.queue_position == 2  # its place on the list, given back by the undo


def test_a_renamed_rapporteur_keeps_the_entry_under_the_new_name(recording, ws):
    recording.typed({"delegation": "Member State A"})
    old = recording.draft_key
    recording.rename("Rapporteur 2")
    assert ws.draft(old) is None and ws.draft("Rapporteur 2/panel1")["form"]["delegation"] == "Member State A"
    assert ws.remembered_rapporteur() == "Rapporteur 2"
