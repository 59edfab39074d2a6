"""How a topic's paragraph opens (issue 22): with its quantifier where the heading and its first point say what
it is about, else "On …", "Turning to …", "With regard to …" in turn under a heading; a codebook label, a
heading, is never printed as a noun phrase (the codebook's optional short form, or the points' own words)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from hlmnotes import ProgrammeError, Workspace
from hlmnotes.domain.codebook import parse_codebook
from hlmnotes.summary import ENGLISH, build_summary
from hlmnotes.summary.blocks import Heading, Paragraph

from .conftest import DATA, PROGRAMME

LEADS = ("On ", "Turning to ", "With regard to ")


def _openings(panel) -> list[list[str]]:
    """Section III's topic paragraphs (several speakers, one comment naming what they share), by heading."""
    out: list[list[str]] = []
    in_three = False
    for block in panel.blocks:
        if isinstance(block, Heading):
            in_three = block.label == "III." if block.level == 1 else in_three
            if in_three and block.level == 2:
                out.append([])
        elif in_three and isinstance(block, Paragraph) and block.sentences and block.sentences[0].k > 1:
            first = block.sentences[0]
            if any(n.startswith("Topic:") for n in first.notes):
                out[-1].append(first.text)
    return out


@pytest.fixture(scope="module")
def draft(two_panels):
    return two_panels.drafting.summary("all")


def test_a_sub_section_does_not_open_its_topics_alike(draft):
    openings = [texts for panel in draft.panels for texts in _openings(panel)]
    every = [t for texts in openings for t in texts]
    led = [t for t in every if t.startswith(LEADS)]
    assert led and len(led) < len(every)  # some name their subject first, the others open with the quantifier
    for texts in openings:
        leads = [next((lead for lead in LEADS if t.startswith(lead)), "") for t in texts]
        assert all(a != b for a, b in zip(leads, leads[1:], strict=False) if a), texts  # never twice the same lead


def test_the_lead_names_a_subject_only_where_the_point_does_not(draft):
    one = [t for texts in _openings(draft.panels[0]) for t in texts]
    # the first point says what the topic is about: the paragraph opens with its quantifier
    assert any(t.startswith("Two speakers pointed to poverty and exclusion as root causes of vulnerability") for t in one)
    assert any(t.startswith("A few speakers said that expanding safe and regular migration channels") for t in one)
    # it does not ("reported that … the Protocol"): the topic's subject first, the second lead under the heading
    assert any(t.startswith("Turning to the Palermo Protocol, two speakers reported that") for t in one)
    # a theme the points do not name in one phrase: the codebook's short form, not its label
    assert any(t.startswith("On the 2030 Agenda for Sustainable Development, some speakers linked") for t in one)


def test_no_codebook_label_is_printed_as_a_noun_phrase(two_panels):
    for by in ("question", "theme"):
        summary = two_panels.drafting.summary("all", by=by)
        texts = [t for panel in summary.panels for group in _openings(panel) for t in group]
        for theme in two_panels.codebook.themes:
            if theme.short.casefold() != theme.label.casefold():  # "On identification of victims", "On 2030 Agenda…"
                assert not any(re.match(rf"({'|'.join(LEADS)}){re.escape(theme.label)}", t, re.IGNORECASE) for t in texts)
        assert not any("gender- and age-sensitive approach, " in t or "SDG targets 5.2, 8.7, 16.2," in t for t in texts)


def test_under_a_theme_heading_its_own_topic_opens_with_the_quantifier(two_panels):
    summary = two_panels.drafting.summary("all", by="theme")
    texts = [t for panel in summary.panels for group in _openings(panel) for t in group]
    assert not any(t.startswith(f"{lead}awareness") or t.startswith(f"{lead}the 2030 Agenda") for lead in LEADS for t in texts)
    assert any(t.startswith("Two Member States described a national awareness campaign") for t in texts)


def test_the_codebook_short_form_is_optional(tmp_path):
    text = (PROGRAMME.parent / "codebook.toml").read_text(encoding="utf-8")
    stripped = "\n".join(line for line in text.splitlines() if not line.startswith("short = "))
    with_short = parse_codebook(text)
    without = parse_codebook(stripped)
    assert with_short.theme("identification").short == "the identification of victims"
    assert without.ids == with_short.ids and all(t.short == "" for t in without.themes)
    with pytest.raises(ProgrammeError, match=r"^x.toml: themes\[1\]\.short: needs a string"):
        parse_codebook('[[themes]]\nid = "a"\nlabel = "A"\nshort = 3\n', "x.toml")

    # a codebook without short forms: a theme its points do not name in one phrase gets no lead, not its label
    (tmp_path / "codebook.toml").write_text(stripped, encoding="utf-8")
    workspace = Workspace.init(tmp_path / "m.db", PROGRAMME, tmp_path / "codebook.toml")
    try:
        workspace.import_interventions(DATA / "two-panels-2017.csv")
        one = [t for texts in _openings(workspace.drafting.summary([1]).panels[0]) for t in texts]
    finally:
        workspace.close()
    assert any(t.startswith("Some speakers linked their anti-trafficking work to SDG targets") for t in one)
    assert not any("2030 Agenda and SDG targets" in t or "Agenda for Sustainable" in t for t in one)


def test_the_read_out_names_a_topics_subject_where_the_full_draft_does(two_panels):
    def subjects(summary) -> set[str]:
        texts = [t for panel in summary.panels for group in _openings(panel) for t in group]
        return {re.sub(rf"^({'|'.join(LEADS)})", "", t).split(",")[0] for t in texts if t.startswith(LEADS)}

    # its headings are the questions' short labels ("Human rights approach"), but the questions say the same
    read_out = subjects(two_panels.drafting.summary("all", minutes=5))
    assert read_out and read_out <= subjects(two_panels.drafting.summary("all"))


def test_a_house_style_without_leads_opens_every_topic_with_its_quantifier(two_panels):
    summary = build_summary(two_panels.drafting.sources(), "all", locale=replace(ENGLISH, topic_leads=()))
    texts = [t for panel in summary.panels for group in _openings(panel) for t in group]
    assert len(texts) == 18 and not any(t.startswith(LEADS) for t in texts)
