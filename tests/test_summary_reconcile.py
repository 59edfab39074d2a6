"""The draft follows the programme as held and tells the staff what it could not reconcile."""

from __future__ import annotations

from hlmnotes import Workspace
from hlmnotes.summary import build_summary

from .conftest import ROOT

HELD = ROOT / "data" / "hlm2017" / "programme-as-held.toml"


def notes_of(ws: Workspace, panel: int = 1) -> list[str]:
    return [p.text for p in build_summary(ws, [panel]).panels[0].paragraphs if p.role == "note"]


def test_questions_addressed_by_the_panellists_are_not_reported_as_unaddressed(ws: Workspace):
    ws.save({"panel": 1, "delegation": "Member State A", "questions": "1;2", "key_points": "noted low conviction rates"})
    ws.save({"panel": 1, "category": "panellist", "speaker": "Moussa Oumarou", "questions": "3;4",
             "key_points": "made illustrative point 1"})  # fmt: skip
    ws.save({"panel": 1, "category": "chair", "questions": "5", "key_points": "made illustrative point 2"})
    assert notes_of(ws) == [
        "[Note for staff: no recorded intervention addressed question 6; questions 3 and 4 were addressed by the"
        " panellists, not from the floor; question 5 was addressed by the Chair, not from the floor.]"
    ]
    ws.save({"panel": 1, "delegation": "Member State B", "questions": "3;4;5;6", "key_points": "noted x"})
    assert notes_of(ws) == []
