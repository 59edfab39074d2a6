"""The five UN regional groups: the data file covers the 193 Member States once each, and bad files are refused."""

from __future__ import annotations

from collections import Counter

import pytest

from hlmnotes.domain.reference import default_reference
from hlmnotes.domain.regions import default_regions, parse_regions
from hlmnotes.errors import ProgrammeError
from hlmnotes.paths import data_dir

FILE = data_dir() / "reference" / "regional_groups.toml"


def test_group_names_are_the_uns_in_its_order():
    assert default_regions().names() == [
        "African States",
        "Asia-Pacific States",
        "Eastern European States",
        "Latin American and Caribbean States",
        "Western European and other States",
    ]


def test_every_member_state_is_in_exactly_one_group():
    member_states = {d.name for d in default_reference().delegations if d.category == "member_state"}
    listed = Counter(m for g in default_regions().groups for m in g.members)
    assert set(listed) == member_states
    assert len(member_states) == 193 and set(listed.values()) == {1}


def test_group_sizes_and_special_cases():
    regions = default_regions()
    sizes = {g.name: len(g.members) for g in regions.groups}
    assert sizes == {
        "African States": 54, "Asia-Pacific States": 54, "Eastern European States": 23,
        "Latin American and Caribbean States": 33, "Western European and other States": 29,
    }  # fmt: skip
    weog = "Western European and other States"
    # counted where they belong for electoral purposes
    assert {regions.region_of(s).name for s in ("United States of America", "Türkiye", "Israel")} == {weog}
    assert regions.region_of("Kiribati").name == "Asia-Pacific States"
    assert regions.region_of("Cyprus").name == "Asia-Pacific States"
    assert regions.region_of("eswatini").name == "African States"  # aliases resolve too


def test_non_member_states_have_no_region():
    regions = default_regions()
    assert regions.region_of("Holy See") is None
    assert regions.region_of("State of Palestine") is None
    assert regions.region_of("UNODC") is None
    assert regions.region_of("Member State A") is None


def _text(edit):
    return edit(FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('"Belgium",', '"Belgium",\n  "Belgium",', 1), "'Belgium' is already in"),
        (lambda t: t.replace('  "Belgium",\n', "", 1), "Member State 'Belgium' is in no regional group"),
        (lambda t: t.replace('"Belgium",', '"Belgum",', 1), "did you mean 'Belgium'?"),
        (lambda t: t.replace('"Belgium",', '"Holy See",', 1), "'Holy See' is not a Member State"),
        (lambda t: t.replace('name = "African States"', 'name = "African Group"'), "not a UN regional group"),
        (lambda t: t.replace('short = "African"', 'short = "African', 1), "not valid TOML"),
    ],
)
def test_a_broken_file_is_refused_with_where_and_what(edit, message):
    with pytest.raises(ProgrammeError) as info:
        parse_regions(_text(edit), "regional_groups.toml", default_reference())
    assert str(info.value).startswith("regional_groups.toml")
    assert message in str(info.value)
