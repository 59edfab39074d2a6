"""Groups of points and speakers' list entries are typed values; only the store turns them into JSON and rows.

What the store writes and reads back must be the value it was given, for any text a rapporteur can type,
and a group's points must stay in the JSON older versions wrote, so stores already on laptops read alike.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.domain.model import MAX_TEXT
from hlmnotes.domain.points import KINDS, Point, PointGroup, PointKey, RejectedGroup, key_of
from hlmnotes.domain.speakers import Inscribed, SpeakerEntry
from hlmnotes.storage.point_groups import DamagedGroup, members_json, members_of
from hlmnotes.storage.store import Store

LINE = st.text(max_size=200)  # any characters, controls and astral ones included: JSON escapes what it must
KEYS = st.builds(PointKey, st.integers(1, 2**53), st.sampled_from(KINDS), LINE)
WORDING = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), min_size=1, max_size=200)


@pytest.fixture(scope="module")
def store():
    opened = Store(":memory:")
    yield opened
    opened.close()


@given(st.lists(KEYS, min_size=1, max_size=8))
def test_a_groups_points_to_json_and_back_are_the_same_points(members):
    assert members_of({"id": 1, "members": members_json(members)}) == tuple(members)


@given(panel=st.integers(1, 6), text=WORDING, members=st.lists(KEYS, min_size=1, max_size=8), by=WORDING)
def test_an_accepted_group_is_read_back_as_it_was_saved(store, panel, text, members, by):
    group_id = store.save_point_group(panel, text, members, by=by)
    [group] = [g for g in store.point_groups(panel) if g.id == group_id]
    assert group == PointGroup(group_id, panel, text, tuple(members), by, group.saved_at) and group.saved_at


@given(panel=st.integers(1, 6), members=st.lists(KEYS, min_size=1, max_size=8), by=WORDING)
def test_a_rejected_group_is_read_back_as_it_was_saved(store, panel, members, by):
    group_id = store.reject_point_group(panel, members, by=by)
    [group] = [g for g in store.rejected_groups(panel) if g.id == group_id]
    assert group == RejectedGroup(group_id, panel, tuple(members), by, group.saved_at)


@given(st.lists(st.builds(SpeakerEntry, WORDING, st.sampled_from(["member_state", "igo"]), WORDING, WORDING),
                min_size=1, max_size=5))  # fmt: skip
def test_speakers_list_entries_are_read_back_as_they_were_inscribed(store, entries):
    store.replace_speakers(7, entries)
    assert store.speakers(7) == [
        Inscribed(7, n, e.delegation, e.speaker, e.category, e.on_behalf_of) for n, e in enumerate(entries, 1)
    ]
    position = store.add_speaker(7, entries[0])
    assert store.speakers(7)[-1] == Inscribed(7, position, *_fields(entries[0]))


def _fields(e: SpeakerEntry) -> tuple[str, str, str, str]:
    return e.delegation, e.speaker, e.category, e.on_behalf_of


def test_the_json_is_what_earlier_versions_wrote():
    written = members_json([PointKey(3, "key_point", "called for “data” é"), PointKey(4, "recommendation", "b")])
    assert json.loads(written) == [
        {"intervention": 3, "kind": "key_point", "text": "called for “data” é"},
        {"intervention": 4, "kind": "recommendation", "text": "b"},
    ]
    assert "“data” é" in written  # not escaped: the store's JSON stays readable


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ("{}", "its points {} are not a list"),
        ("[]", "its points [] are not a list"),
        ('[{"intervention": "x"}]', "the point {'intervention': 'x'} is not an intervention's line"),
        ('[{"intervention": 1, "kind": "idea", "text": "a"}]', "the point {"),
        ('[{"intervention": true, "kind": "key_point", "text": "a"}]', "the point {"),
        (json.dumps([{"intervention": 1, "kind": "key_point", "text": "x" * (MAX_TEXT + 1)}]), "the point {"),
    ],
)
def test_a_group_hlmnotes_did_not_write_is_named_not_read(members, problem):
    with pytest.raises(DamagedGroup) as caught:
        members_of({"id": 9, "members": members})
    assert caught.value.group_id == 9 and caught.value.problem.startswith(problem)
    assert str(caught.value).startswith("group of points #9 of this store cannot be read: ")


def test_a_point_or_its_key_name_the_same_line():
    point = Point(5, "key_point", "noted Y", "Member State B")
    assert key_of(point) == key_of(point.key) == PointKey(5, "key_point", "noted Y")
    assert sorted([PointKey(2, "recommendation", "a"), PointKey(2, "key_point", "z"), PointKey(1, "recommendation", "b")]) == [
        PointKey(1, "recommendation", "b"), PointKey(2, "key_point", "z"), PointKey(2, "recommendation", "a"),
    ]  # fmt: skip
