"""UN spelling and typography of the rapporteurs' words (-ize, "programme", "labour", curly quotation marks,
"the United Nations", report names as published), never of the programme's own text."""

from __future__ import annotations

import dataclasses

import pytest
import simplemma
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.summary import ENGLISH
from hlmnotes.summary.compose import language as lang
from hlmnotes.summary.compose import spelling


@pytest.mark.parametrize(
    ("typed", "edited"),
    [
        ("emphasised the role of specialised units", "emphasized the role of specialized units"),
        ("recognised organisations and their organisational reform", "recognized organizations and their organizational reform"),
        ("called for criminalising the use of services", "called for criminalizing the use of services"),
        ("prioritisation of victims", "prioritization of victims"),
        # -ise that is no suffix, and -yse, are UN English as typed
        ("advised on the exercise and revised the enterprise plan", "advised on the exercise and revised the enterprise plan"),
        ("analysed the data", "analysed the data"),
        ("analyzed the data", "analysed the data"),
        # programme, labour… kept, American spellings made UN English
        ("the labor inspection program", "the labour inspection programme"),
        ("the programme on labour migration", "the programme on labour migration"),
        ("traveled to the center for counseling", "travelled to the centre for counselling"),
        ("a 5 percent increase", "a 5 per cent increase"),
        # names keep their owners' spelling
        ("the Organisation for Economic Co-operation and Development", "the Organisation for Economic Co-operation and Development"),
        ("the US Department of Labor", "the US Department of Labor"),
        # the United Nations in running text; UN Women and UN-Habitat are names
        ("the UN system and the UN Voluntary Trust Fund", "the United Nations system and the United Nations Voluntary Trust Fund"),
        ("worked with UN Women and the UN-Habitat office", "worked with UN Women and the UN-Habitat office"),
        # report names as published
        ("cited the Global report on trafficking in persons", "cited the Global Report on Trafficking in Persons"),
        ("the convention against transnational organised crime", "the Convention against Transnational Organized Crime"),
        # counts under 10 in words; a reference, a share or a date keeps its figure
        ("noted 3 cases of forced labour in 2 sectors", "noted three cases of forced labour in two sectors"),
        ("cited question 3 of the concept note and a 5 per cent rise on 1 July", "cited question 3 of the concept note and a 5 per cent rise on 1 July"),
        ("noted 12 cases and SDG target 8.7", "noted 12 cases and SDG target 8.7"),
        # curly quotation marks, a capital where a quotation is introduced
        ('quoted a survivor: "nobody believed me"', "quoted a survivor: “Nobody believed me”"),
        ('described the campaign "no one is for sale"', "described the campaign “no one is for sale”"),
        ("called the approach 'survivor-led'", "called the approach ‘survivor-led’"),
        ("stressed victims' rights", "stressed victims' rights"),  # an apostrophe is not a quotation mark
    ],
)  # fmt: skip
def test_un_spelling_and_typography(typed, edited):
    assert spelling.edit(typed) == edited


def test_the_predicate_is_edited_and_a_locale_can_turn_it_off():
    assert lang.predicate("emphasise the UN system", "recommendation")[0] == "called for emphasizing the United Nations system"
    assert lang.predicate("Labor migration is rising")[0] == "made the following point: Labor migration is rising"
    as_typed = dataclasses.replace(ENGLISH, un_spelling=False)
    assert spelling.edit('emphasised "this"', as_typed) == 'emphasised "this"'


def test_every_entry_of_the_tables_is_an_english_word():
    """The tables change only what the Editorial Manual asks: each -ize form, and each spelling put in
    place of another, is a word of simplemma's English dictionary (a misprint in the table would not be)."""
    assert [s for s in spelling.IZE_STEMS if not simplemma.is_known(f"{s}ize", lang="en")] == []
    assert [w for w in spelling.SPELLINGS.values() if " " not in w and not simplemma.is_known(w, lang="en")] == []
    assert all(typed != edited for typed, edited in spelling.SPELLINGS.items())


@given(st.text(alphabet=st.sampled_from(list("ab 'is\"e:,“”UN.Tthe")), max_size=60))
def test_editing_is_idempotent_and_keeps_the_words(text):
    once = spelling.edit(text)
    assert spelling.edit(once) == once
    assert len(once.split()) >= len(text.split())  # nothing is dropped ("per cent" may add one)


def test_programme_text_keeps_its_own_spelling(ws):
    """Panel 2's guiding questions write "organisations" and 'leaves no one behind' in straight quotes:
    printed as the programme has them, while a speaker's "organisations" is UN English."""
    ws.store.apply([ws.validate({
        "panel": 2, "delegation": "Member State A", "category": "member_state", "questions": "1",
        "key_points": "emphasised support to organisations that 'leave no one behind'",
    })], [])  # fmt: skip
    panel = ws.drafting.summary([2]).panels[0]
    questions = next(p for p in panel.paragraphs if p.labels)
    printed = " ".join(item.text for item in questions.items)
    assert "international organisations" in printed and "'leaves no one behind'" in printed
    said = next(s.text for s in panel.sentences if s.sources and "Member State" in s.text)
    assert said == "One Member State emphasized support to organizations that ‘leave no one behind’."
