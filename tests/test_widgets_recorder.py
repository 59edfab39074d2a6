"""The Recorder, headless: set values, click buttons, check the store (no browser, no kernel)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget_description import DescriptionWidget

from hlmnotes import Workspace
from hlmnotes.speakers import import_speakers, queue
from hlmnotes.widgets import Recorder, remember_rapporteur

NEW_YORK = ZoneInfo("America/New_York")
CONTRACT_LABELS = ["Panel", "Speaker", "Delegation", "Category", "On behalf of", "Questions", "Themes", "Key points",
                   "Recommendations", "Start", "Stop", "Next speaker", "Save", "Undo"]  # fmt: skip


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, moment: dt.datetime = dt.datetime(2017, 9, 27, 15, 47, tzinfo=NEW_YORK)):
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: int) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def recorder(ws: Workspace, clock: Clock) -> Recorder:
    return Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)


@pytest.fixture
def speakers_file(tmp_path: Path) -> Path:
    path = tmp_path / "speakers.csv"
    path.write_text(
        "order,delegation,speaker,category,on_behalf_of\n"
        "1,Member State A,,member_state,Group A\n"
        "2,Belgium,,member_state,\n"
        "3,UNODC,,un_entity,\n",
        encoding="utf-8",
    )
    return path


def texts(widget: w.Widget) -> set[str]:
    """Every visible label of a widget tree: descriptions and Label/HTML text."""
    found = set()
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, (w.Button, DescriptionWidget)):
            found.add(node.description.strip())
        if isinstance(node, w.Label):
            found.add(node.value.strip())
        stack += list(getattr(node, "children", ()))
    return found


def fill(
    recorder: Recorder, delegation: str = "Belgium", points: str = "called for stronger national referral mechanisms"
) -> None:
    recorder.form.delegation.value = delegation
    recorder.form.key_points.value = points


# -- what the rapporteur sees --------------------------------------------------------------------


def test_the_recorder_carries_every_contract_label(recorder):
    labels = texts(recorder.widget)
    assert [label for label in CONTRACT_LABELS if label not in labels] == []


def test_question_toggles_carry_each_question_text_as_tooltip(recorder, ws):
    questions = ws.programme.panel(1).questions
    assert [b.description for b in recorder.form.question_buttons] == [f"Q{q.number}" for q in questions]
    assert all(q.text in b.tooltip for q, b in zip(questions, recorder.form.question_buttons, strict=True))


@pytest.mark.parametrize(
    ("moment", "panel"),
    [
        (dt.datetime(2017, 9, 27, 15, 47, tzinfo=NEW_YORK), 1),
        (dt.datetime(2017, 9, 27, 17, 5, tzinfo=NEW_YORK), 2),
        (dt.datetime(2017, 9, 27, 21, 5, tzinfo=dt.UTC), 2),  # 17:05 in New York
        (dt.datetime(2024, 1, 1, 9, 0, tzinfo=NEW_YORK), 1),  # no panel in session: the first
    ],
)
def test_opens_on_the_panel_in_session_else_the_first(ws, moment, panel):
    assert Recorder(ws, now=lambda: moment, ticking=False).panel.value == panel


def test_switching_panel_shows_that_panels_questions_and_records(recorder, ws):
    fill(recorder)
    recorder.save_button.click()
    recorder.panel.value = 2
    assert len(recorder.form.question_buttons) == len(ws.programme.panel(2).questions)
    assert "No interventions recorded in panel 2" in recorder.table.value
    recorder.panel.value = 1
    assert "Belgium" in recorder.table.value


# -- saving --------------------------------------------------------------------------------------


def test_free_entry_saves_without_a_speakers_list(recorder, ws):
    assert "No speakers' list imported" in recorder.queue_html.value
    fill(recorder, "Belgium")
    assert recorder.form.category.value == "member_state"  # filled from the reference list
    recorder.form.question_buttons[0].value = True
    recorder.form.question_buttons[4].value = True
    recorder.form.themes.value = ["referral-mechanisms"]
    recorder.form.flag_buttons["recommendation"].value = True
    recorder.form.recommendations.value = "establish national referral mechanisms"
    recorder.form.on_behalf_of.value = "EU"
    recorder.save_button.click()

    [record] = ws.records(1)
    assert recorder.status.text.startswith(f"Saved #{record.id} ")
    assert (record.delegation, record.category, record.on_behalf_of) == ("Belgium", "member_state", "European Union")
    assert (record.questions, record.themes, record.flags) == ((1, 5), ("referral-mechanisms",), ("recommendation",))
    assert record.rapporteur == "Rapporteur 1"
    assert recorder.form.is_empty() and recorder.form.themes.value == []  # cleared for the next speaker
    assert f"#{record.id}" in recorder.table.value and "Belgium" in recorder.table.value
    assert "1 interventions" in recorder.time_used.value


def test_the_category_follows_the_delegation_until_the_rapporteur_chooses_one(recorder):
    form = recorder.form
    form.delegation.value = "Belgium"
    form.delegation.value = "UNODC"
    assert form.category.value == "un_entity"
    form.category.value = "observer_state"
    form.delegation.value = "Holy See"
    form.delegation.value = "Qatar"
    assert form.category.value == "observer_state"  # the person's choice stays


def test_saving_without_a_delegation_says_so_and_keeps_the_entry(recorder, ws):
    recorder.form.key_points.value = "noted low conviction rates"
    recorder.save_button.click()
    assert ws.records() == []
    assert recorder.status.text.startswith("⚠ delegation: missing")
    assert recorder.status.tone == "error"
    assert recorder.form.key_points.value == "noted low conviction rates"
    assert any("delegation: missing" in o["text"] for o in recorder.status.log.outputs if o.get("name") == "stderr")


def test_an_unknown_delegation_gets_a_did_you_mean(recorder, ws):
    recorder.form.delegation.value = "Belgum"
    recorder.form.category.value = "member_state"
    recorder.save_button.click()
    assert ws.records() == []
    assert "did you mean 'Belgium'" in recorder.status.text


def test_an_empty_form_saves_nothing(recorder, ws):
    recorder.save_button.click()
    assert ws.records() == [] and recorder.status.text == "Nothing to save: the form is empty"


def test_a_double_click_on_save_saves_once_and_keeps_the_confirmation(recorder, ws):
    fill(recorder)
    recorder.save_button.click()
    recorder.save_button.click()
    assert len(ws.records()) == 1
    assert recorder.status.text.startswith("Saved #")


def test_a_click_arriving_while_saving_is_ignored(recorder, ws, monkeypatch):
    fill(recorder)
    real_save = ws.save
    seen = []

    def save_and_click_again(data, **kwargs):
        seen.append(recorder.save_button.disabled)
        recorder.save_button.click()  # re-entrant click while the first save runs
        return real_save(data, **kwargs)

    monkeypatch.setattr(ws, "save", save_and_click_again)
    recorder.save_button.click()
    assert seen == [True]  # the button is disabled while saving
    assert len(ws.records()) == 1 and not recorder.save_button.disabled


def test_an_unexpected_error_shows_on_the_status_line_with_its_traceback(recorder, ws, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ws, "save", broken)
    fill(recorder)
    recorder.save_button.click()
    assert "Unexpected error (RuntimeError: disk on fire)" in recorder.status.text
    assert any("Traceback" in o["text"] for o in recorder.status.log.outputs)
    assert not recorder.save_button.disabled and recorder.form.delegation.value == "Belgium"


# -- the speakers' list --------------------------------------------------------------------------


def test_next_speaker_fills_the_form_and_the_save_takes_them_off_the_list(recorder, ws, speakers_file):
    import_speakers(ws, speakers_file, 1)
    recorder.refresh()
    recorder.next_button.click()
    form = recorder.form
    assert (form.delegation.value, form.category.value, form.on_behalf_of.value) == (
        "Member State A",
        "member_state",
        "Group A",
    )
    form.key_points.value = "called for a coordinated response"
    recorder.save_button.click()
    [record] = ws.records(1)
    assert [s.taken_by for s in queue(ws, 1)] == [record.id, None, None]
    recorder.next_button.click()
    assert form.delegation.value == "Belgium"
    recorder.next_button.click()  # Belgium did not take the floor: skip to the one after
    assert form.delegation.value == "UNODC" and form.category.value == "un_entity"


def test_next_speaker_does_not_overwrite_notes(recorder, ws, speakers_file):
    import_speakers(ws, speakers_file, 1)
    fill(recorder, "Qatar", "stressed the role of the Trust Fund")
    recorder.next_button.click()
    assert recorder.form.delegation.value == "Qatar"
    assert recorder.status.text.startswith("Save this entry")


def test_next_speaker_with_no_list_says_to_type_the_delegation(recorder):
    recorder.next_button.click()
    assert "type the delegation instead" in recorder.status.text


def test_undo_removes_the_last_save_and_returns_the_speaker_to_the_list(recorder, ws, speakers_file):
    import_speakers(ws, speakers_file, 1)
    recorder.next_button.click()
    recorder.form.key_points.value = "x"
    recorder.save_button.click()
    recorder.undo_button.click()
    assert ws.records() == []
    assert recorder.status.text.startswith("Undid save of #")
    assert [s.taken_by for s in queue(ws, 1)] == [None, None, None]
    assert "No interventions recorded" in recorder.table.value


def test_an_undone_save_comes_back_into_the_form_to_correct(recorder, ws, speakers_file, clock):
    import_speakers(ws, speakers_file, 1)
    recorder.next_button.click()
    recorder.start_button.click()
    recorder.form.key_points.value = "called for a coordinated response"
    recorder.form.question_buttons[1].value = True
    clock.advance(75)
    recorder.save_button.click()
    recorder.undo_button.click()
    assert ws.records() == [] and recorder.status.text.endswith("it is back in the form to correct and Save again")
    form = recorder.form
    assert (form.delegation.value, form.on_behalf_of.value, form.key_points.value, form.values()["questions"]) == (
        "Member State A", "Group A", "called for a coordinated response", "2",
    )  # fmt: skip
    assert recorder.queue_position == 1 and "(inscribed no. 1)" in recorder.entry_label.value
    assert ws.store.draft(recorder.draft_key)["form"]["key_points"] == "called for a coordinated response"
    form.on_behalf_of.value = ""  # the correction
    recorder.save_button.click()
    [record] = ws.records(1)
    assert (record.on_behalf_of, record.key_points, record.duration_s) == ("", "called for a coordinated response", 75)
    assert [s.taken_by for s in queue(ws, 1)] == [record.id, None, None]


def test_undo_never_overwrites_notes_being_typed(recorder, ws):
    fill(recorder, "Belgium", "noted low conviction rates")
    recorder.save_button.click()
    fill(recorder, "Qatar", "stressed the role of the Trust Fund")
    recorder.undo_button.click()
    assert ws.records() == [] and recorder.status.text.endswith("its notes are in the log")
    assert (recorder.form.delegation.value, recorder.form.key_points.value) == (
        "Qatar", "stressed the role of the Trust Fund",
    )  # fmt: skip
    assert any("noted low conviction rates" in o["text"] for o in recorder.status.log.outputs)


def test_undo_with_nothing_to_undo_says_so(recorder):
    recorder.undo_button.click()
    assert recorder.status.text == "⚠ nothing to undo for rapporteur 'Rapporteur 1'"


def test_undo_only_undoes_this_rapporteurs_saves(ws, clock):
    one = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    two = Recorder(ws, rapporteur="Rapporteur 2", now=clock, ticking=False)
    fill(one, "Belgium")
    one.save_button.click()
    fill(two, "Qatar")
    two.save_button.click()
    one.undo_button.click()
    assert [r.delegation for r in ws.records()] == ["Qatar"]


# -- where the hands are -------------------------------------------------------------------------


def test_the_form_says_new_intervention_from_the_start(recorder):
    assert "New intervention" in recorder.entry_label.value  # no jump when the first speaker is taken


def test_focus_follows_the_rapporteurs_next_action(recorder, ws, speakers_file, monkeypatch):
    focused = []
    for name, widget in [("start", recorder.start_button), ("next", recorder.next_button),
                         ("key points", recorder.form.key_points), ("delegation", recorder.form.delegation)]:  # fmt: skip
        monkeypatch.setattr(widget, "focus", lambda name=name: focused.append(name))
    import_speakers(ws, speakers_file, 1)
    recorder.next_button.click()
    recorder.start_button.click()
    recorder.form.key_points.value = "x"
    recorder.save_button.click()
    assert focused == ["start", "key points", "next"]
    recorder.edit_picker.value = ws.records()[0].id
    recorder.edit_button.click()
    assert focused[-1] == "key points"
    ws.store.clear_draft(recorder.draft_key)
    free = Recorder(ws, rapporteur="Rapporteur 2", panel=2, ticking=False)
    monkeypatch.setattr(free.form.delegation, "focus", lambda: focused.append("delegation"))
    fill(free, "Qatar")
    free.save_button.click()
    assert focused[-1] == "delegation"  # no one waiting on panel 2's list: type the next delegation


# -- the speaking clock --------------------------------------------------------------------------


def test_the_clock_turns_amber_near_the_limit_and_red_past_it(recorder, clock, ws):
    fill(recorder)
    recorder.start_button.click()
    assert recorder.start_button.disabled and not recorder.stop_button.disabled
    clock.advance(100)
    recorder.show_clock()
    assert "data-status='ok'" in recorder.clock_display.value and "1:40 / 3:00" in recorder.clock_display.value
    clock.advance(60)
    recorder.show_clock()
    assert "data-status='near'" in recorder.clock_display.value
    clock.advance(30)
    recorder.show_clock()
    assert (
        "data-status='over'" in recorder.clock_display.value and "3:10 / 3:00 (+0:10)" in recorder.clock_display.value
    )
    recorder.stop_button.click()
    clock.advance(20)
    recorder.save_button.click()
    assert ws.records()[0].duration_s == 190


def test_the_limit_follows_the_category(recorder):
    recorder.form.category.value = "panellist"
    assert "0:00 / 5:00" in recorder.clock_display.value
    recorder.form.category.value = "civil_society"
    assert "0:00 / 3:00" in recorder.clock_display.value


def test_saving_a_running_clock_stops_it_at_the_save(recorder, clock, ws):
    fill(recorder)
    recorder.start_button.click()
    clock.advance(75)
    recorder.save_button.click()
    assert ws.records()[0].duration_s == 75
    assert not recorder.clock.running and "0:00 / 3:00" in recorder.clock_display.value


# -- themes --------------------------------------------------------------------------------------


def test_key_points_suggest_themes_that_a_click_adds(recorder):
    recorder.form.key_points.value = "stressed better data disaggregated by sex and the referral of victims"
    offered = [b.description for b in recorder.form.suggestion_buttons if b.layout.display != "none"]
    assert "+ data-evidence" in offered and "+ referral-mechanisms" in offered
    button = next(b for b in recorder.form.suggestion_buttons if b.description == "+ data-evidence")
    button.click()
    assert recorder.form.themes.value == ["data-evidence"]
    assert "+ data-evidence" not in [b.description for b in recorder.form.suggestion_buttons]


def test_the_theme_input_accepts_only_codebook_ids(recorder, ws):
    assert recorder.form.themes.allowed_tags == list(ws.codebook.ids)
    assert recorder.form.add_theme("Children") == "children"  # a label works too
    with pytest.raises(Exception, match="unknown theme 'trafficking'"):
        recorder.form.add_theme("trafficking")


# -- nothing typed is lost -----------------------------------------------------------------------


def test_an_unsaved_entry_is_restored_when_the_recorder_is_rebuilt(recorder, ws, clock):
    fill(recorder, "Belgium", "called for stronger national referral mechanisms")
    recorder.form.question_buttons[2].value = True
    recorder.form.themes.value = ["referral-mechanisms"]
    recorder.start_button.click()
    clock.advance(42)

    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)  # a reload, a new kernel
    assert again.form.delegation.value == "Belgium"
    assert again.form.key_points.value == "called for stronger national referral mechanisms"
    assert [b.value for b in again.form.question_buttons][:3] == [False, False, True]
    assert again.form.themes.value == ["referral-mechanisms"]
    assert again.clock.running and again.clock.elapsed() == 42
    assert again.status.text.startswith("Restored your unsaved entry (Belgium")
    again.save_button.click()
    assert ws.store.draft(again.draft_key) is None
    assert Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False).form.is_empty()


def test_the_draft_survives_closing_the_store(store_path, clock):
    ws = Workspace.open(store_path)
    fill(Recorder(ws, rapporteur="R", now=clock, ticking=False), "Qatar", "stressed the Trust Fund")
    ws.close()
    reopened = Workspace.open(store_path)
    assert (
        Recorder(reopened, rapporteur="R", now=clock, ticking=False).form.key_points.value == "stressed the Trust Fund"
    )
    reopened.close()


def test_a_restored_draft_names_what_the_codebook_no_longer_has(recorder, ws, clock):
    ws.store.save_draft(recorder.draft_key, {"form": {"delegation": "Belgium", "themes": "children;old-theme",
                                                       "questions": "1;9"}})  # fmt: skip
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert again.form.themes.value == ["children"]
    assert again.status.tone == "warn"
    assert "theme 'old-theme'" in again.status.text and "question 9" in again.status.text


def test_drafts_are_kept_per_panel(recorder, ws):
    fill(recorder, "Belgium", "panel one notes")
    recorder.panel.value = 2
    assert recorder.form.is_empty()
    fill(recorder, "Qatar", "panel two notes")
    recorder.panel.value = 1
    assert recorder.form.key_points.value == "panel one notes"


def test_renaming_the_rapporteur_keeps_the_draft(recorder, ws, clock):
    fill(recorder)
    recorder.rapporteur.value = "Ana"
    assert Recorder(ws, rapporteur="Ana", now=clock, ticking=False).form.delegation.value == "Belgium"
    assert Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False).form.is_empty()


def test_the_rapporteur_name_is_remembered(ws, clock, monkeypatch):
    monkeypatch.delenv("HLMNOTES_RAPPORTEUR", raising=False)
    remember_rapporteur(ws, "  Ana   Silva ")
    assert Recorder(ws, now=clock, ticking=False).rapporteur.value == "Ana Silva"
    monkeypatch.setenv("HLMNOTES_RAPPORTEUR", "Rapporteur 2")
    assert Recorder(ws, now=clock, ticking=False).rapporteur.value == "Rapporteur 2"


def test_a_typed_name_is_remembered_for_the_next_recorder(ws, clock, monkeypatch):
    monkeypatch.delenv("HLMNOTES_RAPPORTEUR", raising=False)
    Recorder(ws, now=clock, ticking=False).rapporteur.value = "Ana"
    assert Recorder(ws, now=clock, ticking=False).rapporteur.value == "Ana"


def test_the_app_address_can_name_the_rapporteur_and_the_panel(ws, clock, monkeypatch):
    monkeypatch.delenv("HLMNOTES_RAPPORTEUR", raising=False)
    monkeypatch.setenv("QUERY_STRING", "rapporteur=Rapporteur%20B&panel=2")
    recorder = Recorder(ws, now=clock, ticking=False)
    assert (recorder.rapporteur.value, recorder.panel.value) == ("Rapporteur B", 2)
    monkeypatch.setenv("QUERY_STRING", "panel=7")
    assert Recorder(ws, now=clock, ticking=False).panel.value == 1  # no such panel: the one in session


def test_new_entry_clears_the_form_but_keeps_the_text_in_the_log(recorder, ws):
    fill(recorder, "Belgium", "a point worth keeping")
    recorder.new_button.click()
    assert recorder.form.is_empty() and ws.store.draft(recorder.draft_key) is None
    assert any("a point worth keeping" in o["text"] for o in recorder.status.log.outputs)


# -- editing earlier records ---------------------------------------------------------------------


def test_an_earlier_record_can_be_edited(recorder, ws):
    fill(recorder, "Belgium", "first version")
    recorder.save_button.click()
    fill(recorder, "Qatar", "second speaker")
    recorder.save_button.click()
    first = ws.records(1)[0]
    recorder.edit_picker.value = first.id
    recorder.edit_button.click()
    assert recorder.form.key_points.value == "first version" and "Editing #" in recorder.entry_label.value
    recorder.form.key_points.value = "first version, corrected"
    recorder.save_button.click()
    edited = ws.store.get(first.id)
    assert edited.key_points == "first version, corrected" and edited.version == 2 and edited.seq == first.seq
    assert recorder.status.text.startswith(f"Saved #{first.id} (edited)")
    assert len(ws.records()) == 2


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(recorder, ws):
    fill(recorder)
    recorder.save_button.click()
    record = ws.records()[0]
    recorder.edit_picker.value = record.id
    recorder.edit_button.click()
    ws.revise(record.id, key_points="changed by rapporteur 2")
    recorder.form.key_points.value = "my change"
    recorder.save_button.click()
    assert "since you opened it" in recorder.status.text
    assert ws.store.get(record.id).key_points == "changed by rapporteur 2"


def test_edit_without_a_choice_says_so(recorder):
    recorder.edit_button.click()
    assert recorder.status.text == "Choose an earlier record to edit"


def test_the_table_picks_up_other_rapporteurs_saves(recorder, ws):
    ws.save({"panel": 1, "delegation": "Member State Q", "category": "member_state", "rapporteur": "Rapporteur 2"})
    assert "Member State Q" not in recorder.table.value
    recorder.refresh()  # what the Recorder does every few seconds in a kernel
    assert "Member State Q" in recorder.table.value


def test_the_restored_draft_is_timed_by_the_rooms_clock():
    import datetime as dt

    from hlmnotes.widgets.recorder import _local_time

    new_york = dt.timezone(dt.timedelta(hours=-4))
    assert _local_time("2017-09-27T19:36:00+00:00", dt.datetime(2017, 9, 27, 15, 40, tzinfo=new_york)) == "15:36"


def _html(widget: w.Widget) -> str:
    """Every HTML the widget tree sends to the browser."""
    found, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML):
            found.append(node.value)
        stack += list(getattr(node, "children", ()))
    return "\n".join(found)


MARKUP = "<img src=x onerror=alert(7)>"


@pytest.mark.parametrize(
    "draft",
    [
        {"editing": {"id": MARKUP, "version": 1, "delegation": "Belgium"}},
        {"editing": {"id": 1, "version": MARKUP, "delegation": "Belgium"}},
        {"editing": MARKUP},
        {"queue_position": MARKUP},
        {"editing": {"id": True, "version": 1, "delegation": "Belgium"}},
    ],
    ids=["id", "version", "not-a-record", "queue-position", "id-as-boolean"],
)
def test_a_draft_with_markup_for_a_number_is_refused_not_shown(recorder, ws, clock, draft):
    """Anyone who can write a shared store can write a draft: its numbers must be numbers."""
    ws.store.save_draft(recorder.draft_key, {"form": {"delegation": "Belgium"}} | draft)
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert "<img" not in _html(again.widget)
    assert again.editing is None and again.queue_position is None
    assert again.status.tone == "error" and "could not be restored" in again.status.text


def test_an_edited_records_delegation_is_escaped_in_the_entry_line(recorder, ws, clock):
    saved = ws.save({"panel": 1, "delegation": "Belgium", "category": "member_state"})
    editing = saved.to_row() | {"version": saved.version, "delegation": MARKUP}
    ws.store.save_draft(recorder.draft_key, {"form": {"delegation": "Belgium"}, "editing": editing})
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert again.entry_label.value.startswith(f"<b style='color:#8a5300'>Editing #{saved.id} (&lt;img")
    assert "<img" not in _html(again.widget)
