"""A programme that changed on the day: what an update changes, which records it touches, and the
podium records the programme does not list (warned about, never refused)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from hlmnotes import Workspace, load_programme
from hlmnotes.analysis.reconcile import diff_programmes, mismatch
from hlmnotes.domain.programme import parse_programme
from hlmnotes.domain.text import bare_name, fold

from .conftest import PROGRAMME, ROOT

HELD = ROOT / "data" / "hlm2017" / "programme-as-held.toml"


def test_the_programme_as_held_changes_only_panel_1s_panellists():
    provisional, held = load_programme(PROGRAMME), load_programme(HELD)
    one = held.panel(1)
    assert [(p.honorific, p.name, p.title) for p in one.panellists] == [
        ("Dr.", "Purna Sen", "Director of Policy, UN Women"),
        ("Mr.", "Moussa Oumarou", "Director of the Governance and Tripartism Department, International Labour Organization"),
        ("Ms.", "Rani Hong", "CEO of The Tronie Foundation"),
    ]
    assert held.meeting.status == "final"
    assert held.panel(2) == provisional.panel(2)
    assert held.segments == provisional.segments
    assert one.questions == provisional.panel(1).questions and one.chair == provisional.panel(1).chair
    assert "https://www.un.org/pga/72/event-latest/global-plan-of-action-to-combat-trafficking-in-persons/" in HELD.read_text()


def test_diff_names_replaced_removed_and_added_panellists_and_the_records_they_touch(ws: Workspace):
    ws.save({"panel": 1, "category": "panellist", "speaker": "Phumzile Mlambo-Ngcuka", "key_points": "made illustrative point 1"})
    ws.save({"panel": 1, "category": "panellist", "speaker": "Ms. Carmen Martinez", "key_points": "made illustrative point 2"})
    ws.save({"panel": 1, "delegation": "Belgium", "questions": "2"})
    changes = ws.programme_changes(HELD)
    assert changes.lines == [
        "meeting: status: provisional → final",
        "panel 1: UN Women: Ms. Phumzile Mlambo-Ngcuka → Dr. Purna Sen, Director of Policy, UN Women;"
        " 1 record names Mlambo-Ngcuka",
        "panel 1: panellist removed: Ms. Carmen Martinez (Women's Link Worldwide); 1 record names Martinez",
        "panel 1: panellist added: Ms. Rani Hong, CEO of The Tronie Foundation",
    ]
    assert len(changes.mismatches) == 2
    assert ws.programme.meeting.status == "provisional"  # a diff changes nothing


def test_diff_of_questions_times_venues_and_chairs(ws: Workspace, tmp_path):
    ws.save({"panel": 1, "delegation": "Belgium", "questions": "3", "started_at": "2017-09-27T16:20:00-04:00"})
    ws.save({"panel": 1, "delegation": "France", "questions": "3;1", "started_at": "2017-09-27T15:10:00-04:00"})
    ws.save({"panel": 2, "category": "chair", "key_points": "made illustrative point 3"})
    text = PROGRAMME.read_text(encoding="utf-8")
    q3 = "How do human rights, age- and gender approaches, feature in offering pathways for the most vulnerable?"
    changed = (
        text.replace(q3, "How do human rights-based approaches feature in pathways for the most vulnerable?")
        .replace("start = 15:00:00\nend = 16:30:00\nvenue = \"Trusteeship Council Chamber\"\n\n[panels.limits]",
                 "start = 15:00:00\nend = 16:00:00\nvenue = \"Conference Room 4\"\n\n[panels.limits]")
        .replace('name = "Alya Ahmed Saif Al-Thani"', 'name = "Member of Mission B"')
    )  # fmt: skip
    new = tmp_path / "new.toml"
    new.write_text(changed, encoding="utf-8")
    lines = ws.programme_changes(new).lines
    assert "panel 1: moved: 27 September 2017 15:00–16:30 → 27 September 2017 15:00–16:00;" \
           " 1 record started outside 15:00–16:00" in lines  # fmt: skip
    assert "panel 1: venue: Trusteeship Council Chamber → Conference Room 4" in lines
    assert ("panel 1: question 3 reworded: “How do human rights-based approaches feature in pathways for the most"
            " vulnerable?”; 2 records answer question 3") in lines  # fmt: skip
    assert "panel 2: chair: H.E. Ms. Alya Ahmed Saif Al-Thani → H.E. Ms. Member of Mission B; 1 record is recorded for Qatar" in lines


def test_diff_of_an_identical_programme_is_empty_and_a_spelling_fix_is_not_a_replacement():
    provisional = load_programme(PROGRAMME)
    assert diff_programmes(provisional, provisional, []).lines == []
    no_outcome = re.sub(r"(?m)^outcome = .*\n", "", PROGRAMME.read_text(encoding="utf-8"))
    assert [line.split(":")[:2] for line in diff_programmes(parse_programme(no_outcome), provisional, []).lines] == [
        ["meeting", " outcome"]
    ]
    # The shipped programme prints "Lajčák"; a programme with the seed's "Lajcák" differs in spelling only.
    misprinted = PROGRAMME.read_text(encoding="utf-8").replace('name = "Miroslav Lajčák"', 'name = "Miroslav Lajcák"')
    lines = diff_programmes(parse_programme(misprinted), provisional, []).lines
    assert lines == ["segment opening: H.E. Mr. Miroslav Lajcák: name spelled “Miroslav Lajčák”"]
    assert bare_name("H.E. Mr. Miroslav Lajčák") == bare_name("miroslav lajcak")


def test_mismatch_names_both_and_the_fix(ws: Workspace):
    record = ws.save({"panel": 1, "category": "panellist", "speaker": "Phumzile Mlambo-Ngcuka"})
    assert ws.mismatch(record) is None  # agrees with the provisional programme
    ws.update_programme(HELD)
    assert ws.mismatch(record) == (
        f"#{record.id} (panel 1) is recorded as panellist Phumzile Mlambo-Ngcuka; the programme lists Dr. Purna Sen"
        " for UN Women: correct the record, or update the programme (`hlmnotes programme update FILE`)"
    )
    stranger = ws.save({"panel": 1, "category": "panellist", "speaker": "Person C", "delegation": "Member State A"})
    assert "Person C, Member State A, who is not a panellist of panel 1" in ws.mismatch(stranger)
    assert "Ms. Rani Hong (The Tronie Foundation)" in ws.mismatch(stranger)
    chair = ws.save({"panel": 1, "category": "chair", "delegation": "Qatar"})
    assert "is recorded as the Chair's, by Qatar; the programme's chair of panel 1 is H.E. Mr. Marc" in ws.mismatch(chair)
    # Agreeing records: by name (honorific and accents ignored), or by delegation when no name was recorded.
    for data in ({"speaker": "dr. purna sen"}, {"delegation": "ILO"}, {"speaker": "Rani Hong"}):
        assert ws.mismatch(ws.save({"panel": 1, "category": "panellist", **data})) is None
    assert ws.mismatch(ws.save({"panel": 1, "category": "chair"})) is None
    assert mismatch(ws.save({"panel": 1, "delegation": "Belgium"}), ws.programme) is None  # the floor is not checked


def test_cli_diff_changes_nothing_and_update_prints_the_same_summary(run):
    run("add", "--panel", "1", "--category", "panellist", "--speaker", "Phumzile Mlambo-Ngcuka", "--key-points", "made illustrative point 1")
    status, out, err = run("programme", "diff", str(HELD))
    assert status == 0 and err == ""
    assert out.splitlines()[:2] == [
        f"Updating to {HELD} would change:",
        "  meeting: status: provisional → final",
    ]
    change = "  panel 1: UN Women: Ms. Phumzile Mlambo-Ngcuka → Dr. Purna Sen, Director of Policy, UN Women; 1 record names Mlambo-Ngcuka"
    assert change in out.splitlines()
    assert "Records the new programme would not list" in out
    assert "Dr. Purna Sen" not in run("programme", "show")[1]

    status, out, err = run("programme", "update", str(HELD))
    assert status == 0
    assert out.splitlines()[0] == "Programme updated: 2 panels; 1 interventions kept"
    assert change in out.splitlines()
    assert err == (
        "warning: #1 (panel 1) is recorded as panellist Phumzile Mlambo-Ngcuka; the programme lists Dr. Purna Sen"
        " for UN Women: correct the record, or update the programme (`hlmnotes programme update FILE`)\n"
    )
    assert run("programme", "diff", str(HELD))[1] == f"No changes: {HELD} is the programme already in use\n"
    assert run("programme", "update", str(HELD))[1] == "Programme updated: 2 panels; 1 interventions kept\n  (nothing changed)\n"


def test_cli_diff_of_a_bad_file_is_one_error_line(run, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[meeting]\nid = 1\n", encoding="utf-8")
    status, out, err = run("programme", "diff", str(bad))
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {bad}: meeting.id:") and err.count("\n") == 1


WARN_MLAMBO = (
    "is recorded as panellist Phumzile Mlambo-Ngcuka; the programme lists Dr. Purna Sen for UN Women:"
    " correct the record, or update the programme (`hlmnotes programme update FILE`)"
)


def test_add_warns_once_and_keeps_the_record(run):
    assert run("programme", "update", str(HELD))[0] == 0
    status, out, err = run(
        "add", "--panel", "1", "--category", "panellist", "--speaker", "Phumzile Mlambo-Ngcuka", "--delegation", "UN Women"
    )
    assert (status, out) == (0, "Saved #1 (panel 1, seq 1, UN Women)\n")
    assert err == f"warning: #1 (panel 1) {WARN_MLAMBO}\n"
    status, out, err = run("add", "--panel", "1", "--category", "panellist", "--speaker", "Purna Sen")
    assert (status, err) == (0, "")
    status, _, err = run("add", "--panel", "1", "--delegation", "Belgium")  # the floor is never checked
    assert (status, err) == (0, "")


def test_import_warns_with_the_file_row_and_saves_every_row(run, tmp_path):
    assert run("programme", "update", str(HELD))[0] == 0
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "panel,speaker,delegation,category,key_points\n"
        "1,Purna Sen,UN Women,panellist,made illustrative point 1\n"
        "1,Phumzile Mlambo-Ngcuka,UN Women,panellist,made illustrative point 2\n"
        "1,,Qatar,chair,made illustrative point 3\n"
        "1,,Member State A,member_state,noted y\n",
        encoding="utf-8",
    )
    status, out, err = run("import", str(rows))
    assert (status, out) == (0, f"Imported {rows}: 4 added, 0 updated, 0 unchanged\n")
    warnings = err.splitlines()
    assert warnings[0] == f"warning: {rows}: row 3: #2 (panel 1) {WARN_MLAMBO}"
    assert warnings[1].startswith(f"warning: {rows}: row 4: #3 (panel 1) is recorded as the Chair's, by Qatar;")
    assert len(warnings) == 2


def test_the_recorder_saves_and_shows_the_warning_on_its_status_line(ws):
    from hlmnotes.widgets import Recorder

    ws.update_programme(HELD)
    recorder = Recorder(ws, rapporteur="Rapporteur 1", ticking=False)
    recorder.pad.edit(delegation="UN Women")
    recorder.pad.edit(category="panellist")
    recorder.pad.edit(speaker="Phumzile Mlambo-Ngcuka")
    recorder.pad.edit(key_points="made illustrative point 1")
    recorder.pad.press("save")
    [record] = ws.records(1)
    assert recorder.status.text == f"Saved #{record.id} · UN Women · ⚠ #{record.id} (panel 1) {WARN_MLAMBO}"
    assert recorder.status.tone == "warn"
    recorder.pad.edit(delegation="UN Women")
    recorder.pad.edit(category="panellist")
    recorder.pad.edit(speaker="Purna Sen")
    recorder.pad.press("save")
    assert recorder.status.tone == "ok" and "⚠" not in recorder.status.text


def test_stats_lists_open_mismatches(run):
    run("add", "--panel", "1", "--category", "panellist", "--speaker", "Phumzile Mlambo-Ngcuka")
    assert "Open mismatches with the programme:\n  (none)" in run("stats")[1]
    run("programme", "update", str(HELD))
    out = run("stats")[1]
    table = out[out.index("Open mismatches with the programme:") :].splitlines()
    assert table[1].split() == ["id", "panel", "category", "recorded", "programme", "lists"]
    assert "Phumzile Mlambo-Ngcuka, UN Women" in table[2] and "Dr. Purna Sen (UN Women)" in table[2]


# Words of a name that are not themselves honorifics (an honorific is dropped wherever it is typed).
NAME = st.text(st.characters(categories=("L",)), min_size=1, max_size=12).filter(
    lambda w: bare_name(f"{w} x") == fold(f"{w} x")
)


@given(st.lists(NAME, min_size=1, max_size=4), st.sampled_from(["", "Ms.", "H.E. Mr.", "Dr.", "Ambassador", "h.e ms"]))
def test_a_typed_honorific_and_spacing_never_make_another_person(words, honorific):
    name = " ".join(words)
    typed = f"  {honorific}   {'  '.join(words)} "
    assert bare_name(typed) == bare_name(name) == bare_name(bare_name(name))


def test_a_shorter_form_from_the_same_organization_is_the_same_person(ws: Workspace):
    chair = ws.save({"panel": 1, "category": "chair", "speaker": "Ambassador Pecsteen", "delegation": "Belgium"})
    assert ws.mismatch(chair) is None
    other = ws.save({"panel": 1, "category": "chair", "speaker": "Ambassador Pecsteen", "delegation": "Qatar"})
    assert ws.mismatch(other) is not None  # the same word, another delegation: not the programme's chair


def test_the_review_lists_open_mismatches_and_an_edit_that_fixes_one_clears_it(ws: Workspace):
    from hlmnotes.widgets import Review

    record = ws.save({"panel": 1, "category": "panellist", "speaker": "Phumzile Mlambo-Ngcuka",
                      "key_points": "made illustrative point 1"})  # fmt: skip
    ws.update_programme(HELD)
    review = Review(ws, rapporteur="R1")
    assert "Podium records the programme does not list" in review.warnings.value
    assert "the programme lists Dr. Purna Sen for UN Women" in review.warnings.value
    review.records.value = (record.id,)
    review.edit_button.click()
    review.form.speaker.value = "Person C"  # still not the programme's: saved, and the warning says so
    review.save_button.click()
    assert review.status.tone == "warn" and "recorded as panellist Person C" in review.status.text
    review.records.value = (record.id,)
    review.edit_button.click()
    review.form.speaker.value = "Purna Sen"
    review.save_button.click()
    assert review.status.tone == "ok" and review.status.text.startswith(f"Saved #{record.id} (edited)")
    assert "Podium records the programme does not list" not in review.warnings.value


def test_diff_says_when_an_update_would_be_refused_and_update_refuses_the_same(run, tmp_path):
    run("add", "--panel", "2", "--delegation", "Member State A", "--questions", "5")
    text = PROGRAMME.read_text(encoding="utf-8")
    shorter = tmp_path / "shorter.toml"
    shorter.write_text(text[: text.rindex("[[panels.questions]]")], encoding="utf-8")  # drops panel 2's question 5
    status, out, err = run("programme", "diff", str(shorter))
    assert (status, err) == (0, "")
    assert out.splitlines()[1:] == [
        "  panel 2: question 5 dropped; 1 record answers question 5",
        "An update would be refused: #1 answers panel 2 question 5, which the new programme drops;"
        " keep those panels and questions, or re-tag the records first",
    ]
    status, out, err = run("programme", "update", str(shorter))
    assert (status, out) == (2, "")
    assert err == (
        f"error: {shorter}: not applied: #1 answers panel 2 question 5, which the new programme drops;"
        " keep those panels and questions, or re-tag the records first\n"
    )


def choose(view, name: str, content: bytes) -> None:
    """What the browser sends when a programme file is chosen in the meeting view."""
    when = dt.datetime(2017, 9, 27, tzinfo=dt.UTC)
    view.programme_upload.value = (
        {"name": name, "type": "", "size": len(content), "content": memoryview(content), "last_modified": when},
    )


def test_the_meeting_view_shows_the_changes_then_updates(ws: Workspace):
    from hlmnotes.widgets import MeetingView

    ws.save({"panel": 1, "category": "panellist", "speaker": "Phumzile Mlambo-Ngcuka",
             "key_points": "made illustrative point 1"})  # fmt: skip
    view = MeetingView(ws)
    view.diff_button.click()
    assert view.status.text == "Choose the new programme file (TOML) first"
    content = HELD.read_bytes()
    choose(view, "programme-as-held.toml", content)
    view.diff_button.click()
    assert "Ms. Phumzile Mlambo-Ngcuka → Dr. Purna Sen" in view.changes_html.value
    assert "Podium records the programme does not list" in view.changes_html.value
    assert ws.programme.meeting.status == "provisional"  # nothing applied yet
    view.update_button.click()
    assert ws.programme.panel(1).panellists[0].name == "Purna Sen"
    assert view.status.tone == "warn" and view.status.text.startswith("Programme updated from programme-as-held.toml:")
    assert "1 podium records it does not list" in view.status.text


def test_the_meeting_view_names_the_uploaded_file_when_a_programme_is_refused(ws: Workspace):
    from hlmnotes.widgets import MeetingView

    ws.save({"panel": 2, "delegation": "Member State A", "questions": "5"})
    text = PROGRAMME.read_text(encoding="utf-8")
    content = text[: text.rindex("[[panels.questions]]")].encode()
    view = MeetingView(ws)
    choose(view, "shorter.toml", content)
    view.diff_button.click()
    assert "An update would be refused:" in view.changes_html.value
    view.update_button.click()
    assert view.status.tone == "error"
    assert view.status.text.startswith("⚠ shorter.toml: not applied: #1 answers panel 2 question 5")
    assert len(ws.programme.panel(2).questions) == 5
