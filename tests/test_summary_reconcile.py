"""The draft follows the programme as held and tells the staff what it could not reconcile."""

from __future__ import annotations

from hlmnotes import Workspace

from .conftest import ROOT

HELD = ROOT / "data" / "hlm2017" / "programme-as-held.toml"


def notes_of(ws: Workspace, panel: int = 1) -> list[str]:
    return [p.text for p in ws.drafting.summary([panel]).panels[0].paragraphs if p.role == "note"]


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


def section_ii(panel) -> list[str]:
    from hlmnotes.summary.model import Heading

    start = next(i for i, b in enumerate(panel.blocks) if isinstance(b, Heading) and b.label == "II.")
    end = next(i for i, b in enumerate(panel.blocks) if isinstance(b, Heading) and b.label == "III.")
    return [b.text for b in panel.blocks[start + 1 : end]]


def test_done_means_a_panel_recorded_on_the_provisional_programme_drafted_on_the_programme_as_held(run, store_path):
    """The issue's end-to-end case: record panel 1 with the provisional programme, update to the
    programme as held, draft. The update printed the change; section II presents Dr. Purna Sen (from
    the record of the UN Women official) and Ms. Rani Hong from the programme, not Ms. Carmen Martinez;
    the staff note names both Mlambo-Ngcuka and Purna Sen."""
    for args in (
        ("--category", "chair", "--questions", "1", "--key-points", "made illustrative point 1"),
        ("--category", "panellist", "--speaker", "Phumzile Mlambo-Ngcuka", "--questions", "3",
         "--key-points", "made illustrative point 2"),
        ("--category", "panellist", "--speaker", "Moussa Oumarou", "--questions", "4",
         "--key-points", "made illustrative point 3"),
        ("--delegation", "Member State A", "--questions", "1;2", "--key-points", "called for stronger referral mechanisms"),
    ):  # fmt: skip
        assert run("add", "--panel", "1", *args)[0] == 0
    status, out, err = run("programme", "update", str(HELD))
    assert status == 0
    assert (
        "  panel 1: UN Women: Ms. Phumzile Mlambo-Ngcuka → Dr. Purna Sen, Director of Policy, UN Women;"
        " 1 record names Mlambo-Ngcuka"
    ) in out.splitlines()
    assert "panel 1: panellist added: Ms. Rani Hong, CEO of The Tronie Foundation" in out
    assert err.count("\n") == 1 and err.startswith("warning: #2 (panel 1) is recorded as panellist Phumzile Mlambo-Ngcuka")

    with Workspace.open(store_path) as ws:
        panel = ws.drafting.summary([1]).panels[0]
    presented = section_ii(panel)
    assert presented[0] == "Dr. Purna Sen, Director of Policy, UN Women, made illustrative point 2."
    assert presented[1].startswith("Mr. Moussa Oumarou, Director of the Governance and Tripartism Department")
    assert presented[2] == "[Summary of the presentation by Ms. Rani Hong to be added: nothing was recorded.]"
    assert len(presented) == 3 and not any("Martinez" in p or "Mlambo-Ngcuka" in p for p in presented)
    assert [(a.delegation, a.speaker) for a in panel.annex if a.category == "Panellist"] == [
        ("UN Women", "Purna Sen"), ("ILO", "Moussa Oumarou")
    ]  # the annex names whom section II presents  # fmt: skip
    staff = [n for n in panel.notes if "Mlambo-Ngcuka" in n]
    assert staff == [
        "[Note for staff. Panellists: recorded as Phumzile Mlambo-Ngcuka; the programme lists Dr. Purna Sen for"
        " UN Women — check before the Chair reads this.]"
    ]
    # Question 3 was addressed by a panellist only, question 4 likewise, 5 and 6 by nobody.
    notes = [p.text for p in panel.paragraphs if p.role == "note"]
    assert notes == [
        "[Note for staff: no recorded intervention addressed question 5 or 6; questions 3 and 4 were addressed"
        " by the panellists, not from the floor.]"
    ]


def test_a_recorded_panellist_the_programme_does_not_list_is_presented_from_the_record_and_noted(ws: Workspace):
    ws.update_programme(HELD)
    ws.save({"panel": 1, "category": "panellist", "speaker": "Person C", "delegation": "Member State A",
             "key_points": "made illustrative point 1"})  # fmt: skip
    panel = ws.drafting.summary([1]).panels[0]
    assert section_ii(panel)[-1] == "Person C, Member State A, made illustrative point 1."
    assert (
        "[Note for staff. Panellists: Person C, Member State A was recorded as a panellist but is not in the"
        " programme for panel 1: presented from the record — check before the Chair reads this.]"
    ) in panel.notes
    assert "Dr. Purna Sen, Director of Policy, UN Women; Mr. Moussa Oumarou" in panel.paragraphs[1].text
