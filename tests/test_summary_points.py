"""Points as units, panel-wide counts, one voice per speaker, recommendations: issue 9's "Done means".

``tests/data/summary-panel1-hurried.csv`` is panel 1 as rapporteurs in a hurry record it: three
speakers call for strengthening national referral mechanisms in two wordings under three guiding
questions, one speaker makes two points in one section, two group statements, interventions
tagged with two questions whose points are about one each, a divergent view and a dozen calls.
Floor speakers are placeholders ("Member State A"); the panellists' records are illustrative.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hlmnotes import ValidationError, Workspace
from hlmnotes.summary.compose.points import QuestionMatcher, filed_under, lemma, same_point_key
from hlmnotes.summary.model import Heading, Paragraph

from .conftest import ROOT

HURRIED = ROOT / "tests" / "data" / "summary-panel1-hurried.csv"


@pytest.fixture
def hurried() -> Workspace:
    workspace = Workspace.open(":memory:")
    workspace.import_interventions(HURRIED)
    yield workspace
    workspace.close()


def sections(panel) -> dict[str, list]:
    """Blocks by section label ("III.": [...])."""
    out: dict[str, list] = {}
    current = ""
    for block in panel.blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = block.label
        out.setdefault(current, []).append(block)
    return out


def test_the_same_point_in_other_words_is_counted_once_panel_wide_with_every_source(hurried):
    panel = hurried.drafting.summary([1]).panels[0]
    referral = [s for s in panel.sentences if "national referral mechanisms" in s.text and s.k]
    view = referral[0]  # section III's sentence comes first
    assert re.match(r"(Some|A few) (speakers|Member States) called for strengthening national referral mechanisms", view.text)
    assert (view.k, sorted(s.delegation for s in view.sources)) == (3, ["Member State A", "Member State B", "Member State C"])
    assert {s.text for s in view.sources} == {
        "called for strengthening national referral mechanisms",
        "called for the strengthening of national referral mechanisms",
    }
    assert all(s.k == 3 for s in referral)  # in section III and in section IV alike


def test_no_paragraph_has_two_sentences_opening_with_the_same_one_phrase(hurried):
    for attribution in ("anonymous", "named"):
        panel = hurried.drafting.summary([1], attribution=attribution).panels[0]
        for paragraph in panel.paragraphs:
            openings = [m.group(0) for s in paragraph.sentences if (m := re.match(r"\[?One [^,:]+?(?= [a-z]+ed\b|:)", s.text))]
            assert len(openings) == len(set(openings)), paragraph.text


def test_a_speakers_several_points_in_a_section_are_one_voice(hurried):
    panel = hurried.drafting.summary([1]).panels[0]
    text = "\n".join(s.text for s in panel.sentences)
    assert text.count("speaking on behalf of a group of States, stressed the need for safe") == 1
    # the group's call is read once, in section IV, as that voice's own item
    assert text.count("called for decent work and fair recruitment") == 1
    items = [i for p in sections(panel)["IV."] if isinstance(p, Paragraph) for i in p.items]
    own = [frozenset((s.delegation, s.on_behalf_of) for s in i.sources) for i in items if i.k == 1]
    assert len(own) == len(set(own))  # one speaker's own calls are one item


def test_every_question_a_floor_point_addresses_has_its_sub_section(hurried):
    panel = hurried.drafting.summary([1]).panels[0]
    headings = [b.text for b in panel.blocks if isinstance(b, Heading) and b.level == 2]
    assert [h.split(":")[0] for h in headings] == [f"Question {q}" for q in range(1, 7)]
    demand = next(i for i, b in enumerate(panel.blocks) if isinstance(b, Heading) and b.text.startswith("Question 6"))
    text = " ".join(b.text for b in panel.blocks[demand + 1 :] if isinstance(b, Paragraph))
    # Tagged "5;6", Member State G's demand point goes to question 6 and its training point to question 5.
    assert "demand for cheap labour and sexual services" in text.split("Recommendations")[0]


def test_a_point_is_filed_under_the_question_it_is_about(hurried):
    matcher = QuestionMatcher(hurried.programme.panel(1).questions, hurried.codebook.themes)
    assert matcher.suggest("noted that demand for cheap labour fuels trafficking", (5, 6)) == 6
    assert matcher.suggest("urged States to follow the money through financial investigations", (6, 5)) == 5
    assert matcher.suggest("called for safe and legal pathways", (1, 2)) == 2
    assert matcher.suggest("Q4: noted good practices", (1, 2)) == 4  # the rapporteur's own choice wins
    assert matcher.suggest("noted low conviction rates", ()) is None
    assert filed_under("Q5: called for training") == (5, "called for training")


def test_section_four_gathers_recommendation_lines_and_calls(hurried):
    panel = hurried.drafting.summary([1]).panels[0]
    lists = [b for b in sections(panel)["IV."] if isinstance(b, Paragraph) and b.items]
    items = [i.text for i in lists[0].items]
    assert len(items) >= 4
    assert any("called for publishing an annual national report on trafficking" in i for i in items)  # a recommendation line
    assert any("called for strengthening national referral mechanisms" in i for i in items)  # a call in the key points
    assert not any("cautioned" in i or "described" in i for i in items)
    assert [lists[0].label(i) for i in range(3)] == ["(a)", "(b)", "(c)"]


def test_inflection_articles_and_reporting_verbs_do_not_make_another_point():
    assert same_point_key("called for strengthening national referral mechanisms") == same_point_key(
        "the strengthening of national referral mechanisms"
    )
    assert same_point_key("Stressed the need for disaggregated data.") == same_point_key("called for disaggregated data")
    assert same_point_key("called for data") != same_point_key("called for more funding")


def test_lemmas_from_the_cached_trie_are_simplemmas_own():
    """The trie-backed dictionary (loaded in milliseconds) must give every lemma simplemma's default gives."""
    import simplemma
    words = ["mechanisms", "strengthening", "were", "better", "children", "survivor-centred", "States'", "data",
             "trafficked", "prosecutions", "Member", "NGOs", "co-operation", "re-victimisation", "xyzzyfied"]  # fmt: skip
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    words += sorted(set(re.findall(r"[^\W\d_]+", text)))[:1500]
    assert [lemma(w) for w in words] == [simplemma.lemmatize(w, lang="en") for w in words]


@settings(deadline=None)  # the first example loads the language models
@given(st.text(max_size=80))
@example("\x00")  # a NUL broke the dictionary trie's lookup
@example("called for\x00 referral mechanisms")
def test_the_same_point_key_is_stable(text):
    assert same_point_key(text) == same_point_key(text)
    assert same_point_key(text.upper()) == same_point_key(text.lower()) or not text.isascii()


def test_a_rejected_proposal_is_never_merged_and_waiting_proposals_are_named(ws):
    rows = [("Member State A", "called for stronger national referral mechanisms"),
            ("Member State B", "called for stronger national referral mechanisms"),
            ("Member State C", "stressed stronger national referral mechanisms for victims")]  # fmt: skip
    ws.store.apply([ws.validate({
        "panel": 1, "delegation": d, "category": "member_state", "key_points": text, "questions": "1",
    }) for d, text in rows], [])  # fmt: skip
    panel = ws.drafting.summary([1]).panels[0]
    merged = next(s for s in panel.sentences if s.k == 2)  # the call, read once in section IV
    assert merged.text.startswith("Two Member States called for stronger national referral mechanisms")
    waiting = [n for n in panel.notes if "still waiting" in n]  # C's view is in section III, their call in IV
    assert waiting and waiting[0].startswith("[Note for staff: one proposal is still waiting to group similar points")
    assert "would merge sentences of paragraph" in waiting[0]
    # A person says A and B did not make the same point: the draft keeps them apart from then on.
    proposal = ws.drafting.propose_groups(1, threshold=50)[0]
    ws.drafting.reject_group(1, [p for p in proposal.points if p.delegation in ("Member State A", "Member State B")])
    apart = ws.drafting.summary([1]).panels[0]
    assert not any({"Member State A", "Member State B"} <= {x.delegation for x in s.sources} for s in apart.sentences)


# -- the read-out version ------------------------------------------------------------------------


def test_five_minutes_read_out_keeps_the_most_supported_point_and_the_divergent_view(hurried):
    full = hurried.drafting.summary([1]).panels[0]
    short = hurried.drafting.summary([1], minutes=5).panels[0]
    assert full.words > 600 >= short.words
    read = "\n".join(s.text for s in short.sentences)
    top = max((s for s in full.sentences if s.k), key=lambda s: s.k)
    assert "called for strengthening national referral mechanisms" in top.text
    assert any(s.k == top.k and "called for strengthening national referral mechanisms" in s.text for s in short.sentences)
    assert "cautioned against conflating trafficking with sex work" in read  # the divergent view, kept
    assert len([i for p in short.paragraphs for i in p.items]) >= 4  # the recommendations
    intro = [p for p in sections(short)["I."] if isinstance(p, Paragraph)]
    assert len(intro) == 1 and len(intro[0].sentences) <= 2  # two sentences, the questions by their short labels
    assert "“2030 Agenda and SDGs”" in intro[0].text and "In what ways is the work" not in read
    note = next(n for n in short.notes if "read-out version for 5 minutes" in n)
    assert "the full draft (hlmnotes summary without --minutes) keeps" in note
    assert not any("read-out version" in n for n in full.notes)  # without minutes: the full draft, as before


def test_a_tight_read_out_still_keeps_the_divergent_view(hurried):
    short = hurried.drafting.summary([1], minutes=3).panels[0]
    assert "cautioned against conflating trafficking with sex work" in "\n".join(s.text for s in short.sentences)
    with pytest.raises(ValidationError, match="minutes: expected a positive number"):
        hurried.drafting.summary([1], minutes=0)


# -- named style -----------------------------------------------------------------------------------


def test_named_style_reads_like_the_earth_negotiations_bulletin(hurried):
    named = hurried.drafting.summary([1], attribution="named").panels[0]
    text = "\n".join(s.text for s in named.sentences)
    assert "Member State E, for Group A, stressed the need for safe, regular and legal pathways for migration." in text
    assert "Member State E, for Group A, called for decent work and fair recruitment" in text  # section IV
    items = [i for p in sections(named)["IV."] if isinstance(p, Paragraph) for i in p.items]
    own = [i.text for i in items if i.k == 1]  # one speaker's own calls: group statements first
    assert [t.split(",")[0] for t in own[:2]] == ["Member State E", "Member State F"]
    assert own[1].startswith("Member State F, for Group B")


def test_named_style_introduces_civil_society_as_the_representative_of(hurried):
    text = "\n".join(s.text for s in hurried.drafting.summary([1], attribution="named").panels[0].sentences)
    assert "The representative of Civil society organization A called for survivor participation" in text
    assert "Observer State A emphasized that no one should be left behind." in text  # "stressed" just before it
    assert "The representative of Member State" not in text


@pytest.mark.parametrize("seed", [2017, 7])
def test_on_the_demo_meeting_every_addressed_question_has_a_sub_section(ws, seed):
    from hlmnotes.domain.model import PODIUM
    from hlmnotes.io.demo import demo_rows

    ws.store.apply([ws.validate(r) for r in demo_rows(ws.programme, per_panel=40, seed=seed)], [])
    for panel in ws.drafting.summary("all").panels:
        floor = [r for r in ws.records(panel.panel) if r.category not in PODIUM and (r.key_points or r.recommendations)]
        asked = sorted({q for r in floor for q in r.questions})
        headings = [b.text for b in panel.blocks if isinstance(b, Heading) and b.level == 2]
        assert [int(h.split(":")[0].removeprefix("Question ")) for h in headings if h.startswith("Question")] == asked


def test_a_stray_nul_in_a_pasted_note_does_not_change_the_point():
    assert same_point_key("strengthening\x00 national referral mechanisms") == same_point_key(
        "strengthening national referral mechanisms"
    )
