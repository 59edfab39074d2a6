"""Reported speech from lemminflect's lexicon: past forms, gerunds after "called for", tenses back a step,
a panellist's sentences without "She also…" twice in a row, and what the grammar cannot tell flagged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.summary.compose import grammar
from hlmnotes.summary.compose import language as lang

from .conftest import ROOT


@pytest.mark.parametrize(
    ("typed", "kind", "said"),
    [
        # past forms: the lexicon's, irregular ones included, not an endswith("ed") test
        ("need more funding for shelters", "key_point", "needed more funding for shelters"),
        ("built national capacity", "key_point", "built national capacity"),
        ("stresses the need for data", "key_point", "stressed the need for data"),
        ("stress and welcome the adoption of the declaration", "key_point", "stressed and welcomed the adoption of the declaration"),
        ("also underlined due diligence", "key_point", "also underlined due diligence"),
        ("recognized the work of shelters and need more support", "key_point",
         "recognized the work of shelters and needed more support"),
        ("described how police and service providers work together", "key_point",
         "described how police and service providers work together"),  # things listed, not acts
        # gerunds after "called for", every verb of the call
        ("ratify and implement the Trafficking in Persons Protocol", "recommendation",
         "called for ratifying and implementing the Trafficking in Persons Protocol"),
        ("visit shelters", "recommendation", "called for visiting shelters"),
        ("train, equip and deploy specialized units", "recommendation",
         "called for training, equipping and deploying specialized units"),
        ("ratify the Protocol and implement it fully", "recommendation",
         "called for ratifying the Protocol and implementing it fully"),
        ("protect and assist victims", "recommendation", "called for protecting and assisting victims"),
        ("work with technology companies", "recommendation", "called for working with technology companies"),
        ("label products made with forced labour", "recommendation", "called for labelling products made with forced labour"),
        ("called for ratifying and implement the Protocol", "key_point", "called for ratifying and implementing the Protocol"),
        # a verb inside another clause keeps its form
        ("ensure that victims are able to access and use services", "recommendation",
         "called for ensuring that victims are able to access and use services"),
        # noun phrases after "called for"
        ("more funding for shelters", "recommendation", "called for more funding for shelters"),
        ("better data", "recommendation", "called for better data"),
        ("support for victims", "recommendation", "called for support for victims"),
        ("increased funding for shelters", "recommendation", "called for increased funding for shelters"),
        ("urged States to ratify the Protocol", "recommendation", "urged States to ratify the Protocol"),
        ("recommended establishing a fund", "recommendation", "recommended establishing a fund"),
        # reported that-clauses: tenses back a step; a relative clause and a quotation keep theirs
        ("noted that the country has promoted a new law", "key_point", "noted that the country had promoted a new law"),
        ("stressed that trafficking is a crime and victims are not criminals", "key_point",
         "stressed that trafficking was a crime and victims were not criminals"),
        ("noted that the law provides for compensation", "key_point", "noted that the law provided for compensation"),
        ("described legislation that penalizes the purchase of sex", "key_point",
         "described legislation that penalizes the purchase of sex"),
        ("said that “no one is for sale”", "key_point", "said that “no one is for sale”"),
    ],
)  # fmt: skip
def test_reported_speech_from_the_lexicon(typed, kind, said):
    assert lang.predicate(typed, kind) == (said, False)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("support for victims", "key_point"),  # a noun phrase cannot follow "One speaker"
        ("Data collection remains weak", "key_point"),
        ("labour migration is rising", "key_point"),  # a noun with a verb of its own: a sentence, not a call
        ("is committed to the Plan", "key_point"),  # "was" or "were": the subject decides
        ("upskill workers", "recommendation"),  # a word the lexicon does not have, where the verb goes
    ],
)
def test_what_the_lexicon_cannot_tell_is_flagged_not_guessed(typed, kind):
    assert lang.predicate(typed, kind) == (f"made the following point: {typed}", True)


def test_the_lexicon_tells_nouns_adjectives_and_verbs_apart():
    need, better, ratify = grammar.verb("need"), grammar.verb("better"), grammar.verb("ratify")
    assert need.lemma == "need" and need.base and need.noun and need.past == "needed"
    assert better.adjective and ratify.gerund == "ratifying" and not ratify.noun
    assert grammar.verb("built").tags >= {"VBD", "VBN"} and grammar.verb("built").lemma == "build"
    assert grammar.verb("data").lemma == "" and grammar.verb("data").noun
    assert grammar.verb("12th") is grammar.NOT_A_VERB
    assert lang.gerund("label") == "labelling" and lang.gerund("step") == "stepping"


def _panellist_lines(ws, lines, recommendations=""):
    """A panellist the programme does not list, a placeholder: no words in a real person's mouth."""
    ws.store.apply([ws.validate({
        "panel": 1, "category": "panellist", "speaker": "Panellist A", "delegation": "Organization A",
        "key_points": "\n".join(lines), "recommendations": recommendations,
    })], [])  # fmt: skip
    panel = ws.drafting.summary([1]).panels[0]
    return panel, next(p for p in panel.paragraphs if p.sentences[0].text.startswith("Panellist A"))


def test_a_panellists_points_are_joined_without_two_also_in_a_row(ws):
    _, paragraph = _panellist_lines(ws, [
        "noted that the organization has promoted survivor leadership", "need more funding for shelters",
        "built national capacity", "described training for labour inspectors", "warned of online recruitment",
        "pointed to gaps in data", "stressed the role of survivors",
    ])  # fmt: skip
    openers = [" ".join(s.text.split()[:3]) for s in paragraph.sentences]
    assert openers[1:] == ["Panellist A also", "Panellist A further", "In addition, Panellist"]
    first = paragraph.sentences[0].text
    assert first == (
        "Panellist A, Organization A, noted that the organization had promoted survivor leadership and needed more"
        " funding for shelters."
    )
    assert sum(len(s.sources) for s in paragraph.sentences) == 7  # every line is still behind a sentence


def test_a_line_the_grammar_cannot_tell_goes_to_the_staff_notes_list(ws):
    panel, paragraph = _panellist_lines(ws, ["noted progress", "support for victims in every region"])
    flagged = next(s for s in paragraph.sentences if "made the following point" in s.text)
    assert flagged.text == "Panellist A also made the following point: support for victims in every region."
    listed = [n for n in panel.notes if n.startswith("[To rephrase:")]
    assert listed == [
        "[To rephrase: #1 Panellist A: point the grammar could not put in reported speech"
        " (written after “made the following point:”) to be rephrased.]"
    ]


SCRIPT = """
import json, sys
from hlmnotes.summary.compose import language
said = language.predicate("ratify and implement the Protocol", "recommendation")[0]
assert "NOUN" in language.grammar.readings("shelters") and not language.grammar.readings("Qzx")
language.grammar.remember()
print(json.dumps([said, "lemminflect" in sys.modules]))
"""


def test_the_lexicons_answers_are_kept_so_a_later_draft_does_not_load_it(tmp_path):
    env = {"HLMNOTES_CACHE": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": ""}
    runs = [json.loads(subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                                      check=True).stdout) for _ in range(2)]  # fmt: skip
    assert runs == [["called for ratifying and implementing the Protocol", True]] + [
        ["called for ratifying and implementing the Protocol", False]
    ]
    [kept] = (tmp_path / "grammar").iterdir()
    kept.write_text("not json", encoding="utf-8")  # a damaged cache costs the time, not the draft
    again = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    assert json.loads(again.stdout) == ["called for ratifying and implementing the Protocol", True]


def test_reporting_verbs_vary_across_a_paragraph(ws):
    lines = ["stressed the role of labour inspection", "stressed early identification of victims",
             "stressed persistently low conviction rates"]  # fmt: skip
    ws.store.apply([
        ws.validate({"panel": 1, "delegation": f"Member State {x}", "category": "member_state", "questions": "5",
                     "key_points": line})
        for x, line in zip("ABC", lines, strict=True)
    ], [])  # fmt: skip
    panel = ws.drafting.summary([1]).panels[0]
    [paragraph] = [p for p in panel.paragraphs if p.number == 5]
    assert paragraph.text == (
        "One Member State stressed the role of labour inspection. Another Member State emphasized early"
        " identification of victims. A further Member State underlined persistently low conviction rates."
    )
    assert [s.sources[0].text for s in paragraph.sentences] == lines  # the comments keep what was recorded


DRAFT = """
import contextlib, io, json, sys
from hlmnotes.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(json.loads(sys.argv[1])) == 0
print(json.dumps("lemminflect" in sys.modules))
"""


def test_a_second_draft_of_the_same_records_does_not_load_the_lexicon(tmp_path):
    """Its tables are a fifth of a 2,000-intervention summary command: the grammar and the topics read
    the cache (make bench's Word figure)."""
    from .conftest import DATA, PROGRAMME

    env = {"HLMNOTES_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT), "PATH": ""}
    store = ["--store", str(tmp_path / "m.sqlite")]
    for argv in (["init", "--programme", str(PROGRAMME)], ["import", str(DATA / "two-panels-2017.csv")]):
        subprocess.run([sys.executable, "-c", DRAFT, json.dumps(store + argv)], env=env, check=True, capture_output=True)
    summary = json.dumps([*store, "summary", "-o", str(tmp_path / "d.docx")])
    loaded = [json.loads(subprocess.run([sys.executable, "-c", DRAFT, summary], env=env, check=True,
                                        capture_output=True, text=True).stdout) for _ in range(2)]  # fmt: skip
    assert loaded == [True, False]


def test_a_panellist_with_an_honorific_is_she_then_in_addition_she(tmp_path):
    """The programme's first panellist renamed a placeholder (her honorific kept): "She also…", "She
    further…", "In addition, she…"."""
    from hlmnotes import Workspace

    from .conftest import PROGRAMME

    programme = tmp_path / "programme.toml"
    programme.write_text(PROGRAMME.read_text(encoding="utf-8").replace("Phumzile Mlambo-Ngcuka", "Panellist A"), encoding="utf-8")
    with Workspace.init(tmp_path / "m.sqlite", programme) as ws:
        person = ws.programme.panel(1).panellists[0]
        assert (person.name, person.honorific) == ("Panellist A", "Ms.")
        ws.store.apply([ws.validate({
            "panel": 1, "category": "panellist", "speaker": "Panellist A", "delegation": person.delegation,
            "key_points": "\n".join(f"noted point {i}" for i in range(7)),
        })], [])  # fmt: skip
        panel = ws.drafting.summary([1]).panels[0]
    paragraph = next(p for p in panel.paragraphs if p.sentences[0].text.startswith("Ms. Panellist A"))
    assert [" ".join(s.text.split()[:3]) for s in paragraph.sentences[1:]] == [
        "She also noted", "She further noted", "In addition, she",
    ]  # fmt: skip


@given(st.text(max_size=80), st.sampled_from(["key_point", "recommendation"]))
def test_any_line_is_put_in_reported_speech_or_flagged_without_error(text, kind):
    said, flagged = lang.predicate(text, kind)
    if text.strip().rstrip(".;"):
        assert said and len(said.split()) >= len(text.strip().rstrip(".;").split())  # nothing dropped
    assert flagged == said.startswith("made the following point:") or not text.strip().rstrip(".;")


def test_a_speakers_many_points_never_say_it_also_twice_in_a_row(ws):
    points = ["noted low conviction rates", "warned of online recruitment", "stressed data gaps", "described a hotline",
              "welcomed the declaration", "recalled the Protocol", "pointed to poverty",
              "expressed concern about children", "highlighted survivor leadership"]  # fmt: skip
    ws.store.apply([ws.validate({"panel": 1, "delegation": "Member State A", "category": "member_state",
                                 "questions": "1", "key_points": "\n".join(points)})], [])  # fmt: skip
    [paragraph] = [p for p in ws.drafting.summary([1]).panels[0].paragraphs if p.number == 5]
    assert [" ".join(s.text.split()[:2]) for s in paragraph.sentences] == ["One Member", "It also", "It further"]
