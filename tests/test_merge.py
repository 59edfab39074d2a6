"""Merging a laptop's offline store: by stable uid, idempotent, conflicts reported and left alone."""

from __future__ import annotations

import pytest

from hlmnotes import StoreError, Workspace
from hlmnotes.cli import main
from hlmnotes.merge import merge_store

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "Laptop"}


@pytest.fixture
def offline(tmp_path):
    laptop = Workspace.open(tmp_path / "laptop.sqlite", create=True)
    laptop.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    laptop.save(FLOOR | {"delegation": "Member State B", "key_points": "noted Y"})
    return laptop


def test_merge_adds_then_changes_nothing_the_second_time(any_ws, offline):
    first = merge_store(any_ws.store, offline.store)
    assert (first.added, first.updated, first.unchanged, first.conflicts) == (2, 0, 0, [])
    again = merge_store(any_ws.store, offline.store)
    assert (again.added, again.updated, again.unchanged, again.conflicts) == (0, 0, 2, [])
    assert sorted(r.key_points for r in any_ws.records()) == ["called for X", "noted Y"]
    assert {r.uid for r in any_ws.records()} == {r.uid for r in offline.records()}


def test_a_later_edit_on_the_laptop_is_brought_forward(any_ws, offline):
    merge_store(any_ws.store, offline.store)
    first = offline.records()[0]
    offline.revise(first.id, key_points="called for X and Z")
    offline.delete(offline.records()[1].id)
    result = merge_store(any_ws.store, offline.store)
    assert (result.added, result.updated, result.conflicts) == (0, 2, [])
    assert [r.key_points for r in any_ws.records()] == ["called for X and Z"]
    assert merge_store(any_ws.store, offline.store).unchanged == 2


def test_an_edit_here_is_not_overwritten_by_an_older_laptop(any_ws, offline):
    merge_store(any_ws.store, offline.store)
    here = any_ws.records()[0]
    any_ws.revise(here.id, key_points="corrected here")
    result = merge_store(any_ws.store, offline.store)
    assert (result.updated, result.unchanged, result.conflicts) == (0, 2, [])
    assert any_ws.store.get(here.id).key_points == "corrected here"


def test_both_sides_edited_is_a_conflict_left_alone(any_ws, offline):
    merge_store(any_ws.store, offline.store)
    here = any_ws.records()[0]
    any_ws.revise(here.id, key_points="edited here")
    offline.revise(offline.records()[0].id, key_points="edited there")
    result = merge_store(any_ws.store, offline.store)
    assert result.conflicts == [
        f"#{here.id} (panel 1, Member State A): key_points here 'edited here', there 'edited there'"
    ]
    assert any_ws.store.get(here.id).key_points == "edited here"


def test_stores_of_different_meetings_do_not_merge(any_ws, offline):
    offline.store.set_meta({"meeting": "another-meeting"})
    with pytest.raises(StoreError, match="records meeting 'another-meeting', not 'hlm2017'"):
        merge_store(any_ws.store, offline.store)


def test_cli_merge_reports_and_exits_1_on_conflict(tmp_path, offline, capsys):
    shared = tmp_path / "shared.sqlite"
    Workspace.open(shared, create=True).close()
    assert main(["--store", str(shared), "merge", str(tmp_path / "laptop.sqlite")]) == 0
    assert (
        capsys.readouterr().out
        == f"Merged {tmp_path / 'laptop.sqlite'}: 2 added, 0 updated, 0 unchanged, 0 groups of points added, 0 conflicts\n"
    )
    target = Workspace.open(shared)
    target.revise(target.records()[0].id, key_points="here")
    offline.revise(offline.records()[0].id, key_points="there")
    assert main(["--store", str(shared), "merge", str(tmp_path / "laptop.sqlite")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("conflict: #1 (panel 1, Member State A): key_points here 'here', there 'there'")


def _group(ws, text, records=None):
    members = [{"intervention": r.id, "kind": "key_point", "text": r.key_points} for r in records or ws.records()]
    return ws.store.save_point_group(1, text, members, by="Laptop")


def test_accepted_groups_come_along_once(any_ws, offline):
    _group(offline, "said X")
    first = merge_store(any_ws.store, offline.store)
    assert (first.added, first.groups_added, first.conflicts) == (2, 1, [])
    [group] = any_ws.store.point_groups(1)
    here = {r.id: r.uid for r in any_ws.records()}
    there = {r.id: r.uid for r in offline.records()}
    assert {here[m["intervention"]] for m in group["members"]} == set(there.values())
    assert merge_store(any_ws.store, offline.store).groups_added == 0


def test_the_same_points_worded_differently_is_a_conflict(any_ws, offline):
    merge_store(any_ws.store, offline.store)
    _group(any_ws, "grouped here")
    _group(offline, "grouped there")
    result = merge_store(any_ws.store, offline.store)
    assert (result.groups_added, result.conflicts) == (
        0,
        ["group of 2 points (panel 1): worded 'grouped here' here, 'grouped there' there"],
    )


def test_a_point_grouped_differently_here_is_a_conflict(any_ws, offline):
    merge_store(any_ws.store, offline.store)
    _group(any_ws, "grouped here")
    _group(offline, "only the first", offline.records()[:1])
    result = merge_store(any_ws.store, offline.store)
    first = any_ws.records()[0]
    assert (result.groups_added, result.conflicts) == (
        0,
        [f"group 'only the first' (panel 1): the point 'called for X' of #{first.id} is grouped differently here"],
    )
    assert [g["text"] for g in any_ws.store.point_groups(1)] == ["grouped here"]
