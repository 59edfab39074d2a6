"""The entry on the Recorder's form as plain Python: who the typed delegation is, what a draft keeps."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hlmnotes.domain.entry import Editing, Entry, shown_values
from hlmnotes.domain.speakers import Inscribed
from hlmnotes.domain.timing import SpeakingClock
from hlmnotes.errors import ValidationError

LISTED = [
    Inscribed(1, 1, "Member State A", "Mr. A", "member_state", "Group A"),
    Inscribed(1, 7, "Member State G", "Ms. G", "member_state", ""),
    Inscribed(1, 9, "UNODC", "", "un_entity", ""),
]


@pytest.fixture
def entry() -> Entry:
    return Entry(SpeakingClock())


def typed(entry: Entry, ws, **changes: str) -> tuple[list[str], str]:
    return entry.typed(changes, waiting=LISTED, panel=ws.programme.panel(1), reference=ws.reference)


def test_a_listed_delegation_typed_by_hand_takes_its_entry(entry, ws):
    filled, note = typed(entry, ws, delegation="Member State G")
    assert (entry.values["speaker"], entry.values["category"], entry.queue_position) == ("Ms. G", "member_state", 7)
    assert set(filled) >= {"speaker", "category"} and note == "Member State G is no. 7 on the speakers' list"


def test_an_alias_finds_the_listed_entry(entry, ws):
    typed(entry, ws, delegation="United Nations Office on Drugs and Crime")
    assert entry.queue_position == 9


def test_a_delegation_not_on_the_list_detaches_the_offered_entry_and_its_name(entry, ws):
    entry.take(LISTED[1])
    filled, note = typed(entry, ws, delegation="Kenya")
    assert (entry.values["speaker"], entry.values["category"], entry.queue_position, entry.offered) == (
        "", "member_state", None, None,
    )  # fmt: skip
    assert (
        note
        == "No. 7 (Member State G) stays waiting on the speakers' list; the form is now for the delegation you type"
    )
    assert "speaker" in filled


def test_a_speaker_name_typed_by_the_person_is_not_cleared(entry, ws):
    entry.take(LISTED[1])
    typed(entry, ws, speaker="Mr. Z")
    typed(entry, ws, delegation="Kenya")
    assert entry.values["speaker"] == "Mr. Z"


def test_a_panellists_organization_gives_the_panellist(entry, ws):
    typed(entry, ws, delegation="UN Women")
    assert (entry.values["category"], entry.values["speaker"]) == ("panellist", "Phumzile Mlambo-Ngcuka")


def test_a_states_name_stays_the_states_floor_statement(entry, ws):
    typed(entry, ws, delegation="Belgium")
    assert (entry.values["category"], entry.values["speaker"]) == ("member_state", "")


def test_the_persons_category_is_kept(entry, ws):
    typed(entry, ws, category="observer_state")
    typed(entry, ws, delegation="Qatar")
    assert entry.values["category"] == "observer_state"


def test_shown_values_names_what_the_form_cannot_show(ws):
    values, dropped = shown_values({"questions": "1;9", "themes": "children;old", "flags": "quote;odd",
                                    "category": "x"}, ws.programme.panel(1), ws.codebook)  # fmt: skip
    assert (values["questions"], values["themes"], values["flags"], values["category"]) == (
        "1",
        "children",
        "quote",
        "",
    )
    assert dropped == ["category 'x'", "question 9", "theme 'old'", "flag 'odd'"]


def test_a_draft_round_trips(entry, ws):
    moment = dt.datetime(2017, 9, 27, 15, 0, tzinfo=dt.UTC)
    entry.take(LISTED[0])
    entry.values["key_points"] = "called for action"
    entry.clock.started_at = moment
    again = Entry(SpeakingClock())
    assert again.restore(entry.draft(moment), ws.programme.panel(1), ws.codebook, LISTED) == []
    assert (again.values, again.queue_position, again.offered, again.clock.started_at) == (
        entry.values, 1, LISTED[0], moment,
    )  # fmt: skip


def test_a_draft_with_a_position_that_is_not_a_number_is_refused(entry, ws):
    with pytest.raises(ValidationError, match="not a whole number"):
        entry.restore({"queue_position": "7"}, ws.programme.panel(1), ws.codebook, LISTED)
    assert entry.is_empty()


@settings(max_examples=60, deadline=None)
@given(key_points=st.text(max_size=300), speaker=st.text(max_size=40))
def test_any_text_survives_the_draft_exactly(key_points, speaker):
    """What the store keeps of an unsaved entry (JSON) brings back every character, whatever was typed."""
    import json

    ws = _meeting()
    entry = Entry(SpeakingClock())
    typed(entry, ws, speaker=speaker, key_points=key_points)
    kept = json.loads(json.dumps(entry.draft(dt.datetime(2017, 9, 27, tzinfo=dt.UTC))))
    again = Entry(SpeakingClock())
    again.restore(kept, ws.programme.panel(1), ws.codebook, LISTED)
    assert (again.values["key_points"], again.values["speaker"]) == (key_points, speaker)


@functools.cache
def _meeting():
    """One read-only meeting for every example (the entry never writes to it)."""
    from hlmnotes import Workspace

    return Workspace.open(":memory:")


def test_the_chairs_name_gives_the_chair(entry, ws):
    chair = ws.programme.panel(1).chair
    typed(entry, ws, speaker=chair.name)
    assert (entry.values["category"], entry.values["delegation"]) == ("chair", chair.delegation or chair.organization)


def test_the_save_data_stops_a_running_clock_now_and_keeps_the_edited_records_rapporteur(entry, ws):
    start = dt.datetime(2017, 9, 27, 15, 0, tzinfo=dt.UTC)
    entry.take(LISTED[0])
    entry.clock.started_at = start
    data = entry.save_data(1, "  Ms. R ", start + dt.timedelta(seconds=90))
    assert (data["ended_at"], data["duration_s"], data["rapporteur"], data["delegation"]) == (
        "2017-09-27T15:01:30+00:00", None, "Ms. R", "Member State A",
    )  # fmt: skip
    assert (entry.inscribed, entry.expected_version) == (1, None)
    entry.editing = Editing({"id": 4, "rapporteur": "Mr. First", "uid": "a" * 32}, version=2)
    data = entry.save_data(1, "", start)
    assert (data["rapporteur"], data["uid"], data["ended_at"]) == ("Mr. First", "a" * 32, start.isoformat())
    assert (entry.inscribed, entry.expected_version) == (None, 2)


def test_taking_a_speaker_after_typing_keeps_the_notes_and_the_clock(entry, ws):
    typed(entry, ws, key_points="called for data", questions="2")
    entry.clock.started_at = dt.datetime(2017, 9, 27, 15, 0, tzinfo=dt.UTC)
    entry.take(LISTED[1], keep_notes=True)
    assert (entry.values["delegation"], entry.values["key_points"], entry.values["questions"]) == (
        "Member State G", "called for data", "2",
    )  # fmt: skip
    assert entry.clock.started_at is not None and entry.queue_position == 7
    entry.take(LISTED[0])
    assert (entry.values["key_points"], entry.clock.started_at) == ("", None)


def test_editing_a_record_detaches_the_list_and_an_undone_save_finds_its_entry_again(entry, ws):
    from hlmnotes.domain.model import Intervention

    record = Intervention(  # with a question the programme no longer has
        1, "Member State G", "member_state", id=3, key_points="asked for data", questions=(2, 9), version=4
    )
    entry.take(LISTED[0])
    assert entry.edit(record, ws.programme.panel(1), ws.codebook) == ["question 9"]
    assert entry.editing is not None
    assert (entry.editing.id, entry.editing.version, entry.queue_position, entry.offered) == (
        record.id, record.version, None, None,
    )  # fmt: skip
    again = Entry(SpeakingClock())
    again.take_back(record, ws.programme.panel(1), ws.codebook, LISTED)
    assert (again.values["key_points"], again.values["questions"], again.queue_position, again.editing) == (
        "asked for data", "2", 7, None,
    )  # fmt: skip


def test_a_record_being_edited_survives_the_draft_and_a_draft_without_its_version_is_refused(entry, ws):
    from hlmnotes.domain.model import Intervention

    record = Intervention(1, "Member State G", "member_state", id=3, key_points="asked for data", version=4)
    entry.edit(record, ws.programme.panel(1), ws.codebook)
    kept = entry.draft(dt.datetime(2017, 9, 27, 15, 0, tzinfo=dt.UTC))
    again = Entry(SpeakingClock())
    again.restore(kept, ws.programme.panel(1), ws.codebook, LISTED)
    assert again.editing == entry.editing and again.expected_version == 4
    assert again.save_data(1, "", dt.datetime(2017, 9, 27, 15, 0, tzinfo=dt.UTC))["id"] == 3
    with pytest.raises(ValidationError, match="has no version"):
        again.restore(kept | {"editing": {"id": 3}}, ws.programme.panel(1), ws.codebook, LISTED)
