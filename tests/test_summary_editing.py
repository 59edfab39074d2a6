"""Line edits a UN editor would otherwise make by hand (issue 22): the appraised instrument is named once in
the introduction's first sentence, and an "and" inside a predicate never leaves the predicates' own "and"
ambiguous."""

from __future__ import annotations

import re

import docx
import pytest

from hlmnotes import Workspace
from hlmnotes.summary import to_docx
from hlmnotes.summary.compose.sentences import _gathered, _joined
from hlmnotes.summary.locale import ENGLISH

from .conftest import DATA, PROGRAMME

PLAN = "United Nations Global Plan of Action to Combat Trafficking in Persons"


def _first_sentence(workspace: Workspace) -> str:
    panel = workspace.drafting.summary([1]).panels[0]
    return next(b for b in panel.blocks if getattr(b, "sentences", None)).sentences[0].text


def test_the_appraised_instrument_takes_its_resolution_where_the_title_names_it(tmp_path):
    workspace = Workspace.init(tmp_path / "m.db", PROGRAMME)
    try:
        first = _first_sentence(workspace)
    finally:
        workspace.close()
    assert first.count(PLAN) == 1 and first.count("64/293") == 1
    assert f"on the appraisal of the {PLAN} (resolution 64/293) was held on 27 September 2017" in first
    assert first.endswith("pursuant to General Assembly resolution 71/287.")


def test_a_title_that_does_not_name_the_instrument_keeps_the_mandates_clause(tmp_path):
    text = PROGRAMME.read_text(encoding="utf-8")
    title = re.search(r'^title = "High-level meeting of the General Assembly on the appraisal of [^"]*"$', text, re.M)
    assert title, "the programme's meeting title moved: update this test"
    programme = tmp_path / "programme.toml"
    programme.write_text(text.replace(title.group(0), 'title = "High-level meeting of the General Assembly"'), "utf-8")
    (tmp_path / "codebook.toml").write_text((PROGRAMME.parent / "codebook.toml").read_text("utf-8"), "utf-8")
    workspace = Workspace.init(tmp_path / "m.db", programme)
    try:
        first = _first_sentence(workspace)
    finally:
        workspace.close()
    assert first.endswith("resolution 71/287, to appraise the instrument adopted in resolution 64/293.")


@pytest.mark.parametrize(("predicates", "joined"), [
    (["stressed X"], "stressed X"),
    (["stressed X", "noted Y and Z"], "stressed X and noted Y and Z"),  # the last one's own "and" is clear
    (["announced X and Y", "described Z"], "announced X and Y, and described Z"),
    (["described X", "stressed that goods and services mattered", "pointed to Z"],
     "described X; stressed that goods and services mattered; and pointed to Z"),
    (["described X", "stressed Y", "pointed to Z"], "described X, stressed Y and pointed to Z"),
    (["described X, Y", "stressed W", "pointed to Z"], "described X, Y; stressed W; and pointed to Z"),
])  # fmt: skip
def test_the_last_and_joins_the_predicates(predicates, joined):
    assert _joined(predicates, ENGLISH) == joined


@pytest.mark.parametrize(("predicates", "gathered"), [
    (["announced a contribution to the Trust Fund", "announced continued support for the Trust Fund"],
     ["announced a contribution to and continued support for the Trust Fund"]),
    (["called for support for the police", "called for funding for the police"],
     ["called for support and funding for the police"]),
    # a clause, or a phrase too long to read its object at the end of both: as before
    (["stressed that victims should be protected by the law", "stressed that children should be heard under the law"],
     ["stressed that victims should be protected by the law and children should be heard under the law"]),
    (["called for closer cooperation between the police and the courts of the region for the victims",
      "called for funding for the victims"],
     ["called for closer cooperation between the police and the courts of the region for the victims and funding for"
      " the victims"]),
    (["noted X", "noted Y"], ["noted X and Y"]),
])  # fmt: skip
def test_two_noun_phrases_ending_alike_name_their_object_once(predicates, gathered):
    assert _gathered(predicates, ENGLISH) == gathered


def test_points_written_under_other_questions_name_them_once_and_check_agrees(tmp_path):
    workspace = Workspace.open(tmp_path / "m.db", create=True)
    try:
        workspace.import_interventions(DATA / "interventions-60.csv")
        summary = workspace.drafting.summary([1])
        said = [s.text for s in summary.panels[0].sentences if s.text.startswith("Points made on this question")]
        assert "Points made on this question are reflected under questions 1, 4 and 5." in said
        assert not any(t.count("question ") > 1 for t in said)  # not "question 1, question 4 and question 5"
        draft = to_docx(summary, tmp_path / "draft.docx")
        assert workspace.drafting.check(draft).findings == []  # "4" and "5" are references, not counts
        document = docx.Document(str(draft))
        run = next(r for p in document.paragraphs for r in p.runs if "questions 1, 4 and 5" in r.text)
        run.text = run.text.replace("questions 1, 4 and 5", "questions 1, 4 and 5 of 6 speakers")
        document.save(str(tmp_path / "edited.docx"))
        findings = workspace.drafting.check(tmp_path / "edited.docx").findings
    finally:
        workspace.close()
    assert [(f.kind, f.words) for f in findings if f.kind == "editorial"] == [("editorial", "6")]
