"""`hlmnotes check`: a draft edited in Word (python-docx here) or re-saved by LibreOffice is read back
against the records and the programme; each edit is found, the unedited draft has no finding."""

from __future__ import annotations

import json
import re
import shutil

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.domain.text import clean_text
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary import to_docx
from hlmnotes.summary.model import source_ids, source_note
from hlmnotes.summary.verify.check import sentences

from .conftest import PROGRAMME
from .office import convert, read_text


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    """A store with 20 illustrative interventions a panel and its draft, written as the writer writes it."""
    folder = tmp_path_factory.mktemp("check")
    store = folder / "meeting.sqlite"
    workspace = Workspace.init(store, PROGRAMME)
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=20)], [])
    summary = workspace.drafting.summary("all")
    draft = to_docx(summary, folder / "draft.docx")
    workspace.close()
    return store, draft, summary


def edit(source, target, changes):
    """Apply (old, new, nth) text changes inside runs, as a person typing in Word would."""
    document = docx.Document(str(source))
    for old, new, nth in changes:
        runs = [r for p in document.paragraphs for r in p.runs if old in r.text]
        assert len(runs) > nth, f"the draft no longer says {old!r}: update this test's edits"
        runs[nth].text = runs[nth].text.replace(old, new, 1)
    document.save(str(target))
    return target


EDITS = [
    ("Two speakers", "Several speakers", 0),  # k = 2 stays two
    ("Some speakers called for", "Some speakers reached consensus and called for", 0),
    ("27 September 2017", "September 27, 2017", 1),  # section I of panel 1
    ("Marc Pecsteen de Buytswerve", "Marc Pecsteen", 1),  # the Chair's name, shortened
    ("71/287", "71/278", 0),
    ("Two Member States", "5 delegations", 0),
    ("Two Member States underlined", "Nigeria and two Member States underlined", 0),  # Nigeria did not speak
    ("Under-Secretary-General", "Under Secretary General", 1),  # a panellist's title
    ("3 to 4.30 p.m.", "3 to 5.30 p.m.", 0),
]
EXPECTED = {
    ("quantifier", "Several speakers"),
    ("editorial", "consensus"),
    ("editorial", "September 27, 2017"),
    ("programme", "Marc Pecsteen"),
    ("programme", "71/278"),
    ("editorial", "5"),
    ("quantifier", "5 delegations"),
    ("delegation", "Nigeria"),
    ("programme", "Under Secretary General, Executive Director of UN Women"),
    ("programme", "5.30 p.m."),
}


def found(store, path, **options):
    with Workspace.open(store) as workspace:
        report = workspace.drafting.check(path, **options)
    return report, {(f.kind, f.words) for f in report.findings}


def test_the_unedited_draft_has_no_finding(meeting, capsys):
    store, draft, _ = meeting
    assert main(["--store", str(store), "check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{draft}: no findings; " + out.split("; ", 1)[1].rstrip()]
    assert "panel 1: sections I–V about" in out and "panel 2:" in out


def test_each_edit_made_in_word_is_found_and_nothing_else(meeting, tmp_path):
    store, draft, _ = meeting
    edited = edit(draft, tmp_path / "edited.docx", EDITS)
    report, kinds = found(store, edited)
    assert kinds == EXPECTED
    where = {f.words: f.where for f in report.findings}
    assert where["Marc Pecsteen"] == "para. 2" and where["71/278"] == "para. 1"  # as printed
    quantifier = next(f for f in report.findings if f.words == "Several speakers")
    assert "k = 2 of N = " in quantifier.message and "“two speakers”" in quantifier.message


def test_the_same_edits_after_a_libreoffice_round_trip(meeting, tmp_path):
    store, draft, _ = meeting
    edited = edit(draft, tmp_path / "edited.docx", EDITS)
    resaved = convert(edited, "docx", tmp_path / "libreoffice")
    report, kinds = found(store, resaved)
    assert kinds == EXPECTED
    direct, _ = found(store, edited)
    assert [(f.kind, f.where, f.words) for f in report.findings] == [
        (f.kind, f.where, f.words) for f in direct.findings
    ]
    unedited = convert(draft, "docx", tmp_path / "unedited")
    assert found(store, unedited)[1] == set()


def test_a_sentence_whose_comment_was_deleted_is_unsourced(meeting, tmp_path):
    store, draft, summary = meeting
    document = docx.Document(str(draft))
    body = document.element.body
    target = next(s for s in summary.panels[0].sentences if s.k >= 2)  # a sentence of section III
    paragraph = next(p for p in document.paragraphs if target.text in p.text)
    start = next(e for e in paragraph._p.iter(qn("w:commentRangeStart")))
    cid = start.get(qn("w:id"))
    for element in list(body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))):
        if element.get(qn("w:id")) == cid:
            parent = element.getparent()
            (parent.getparent() if parent.tag == qn("w:r") else parent).remove(
                parent if parent.tag == qn("w:r") else element
            )
    document.save(str(tmp_path / "uncommented.docx"))
    report, kinds = found(store, tmp_path / "uncommented.docx")
    assert kinds == {("unsourced", target.text)}


def test_a_reading_time_budget_and_json(meeting, capsys):
    store, draft, _ = meeting
    status = main(["--store", str(store), "check", str(draft), "--minutes", "3", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1 and [f["kind"] for f in data["findings"]] == ["reading time", "reading time"]
    assert [p["panel"] for p in data["panels"]] == [1, 2] and all(p["minutes"] > 3 for p in data["panels"])
    assert "over the budget of 3" in data["findings"][0]["message"] and data["findings"][0]["where"] == "title"
    assert set(data["findings"][0]) == {"kind", "panel", "paragraph", "where", "words", "message", "start", "end"}


def test_annotate_adds_one_comment_per_finding_and_changes_no_text(meeting, tmp_path, capsys):
    store, draft, _ = meeting
    edited = edit(draft, tmp_path / "edited.docx", EDITS)
    annotated = tmp_path / "annotated.docx"
    status = main(["--store", str(store), "check", str(edited), "--annotate", str(annotated)])
    out, err = capsys.readouterr()
    assert status == 1 and len(out.splitlines()) == len(EXPECTED) + 1
    assert err == f"Wrote {annotated}: the draft with a comment on each of {len(EXPECTED)} findings\n"
    before, after = docx.Document(str(edited)), docx.Document(str(annotated))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    added = [c for c in after.comments if c.author == "hlmnotes check"]
    assert len(added) == len(EXPECTED) and len(after.comments) == len(before.comments) + len(EXPECTED)
    assert any(c.text.startswith("quantifier: the comment's sources give k = 2") for c in added)
    assert "Marc Pecsteen" in read_text(annotated, tmp_path / "read")  # LibreOffice opens the annotated copy


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a Word file", "is not a Word document"),
        (None, "no such file; check the path to the draft"),
    ],
)
def test_an_unreadable_file_is_one_error_line_and_exit_2(meeting, tmp_path, capsys, content, message):
    store, _, _ = meeting
    path = tmp_path / "draft.docx"
    if content is not None:
        path.write_bytes(content)
    assert main(["--store", str(store), "check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {path}: {message}") and err.count("\n") == 1


def test_a_word_file_that_is_not_a_draft_of_this_meeting_is_refused(meeting, tmp_path, capsys):
    store, _, _ = meeting
    document = docx.Document()
    document.add_paragraph("Minutes of the staff meeting", style="Title")
    document.save(str(tmp_path / "other.docx"))
    assert main(["--store", str(store), "check", str(tmp_path / "other.docx")]) == 2
    assert "no panel summary of this meeting found" in capsys.readouterr().err


def test_the_comment_lists_each_source_so_the_check_can_read_it_back(meeting):
    _, _, summary = meeting
    sourced = [s for p in summary.panels for s in p.sentences if s.sources]
    assert sourced
    for sentence in sourced:
        assert source_ids("\n".join(source_note(sentence))) == tuple(
            dict.fromkeys(s.intervention for s in sentence.sources)
        )


def test_a_named_draft_is_clean_too(meeting, tmp_path):
    store, _, _ = meeting
    copy = tmp_path / "m.sqlite"
    shutil.copy(store, copy)
    with Workspace.open(copy) as workspace:
        draft = to_docx(workspace.drafting.summary("all", attribution="named"), tmp_path / "named.docx")
        assert workspace.drafting.check(draft).findings == []


@given(st.text(alphabet=st.sampled_from(list("ab .?!MrH.E\n“”A(")), max_size=80))
def test_sentences_cover_the_text_in_order_without_overlap(text):
    spans = sentences(text)
    assert all(0 <= s <= e <= len(text) for s, e in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_a_retitled_panel_is_told_by_its_sources(meeting, tmp_path):
    store, draft, _ = meeting
    retitled = edit(
        draft, tmp_path / "retitled.docx", [("Summary of interactive panel discussion 2", "Panel on victims", 0)]
    )
    report, kinds = found(store, retitled)
    assert kinds == set() and [r.panel for r in report.readings] == [1, 2]


def test_a_theme_reworded_is_found(meeting, tmp_path):
    store, draft, summary = meeting
    edited = edit(
        draft, tmp_path / "theme.docx", [("protection of and assistance to victims", "assistance to victims", 1)]
    )
    report, _ = found(store, edited)
    [finding] = report.findings
    assert finding.kind == "programme" and finding.panel == 2 and finding.words.startswith("The Global Plan of Action")
    assert "the theme differs from the programme's" in finding.message


def test_all_speakers_long_names_sdg_targets_and_24_hour_times(meeting, tmp_path):
    store, draft, _ = meeting
    edited = edit(draft, tmp_path / "more.docx", [
        ("Some speakers", "All speakers", 0),
        ("wo speakers stressed", "wo speakers, as the Federal Republic of Germany did, stressed", 0),
        ("wo speakers stressed", "wo speakers, citing SDG targets 8.7 and 16.3, stressed", 0),  # the next one
        ("3 to 4.30 p.m.", "15:00 to 4.30 p.m.", 0),
    ])  # fmt: skip
    report, kinds = found(store, edited)
    assert kinds == {
        ("quantifier", "All speakers"),
        ("delegation", "Federal Republic of Germany"),
        ("programme", "16.3"),
        ("editorial", "15:00"),
    }
    messages = {f.message for f in report.findings if f.kind == "delegation"}
    assert messages == {
        "Germany did not speak in panel 1: no view can be attributed to it there",
        "the UN short name is “Germany”",
    }
    assert "“All speakers” is for k = N" in next(f.message for f in report.findings if f.kind == "quantifier")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=120))
def test_any_text_typed_into_a_sentence_is_checked_without_error(meeting, tmp_path, typed):
    store, draft, _ = meeting
    edited = tmp_path / "typed.docx"
    document = docx.Document(str(draft))
    run = next(r for p in document.paragraphs for r in p.runs if r.text.startswith("Two speakers"))
    run.text = clean_text(typed) + " " + run.text
    document.save(str(edited))
    report, _ = found(store, edited)
    texts = {p.index: p.text for p in report.draft.paragraphs}
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(texts[finding.paragraph])
        assert texts[finding.paragraph][finding.start : finding.end] == finding.words


def test_a_draft_from_an_office_template_is_checked_the_same(meeting, tmp_path):
    from hlmnotes.summary.render.docx import template_path

    store, draft, summary = meeting
    office = convert(template_path(), "docx", tmp_path / "office")  # LibreOffice renames style ids
    ours = to_docx(summary, tmp_path / "office-draft.docx", template=office)
    assert found(store, ours)[1] == set()
    edited = edit(ours, tmp_path / "edited.docx", EDITS)
    assert found(store, edited)[1] == EXPECTED


def test_a_participation_count_the_floor_does_not_give(meeting, tmp_path):
    store, draft, summary = meeting
    sentence = next(s.text for s in summary.panels[0].sentences if s.text.startswith("Statements from the floor"))
    count = re.search(r"by (\d+) Member States", sentence)
    assert count, sentence
    wrong = f"by {int(count[1]) + 1} Member States"
    edited = edit(draft, tmp_path / "count.docx", [(count[0], wrong, 0)])
    report, kinds = found(store, edited)
    assert kinds == {("quantifier", wrong[3:])}
    assert report.findings[0].message == f"the floor of panel 1 had {count[1]} Member States"


def test_a_source_deleted_from_the_records_is_named(meeting, tmp_path):
    store, draft, summary = meeting
    copy = tmp_path / "m.sqlite"
    shutil.copy(store, copy)
    sentence = next(s for s in summary.panels[0].sentences if s.k == 2 and s.text.startswith("Two speakers"))
    gone = sentence.sources[0].intervention
    with Workspace.open(copy) as workspace:
        workspace.delete(gone, by="test")
        report = workspace.drafting.check(draft)
    source = next(f for f in report.findings if f.kind == "source" and f.words == "Two speakers")
    assert f"#{gone}, not in the records (deleted?)" in source.message
    quantifier = next(
        f for f in report.findings if f.kind == "quantifier" and (f.where, f.start) == (source.where, source.start)
    )
    assert quantifier.paragraph == source.paragraph and "k = 1 of N = " in quantifier.message
