"""An anonymous draft whose sentences name or point at their own speaker (its State, demonym, capital; an
organization's own name): listed in the staff note with a neutral wording, the body left as recorded.

The records are placeholders (no words are put in a real delegation's mouth): "Member State A" is given a
capital and a demonym of its own, as data/reference/capitals.csv gives the real States theirs."""

from __future__ import annotations

import pytest

from hlmnotes.domain.places import Place, default_places, load_places
from hlmnotes.domain.reference import default_reference
from hlmnotes.domain.text import fold
from hlmnotes.summary.compose import anonymity

PLACES = {"member state a": Place("Member State A", ("Capital A",), ("Statian",))}
LINES = [
    "described a law adopted this year in Member State A",
    "noted that Statian workers abroad were at risk",
    "opened a shelter in Capital A, the first in South Capital A",  # the second is another place's name
]


@pytest.fixture
def pointing(ws, monkeypatch):
    monkeypatch.setattr(anonymity, "default_places", lambda: PLACES)
    ws.store.apply([
        ws.validate({"panel": 1, "delegation": "Member State A", "category": "member_state", "questions": "1",
                     "key_points": "\n".join(LINES)}),
        ws.validate({"panel": 1, "delegation": "Organization B", "category": "igo", "on_behalf_of": "Organization B",
                     "questions": "1", "key_points": "said that Organization B had trained judges"}),
        ws.validate({"panel": 1, "delegation": "Member State C", "category": "member_state", "questions": "1",
                     "key_points": "welcomed the work of Member State A"}),  # another speaker may name it
    ], [])  # fmt: skip
    return ws


def test_the_staff_note_lists_each_pointer_with_a_neutral_wording(pointing):
    panel = pointing.drafting.summary([1]).panels[0]
    at = next(i for i, n in enumerate(panel.notes) if "this summary is anonymous" in n)
    assert panel.notes[at].startswith("[Note for staff: this summary is anonymous, but four passages name or point")
    assert panel.notes[at + 1 : at + 5] == (
        "[paragraph 5: “adopted this year in Member State A” (#1 Member State A) → “adopted this year in [the country]”.]",
        "[paragraph 5: “noted that Statian workers abroad were” (#1 Member State A) → “noted that [national] workers abroad were”.]",
        "[paragraph 5: “opened a shelter in Capital A, the first” (#1 Member State A) → “opened a shelter in [the capital], the first”.]",
        "[paragraph 5: “intergovernmental organization said that Organization B had trained judges” (#2 Organization B)"
        " → “intergovernmental organization said that [the organization] had trained judges”.]",
    )
    assert len(panel.notes) == at + 5  # Member State C naming Member State A is no pointer at itself
    body = " ".join(s.text for s in panel.sentences)
    assert "adopted this year in Member State A" in body and "[the country]" not in body  # not rewritten


def test_a_named_draft_has_no_anonymity_note(pointing):
    panel = pointing.drafting.summary([1], attribution="named").panels[0]
    assert not any("this summary is anonymous" in n for n in panel.notes)


def test_the_capitals_and_demonyms_of_every_state_on_the_reference_list():
    places = default_places()
    states = [d for d in default_reference().delegations if d.category in ("member_state", "observer_state")]
    assert [d.name for d in states if fold(d.name) not in places] == []
    assert places["qatar"] == Place("Qatar", ("Doha",), ("Qatari",))
    assert places["philippines"].capitals == ("Manila",) and "Filipino" in places["philippines"].demonyms
    assert places["israel"].capitals == () and places["state of palestine"].capitals == ()  # the UN lists none


def test_a_places_file_without_its_columns_is_one_error(tmp_path):
    from hlmnotes.errors import ProgrammeError

    path = tmp_path / "capitals.csv"
    path.write_text("# a comment\nname,capital\nQatar,Doha\n", encoding="utf-8")
    with pytest.raises(ProgrammeError, match="expected the columns name,capitals,demonyms"):
        load_places(path)
