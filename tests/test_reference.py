"""Reference lists and the codebook: the names rapporteurs type resolve to what a summary prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hlmnotes import ValidationError
from hlmnotes.domain.reference import default_reference

DOMAIN_IDS = ["root-causes", "awareness", "demand", "supply-chains", "labour-recruitment", "conflict-crises", "migration", "children", "gender", "forms-of-exploitation", "legal-framework", "prosecution", "capacity-building", "financial-flows", "corruption", "technology", "data-evidence", "identification", "referral-mechanisms", "protection-assistance", "non-punishment", "remedies", "return-reintegration", "survivor-centred", "trust-fund", "partnership", "sdgs"]


def test_193_member_states_and_two_observer_states():
    ref = default_reference()
    categories = [d.category for d in ref.delegations]
    assert categories.count("member_state") == 193
    assert {d.name for d in ref.delegations if d.category == "observer_state"} == {"Holy See", "State of Palestine"}


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("UK", "United Kingdom of Great Britain and Northern Ireland"),
        (
            "united kingdom of great britain and northern ireland",
            "United Kingdom of Great Britain and Northern Ireland",
        ),
        ("Cote d’Ivoire", "Côte d'Ivoire"),
        ("  belgium ", "Belgium"),
        ("unodc", "UNODC"),
        ("Women’s Link Worldwide", "Women's Link Worldwide"),
    ],
)
def test_aliases_resolve_to_un_short_names(typed, name):
    assert default_reference().resolve(typed).name == name


def test_unknown_member_state_gets_a_suggestion():
    with pytest.raises(ValidationError) as info:
        default_reference().resolve("Belgum", "member_state")
    assert str(info.value).startswith("unknown member state 'Belgum'; did you mean 'Belgium'?")


def test_unlisted_civil_society_is_accepted_with_its_category():
    d = default_reference().resolve("Survivors' Network of Somewhere", "civil_society")
    assert (d.name, d.category) == ("Survivors' Network of Somewhere", "civil_society")


def test_groups_and_their_members():
    ref = default_reference()
    eu = ref.find_group("EU")
    assert eu.name == "European Union" and len(eu.members) == 28 and "Belgium" in eu.members
    assert all(ref.find(m) for g in ref.groups for m in g.members)


def test_codebook_has_the_27_domain_ids_in_order(ws):
    assert list(ws.codebook.ids) == DOMAIN_IDS
    assert all(t.cues and t.definition for t in ws.codebook.themes)


def test_codebook_resolves_labels_case_insensitively(ws):
    assert ws.codebook.resolve("NON-PUNISHMENT OF VICTIMS") == "non-punishment"
    with pytest.raises(ValidationError, match="unknown theme 'smuggling'"):
        ws.codebook.resolve("smuggling")


def test_theme_suggestions_from_cues(ws):
    suggested = ws.codebook.suggest("called for national referral mechanisms and shelters for children")
    assert {"referral-mechanisms", "children"} <= set(suggested)
    assert "protection-assistance" in suggested


def test_no_machine_paths_in_data():
    root = Path(__file__).resolve().parent.parent / "data"
    for path in root.rglob("*"):
        if path.is_file():
            assert not re.search(r"/(root|home|work)/", path.read_text(encoding="utf-8")), path
