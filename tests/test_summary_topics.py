"""The draft synthesises: on the realistic two-panel record, points about one thing in different words are one
sentence, and points about different things are not (tests/data/two-panels-2017-topics.csv labels them).

A topic's discussion is a section III sentence and its calls a section IV item (a call is read once, in IV);
the III sentence's comment names what the points share, so a pair of one topic counts as together when both
are in one sentence, or one is in the topic's III sentence and the other in the IV item of the same topic.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hlmnotes.domain.text import lines
from hlmnotes.summary.blocks import Heading, PanelSummary, Paragraph, Sentence, source_note
from hlmnotes.summary.compose.points import clauses

DATA = Path(__file__).parent / "data"
TOPIC = re.compile(r"^Topic: .*", re.MULTILINE)


@pytest.fixture(scope="module")
def draft(two_panels):
    return two_panels.drafting.summary("all")


def _labels() -> dict[tuple[int, str, str, str], list[str]]:
    with (DATA / "two-panels-2017-topics.csv").open(encoding="utf-8", newline="") as f:
        return {(int(r["panel"]), r["delegation"], r["field"], r["line"]): r["topic"].split(";") for r in csv.DictReader(f)}


def _sections(panel: PanelSummary) -> dict[str, list[Sentence]]:
    out: dict[str, list[Sentence]] = {}
    section = ""
    for block in panel.blocks:
        if isinstance(block, Heading) and block.level == 1:
            section = block.label
        elif isinstance(block, Paragraph):
            out.setdefault(section, []).extend([*block.sentences, *block.items])
    return out


def _topics(sentence: Sentence) -> set[str]:
    return set(TOPIC.findall("\n".join(sentence.notes)))


def pairs(draft) -> tuple[int, int, int, int]:
    """(same-topic pairs together, same-topic pairs, different-topic pairs together, different-topic pairs)."""
    labels = _labels()
    same = same_together = different = different_together = 0
    for panel in draft.panels:
        places: list[tuple[str, set[int]]] = []  # (label, the places its point is written in)
        where: dict[tuple[int, str, str], set[int]] = {}
        topic_place: dict[int, set[str]] = {}
        for index, sentence in enumerate(s for section in ("III.", "IV.") for s in _sections(panel)[section]):
            topic_place[index] = _topics(sentence)
            for source in sentence.sources:
                where.setdefault((source.intervention, source.kind, source.text), set()).add(index)
        for record in (r for r in draft_records(panel)):
            for field in ("key_points", "recommendations"):
                for line in lines(getattr(record, field)):
                    topics = labels[(panel.panel, record.delegation, field, line)]
                    found = where[(record.id, "key_point" if field == "key_points" else "recommendation", line)]
                    for index, topic in enumerate(topics if len(clauses(line)) == len(topics) else topics[:1]):
                        if "divergent" in topic:
                            continue
                        places.append((topic, found if len(topics) == 1 else {sorted(found)[min(index, len(found) - 1)]}))
        for (a, pa), (b, pb) in itertools.combinations(places, 2):
            together = bool(pa & pb) or any(topic_place[i] & topic_place[j] for i in pa for j in pb)
            if a == b:
                same, same_together = same + 1, same_together + together
            else:
                different, different_together = different + 1, different_together + together
    return same_together, same, different_together, different


_RECORDS: dict[int, list] = {}


def draft_records(panel: PanelSummary):
    return _RECORDS[panel.panel]


@pytest.fixture(scope="module", autouse=True)
def _records(two_panels):
    for panel in (1, 2):
        _RECORDS[panel] = [r for r in two_panels.records(panel) if r.category not in ("chair", "panellist")]


def test_points_about_one_thing_share_a_sentence_and_others_do_not(draft) -> None:
    same_together, same, different_together, different = pairs(draft)
    assert same_together >= 0.9 * same, (same_together, same)
    assert different_together <= 0.1 * different, (different_together, different)


def test_every_multi_speaker_sentence_names_what_its_points_share(draft) -> None:
    for panel in draft.panels:
        for section in ("III.", "IV."):
            for sentence in _sections(panel)[section]:
                if sentence.k > 1:
                    comment = "\n".join(source_note(sentence, draft.locale))
                    assert TOPIC.search(comment) or "same point in the same words" in comment or "group #" in comment, (
                        sentence.text
                    )


def test_no_floor_line_is_lost(draft, two_panels) -> None:
    for panel in draft.panels:
        cited = {(s.intervention, s.kind, s.text) for sentence in panel.sentences for s in sentence.sources}
        for r in draft_records(panel):
            for kind, value in (("key_point", r.key_points), ("recommendation", r.recommendations)):
                for line in lines(value):
                    assert (r.id, kind, line) in cited, line


def test_each_sub_section_opens_with_its_most_supported_topic(draft) -> None:
    for panel in draft.panels:
        sub: list[int] = []
        in_three = False
        for block in panel.blocks:
            if isinstance(block, Heading):
                if sub:
                    assert sub[0] == max(sub), sub
                sub = []
                in_three = block.label == "III." if block.level == 1 else in_three
            elif in_three and isinstance(block, Paragraph) and block.role == "body" and block.sentences[0].k:
                sub.append(block.sentences[0].k)


def test_the_divergent_view_follows_its_topic_with_a_quantifier(draft) -> None:
    for panel in draft.panels:
        paragraphs = [b for b in panel.blocks if isinstance(b, Paragraph)]
        divergent = [
            (p, i) for p in paragraphs for i, s in enumerate(p.sentences)
            if any("cautioned" in src.text or "questioned whether" in src.text for src in s.sources)
        ]  # fmt: skip
        assert len(divergent) == 1
        paragraph, index = divergent[0]
        assert index >= 1 and paragraph.sentences[0].k >= 2  # right after the topic sentence it qualifies
        assert re.match(r"^One civil society representative, however, (cautioned|questioned)", paragraph.sentences[index].text)


def test_section_four_reads_each_call_once_and_each_speaker_once(draft) -> None:
    for panel in draft.panels:
        sections = _sections(panel)
        items = [s for s in sections["IV."] if s.sources]
        three = {(src.intervention, src.kind, src.text, s.text) for s in sections["III."] for src in s.sources}
        said_in_three = {s.text for s in sections["III."]}
        for item in items:
            assert item.text not in said_in_three
        singles = [frozenset(src.delegation for src in item.sources) for item in items if item.k == 1]
        assert len(singles) == len(set(singles))  # one speaker's own calls are one item
        assert three  # section III still holds the discussion
    two = _sections(draft.panels[1])["IV."]
    assert any("Trust Fund" in item.text and item.k >= 2 for item in two)  # the call inside a longer line reached IV
    one = _sections(draft.panels[0])["IV."]
    h = [item for item in one if {src.delegation for src in item.sources} == {"Member State H"}]
    assert len(h) == 1 and h[0].text.count("called for") == 1  # three recommendations, one item, one verb


def test_single_speaker_share_is_in_the_staff_note(draft) -> None:
    for panel in draft.panels:
        note = next(n for n in panel.notes if "cite one speaker" in n)
        sentences = [s for section in ("III.", "IV.") for s in _sections(panel)[section] if s.k]
        single = sum(1 for s in sentences if s.k == 1)
        assert f"{single} of {len(sentences)} sentences" in note


def test_a_large_topic_is_a_short_paragraph_under_one_comment(ws) -> None:
    said = [
        "announced a contribution to the Trust Fund", "announced continued support for the Trust Fund",
        "described a grant of the Trust Fund to a shelter", "noted that the Trust Fund had helped survivors",
        "praised the Trust Fund's small grants", "welcomed the Trust Fund's new strategy",
    ]  # fmt: skip
    ws.store.apply([ws.validate({
        "panel": 2, "delegation": f"Member State {letter}", "category": "member_state", "questions": "2",
        "key_points": line,
    }) for letter, line in zip("ABCDEF", said, strict=True)] + [ws.validate({
        "panel": 2, "delegation": f"Member State {letter}", "category": "member_state", "questions": "1",
        "key_points": f"described its hotline number {i}",
    }) for i, letter in enumerate("GHIJKL")], [])  # fmt: skip
    panel = ws.drafting.summary([2]).panels[0]
    [topic] = [s for s in panel.sentences if s.k > 1]
    assert topic.k == 6 and topic.text.startswith("Most speakers announced ")  # 6 of 12; question 2 names the Trust Fund
    assert topic.text.count("They also ") == 1  # four points in the first sentence, the other two after
    assert sorted(s.delegation for s in topic.sources) == [f"Member State {c}" for c in "ABCDEF"]  # each once


_PIECES = [*"abeAB '’-.,;03", "Trust", "Fund", "funds", "victims", "stressed", "Member State", "Café", "data"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_a_points_terms_are_read_back_as_it_writes_them(text: str) -> None:
    # The topic search keeps for every point only its lemmas and where its terms are; a topic's label and
    # comment read a term as the point writes it (its first use), so that reading must give a token of the
    # text that the term is the lemma of, once a term.
    from hlmnotes.app.workspace import default_programme_file
    from hlmnotes.domain.codebook import load_codebook
    from hlmnotes.domain.text import fold
    from hlmnotes.summary.compose.points import lemma
    from hlmnotes.summary.compose.topics import Vocabulary

    words = Vocabulary([], load_codebook(default_programme_file().parent / "codebook.toml")).words(text)
    assert len(set(words.terms)) == len(words.terms)
    tokens = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:\.\d+)*", text)
    for term in words.terms:
        written = words.written(term)
        assert written in tokens and lemma(written.casefold() if written.isascii() else fold(written)) == term
