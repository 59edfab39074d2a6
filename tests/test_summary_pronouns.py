"""A lone speaker's words in a sentence about several (issue 22): its pronouns agree with the plural subject,
and an "it" that meant that speaker becomes "one of them" (named style: its name), flagged in the comment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.summary.blocks import Paragraph
from hlmnotes.summary.compose.language import of_one


@pytest.mark.parametrize(("said", "written", "pronoun"), [
    # the agent of a reported clause is one speaker within the group
    ("described how a grant from the Trust Fund had allowed it to open a shelter",
     "described how a grant from the Trust Fund had allowed one of them to open a shelter", "it"),
    ("noted that it had adopted a national action plan and that its budget had doubled",
     "noted that one of them had adopted a national action plan and that its budget had doubled", "it"),
    ("explained how it worked with labour inspectors", "explained how one of them worked with labour inspectors", "it"),
    # bound to the plural subject: plural
    ("committed itself to doubling its contribution", "committed themselves to doubling their contribution", ""),
    ("described its hotline", "described their hotline", ""),
    # an expletive, or an "it" that may mean a thing: as written
    ("stressed that it was important to act early", "stressed that it was important to act early", ""),
    ("noted that it had been difficult to prosecute", "noted that it had been difficult to prosecute", ""),
    ("urged States to ratify it", "urged States to ratify it", ""),
    ("welcomed the Protocol and noted that it had entered into force",
     "welcomed the Protocol and noted that it had entered into force", ""),
    ("noted that the Protocol itself was not enough", "noted that the Protocol itself was not enough", ""),
])  # fmt: skip
def test_a_lone_speakers_pronouns_agree_with_several(said, written, pronoun):
    assert of_one(said, "one of them") == (written, pronoun)


@given(st.lists(st.sampled_from(["it", "its", "itself", "had", "allowed", "to", "open", "that", "noted", "the",
                                 "Protocol", "was", "committed", "a", "shelter,"]), max_size=12))  # fmt: skip
def test_only_the_pronouns_change(words):
    said = " ".join(words)
    written, pronoun = of_one(said, "one of them")
    kept = [(a, b) for a, b in zip(said.split(" "), written.replace("one of them", "\0").split(" "), strict=False)]
    assert all(a == b or (a, b) in {("its", "their"), ("itself", "themselves"), ("it", "\0")} for a, b in kept)
    assert written.count("one of them") == (pronoun == "it") + said.count("one of them")


def _trust_fund(summary):
    panel = summary.panels[1]
    [sentence] = [s for b in panel.blocks if isinstance(b, Paragraph) for s in b.sentences if "open a shelter" in s.text]
    return sentence


def test_the_two_panel_draft_says_one_of_them_and_flags_it(two_panels):
    anonymous = _trust_fund(two_panels.drafting.summary("all"))
    assert "had allowed one of them to open a shelter" in anonymous.text and anonymous.k == 3
    assert any(n.startswith("“it” in one speaker’s words is written “one of them”") for n in anonymous.notes)
    named = _trust_fund(two_panels.drafting.summary("all", attribution="named"))
    assert "had allowed Civil society organization H to open a shelter" in named.text
    assert "Civil society organization H" in {s.delegation for s in named.sources}  # the one who said it
