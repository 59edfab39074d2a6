"""The summary's words come from its Locale: a changed Locale is what the Word draft and the previews say."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from hlmnotes import Workspace
from hlmnotes.summary import ENGLISH, build_summary, to_docx, to_html, to_markdown
from hlmnotes.summary.verify.check import check_draft
from hlmnotes.summary.verify.claims import claims

DATA = Path(__file__).resolve().parent / "data"
WHEN = dt.datetime(2017, 9, 28, 18, 30, tzinfo=dt.UTC)

WORDED = {
    "some {noun}": "certain {noun}",
    "a few {noun}": "certain {noun}",
    "several {noun}": "various {noun}",
    "a number of {noun}": "various {noun}",
    "many speakers": "numerous delegates",
}
HOUSE = replace(
    ENGLISH,
    quantifiers=tuple(replace(r, phrases=tuple(WORDED.get(p, p) for p in r.phrases)) for r in ENGLISH.quantifiers),
    speaker=("delegate", "delegates"),
    language="en-US",
    sections=(("1.", "Opening"), ("2.", "Presentations"), ("3.", "Debate"), ("4.", "Proposals"), ("5.", "Closing")),
    masthead=("Presiding", "When", "Where"),
    months=tuple(m.upper() for m in ENGLISH.months),
    afternoon="in the afternoon",
    annex="Appendix",
    annex_title="Who spoke in {panel}",
    annex_columns=("#", "Country", "For", "Kind", "Name"),
    category_labels={**ENGLISH.category_labels, "member_state": "State Member"},
    chair_placeholder="[For the Chair.]",
    generated="Made {date} at {time} (UTC), {interventions} records",
    draft_banner="PROVISIONAL",
)


@pytest.fixture(scope="module")
def sixty():
    workspace = Workspace.open(":memory:")
    workspace.import_interventions(DATA / "interventions-60.csv")
    yield workspace
    workspace.close()


def test_a_changed_locale_is_what_the_word_draft_says(sixty, tmp_path):
    summary = build_summary(sixty.drafting.sources(), "1", now=WHEN, locale=HOUSE)
    document = docx.Document(str(to_docx(summary, tmp_path / "house.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert headings == ["1.\tOpening", "2.\tPresentations", "3.\tDebate", "4.\tProposals", "5.\tClosing", "Appendix"]
    assert any(p.startswith("Presiding: ") for p in paragraphs) and any(
        p.startswith("When: 27 SEPTEMBER 2017, ") for p in paragraphs
    )
    assert any(p.endswith("in the afternoon") for p in paragraphs if p.startswith("When: "))
    assert "[For the Chair.]" in paragraphs and any(p.startswith("Who spoke in ") for p in paragraphs)
    annex = document.tables[-1]
    assert "State Member" in {cell.text for row in annex.rows for cell in row.cells}
    assert "Made 28 SEPTEMBER 2017 at 18:30 (UTC)" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.language == "en-US"
    english = " ".join(
        p.text
        for p in docx.Document(
            str(to_docx(build_summary(sixty.drafting.sources(), "1", now=WHEN), tmp_path / "en.docx"))
        ).paragraphs
    )
    assert "Introduction" in english and "Opening" not in english


def test_the_quantifiers_are_the_locales_and_check_reads_them_back(sixty, tmp_path):
    summary = build_summary(sixty.drafting.sources(), "all", now=WHEN, locale=HOUSE)
    text = to_markdown(summary)
    assert "Various delegates" in text and "Certain delegates" in text and "Two delegates" in text
    assert "everal speakers" not in text and "ome speakers" not in text
    path = to_docx(summary, tmp_path / "house.docx")
    report = check_draft(sixty.context, sixty.records(), path, locale=HOUSE)
    assert report.findings == [], report.text()
    found = claims("Various delegates and numerous delegates stressed it; two delegates did not.", HOUSE)
    assert [(c.words, c.count, c.row.label if c.row else None) for c in found] == [
        ("Various delegates", None, "5 ≤ k < N/3"),
        ("numerous delegates", None, "N/3 ≤ k < N/2"),
        ("two delegates", 2, None),
    ]
    assert [c.words for c in claims("Several speakers stressed it.", HOUSE)] == []


def test_the_previews_take_the_same_words(sixty):
    summary = build_summary(sixty.drafting.sources(), "1", now=WHEN, locale=HOUSE)
    markdown, html = to_markdown(summary), to_html(summary)
    assert "## 3. Debate" in markdown and "## Appendix: Who spoke in" in markdown
    assert "| # | Country | For | Kind | Name |" in markdown
    assert "PROVISIONAL" in html and "Appendix: Who spoke in" in html and "Annex" not in html


def test_the_default_locale_is_the_workspace_summary(sixty):
    """``ENGLISH`` is the default: the summary every command writes (its bytes are pinned in tests/golden/)."""
    default = sixty.drafting.summary("1", now=WHEN)
    assert default.locale is ENGLISH
    assert to_markdown(build_summary(sixty.drafting.sources(), "1", now=WHEN, locale=ENGLISH)) == to_markdown(default)


def test_a_held_back_note_is_placed_and_explained_in_the_locales_words():
    workspace = Workspace.open(":memory:")
    workspace.import_interventions(DATA / "summary-raw-notes.csv")
    words = replace(
        ENGLISH,
        held_back="[{who} — {what}, {action}]",
        held_back_note="Not in the body ({what}): {verb} it.",
        in_language="note in {language}",
        languages={"Chinese": "Mandarin"},
        actions={**ENGLISH.actions, "to be translated": ("awaiting translation", "translate")},
    )
    summary = build_summary(workspace.drafting.sources(), "1", locale=words)
    text = to_markdown(summary)
    assert "[One Member State — note in Mandarin, awaiting translation]" in text
    assert "to be translated — see comment]" not in text
    notes = [n for s in summary.panels[0].sentences for n in s.notes]
    assert "Not in the body (note in Mandarin): translate it." in notes
    assert any("note in Mandarin awaiting translation" in n for n in summary.panels[0].notes)  # the staff's list
    workspace.close()


def test_the_function_words_are_words_of_the_language():
    # a comment pasted into the list once made "list", "words", "best" and "reads" function words, never a
    # topic's key, and "#", "noqa:" and "SIM905" words of English
    assert all(w.isalpha() and w == w.lower() for w in ENGLISH.function_words)
    assert {"the", "of", "which"} <= ENGLISH.function_words
    assert not {"list", "words", "word", "best", "reads"} & ENGLISH.function_words
