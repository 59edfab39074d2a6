"""build_summary: sections, numbering, participation, quantifiers recomputed from the records, groups.

Floor speakers are placeholders ("Member State A"): no statement is ever put in a real delegation's mouth.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from hlmnotes import ValidationError
from hlmnotes.domain.points import PointKey
from hlmnotes.domain.reference import Group, Reference
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary.model import Heading, Paragraph

THEME_1 = (
    "The Global Plan of Action and effective partnerships for the prevention and prosecution of trafficking in persons:"
    " achievements, gaps and challenges, also taking into consideration the implementation of the Sustainable"
    " Development Goals"
)


def floor(ws, *rows, panel=1):
    """Save floor interventions given as (delegation, category, key points, recommendations[, on behalf of])."""
    records = []
    for i, (delegation, category, points, recommendations, *group) in enumerate(rows):
        records.append(ws.validate({
            "panel": panel, "delegation": delegation, "category": category, "key_points": points,
            "recommendations": recommendations, "on_behalf_of": group[0] if group else "", "questions": "1",
            "started_at": f"2017-09-27T15:{10 + i:02d}:00-04:00", "ended_at": f"2017-09-27T15:{10 + i:02d}:50-04:00",
            "rapporteur": "Rapporteur 2",
        }))  # fmt: skip
    return ws.store.apply(records, [])


def texts(panel_summary):
    return [s.text for s in panel_summary.sentences]


@pytest.fixture
def demo(ws):
    ws.store.apply([ws.validate(r) for r in demo_rows(ws.programme, per_panel=20)], [])
    return ws


@pytest.fixture
def group_a(ws):
    """A placeholder group whose members are Member States A and B."""
    ref = ws.reference
    ws.reference = Reference(ref.delegations, (*ref.groups, Group("Group A", (), ("Member State A", "Member State B"))))
    return ws


def test_masthead_and_sections_follow_the_un_form(demo):
    panel = demo.drafting.summary([1]).panels[0]
    assert panel.title == f"Summary of interactive panel discussion 1: “{THEME_1}”"
    assert dict(panel.masthead) == {
        "Chair": "H.E. Mr. Marc Pecsteen de Buytswerve, Ambassador, Permanent Representative of Belgium to the United Nations",
        "Date": "27 September 2017, 3 to 4.30 p.m.",
        "Place": "Trusteeship Council Chamber, United Nations Headquarters, New York",
    }
    sections = [(b.label, b.text) for b in panel.blocks if isinstance(b, Heading) and b.level == 1]
    assert sections == [
        ("I.", "Introduction"), ("II.", "Panellists’ presentations"), ("III.", "Interactive discussion"),
        ("IV.", "Recommendations and the way forward"), ("V.", "Chair’s concluding observations"),
    ]  # fmt: skip
    numbers = [p.number for p in panel.paragraphs if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))  # consecutive across sections
    last = panel.blocks[-1]
    assert isinstance(last, Paragraph) and last.role == "placeholder" and last.text == "[To be completed by the Chair.]"
    assert len(panel.annex) == panel.interventions == len(demo.records(1))
    assert [row.number for row in panel.annex] == list(range(1, len(panel.annex) + 1))


def test_introduction_has_mandate_people_participation_and_the_guiding_questions(demo):
    intro = demo.drafting.summary([1]).panels[0].paragraphs[:4]
    assert "was held on 27 September 2017" in intro[0].text and "General Assembly resolution 71/287" in intro[0].text
    assert "chaired by Mr. Marc Pecsteen de Buytswerve" in intro[1].text and "H.E." not in intro[1].text
    assert "Ms. Phumzile Mlambo-Ngcuka, Under-Secretary-General, Executive Director of UN Women;" in intro[1].text
    assert intro[2].text.startswith("Statements from the floor were made by ")
    questions = demo.programme.panel(1).questions
    assert [s.text for s in intro[3].items] == [q.text for q in questions]
    # numbered as in the concept note, as section III's sub-headings ("Question 1: …") refer to them
    assert [intro[3].label(i) for i in range(len(questions))] == [f"{q.number}." for q in questions] != []
    recommendations = next(p for p in demo.drafting.summary([1]).panels[0].paragraphs if p.items and not p.labels)
    assert [recommendations.label(i) for i in range(3)] == ["(a)", "(b)", "(c)"]


def test_participation_counts_are_written_in_un_style(ws):
    rows = [(f"Member State {c}", "member_state", "", "") for c in "ABCDEFGHIJKL"]
    rows += [("Observer State A", "observer_state", "", "")]
    rows += [(f"UN entity {c}", "un_entity", "", "") for c in "ABC"]
    rows += [(f"Civil society organization {c}", "civil_society", "", "") for c in "ABCD"]
    floor(ws, *rows)
    participation = ws.drafting.summary([1]).panels[0].paragraphs[2].text
    assert participation == (
        "Statements from the floor were made by 12 Member States, one observer State, three United Nations entities"
        " and four civil society organizations."
    )


def test_panellists_are_named_in_both_styles(demo):
    for attribution in ("anonymous", "named"):
        panel = demo.drafting.summary([2], attribution=attribution).panels[0]
        start = next(i for i, b in enumerate(panel.blocks) if isinstance(b, Heading) and b.label == "II.")
        presentations = [b for b in panel.blocks[start + 1 : start + 4]]
        assert presentations[0].text.startswith("Ms. Benita Ferrero-Waldner, Chair of the UN Voluntary Trust Fund")
        assert presentations[1].text.startswith("Mr. Andrew Gilmour, Assistant Secretary-General for Human Rights")
        assert presentations[0].sentences[0].sources[0].kind == "key_point"


def test_a_panellist_replaced_on_the_day_is_presented_as_the_programme_lists_them_and_noted(ws):
    procedural = "presented the work of the organization (illustrative)"  # nothing put in a real person's mouth
    ws.save(
        {
            "panel": 1,
            "category": "panellist",
            "speaker": "Official A",
            "delegation": "UN Women",
            "key_points": procedural,
        }
    )
    panel = ws.drafting.summary([1]).panels[0]
    assert "The panellists were Ms. Phumzile Mlambo-Ngcuka, " in panel.paragraphs[1].text
    first = next(p for p in panel.paragraphs if p.text.startswith("Ms. Phumzile Mlambo-Ngcuka"))
    assert first.text.endswith("UN Women, presented the work of the organization (illustrative).")
    check = "recorded as Official A; the programme lists Ms. Phumzile Mlambo-Ngcuka for UN Women — check before the Chair reads this"
    assert first.sentences[0].notes == (f"Programme: {check}.",)
    assert f"[Note for staff. Panellists: {check}.]" in panel.notes
    placeholders = [p.text for p in panel.paragraphs if p.role == "placeholder"]
    assert "[Summary of the presentation by Mr. Moussa Oumarou to be added: nothing was recorded.]" in placeholders


def test_a_group_statement_counts_once_and_its_members_not_again(group_a):
    floor(
        group_a,
        ("Member State C", "member_state", "called for stronger referral mechanisms", "", "Group A"),
        ("Member State A", "member_state", "called for stronger referral mechanisms", ""),
        ("Member State D", "member_state", "called for stronger referral mechanisms", ""),
        ("Member State E", "member_state", "noted low conviction rates", ""),
    )
    panel = group_a.drafting.summary([1]).panels[0]
    sentence = next(s for s in panel.sentences if "referral" in s.text)
    assert (sentence.k, sentence.n) == (2, 4)  # Group A and Member State D; N counts Member State A's own voice
    assert sentence.text == "Two speakers called for stronger referral mechanisms."
    assert "Member State A is not counted again: member of Group A, whose statement is counted." in sentence.notes
    assert [s.intervention for s in sentence.sources] == [r.id for r in group_a.records(1)[:3]]


def test_all_only_when_every_floor_speaker_made_the_point(ws):
    everyone = [(f"Member State {c}", "member_state", "stressed the need for data", "") for c in "ABCDE"]
    floor(ws, *everyone)
    assert "All Member States" not in " ".join(texts(ws.drafting.summary([1]).panels[0]))
    assert "All speakers stressed the need for data." in texts(ws.drafting.summary([1]).panels[0])
    floor(ws, ("Member State F", "member_state", "noted something else entirely", ""))
    result = texts(ws.drafting.summary([1]).panels[0])
    assert "Most speakers stressed the need for data." in result
    assert not any("All speakers" in t or "consensus" in t for t in result)


def test_named_attribution_names_delegations_and_groups(group_a):
    floor(
        group_a,
        ("Member State C", "member_state", "stressed the need for data", "", "Group A"),
        ("Member State D", "member_state", "noted low conviction rates", ""),
        ("UN entity A", "un_entity", "noted low conviction rates", ""),
        ("Member State E", "member_state", "warned of online recruitment", ""),
    )
    result = texts(group_a.drafting.summary([1], attribution="named").panels[0])
    assert "Member State C, for Group A, stressed the need for data." in result
    assert "Member State D and UN entity A noted low conviction rates." in result
    assert "Member State E warned of online recruitment." in result
    anonymous = texts(group_a.drafting.summary([1]).panels[0])
    assert "One delegation, speaking on behalf of a group of States, stressed the need for data." in anonymous
    assert "One Member State warned of online recruitment." in anonymous


def paragraph_with(panel_summary, text):
    return next(p for p in panel_summary.paragraphs if any(text in s.text for s in p.sentences))


FOUR = (
    "highlighted financial intelligence\nstressed referral mechanisms\nwarned of online recruitment"
    "\nnoted gaps in victim identification"
)


def test_named_sentences_by_the_same_speakers_refer_back_instead_of_listing_them_again(group_a):
    floor(
        group_a,
        ("Member State C", "member_state", FOUR, "", "Group A"),
        ("Member State D", "member_state", FOUR, ""),
        ("Member State E", "member_state", "warned of forced marriage\nnoted low conviction rates", ""),
    )  # fmt: skip
    panel = group_a.drafting.summary([1], attribution="named").panels[0]
    both = paragraph_with(panel, "highlighted financial intelligence")
    assert [s.text for s in both.sentences] == [  # one voice: three points in a sentence, then "They also"
        "Member State C (for Group A) and Member State D highlighted financial intelligence, stressed referral"
        " mechanisms and warned of online recruitment.",
        "They also noted gaps in victim identification.",
    ]
    again = both.sentences[1]
    assert [s.delegation for s in again.sources] == ["Member State C", "Member State D"]  # the comment names them all
    assert (again.k, again.n) == (2, 3)
    assert any(n.startswith("“They”: the same speakers as the sentence before (Member State C") for n in again.notes)
    singles = [s.text for p in panel.paragraphs for s in p.sentences if s.k == 1]
    assert "Member State E warned of forced marriage and noted low conviction rates." in singles
    anonymous = texts(group_a.drafting.summary([1]).panels[0])
    assert "They also noted gaps in victim identification." in anonymous  # a follow-on, not "Two speakers" again
    assert not any(t.startswith("The representative") for t in anonymous)


def test_a_statement_on_behalf_of_a_group_refers_back_as_it_but_only_to_the_same_speaker(ws):
    floor(
        ws,
        ("Member State F", "member_state", "described campaigns in schools\nnoted the role of the media", "", "Group A"),
        ("Member State G", "member_state", "stressed the need for data", "", "Group A"),
    )  # fmt: skip
    panel = ws.drafting.summary([1], attribution="named").panels[0]
    assert [s.text for s in paragraph_with(panel, "campaigns in schools").sentences] == [
        "Member State F, for Group A, described campaigns in schools and noted the role of the media.",
        # the same voice (Group A counts once) but another speaker: named in full
        "Member State G, for Group A, stressed the need for data.",
    ]
    anonymous = texts(ws.drafting.summary([1]).panels[0])  # one group, one voice
    assert ("One delegation, speaking on behalf of a group of States, described campaigns in schools, noted the role"
            " of the media and stressed the need for data.") in anonymous  # fmt: skip


def test_a_new_paragraph_or_a_recommendation_names_its_speakers_again(ws):
    points = "\n".join(f"noted point {i}" for i in range(4))
    floor(ws, ("Member State E", "member_state", points, "train judges\ntrain police"))
    panel = ws.drafting.summary([1], attribution="named").panels[0]
    views = [p for p in panel.paragraphs if p.sentences[0].k and not p.items]
    assert [[s.text for s in p.sentences] for p in views] == [
        ["Member State E noted point 0, observed point 1 and noted point 2.", "It also observed point 3."],
    ]  # fmt: skip  (reporting verbs varied across the paragraph: compose/variety.py)
    calls = next(p for p in panel.paragraphs if p.items and "recommendations" in p.text)
    # one speaker's calls that nobody else made are one sub-item, which names its speaker in full
    assert [s.text for s in calls.items] == ["Member State E called for training judges and training police."]


def test_a_fragment_that_already_says_also_is_not_doubled(ws):
    points = "noted low conviction rates\nnoted gaps\nwarned of online recruitment\nalso stressed data"
    floor(ws, ("Member State E", "member_state", points, ""))
    result = texts(ws.drafting.summary([1], attribution="named").panels[0])
    assert "It also stressed data." in result


def test_the_first_sentence_under_a_sub_heading_does_not_say_other(ws):
    rows = [("Member State A", "1"), ("Member State B", "1"), ("Member State C", "2"), ("Member State D", "2")]
    ws.store.apply([ws.validate({
        "panel": 1, "delegation": d, "category": "member_state", "key_points": f"stressed point {q}",
        "questions": q, "rapporteur": "Rapporteur 2",
    }) for d, q in rows], [])  # fmt: skip
    result = texts(ws.drafting.summary([1]).panels[0])
    assert "Two Member States stressed point 1." in result
    assert "Two Member States stressed point 2." in result  # not "Two other…": a new sub-heading starts afresh


def test_recommendations_are_sub_items_phrased_as_calls(ws):
    floor(
        ws,
        ("Member State A", "member_state", "", "establish national referral mechanisms"),
        ("Member State B", "member_state", "", "establish national referral mechanisms"),
        ("Civil society organization A", "civil_society", "", "more funding for shelters"),
    )
    panel = ws.drafting.summary([1]).panels[0]
    lead = next(p for p in panel.paragraphs if p.items and "recommendations" in p.text)
    assert [s.text for s in lead.items] == [
        "Two Member States called for establishing national referral mechanisms; and",
        "One civil society representative called for more funding for shelters.",
    ]


def test_proposed_groups_once_accepted_are_written_once_with_their_quantifier(ws):
    floor(
        ws,
        ("Member State A", "member_state", "called for stronger national referral mechanisms", ""),
        ("Member State B", "member_state", "stressed that national referral mechanisms must be stronger", ""),
        ("UN entity A", "un_entity", "called for stronger national referral mechanisms to be established", ""),
        ("Member State C", "member_state", "warned of online recruitment through social media", ""),
    )
    proposals = ws.drafting.propose_groups(1, threshold=60)
    assert len(proposals) == 1
    group = proposals[0]
    assert {p.delegation for p in group.points} == {"Member State A", "Member State B", "UN entity A"}
    assert group.text == "called for stronger national referral mechanisms" and 60 <= group.score <= 100
    group_id = ws.drafting.accept_group(1, group.points, by="Chair's staff")
    assert ws.drafting.groups(1)[0].id == group_id
    assert ws.drafting.propose_groups(1, threshold=60) == []  # accepted points are not proposed again
    result = texts(ws.drafting.summary([1]).panels[0])
    assert "Some speakers called for stronger national referral mechanisms." in result
    assert not any("must be stronger" in t for t in result)
    sentence = next(s for s in ws.drafting.summary([1]).panels[0].sentences if s.group == group_id)
    assert sentence.k == 3 and f"Accepted point group #{group_id} (by Chair's staff)." in sentence.notes


def test_proposals_on_a_whole_panel_never_share_a_point(demo):
    proposals = demo.drafting.propose_groups(1)
    assert proposals and all(len({p.intervention for p in g.points}) >= 2 for g in proposals)
    keys = [p.key for g in proposals for p in g.points]
    assert len(keys) == len(set(keys))
    assert {p.kind for g in proposals for p in g.points} == {"key_point", "recommendation"}


def test_accept_group_refuses_points_that_do_not_exist_or_are_taken(ws):
    saved = floor(ws, ("Member State A", "member_state", "noted low conviction rates", ""))
    point = PointKey(saved[0].id, "key_point", "noted low conviction rates")
    with pytest.raises(ValidationError, match=r"points\[1\]: #\d+ in panel 1 has no key point 'noted high rates'"):
        ws.drafting.accept_group(1, [replace(point, text="noted high rates")])
    ws.drafting.accept_group(1, [point], text="noted persistently low conviction rates")
    with pytest.raises(ValidationError, match=r"already in group #\d+; delete that group first"):
        ws.drafting.accept_group(1, [point])
    with pytest.raises(ValidationError, match="panel 9 is not in the programme"):
        ws.drafting.accept_group(9, [point])
    assert "One Member State noted persistently low conviction rates." in texts(ws.drafting.summary([1]).panels[0])


def test_an_edited_line_leaves_its_group(ws):
    saved = floor(
        ws,
        ("Member State A", "member_state", "noted low conviction rates", ""),
        ("Member State B", "member_state", "noted very low conviction rates", ""),
    )
    ws.drafting.accept_group(1, ws.drafting.propose_groups(1, threshold=60)[0].points)
    ws.revise(saved[1].id, key_points="warned of online recruitment")
    result = texts(ws.drafting.summary([1]).panels[0])
    assert "One Member State noted low conviction rates." in result
    assert "Another Member State warned of online recruitment." in result  # a different Member State, next


def test_by_theme_uses_codebook_labels_and_by_question_notes_silent_questions(demo):
    panel = demo.drafting.summary([1], by="theme").panels[0]
    labels = {t.label for t in demo.codebook.themes}
    subheadings = [b.text for b in panel.blocks if isinstance(b, Heading) and b.level == 2]
    assert subheadings and set(subheadings) <= labels | {"Other issues raised"}


def test_silent_questions_are_flagged_for_staff(ws):
    floor(ws, ("Member State A", "member_state", "noted low conviction rates", ""))
    notes = [p.text for p in ws.drafting.summary([1]).panels[0].paragraphs if p.role == "note"]
    assert notes == ["[Note for staff: no recorded intervention addressed question 2, 3, 4, 5 or 6.]"]


def test_all_panels_in_programme_order_each_numbered_from_one(demo):
    summary = demo.drafting.summary("all")
    assert [p.panel for p in summary.panels] == [1, 2]
    assert demo.drafting.summary([2, 1]).panels[0].panel == 1
    assert summary.preface[1] == "Summaries of the Chairs of two Panel discussions"
    assert demo.drafting.summary([1]).preface == ()
    for panel in summary.panels:
        assert next(p.number for p in panel.paragraphs if p.number is not None) == 1


def test_an_empty_panel_still_drafts_with_placeholders(ws):
    panel = ws.drafting.summary([2]).panels[0]
    placeholders = [p.text for p in panel.paragraphs if p.role == "placeholder"]
    assert "[No interventions from the floor have been recorded for this panel.]" in placeholders
    assert "[To be completed by the Chair.]" in placeholders
    assert panel.annex == ()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"panels": "3"}, "panel 3 is not in the programme; panels are 1, 2"),
        ({"panels": "one"}, "panel: expected a panel number (1, 2) or all, got 'one'"),
        ({"by": "speaker"}, "by: expected question or theme, got 'speaker'"),
        ({"attribution": "secret"}, "attribution: expected anonymous or named, got 'secret'"),
    ],
)
def test_bad_arguments_say_what_to_use(ws, kwargs, message):
    with pytest.raises(ValidationError) as error:
        ws.drafting.summary(**kwargs)
    assert str(error.value) == message


def test_sentences_in_a_row_do_not_open_alike_and_other_is_only_said_of_other_speakers(ws):
    floor(
        ws,
        ("Member State A", "member_state", "", "train judges"),
        ("Member State B", "member_state", "", "train judges"),
        ("Member State C", "member_state", "", "fund shelters"),
        ("Member State D", "member_state", "", "fund shelters"),
        ("Member State E", "member_state", "", "map supply chains"),
        ("Member State F", "member_state", "", "map supply chains"),
        ("Member State A", "member_state", "", "ratify the Protocol"),
        ("Member State C", "member_state", "", "ratify the Protocol"),
    )
    panel = ws.drafting.summary([1]).panels[0]
    lead = next(p for p in panel.paragraphs if p.items and "recommendations" in p.text)
    assert [s.text for s in lead.items] == [
        "Two Member States called for training judges;",
        "Two other Member States called for funding shelters;",
        "A further two Member States called for mapping supply chains; and",
        # Member States A and C were heard before in this list: not "other", the table's own words
        "Two Member States called for ratifying the Protocol.",
    ]
    assert all(s.k == 2 and "(row k = 2)" in s.quantifier for s in lead.items)


def test_staff_are_told_how_long_the_summary_takes_to_read_out(demo):
    panel = demo.drafting.summary([1]).panels[0]
    # as a word processor counts: every paragraph of sections I–V, bracketed text included, headings and
    # paragraph numbers aside
    read = panel.paragraphs
    assert panel.words == sum(len(p.text.split()) + sum(len(i.text.split()) for i in p.items) for p in read)
    minutes = round(panel.words / 120)
    reading = next(n for n in panel.notes if "read aloud" in n)
    assert reading.startswith(f"[Note for staff: read aloud, sections I to V take about {panel.words // 120 and ''}")
    assert f"({panel.words:,} words at 120 words a minute)" in reading
    assert (minutes > 5) == ("shorten section III" in reading)


def test_a_short_summary_is_not_told_to_shorten(ws):
    floor(ws, ("Member State A", "member_state", "noted low conviction rates", ""))
    short = ws.drafting.summary([1]).panels[0]
    assert "take about" in short.notes[0] and "shorten" not in short.notes[0]


def test_panellists_are_presented_from_the_programme_with_the_corrected_spelling(ws):
    """The programme prints "Carmen Martinez" (the seed's "Carmen Carmen Martinez" is kept in a TOML
    comment); a record typed with the misprint, or with the name only, is still her presentation."""
    ws.store.apply([ws.validate({
        "panel": 1, "delegation": "Women's Link Worldwide", "category": "panellist", "speaker": "Carmen Carmen Martinez",
        "key_points": "described strategic litigation for survivors", "questions": "3",
    })], [])  # fmt: skip
    panel = ws.drafting.summary([1]).panels[0]
    listed = next(s for s in panel.paragraphs[1].sentences if s.text.startswith("The panellists were"))
    assert "Ms. Carmen Martinez, Legal Regional Director, Women's Link Worldwide" in listed.text
    presented = next(p for p in panel.paragraphs if p.text.startswith("Ms. Carmen Martinez, Legal Regional Director"))
    assert "described strategic litigation for survivors" in presented.text
    everything = "\n".join(s.text for s in panel.sentences)
    assert "Carmen Carmen" not in everything and "Under Secretary General" not in everything
    assert "Under-Secretary-General" in everything
