"""The writer and its checker agree: `hlmnotes check` on any unedited draft finds nothing, whatever the
records and whatever the options the draft was written with (panel, --by, --attribution, --minutes,
--template). Records are generated (hypothesis) from placeholder speakers, groups, an organization
speaking for itself, and lines as rapporteurs type them (base verbs, noun phrases, quotations, "the UN",
British -ise, figures, lines the gate holds back)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.summary.render.docx import template_path

from .conftest import DATA, PROGRAMME

SPEAKERS = [
    ("Member State A", "member_state", ""), ("Member State B", "member_state", ""), ("Member State C", "member_state", ""),
    ("Member State D", "member_state", "Group A"), ("Member State E", "member_state", "Group A"),
    ("Observer State A", "observer_state", ""), ("UN entity A", "un_entity", ""), ("UN entity B", "un_entity", ""),
    ("Organization A", "igo", ""), ("Organization A", "igo", "Organization A"),  # speaking for itself: one voice
    ("Civil society organization A", "civil_society", ""), ("Civil society organization B", "civil_society", ""),
    ("University A", "academia", ""), ("Company A", "private_sector", ""), ("Media outlet A", "media", ""),
]  # fmt: skip
LINES = [
    "called for stronger national referral mechanisms", "need more funding for shelters", "built national capacity",
    "emphasised the role of specialised units", "stressed the need for better data disaggregated by sex and age",
    "noted that the country has promoted a new law", 'quoted a survivor: "nobody believed me"',
    "welcomed the UN system's support and the Global report on trafficking in persons", "support for victims",
    "noted 3 cases of forced labour in 2 sectors", "recalled SDG target 8.7 and resolution 64/293",
    "expressed concern about unaccompanied children on the move", "=HYPERLINK(\"x\")", "强调加强国际执法合作",
    "described the programme on labour migration", "warned of online recruitment through social media",
    "described how a grant had allowed it to open a shelter",
]  # fmt: skip
RECOMMENDATIONS = [
    "ratify and implement the Trafficking in Persons Protocol", "visit shelters", "more funding for shelters",
    "train, equip and deploy specialized units", "work with technology companies", "urged States to ratify the Protocol",
    "establish national referral mechanisms with clear roles", "", "",
]  # fmt: skip

interventions = st.lists(
    st.tuples(
        st.sampled_from([1, 2]), st.sampled_from(SPEAKERS), st.lists(st.sampled_from(LINES), min_size=1, max_size=3),
        st.sampled_from(RECOMMENDATIONS), st.sets(st.sampled_from([1, 2, 3, 4, 5]), min_size=1, max_size=2),
        st.booleans(),
    ),
    min_size=1, max_size=14,
)  # fmt: skip
OPTIONS = [
    [*panel, *by, *attribution, *minutes]
    for panel, by, attribution, minutes in itertools.product(
        ([], ["--panel", "1"]), (["--by", "question"], ["--by", "theme"]),
        (["--attribution", "anonymous"], ["--attribution", "named"]), ([], ["--minutes", "2"]),
    )
] + [["--template", str(template_path())]]  # fmt: skip


def _clean(store, draft, options, capsys) -> None:
    assert main(["--store", str(store), "summary", *options, "-o", str(draft)]) == 0, capsys.readouterr()
    capsys.readouterr()
    status = main(["--store", str(store), "check", str(draft)])
    out = capsys.readouterr().out
    assert status == 0, f"{' '.join(options)}:\n{out}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(records=interventions, options=st.sampled_from(OPTIONS))
def test_check_finds_nothing_on_an_unedited_draft_of_any_record(tmp_path_factory, capsys, records, options):
    folder = tmp_path_factory.mktemp("agree")
    store = folder / "m.sqlite"
    with Workspace.init(store, PROGRAMME) as ws:
        rows = []
        for seq, (panel, (delegation, category, group), lines, recommendation, questions, divergent) in enumerate(records, 1):
            rows.append(ws.validate({
                "panel": panel, "seq": seq, "delegation": delegation, "category": category, "on_behalf_of": group,
                "questions": ";".join(map(str, sorted(questions))), "key_points": "\n".join(lines),
                "recommendations": recommendation, "flags": "divergent" if divergent else "",
            }))  # fmt: skip
        ws.store.apply(rows, [])
    _clean(store, folder / "draft.docx", options, capsys)


@pytest.fixture(scope="module")
def two_panel_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("two-panels") / "m.sqlite"
    Workspace.init(store, PROGRAMME).close()
    assert main(["--store", str(store), "import", str(DATA / "two-panels-2017.csv")]) == 0
    return store


@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_check_finds_nothing_on_each_draft_of_the_two_panel_record(two_panel_store, tmp_path, capsys, options):
    _clean(two_panel_store, tmp_path / "draft.docx", options, capsys)


def test_a_name_read_with_its_article_is_the_un_short_name():
    from hlmnotes.domain.programme import load_programme
    from hlmnotes.domain.reference import default_reference
    from hlmnotes.domain.text import fold
    from hlmnotes.summary.verify import facts

    programme, reference = load_programme(PROGRAMME), default_reference()
    known = facts.Known.of(programme, "", reference)
    panel = programme.panel(1)
    spoke = frozenset({fold("Philippines")})
    for text in ("The Philippines took the floor.", "The representative of the Philippines took the floor."):
        assert list(facts.delegation_findings(text, panel, known, spoke, known.panel_text(panel), "")) == []


def test_the_checker_says_an_before_a_vowel():
    from hlmnotes.summary.compose import language as lang
    from hlmnotes.summary.verify.claims import claims

    assert lang.indefinite("intergovernmental organization") == "an intergovernmental organization"
    assert lang.indefinite("observer State") == "an observer State"
    assert lang.indefinite("United Nations entity") == "a United Nations entity"
    assert lang.indefinite("Member State") == "a Member State"
    [claim] = claims("One intergovernmental organization called for data.")

    class Voice:
        group, category = "Group A", "member_state"

    assert claim.problem(1, 3, [Voice()]).endswith("not every one of them is an intergovernmental organization")
