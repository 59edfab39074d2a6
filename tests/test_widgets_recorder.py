"""The Recorder, headless: set values, click buttons, check the store (no browser, no kernel)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget_description import DescriptionWidget

from hlmnotes import Workspace
from hlmnotes.widgets import Recorder, remember_rapporteur
from hlmnotes.widgets.pad import EntryPad

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
    recorder.pad.edit(delegation=delegation)
    recorder.pad.edit(key_points=points)


# -- what the rapporteur sees --------------------------------------------------------------------


def test_the_recorder_carries_every_contract_label(recorder):
    labels = texts(recorder.widget) | set(recorder.pad.setup["labels"].values())
    assert [label for label in CONTRACT_LABELS if label not in labels] == []


def test_question_buttons_carry_a_short_label_and_the_text(recorder, ws):
    questions = ws.programme.panel(1).questions
    assert recorder.pad.panel["questions"] == [[q.number, q.label, q.text] for q in questions]
    assert recorder.pad.panel["questions"][1][1] == "Safe, legal pathways"  # the programme's `short`


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
    recorder.pad.press("save")
    recorder.panel.value = 2
    assert len(recorder.pad.panel["questions"]) == len(ws.programme.panel(2).questions)
    assert "No interventions recorded in panel 2" in recorder.table.value
    recorder.panel.value = 1
    assert "Belgium" in recorder.table.value


# -- saving --------------------------------------------------------------------------------------


def test_free_entry_saves_without_a_speakers_list(recorder, ws):
    assert "No speakers' list imported" in recorder.pad.queue["summary"]
    fill(recorder, "Belgium")
    assert recorder.entry.values["category"] == "member_state"  # filled from the reference list
    recorder.pad.edit(questions="1;5", themes="referral-mechanisms", flags="recommendation")
    recorder.pad.edit(recommendations="establish national referral mechanisms")
    recorder.pad.edit(on_behalf_of="EU")
    recorder.pad.press("save")

    [record] = ws.records(1)
    assert recorder.status.text.startswith(f"Saved #{record.id} ")
    assert (record.delegation, record.category, record.on_behalf_of) == ("Belgium", "member_state", "European Union")
    assert (record.questions, record.themes, record.flags) == ((1, 5), ("referral-mechanisms",), ("recommendation",))
    assert record.rapporteur == "Rapporteur 1"
    assert recorder.entry.is_empty() and recorder.pad.form["values"]["themes"] == ""  # cleared for the next speaker
    assert f"#{record.id}" in recorder.table.value and "Belgium" in recorder.table.value
    assert "1 interventions" in recorder.pad.time_used


def test_the_category_follows_the_delegation_until_the_rapporteur_chooses_one(recorder):
    recorder.pad.edit(delegation="Belgium")
    recorder.pad.edit(delegation="UNODC")
    assert recorder.entry.values["category"] == "un_entity"
    recorder.pad.edit(category="observer_state")
    recorder.pad.edit(delegation="Holy See")
    recorder.pad.edit(delegation="Qatar")
    assert recorder.entry.values["category"] == "observer_state"  # the person's choice stays


def test_saving_without_a_delegation_says_so_and_keeps_the_entry(recorder, ws):
    recorder.pad.edit(key_points="noted low conviction rates")
    recorder.pad.press("save")
    assert ws.records() == []
    assert recorder.status.text.startswith("⚠ delegation: missing")
    assert recorder.status.tone == "error"
    assert recorder.entry.values["key_points"] == "noted low conviction rates"
    assert any("delegation: missing" in o["text"] for o in recorder.status.log.outputs if o.get("name") == "stderr")


def test_the_page_is_told_which_of_its_saves_was_stored_and_never_a_refused_one(recorder, ws):
    recorder.pad.edit(key_points="noted low conviction rates")
    recorder.pad.press("save")  # refused: no delegation
    assert recorder.pad.saved == {} and recorder.pad.answered == 1
    fill(recorder)
    recorder.pad.press("save")
    [record] = ws.records()
    assert recorder.pad.saved == {"act": 2, "id": record.id} and recorder.pad.answered == 2
    recorder.pad.press("save")  # a second click: nothing saved, the confirmation stays the first Save's
    assert recorder.pad.saved == {"act": 2, "id": record.id}


def test_an_unknown_delegation_gets_a_did_you_mean(recorder, ws):
    recorder.pad.edit(delegation="Belgum")
    recorder.pad.edit(category="member_state")
    recorder.pad.press("save")
    assert ws.records() == []
    assert "did you mean 'Belgium'" in recorder.status.text


def test_an_empty_form_saves_nothing(recorder, ws):
    recorder.pad.press("save")
    assert ws.records() == [] and recorder.status.text == "Nothing to save: the form is empty"


def test_a_double_click_on_save_saves_once_and_keeps_the_confirmation(recorder, ws):
    fill(recorder)
    recorder.pad.press("save")
    recorder.pad.press("save")
    assert len(ws.records()) == 1
    assert recorder.status.text.startswith("Saved #")


def test_a_click_arriving_while_saving_is_ignored(recorder, ws, monkeypatch):
    fill(recorder)
    real_save = ws.save

    def save_and_click_again(data, **kwargs):
        recorder.pad.press("save")  # re-entrant Ctrl+Enter while the first save runs
        return real_save(data, **kwargs)

    monkeypatch.setattr(ws, "save", save_and_click_again)
    recorder.pad.press("save")
    assert len(ws.records()) == 1 and recorder.status.text.startswith("Saved #")


def test_an_unexpected_error_shows_on_the_status_line_with_its_traceback(recorder, ws, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ws, "save", broken)
    fill(recorder)
    recorder.pad.press("save")
    assert "Unexpected error (RuntimeError: disk on fire)" in recorder.status.text
    assert any("Traceback" in o["text"] for o in recorder.status.log.outputs)
    assert recorder.entry.values["delegation"] == "Belgium"


# -- the speakers' list --------------------------------------------------------------------------


def test_next_speaker_fills_the_form_and_the_save_takes_them_off_the_list(recorder, ws, speakers_file):
    ws.speakers.import_file(speakers_file, 1)
    recorder.refresh()
    recorder.pad.press("next")
    assert (recorder.entry.values["delegation"], recorder.entry.values["category"], recorder.entry.values["on_behalf_of"]) == (
        "Member State A",
        "member_state",
        "Group A",
    )
    recorder.pad.edit(key_points="called for a coordinated response")
    recorder.pad.press("save")
    [record] = ws.records(1)
    assert [s.taken_by for s in ws.speakers.queue(1)] == [record.id, None, None]
    recorder.pad.press("next")
    assert recorder.entry.values["delegation"] == "Belgium"
    recorder.pad.press("next")  # Belgium did not take the floor: skip to the one after
    assert recorder.entry.values["delegation"] == "UNODC" and recorder.entry.values["category"] == "un_entity"


def test_next_speaker_does_not_overwrite_notes(recorder, ws, speakers_file):
    ws.speakers.import_file(speakers_file, 1)
    fill(recorder, "Qatar", "stressed the role of the Trust Fund")
    recorder.pad.press("next")
    assert recorder.entry.values["delegation"] == "Qatar"
    assert recorder.status.text.startswith("Save this entry")


def test_next_speaker_with_no_list_says_to_type_the_delegation(recorder):
    recorder.pad.press("next")
    assert "type the delegation instead" in recorder.status.text


def test_undo_removes_the_last_save_and_returns_the_speaker_to_the_list(recorder, ws, speakers_file):
    ws.speakers.import_file(speakers_file, 1)
    recorder.pad.press("next")
    recorder.pad.edit(key_points="x")
    recorder.pad.press("save")
    recorder.pad.press("undo")
    assert ws.records() == []
    assert recorder.status.text.startswith("Undid save of #")
    assert [s.taken_by for s in ws.speakers.queue(1)] == [None, None, None]
    assert "No interventions recorded" in recorder.table.value


def test_an_undone_save_comes_back_into_the_form_to_correct(recorder, ws, speakers_file, clock):
    ws.speakers.import_file(speakers_file, 1)
    recorder.pad.press("next")
    recorder.pad.press("start")
    recorder.pad.edit(key_points="called for a coordinated response")
    recorder.pad.edit(questions="2")
    clock.advance(75)
    recorder.pad.press("save")
    recorder.pad.press("undo")
    assert ws.records() == [] and recorder.status.text.endswith("it is back in the form to correct and Save again")
    assert (recorder.entry.values["delegation"], recorder.entry.values["on_behalf_of"], recorder.entry.values["key_points"], recorder.values()["questions"]) == (
        "Member State A", "Group A", "called for a coordinated response", "2",
    )  # fmt: skip
    assert recorder.entry.queue_position == 1 and "(inscribed no. 1)" in recorder.pad.entry_label
    assert ws.store.drafts.get(recorder.draft_key)["form"]["key_points"] == "called for a coordinated response"
    recorder.pad.edit(on_behalf_of="")  # the correction
    recorder.pad.press("save")
    [record] = ws.records(1)
    assert (record.on_behalf_of, record.key_points, record.duration_s) == ("", "called for a coordinated response", 75)
    assert [s.taken_by for s in ws.speakers.queue(1)] == [record.id, None, None]


def test_undo_never_overwrites_notes_being_typed(recorder, ws):
    fill(recorder, "Belgium", "noted low conviction rates")
    recorder.pad.press("save")
    fill(recorder, "Qatar", "stressed the role of the Trust Fund")
    recorder.pad.press("undo")
    assert ws.records() == [] and recorder.status.text.endswith("its notes are in the log")
    assert (recorder.entry.values["delegation"], recorder.entry.values["key_points"]) == (
        "Qatar", "stressed the role of the Trust Fund",
    )  # fmt: skip
    assert any("noted low conviction rates" in o["text"] for o in recorder.status.log.outputs)


def test_undo_with_nothing_to_undo_says_so(recorder):
    recorder.pad.press("undo")
    assert recorder.status.text == "⚠ nothing to undo for rapporteur 'Rapporteur 1'"


def test_undo_only_undoes_this_rapporteurs_saves(ws, clock):
    one = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    two = Recorder(ws, rapporteur="Rapporteur 2", now=clock, ticking=False)
    fill(one, "Belgium")
    one.pad.press("save")
    fill(two, "Qatar")
    two.pad.press("save")
    one.pad.press("undo")
    assert [r.delegation for r in ws.records()] == ["Qatar"]


# -- where the hands are -------------------------------------------------------------------------


def test_the_form_says_new_intervention_from_the_start(recorder):
    assert "New intervention" in recorder.pad.entry_label  # no jump when the first speaker is taken


def test_focus_follows_the_rapporteurs_next_action(recorder, ws, speakers_file, monkeypatch):
    focused = []
    monkeypatch.setattr(recorder.pad, "focus", focused.append)
    ws.speakers.import_file(speakers_file, 1)
    recorder.pad.press("next")
    recorder.pad.press("start")
    recorder.pad.edit(key_points="x")
    recorder.pad.press("save")
    assert focused == ["start", "key_points", "next"]
    recorder.edit_picker.value = ws.records()[0].id
    recorder.edit_button.click()
    assert focused[-1] == "key_points"
    ws.store.drafts.clear(recorder.draft_key)
    free = Recorder(ws, rapporteur="Rapporteur 2", panel=2, ticking=False)
    monkeypatch.setattr(free.pad, "focus", focused.append)
    fill(free, "Qatar")
    free.pad.press("save")
    assert focused[-1] == "delegation"  # no one waiting on panel 2's list: type the next delegation


def test_the_page_opens_with_the_keyboard_in_delegation_or_in_key_points_under_a_running_clock(recorder, ws, clock):
    assert recorder.pad.focus_request["field"] == "delegation"
    fill(recorder)
    recorder.pad.press("start")
    again = Recorder(ws, rapporteur=recorder.rapporteur.value, now=clock, ticking=False)  # a reload
    assert again.clock.running and again.pad.focus_request["field"] == "key_points"
    assert "Alt+S starts the clock" in again.pad.setup["help"] and "Alt+Shift+S" in again.pad.setup["help"]


# -- the speaking clock --------------------------------------------------------------------------


def test_the_clock_turns_amber_near_the_limit_and_red_past_it(recorder, clock, ws):
    fill(recorder)
    recorder.pad.press("start")
    assert recorder.pad.running  # the browser disables Start and enables Stop
    clock.advance(100)
    recorder.show_clock()
    assert "data-status='ok'" in recorder.pad.clock and "1:40 / 3:00" in recorder.pad.clock
    clock.advance(60)
    recorder.show_clock()
    assert "data-status='near'" in recorder.pad.clock
    clock.advance(30)
    recorder.show_clock()
    assert (
        "data-status='over'" in recorder.pad.clock and "3:10 / 3:00 (+0:10)" in recorder.pad.clock
    )
    recorder.pad.press("stop")
    clock.advance(20)
    recorder.pad.press("save")
    assert ws.records()[0].duration_s == 190


def test_the_limit_follows_the_category(recorder):
    recorder.pad.edit(category="panellist")
    assert "0:00 / 5:00" in recorder.pad.clock
    recorder.pad.edit(category="civil_society")
    assert "0:00 / 3:00" in recorder.pad.clock


def test_saving_a_running_clock_stops_it_at_the_save(recorder, clock, ws):
    fill(recorder)
    recorder.pad.press("start")
    clock.advance(75)
    recorder.pad.press("save")
    assert ws.records()[0].duration_s == 75
    assert not recorder.clock.running and "0:00 / 3:00" in recorder.pad.clock


# -- themes --------------------------------------------------------------------------------------


def test_key_points_suggest_themes_that_a_click_adds(recorder, ws):
    recorder.pad.edit(key_points="stressed better data disaggregated by sex and the referral of victims")
    offered = [theme for theme, _ in recorder.pad.suggested]
    assert "data-evidence" in offered and "referral-mechanisms" in offered
    recorder.pad.edit(themes="data-evidence")  # a click on the suggestion
    assert "data-evidence" not in [theme for theme, _ in recorder.pad.suggested]
    recorder.pad.edit(delegation="Belgium")
    recorder.pad.press("save")
    assert ws.records()[0].themes == ("data-evidence",)


def test_the_theme_field_completes_from_every_theme_id_and_label(recorder, ws):
    assert recorder.pad.setup["themes"] == [[t.id, t.label] for t in ws.codebook.themes]


# -- nothing typed is lost -----------------------------------------------------------------------


def test_an_unsaved_entry_is_restored_when_the_recorder_is_rebuilt(recorder, ws, clock):
    fill(recorder, "Belgium", "called for stronger national referral mechanisms")
    recorder.pad.edit(questions="3", themes="referral-mechanisms")
    recorder.pad.press("start")
    clock.advance(42)

    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)  # a reload, a new kernel
    assert again.entry.values["delegation"] == "Belgium"
    assert again.entry.values["key_points"] == "called for stronger national referral mechanisms"
    assert (again.entry.values["questions"], again.entry.values["themes"]) == ("3", "referral-mechanisms")
    assert again.pad.form["values"] == again.entry.values  # on the form in the browser too
    assert again.clock.running and again.clock.elapsed() == 42
    assert again.status.text.startswith("Restored your unsaved entry (Belgium")
    again.pad.press("save")
    assert ws.store.drafts.get(again.draft_key) is None
    assert Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False).entry.is_empty()


def test_the_draft_survives_closing_the_store(store_path, clock):
    ws = Workspace.open(store_path)
    fill(Recorder(ws, rapporteur="R", now=clock, ticking=False), "Qatar", "stressed the Trust Fund")
    ws.close()
    reopened = Workspace.open(store_path)
    assert (
        Recorder(reopened, rapporteur="R", now=clock, ticking=False).entry.values["key_points"] == "stressed the Trust Fund"
    )
    reopened.close()


def test_a_restored_draft_names_what_the_codebook_no_longer_has(recorder, ws, clock):
    ws.store.drafts.save(recorder.draft_key, {"form": {"delegation": "Belgium", "themes": "children;old-theme",
                                                       "questions": "1;9"}})  # fmt: skip
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert again.entry.values["themes"] == "children"
    assert again.status.tone == "warn"
    assert "theme 'old-theme'" in again.status.text and "question 9" in again.status.text


def test_drafts_are_kept_per_panel(recorder, ws):
    fill(recorder, "Belgium", "panel one notes")
    recorder.panel.value = 2
    assert recorder.entry.is_empty()
    fill(recorder, "Qatar", "panel two notes")
    recorder.panel.value = 1
    assert recorder.entry.values["key_points"] == "panel one notes"


def test_renaming_the_rapporteur_keeps_the_draft(recorder, ws, clock):
    fill(recorder)
    recorder.rapporteur.value = "Ana"
    assert Recorder(ws, rapporteur="Ana", now=clock, ticking=False).entry.values["delegation"] == "Belgium"
    assert Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False).entry.is_empty()


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
    recorder.pad.press("new")
    assert recorder.entry.is_empty() and ws.store.drafts.get(recorder.draft_key) is None
    assert any("a point worth keeping" in o["text"] for o in recorder.status.log.outputs)


# -- editing earlier records ---------------------------------------------------------------------


def test_an_earlier_record_can_be_edited(recorder, ws):
    fill(recorder, "Belgium", "first version")
    recorder.pad.press("save")
    fill(recorder, "Qatar", "second speaker")
    recorder.pad.press("save")
    first = ws.records(1)[0]
    recorder.edit_picker.value = first.id
    recorder.edit_button.click()
    assert recorder.entry.values["key_points"] == "first version" and "Editing #" in recorder.pad.entry_label
    recorder.pad.edit(key_points="first version, corrected")
    recorder.pad.press("save")
    edited = ws.store.get(first.id)
    assert edited.key_points == "first version, corrected" and edited.version == 2 and edited.seq == first.seq
    assert recorder.status.text.startswith(f"Saved #{first.id} (edited)")
    assert len(ws.records()) == 2


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(recorder, ws):
    fill(recorder)
    recorder.pad.press("save")
    record = ws.records()[0]
    recorder.edit_picker.value = record.id
    recorder.edit_button.click()
    ws.revise(record.id, key_points="changed by rapporteur 2")
    recorder.pad.edit(key_points="my change")
    recorder.pad.press("save")
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

    from hlmnotes.app.recording import _local_time

    new_york = dt.timezone(dt.timedelta(hours=-4))
    assert _local_time("2017-09-27T19:36:00+00:00", dt.datetime(2017, 9, 27, 15, 40, tzinfo=new_york)) == "15:36"


def _html(widget: w.Widget) -> str:
    """Every HTML the widget tree sends to the browser."""
    found, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML):
            found.append(node.value)
        if isinstance(node, EntryPad):  # the pad's browser code sets these two as HTML
            found += [node.entry_label, node.clock]
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
    ws.store.drafts.save(recorder.draft_key, {"form": {"delegation": "Belgium"}} | draft)
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert "<img" not in _html(again.widget)
    assert again.entry.editing is None and again.entry.queue_position is None
    assert again.status.tone == "error" and "could not be restored" in again.status.text


def test_an_edited_records_delegation_is_escaped_in_the_entry_line(recorder, ws, clock):
    saved = ws.save({"panel": 1, "delegation": "Belgium", "category": "member_state"})
    editing = saved.to_row() | {"version": saved.version, "delegation": MARKUP}
    ws.store.drafts.save(recorder.draft_key, {"form": {"delegation": "Belgium"}, "editing": editing})
    again = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert again.pad.entry_label.startswith(f"<b style='color:#8a5300'>Editing #{saved.id} (&lt;img")
    assert "<img" not in _html(again.widget)


# -- the speakers' list as the Chair runs it -----------------------------------------------------------

TEN = "order,delegation,speaker,category\n" + "".join(
    f"{n},Member State {letter},Ms. {letter},member_state\n" for n, letter in enumerate("ABCDEFGHIJ", 1)
)


@pytest.fixture
def ten(ws, tmp_path: Path) -> None:
    path = tmp_path / "ten.csv"
    path.write_text(TEN, encoding="utf-8")
    ws.speakers.import_file(path, 1)


def test_a_typed_listed_delegation_leaves_the_queue_and_next_speaker_starts_from_the_top(recorder, ws, ten):
    recorder.pad.edit(delegation="Member State G")
    assert (recorder.entry.values["speaker"], recorder.entry.queue_position) == ("Ms. G", 7)
    assert "(inscribed no. 7)" in recorder.pad.entry_label
    assert recorder.pad.form["only"] and recorder.pad.form["values"]["speaker"] == "Ms. G"  # shown in the browser
    recorder.pad.edit(key_points="called for action")
    recorder.pad.press("save")
    assert recorder.pad.queue["summary"] == "9 waiting · 1 spoken"
    offered = []
    for _ in range(9):
        recorder.pad.press("next")
        offered.append(recorder.entry.values["delegation"])
    assert offered == [f"Member State {x}" for x in "ABCDEFHIJ"]


def test_typing_another_delegation_over_the_offered_entry_clears_its_speaker(recorder, ws, ten):
    recorder.pad.press("next")
    recorder.pad.edit(delegation="Kenya")
    assert (recorder.entry.values["speaker"], recorder.entry.queue_position) == ("", None)
    assert recorder.status.text == "No. 1 (Member State A) stays waiting on the speakers' list; the form is now for the delegation you type"
    recorder.pad.edit(key_points="welcomed the plan")
    recorder.pad.press("save")
    [record] = ws.records(1)
    assert (record.delegation, record.speaker) == ("Kenya", "")
    assert [s.position for s in ws.speakers.queue(1) if s.waiting][:1] == [1]


def test_a_click_on_any_waiting_entry_takes_it_and_keeps_notes_already_typed(recorder, ws, ten, clock):
    recorder.pad.press("start")
    clock.advance(30)
    recorder.pad.edit(key_points="stressed prevention")
    recorder.pad.press("take", position=5)
    assert (recorder.entry.values["delegation"], recorder.entry.values["key_points"]) == (
        "Member State E", "stressed prevention",
    )  # fmt: skip
    assert recorder.clock.running and recorder.clock.elapsed() == 30
    recorder.pad.press("save")
    assert [s.position for s in ws.speakers.queue(1) if s.taken_by is not None] == [5]


def test_absent_skips_the_speaker_and_a_late_inscription_joins_the_end(recorder, ws, ten):
    recorder.pad.press("next")
    recorder.pad.press("absent")
    assert recorder.entry.is_empty() and recorder.pad.queue["summary"] == "9 waiting · 0 spoken · 1 absent"
    recorder.pad.press("next")
    assert recorder.entry.values["delegation"] == "Member State B"
    assert [e["state"] for e in recorder.pad.queue["entries"]][:2] == ["absent", "waiting"]
    recorder.pad.press("late", delegation="UNODC")
    assert recorder.pad.queue["entries"][-1] | {"current": False} == {
        "position": 11, "who": "UNODC", "category": "UN entity", "state": "waiting", "current": False,
    }  # fmt: skip
    assert recorder.status.text == "Added UNODC as no. 11 (late inscription)."
    recorder.pad.press("new")
    recorder.pad.press("take", position=1)  # the absent delegate came back
    assert recorder.entry.values["delegation"] == "Member State A" and ws.speakers.queue(1)[0].waiting


def test_a_late_inscription_of_an_unknown_delegation_says_so(recorder, ws, ten):
    recorder.pad.press("late", delegation="Narnia")
    assert recorder.status.tone == "error" and "Narnia" in recorder.status.text
    assert len(ws.speakers.queue(1)) == 10


def test_the_whole_list_is_sent_with_each_entrys_category(recorder, ws, ten):
    recorder._changed_elsewhere()  # polled: the list imported in the Meeting notebook shows up
    assert len(recorder.pad.queue["entries"]) == 10
    assert {e["category"] for e in recorder.pad.queue["entries"]} == {"Member State"}


# -- two tabs, one draft -----------------------------------------------------------------------------


def test_a_second_tabs_save_of_an_entry_saved_in_the_first_is_refused(recorder, ws, clock):
    fill(recorder)
    other = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)  # the same draft, another tab
    recorder.pad.press("save")
    other.pad.press("save")
    [saved] = ws.records()
    assert other.status.tone == "error"
    assert other.status.text.startswith(f"⚠ Already saved as #{saved.id} in another tab")
    assert f"Edit #{saved.id} to add to it" in other.status.text
    assert other._changed_elsewhere() is True  # the poll also brings the saved record into its table
    other.pad.press("new")
    fill(other, "Qatar")
    other.pad.press("save")
    assert [r.delegation for r in ws.records()] == ["Belgium", "Qatar"]


def test_the_issues_two_tab_sequence_makes_one_record(recorder, ws, clock):
    """Tab B restored from A's draft; A saves; B, not yet polled, types one more line and saves."""
    fill(recorder)
    recorder.pad.press("start")
    tab_b = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    assert tab_b.status.text.startswith("Restored your unsaved entry (Belgium")
    recorder.pad.press("stop")
    recorder.pad.press("save")
    [saved] = ws.records()
    tab_b.pad.edit(key_points="stressed the Trust Fund\nand one more line")
    assert ws.draft(tab_b.draft_key) is None  # the store refused to bring the saved entry back as a draft
    assert tab_b.pad.saved_as == saved.id  # the browser's copy is marked saved
    tab_b.pad.press("save")
    assert ws.records() == [saved]
    assert tab_b.status.text.startswith(f"⚠ Already saved as #{saved.id} in another tab")
    assert tab_b.entry.values["key_points"] == "stressed the Trust Fund\nand one more line"  # kept, and in the log
    reloaded = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)  # B reloaded: its copy sent back
    reloaded.pad.edit(restored=True, entry=tab_b.recording.token, key_points="stressed the Trust Fund\nand one more line")
    assert ws.records() == [saved] and ws.draft(reloaded.draft_key) is None and reloaded.entry.is_empty()
    assert reloaded.status.text.startswith(f"⚠ Already saved as #{saved.id} in another tab")


def test_an_entry_saved_in_the_other_tab_is_said_so_there_by_its_polling(recorder, ws, clock):
    fill(recorder)
    other = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    recorder.pad.press("save")
    other._changed_elsewhere()
    [saved] = ws.records()
    assert other.status.text.startswith(f"⚠ Already saved as #{saved.id} in another tab")
    assert other.entry.values["delegation"] == "Belgium" and other.pad.saved_as == saved.id
    other.pad.press("new")
    assert other.entry.is_empty() and other.recording.saved_elsewhere is None


def test_an_entry_left_in_the_other_tab_is_cleared_there_by_its_polling(recorder, ws, clock):
    fill(recorder)
    other = Recorder(ws, rapporteur="Rapporteur 1", now=clock, ticking=False)
    recorder.pad.press("new")
    other._changed_elsewhere()
    assert other.entry.is_empty() and other.pad.form["values"]["key_points"] == ""
    assert other.status.text.startswith("This entry was saved or left in another tab")
    assert ws.records() == []


# -- what the browser keeps --------------------------------------------------------------------------


def test_each_edit_is_acknowledged_once_the_store_holds_it(recorder, ws):
    recorder.pad._message(recorder.pad, {"type": "edit", "values": {"delegation": "Belgium"}, "seq": 41})
    assert recorder.pad.kept == 41 and ws.store.drafts.get(recorder.draft_key)["form"]["delegation"] == "Belgium"


def test_text_kept_by_the_browser_after_a_lost_connection_comes_back_and_says_so(recorder, ws):
    recorder.pad.edit(restored=True, delegation="Belgium", key_points="typed while the kernel was dead")
    assert ws.store.drafts.get(recorder.draft_key)["form"]["key_points"] == "typed while the kernel was dead"
    assert recorder.status.text.startswith("Restored what you typed in this browser while the connection was lost")


def test_the_browser_keeps_each_rapporteurs_entry_under_its_own_key(recorder):
    key = recorder.pad.storage_key
    assert key.endswith("/Rapporteur 1/panel1")
    recorder.panel.value = 2
    assert recorder.pad.storage_key.endswith("/Rapporteur 1/panel2")


def test_a_ping_is_answered(recorder, monkeypatch):
    sent = []
    monkeypatch.setattr(recorder.pad, "send", sent.append)
    recorder.pad._message(recorder.pad, {"type": "ping"})
    assert sent == [{"type": "pong"}]


def test_start_clears_the_last_speakers_status(recorder, ws):
    fill(recorder)
    recorder.pad.press("save")
    assert recorder.status.text.startswith("Saved #")
    recorder.pad.press("start")
    assert recorder.status.text == "" and recorder.pad.status["text"] == ""


def test_the_form_the_kernel_sends_says_which_of_the_browsers_edits_it_includes(recorder: Recorder) -> None:
    """The browser keeps what the person typed after the edit a form includes (pad.js's ``show``): a New
    entry answered late must not blank the words typed since."""
    recorder.pad.edit(delegation="Belgium")
    recorder.pad.edit(key_points="called for data")
    recorder.pad.press("new")
    assert recorder.pad.form["values"]["key_points"] == "" and recorder.pad.form["seen"] == recorder.pad.kept == 2
    recorder.pad.edit(key_points="typed after New entry")
    recorder.pad.press("new")
    assert recorder.pad.form["seen"] == 3


# -- a programme updated while the Recorder is open --------------------------------------------------


def test_a_question_the_update_removed_loses_its_button_and_its_tick(tmp_path, clock):
    from .conftest import PROGRAMME
    from .test_store_entries import without_question_6

    (tmp_path / "new").mkdir()
    path = tmp_path / "meeting.sqlite"
    Workspace.init(path, PROGRAMME).close()
    with Workspace.open(path) as ws:
        recorder = Recorder(ws, panel=1, rapporteur="R1", now=clock, ticking=False)
        fill(recorder)
        recorder.pad.edit(questions="5;6")
        assert [q[0] for q in recorder.pad.panel["questions"]] == [1, 2, 3, 4, 5, 6]
        with Workspace.open(path) as staff:
            staff.update_programme(without_question_6(tmp_path / "new"))
        recorder._changed_elsewhere()  # the poll
        assert [q[0] for q in recorder.pad.panel["questions"]] == [1, 2, 3, 4, 5]
        assert recorder.entry.values["questions"] == "5" and recorder.pad.form["values"]["questions"] == "5"
        assert "question 6 is no longer in panel 1" in recorder.status.text
        recorder.pad.press("save")
        assert [r.questions for r in ws.records()] == [(5,)]
