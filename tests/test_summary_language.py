"""The words of the Chair's summary: the quantifier table, numbers, dates, lists, reported speech."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.summary import QUANTIFIERS, Quantifier, quantify
from hlmnotes.summary.blocks import letter, roman
from hlmnotes.summary.compose import language as lang


@pytest.mark.parametrize(
    ("k", "n", "phrase"),
    [
        (1, 20, "one speaker"),
        (2, 20, "two speakers"),
        (3, 20, "some speakers"),
        (4, 4, "some speakers"),  # the absolute rows hold whatever N is
        (5, 20, "several speakers"),  # 5 < 20/3
        (6, 20, "several speakers"),
        (7, 20, "many speakers"),  # 20/3 <= 7 < 10
        (10, 20, "most speakers"),  # N/2 <= k < 0.9 N
        (17, 20, "most speakers"),
        (18, 20, "speakers broadly"),  # k >= 0.9 N, written "Speakers broadly stressed…"
        (19, 20, "speakers broadly"),
        (20, 20, "all speakers"),
        (5, 5, "all speakers"),
        (5, 6, "most speakers"),
        (9, 30, "several speakers"),
        (10, 30, "many speakers"),
    ],
)
def test_the_quantifier_table_of_domain_md(k, n, phrase):
    assert quantify(k, n).phrase == phrase


def test_quantifiers_qualify_by_category_only_for_absolute_counts():
    assert quantify(1, 20, category="member_state").phrase == "one Member State"
    assert quantify(3, 20, category="civil_society").phrase == "some civil society representatives"
    assert quantify(5, 30, category="un_entity").phrase == "several United Nations entities"
    # "most" is relative to every floor speaker, so it is never narrowed to one category
    assert quantify(15, 20, category="member_state").phrase == "most speakers"


def test_interchangeable_phrases_are_used_in_turn():
    assert [quantify(3, 20, turn=t).phrase for t in range(3)] == ["some speakers", "a few speakers", "some speakers"]
    assert quantify(5, 20, turn=1).phrase == "a number of speakers"


def test_the_table_is_configurable():
    strict = (Quantifier("k = 1", max_k=1, phrases=("one {noun1}",)), Quantifier("k > 1", min_k=2, phrases=("{noun}",)))
    assert quantify(2, 3, table=strict).phrase == "speakers"
    with pytest.raises(ValueError, match="no row for k = 2"):
        quantify(2, 3, table=strict[:1])


@given(st.integers(min_value=1, max_value=400), st.data())
def test_never_all_unless_every_floor_speaker_and_never_consensus(n, data):
    k = data.draw(st.integers(min_value=1, max_value=n))
    result = quantify(
        k, n, category=data.draw(st.sampled_from([None, "member_state", "igo"])), turn=data.draw(st.integers(0, 5))
    )
    assert ("all" in result.phrase.split()) == (k == n and k >= 5)
    assert "consensus" not in result.phrase and "agreed" not in result.phrase
    assert not any(ch.isdigit() for ch in result.phrase)  # under 10 in words, and no figures at all
    assert result.row.applies(k, n)
    assert result.row is next(r for r in QUANTIFIERS if r.applies(k, n))
    share = Fraction(k, n)
    if result.phrase == "many speakers":
        assert Fraction(1, 3) <= share < Fraction(1, 2)
    if result.phrase == "most speakers":
        assert Fraction(1, 2) <= share < Fraction(9, 10)
    if result.phrase == "speakers broadly":
        assert share >= Fraction(9, 10) and k < n


def test_quantify_refuses_impossible_counts():
    with pytest.raises(ValueError):
        quantify(0, 5)
    with pytest.raises(ValueError):
        quantify(6, 5)


def test_numbers_under_ten_in_words():
    assert [lang.number(n) for n in (0, 1, 3, 9, 10, 19, 120)] == ["zero", "one", "three", "nine", "10", "19", "120"]
    assert lang.counted(1, "observer State") == "one observer State"
    assert lang.counted(3, "United Nations entity", "United Nations entities") == "three United Nations entities"
    assert lang.counted(19, "Member State") == "19 Member States"


def test_dates_times_lists_and_labels():
    assert lang.day(dt.date(2017, 9, 27)) == "27 September 2017"
    assert lang.day(dt.date(2017, 9, 5)) == "5 September 2017"
    assert lang.clock(dt.time(15, 0)) == "3 p.m." and lang.clock(dt.time(16, 30)) == "4.30 p.m."
    assert lang.clock(dt.time(10, 0)) == "10 a.m." and lang.clock(dt.time(12, 15)) == "12.15 p.m."
    assert lang.join(["A"]) == "A" and lang.join(["A", "B"]) == "A and B" and lang.join(["A", "B", "C"]) == "A, B and C"
    assert lang.join(["a, b", "c"], separator=";") == "a, b; and c"
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "bb"]
    assert [roman(i) for i in (1, 4, 5, 9)] == ["I", "IV", "V", "IX"]


def test_names_take_the_article_they_read_with():
    assert lang.with_article("Netherlands") == "the Netherlands"
    assert lang.with_article("European Union") == "the European Union"
    assert lang.with_article("Group of 77 and China") == "the Group of 77 and China"
    assert lang.with_article("UNODC") == "UNODC"
    assert lang.with_article("Qatar") == "Qatar"
    assert lang.with_article("Group A") == "Group A"
    assert lang.with_article("Member State B") == "Member State B"


@pytest.mark.parametrize(
    ("verb", "form"),
    [("establish", "establishing"), ("strengthen", "strengthening"), ("ensure", "ensuring"), ("step", "stepping"),
     ("map", "mapping"), ("label", "labelling"), ("commit", "committing"), ("develop", "developing"),
     ("tie", "tying"), ("guarantee", "guaranteeing"), ("invest", "investing"), ("fund", "funding")],
)  # fmt: skip
def test_gerunds(verb, form):
    assert lang.gerund(verb) == form


def test_reported_speech():
    assert lang.predicate("called for stronger referral mechanisms") == (
        "called for stronger referral mechanisms",
        False,
    )
    assert lang.predicate("Stressed the need for data.") == ("stressed the need for data", False)
    assert lang.predicate("also underlined due diligence") == ("also underlined due diligence", False)
    assert lang.predicate("establish referral mechanisms", "recommendation") == (
        "called for establishing referral mechanisms",
        False,
    )
    assert lang.predicate("more funding for shelters", "recommendation") == (
        "called for more funding for shelters",
        False,
    )
    assert (
        lang.predicate("urged States to ratify the Protocol", "recommendation")[0]
        == "urged States to ratify the Protocol"
    )
    assert lang.predicate("Data collection remains weak") == (
        "made the following point: Data collection remains weak",
        True,
    )
    assert lang.sentence("several speakers stressed x") == "Several speakers stressed x."
    assert lang.sentence("Was it enough?") == "Was it enough?"


def test_other_is_said_of_further_speakers_only_before_a_number():
    assert lang.other("one speaker") == "another speaker"
    assert lang.other("two Member States") == "two other Member States"
    assert lang.other("two Member States", 2) == "a further two Member States"
    assert lang.other("one speaker", 2) == "a further speaker"
    assert lang.other("some speakers") == "some speakers"  # only numbers take "other"


def test_sub_items_end_with_semicolons_and_a_final_full_stop():
    assert lang.punctuate_items(["A spoke.", "B spoke.", "C spoke."]) == ["A spoke;", "B spoke; and", "C spoke."]
    assert lang.punctuate_items(["A spoke."]) == ["A spoke."]
    questions = ["What works?", "Who pays."]
    assert lang.punctuate_items(questions) == questions  # not every item ends with a full stop
