"""Merging a laptop's offline store: by stable uid, idempotent, conflicts reported and left alone."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from hlmnotes import StoreError, Workspace
from hlmnotes.cli import main
from hlmnotes.domain.points import PointKey
from hlmnotes.storage.store import Store

from .conftest import PROGRAMME

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "Laptop"}


@pytest.fixture
def offline(tmp_path):
    laptop = Workspace.open(tmp_path / "laptop.sqlite", create=True)
    laptop.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    laptop.save(FLOOR | {"delegation": "Member State B", "key_points": "noted Y"})
    return laptop


def test_merge_adds_then_changes_nothing_the_second_time(any_ws, offline):
    first = any_ws.merge(offline.store)
    assert (first.added, first.updated, first.unchanged, first.conflicts) == (2, 0, 0, [])
    again = any_ws.merge(offline.store)
    assert (again.added, again.updated, again.unchanged, again.conflicts) == (0, 0, 2, [])
    assert sorted(r.key_points for r in any_ws.records()) == ["called for X", "noted Y"]
    assert {r.uid for r in any_ws.records()} == {r.uid for r in offline.records()}


def test_a_later_edit_on_the_laptop_is_brought_forward(any_ws, offline):
    any_ws.merge(offline.store)
    first = offline.records()[0]
    offline.revise(first.id, key_points="called for X and Z")
    offline.delete(offline.records()[1].id)
    result = any_ws.merge(offline.store)
    assert (result.added, result.updated, result.conflicts) == (0, 2, [])
    assert [r.key_points for r in any_ws.records()] == ["called for X and Z"]
    assert any_ws.merge(offline.store).unchanged == 2


def test_an_edit_here_is_not_overwritten_by_an_older_laptop(any_ws, offline):
    any_ws.merge(offline.store)
    here = any_ws.records()[0]
    any_ws.revise(here.id, key_points="corrected here")
    result = any_ws.merge(offline.store)
    assert (result.updated, result.unchanged, result.conflicts) == (0, 2, [])
    assert any_ws.store.get(here.id).key_points == "corrected here"


def test_both_sides_edited_is_a_conflict_left_alone(any_ws, offline):
    any_ws.merge(offline.store)
    here = any_ws.records()[0]
    any_ws.revise(here.id, key_points="edited here")
    offline.revise(offline.records()[0].id, key_points="edited there")
    result = any_ws.merge(offline.store)
    assert result.conflicts == [
        f"#{here.id} (panel 1, Member State A): key_points here 'edited here', there 'edited there'"
    ]
    assert any_ws.store.get(here.id).key_points == "edited here"


def test_stores_of_different_meetings_do_not_merge(any_ws, offline):
    offline.store.db.set_meta({"meeting": "another-meeting"})
    with pytest.raises(StoreError, match="records meeting 'another-meeting', not 'hlm2017'"):
        any_ws.merge(offline.store)


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
    members = [PointKey(r.id, "key_point", r.key_points) for r in records or ws.records()]
    return ws.store.save_point_group(1, text, members, by="Laptop")


def test_accepted_groups_come_along_once(any_ws, offline):
    _group(offline, "said X")
    first = any_ws.merge(offline.store)
    assert (first.added, first.groups_added, first.conflicts) == (2, 1, [])
    [group] = any_ws.store.point_groups(1)
    here = {r.id: r.uid for r in any_ws.records()}
    there = {r.id: r.uid for r in offline.records()}
    assert {here[m.intervention] for m in group.members} == set(there.values())
    assert any_ws.merge(offline.store).groups_added == 0


def test_the_same_points_worded_differently_is_a_conflict(any_ws, offline):
    any_ws.merge(offline.store)
    _group(any_ws, "grouped here")
    _group(offline, "grouped there")
    result = any_ws.merge(offline.store)
    assert (result.groups_added, result.conflicts) == (
        0,
        ["group of 2 points (panel 1): worded 'grouped here' here, 'grouped there' there"],
    )


def test_a_point_grouped_differently_here_is_a_conflict(any_ws, offline):
    any_ws.merge(offline.store)
    _group(any_ws, "grouped here")
    _group(offline, "only the first", offline.records()[:1])
    result = any_ws.merge(offline.store)
    first = any_ws.records()[0]
    assert (result.groups_added, result.conflicts) == (
        0,
        [f"group 'only the first' (panel 1): the point 'called for X' of #{first.id} is grouped differently here"],
    )
    assert [g.text for g in any_ws.store.point_groups(1)] == ["grouped here"]


# -- a source that is not to be trusted ------------------------------------------------------------


def _dump(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return "\n".join(db.iterdump())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(tmp_path):
    """This store (one record) and a laptop's (two records, one accepted group), both closed."""
    here, laptop = tmp_path / "here.sqlite", tmp_path / "laptop.sqlite"
    with Workspace.init(here, PROGRAMME) as ws:
        ws.save(FLOOR | {"delegation": "Member State C", "key_points": "said Z"})
    with Workspace.init(laptop, PROGRAMME) as ws:
        ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
        ws.save(FLOOR | {"delegation": "Member State B", "key_points": "noted Y"})
        _group(ws, "said X and Y")
    return here, laptop


def _tamper(path: Path, sql: str, params: tuple = ()) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(sql, params)


TAMPERED = {
    "panel-99": ("UPDATE interventions SET panel = 99 WHERE id = 2", "panel: panel 99 is not in the programme;"),
    "question-77": ("UPDATE interventions SET questions = '77' WHERE id = 2", "questions: panel 1 has no question 77;"),
    "question-not-a-number": ("UPDATE interventions SET questions = '77;abc' WHERE id = 2", "questions: "),
    "5-MB-note": ("UPDATE interventions SET key_points = ? WHERE id = 2", "key_points: 5,242,880 characters, more than"),
    "NUL": ("UPDATE interventions SET key_points = ? WHERE id = 2", "key_points is 'noted\\x00Y', which"),
    "uid": ("UPDATE interventions SET uid = 'B-2' WHERE id = 2", "uid: expected the 32-character identifier"),
    "category": ("UPDATE interventions SET category = 'king' WHERE id = 2", "category: unknown category 'king';"),
    "group-panel": ("UPDATE point_groups SET panel = 99", "panel 99 is not in the programme"),
    "group-points": ("UPDATE point_groups SET members = '[{\"intervention\": \"x\"}]'", "the point {'intervention': 'x'}"),
    "group-json": ("UPDATE point_groups SET members = '[[[['", "its history or groups are damaged (JSONDecodeError"),
}  # fmt: skip


@pytest.mark.parametrize("case", TAMPERED)
def test_a_source_record_this_meeting_would_refuse_is_not_merged_and_nothing_changes(pair, capsys, case):
    here, laptop = pair
    sql, expected = TAMPERED[case]
    _tamper(laptop, sql, (("noted\x00Y" if case == "NUL" else "x" * 5 * 2**20),) if "?" in sql else ())
    before_here, before_laptop = _dump(here), _sha(laptop)
    assert main(["--store", str(here), "merge", str(laptop)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: store {laptop}") and err.count("\n") == 1, err
    assert expected in err and err.endswith("nothing was merged\n"), err
    assert _dump(here) == before_here and _sha(laptop) == before_laptop
    with Workspace.open(here) as ws:  # this store's own export still imports: nothing foreign got in
        assert ws.store.records.count() == 1


def test_the_source_is_opened_read_only_never_migrated_nor_switched_to_wal(pair, capsys):
    """A schema-1 laptop store in rollback-journal mode, with a trigger on the table a migration writes."""
    here, laptop = pair
    with closing(sqlite3.connect(laptop)) as db, db:
        db.execute("DROP TABLE rejected_groups")
        db.execute("DROP TABLE settings")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        db.execute("CREATE TABLE fired (at TEXT)")
        db.execute("CREATE TRIGGER on_meta AFTER UPDATE ON meta BEGIN INSERT INTO fired VALUES ('now'); END")
    with closing(sqlite3.connect(laptop, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode = DELETE")
    before = _sha(laptop)
    assert main(["--store", str(here), "merge", str(laptop)]) == 0
    assert capsys.readouterr().out.startswith(f"Merged {laptop}: 2 added, 0 updated, 0 unchanged, 1 groups")
    assert _sha(laptop) == before
    assert sorted(p.name for p in laptop.parent.iterdir()) == ["here.sqlite", "laptop.sqlite"]
    with closing(sqlite3.connect(laptop)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "1"
        assert db.execute("SELECT COUNT(*) FROM fired").fetchone()[0] == 0


def test_a_merge_that_fails_midway_leaves_nothing(pair, monkeypatch):
    """Records merged, then the groups fail (a killed process, a full disk): one transaction, all undone."""
    here, laptop = pair
    before = _dump(here)

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    with Workspace.open(here) as ws, closing(Store(laptop, create=False, read_only=True)) as source:
        monkeypatch.setattr(ws.store.groups, "save", fail)
        with pytest.raises(KeyboardInterrupt):
            ws.merge(source)
    assert _dump(here) == before


def test_two_merges_at_once_add_each_record_once(tmp_path):
    here, laptop = tmp_path / "here.sqlite", tmp_path / "laptop.sqlite"
    Workspace.init(here, PROGRAMME).close()
    with Workspace.init(laptop, PROGRAMME) as ws:
        ws.store.apply([ws.validate(FLOOR | {"delegation": "Member State A", "key_points": f"point {n}"})
                        for n in range(300)], [])  # fmt: skip
    runs = [
        subprocess.Popen([sys.executable, "-m", "hlmnotes", "--store", str(here), "merge", str(laptop)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    outcomes = sorted((run.wait(timeout=120), run.stdout.read(), run.stderr.read()) for run in runs)
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert [(status, err) for status, _, err in outcomes] == [(0, ""), (0, "")]
    added = sorted(out.split(": ", 1)[1].split(",")[0] for _, out, _ in outcomes)
    assert added == ["0 added", "300 added"]
    with Workspace.open(here) as ws:
        assert ws.store.records.count() == 300


def test_a_postgresql_source_is_read_in_a_read_only_session(postgres_store, tmp_path):
    with Workspace.open(postgres_store, create=True) as laptop:
        laptop.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    here = tmp_path / "here.sqlite"
    Workspace.init(here, PROGRAMME).close()
    with Workspace.open(here) as ws, closing(Store(postgres_store, create=False, read_only=True)) as source:
        assert ws.merge(source).added == 1
        with pytest.raises(StoreError, match="read-only transaction"):
            source.db.set_meta({"meeting": "changed"})
    with Workspace.open(postgres_store) as laptop:
        assert laptop.store.db.meta("meeting") == "hlm2017"
