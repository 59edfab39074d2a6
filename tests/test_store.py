"""Saving, editing, deleting and undoing: nothing a rapporteur confirmed may be lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from hlmnotes import ConflictError, NotFoundError, StoreError, ValidationError, Workspace
from hlmnotes.domain.points import PointKey
from hlmnotes.domain.speakers import SpeakerEntry
from hlmnotes.storage.schema import SCHEMA_VERSION

FLOOR = {"panel": 1, "delegation": "Member State A", "category": "member_state", "rapporteur": "R1"}


@pytest.fixture
def ws(any_ws):
    """Every store test here runs against SQLite and PostgreSQL alike."""
    return any_ws


def test_save_assigns_id_seq_and_version(ws):
    first = ws.save(FLOOR | {"key_points": "called for X"})
    second = ws.save(FLOOR | {"delegation": "Member State B"})
    assert (first.id, first.seq, first.version) == (1, 1, 1)
    assert second.seq == 2
    assert ws.store.get(first.id).key_points == "called for X"


def test_a_save_is_on_disk_when_it_returns(store_path):
    ws = Workspace.open(store_path)
    saved = ws.save(FLOOR)
    # A second, independent connection sees it: the commit happened before save returned.
    with sqlite3.connect(store_path) as other:
        assert other.execute("SELECT delegation FROM interventions WHERE id = ?", (saved.id,)).fetchone() == (
            "Member State A",
        )
    assert ws.store.db.journal_mode == "wal"


def test_revise_keeps_history(ws):
    saved = ws.save(FLOOR | {"key_points": "first"})
    revised = ws.revise(saved.id, key_points="second")
    assert revised.version == 2 and ws.store.get(saved.id).key_points == "second"
    assert [h["action"] for h in ws.store.history.of(saved.id)] == ["insert", "update"]


def test_unchanged_save_writes_no_new_version(ws):
    saved = ws.save(FLOOR)
    assert ws.revise(saved.id).version == 1


def test_delete_is_soft_and_undoable(ws):
    saved = ws.save(FLOOR)
    ws.delete(saved.id, by="R1")
    assert ws.records() == []
    assert ws.undo(by="R1") == f"Undid deletion of #{saved.id}"
    assert [r.id for r in ws.records()] == [saved.id]


def test_undo_walks_back_one_rapporteurs_saves(ws):
    a = ws.save(FLOOR)
    ws.save(FLOOR | {"rapporteur": "R2"})
    ws.revise(a.id, key_points="edited")
    assert ws.undo(by="R1") == f"Undid edit of #{a.id}"
    assert ws.store.get(a.id).key_points == ""
    assert ws.undo(by="R1") == f"Undid save of #{a.id}"
    assert [r.rapporteur for r in ws.records()] == ["R2"]
    with pytest.raises(NotFoundError, match="nothing to undo for rapporteur 'R1'"):
        ws.undo(by="R1")


def test_restore_a_deleted_record(ws):
    saved = ws.save(FLOOR)
    ws.delete(saved.id)
    ws.store.records.restore(saved.id)
    assert ws.store.get(saved.id).delegation == "Member State A"


def test_stale_edit_is_refused(ws):
    saved = ws.save(FLOOR)
    ws.save(saved.to_row() | {"key_points": "R2's edit", "rapporteur": "R2"}, expected_version=1)
    with pytest.raises(ConflictError, match=r"your version 1, stored version 2"):
        ws.save(saved.to_row() | {"key_points": "R1's edit"}, expected_version=1)
    assert ws.store.get(saved.id).key_points == "R2's edit"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"panel": 3}, "panel: panel 3 is not in the programme; panels are 1, 2"),
        ({"questions": "7"}, "questions: panel 1 has no question 7; its questions are 1 to 6"),
        ({"themes": "smuggling"}, "unknown theme 'smuggling'"),
        ({"category": "diplomat"}, "category: unknown category 'diplomat'"),
        ({"delegation": ""}, "delegation: missing; say who took the floor"),
        ({"flags": "urgent"}, "flags: unknown flag 'urgent'"),
        ({"started_at": "2017-09-27T15:00:00"}, "started_at: '2017-09-27T15:00:00' has no UTC offset"),
        (
            {"started_at": "2017-09-27T15:05:00-04:00", "ended_at": "2017-09-27T15:00:00-04:00"},
            "ended_at: 2017-09-27T15:00:00-04:00 is before started_at",
        ),
        ({"duration_s": "-3"}, "duration_s: must be 0 or more, got -3"),
    ],
)
def test_invalid_records_are_refused_and_nothing_is_saved(ws, change, message):
    with pytest.raises(ValidationError) as info:
        ws.save(FLOOR | change)
    assert str(info.value).startswith(message)
    assert ws.records() == []


def test_control_characters_are_cleaned_at_record_time(ws):
    saved = ws.save(FLOOR | {"key_points": "line one\x0bline two\x00\x07", "speaker": "Ms.\tA"})
    assert saved.key_points == "line one\nline two"
    assert saved.speaker == "Ms. A"


def test_group_statement_and_alias(ws):
    saved = ws.save(FLOOR | {"delegation": "belgium", "on_behalf_of": "EU"})
    assert (saved.delegation, saved.on_behalf_of) == ("Belgium", "European Union")


def test_chair_needs_no_delegation(ws):
    saved = ws.save({"panel": 2, "category": "chair"})
    assert saved.delegation == "Qatar"


def test_duration_is_derived_from_times(ws):
    saved = ws.save(FLOOR | {"started_at": "2017-09-27T15:10:00-04:00", "ended_at": "2017-09-27T19:13:05+00:00"})
    assert saved.duration_s == 185


def test_newer_schema_is_refused(store_path):
    with sqlite3.connect(store_path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99, newer than this hlmnotes"):
        Workspace.open(store_path)


def test_uninitialised_named_store_is_not_created(tmp_path):
    with pytest.raises(StoreError, match="does not exist; run `hlmnotes --store"):
        Workspace.open(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


_WRITER = textwrap.dedent(
    """
    import sys
    from hlmnotes import Workspace
    ws = Workspace.open(sys.argv[1])
    for i in range(int(sys.argv[3])):
        ws.save({"panel": 1, "delegation": "Member State A", "category": "member_state",
                 "rapporteur": sys.argv[2], "key_points": str(i)})
    """
)


def _write_concurrently(target: str, processes: int, saves: int) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, target, f"R{n}", str(saves)], stderr=subprocess.PIPE)
        for n in range(processes)
    ]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * processes, errors
    with Workspace.open(target) as ws:
        records = ws.records()
    assert len(records) == processes * saves
    assert sorted(r.seq for r in records) == list(range(1, processes * saves + 1))


def test_two_processes_write_one_sqlite_store_without_losing_a_save(store_path):
    _write_concurrently(str(store_path), 2, 60)


def test_four_rapporteurs_write_one_postgresql_store(postgres_store):
    Workspace.open(postgres_store, create=True).close()
    _write_concurrently(postgres_store, 4, 250)


def test_saving_an_inscribed_speaker_takes_them_off_the_queue_and_clears_the_draft_at_once(ws):
    ws.store.replace_speakers(1, [SpeakerEntry("Member State A", "member_state")])
    ws.store.drafts.save("R1/panel1", {"delegation": "Member State A"})
    with pytest.raises(ValidationError):
        ws.save(FLOOR | {"questions": "9"}, inscribed=1, draft="R1/panel1")
    assert ws.store.speakers(1)[0].taken_by is None
    assert ws.store.drafts.get("R1/panel1") == {"delegation": "Member State A"}
    saved = ws.save(FLOOR, inscribed=1, draft="R1/panel1")
    assert ws.store.speakers(1)[0].taken_by == saved.id
    assert ws.store.drafts.get("R1/panel1") is None


UNDO_6 = ("DROP INDEX interventions_entry", "ALTER TABLE interventions DROP COLUMN entry",
          "DELETE FROM meta WHERE key IN ('programme_version', 'store_id')")  # fmt: skip


def as_schema_5(db) -> None:
    """What schema 6 added, taken away again: a store as the last release wrote it."""
    for statement in UNDO_6:
        db.execute(statement)


def test_a_version_1_store_is_migrated_forward_keeping_its_records(store_path):
    with Workspace.open(store_path) as ws:
        saved = ws.save(FLOOR | {"key_points": "kept"})
    with sqlite3.connect(store_path) as db:  # what a store written by the first release looks like
        as_schema_5(db)
        db.execute("DROP TABLE rejected_groups")
        db.execute("DROP TABLE settings")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Workspace.open(store_path) as ws:
        assert ws.store.db.meta("schema_version") == str(SCHEMA_VERSION)
        assert ws.store.get(saved.id).key_points == "kept"
        assert ws.store.rejected_groups(1) == []


def test_a_version_2_store_keeps_the_remembered_rapporteur_in_its_settings(store_path):
    with sqlite3.connect(store_path) as db:  # a store of an earlier release: the name among the drafts
        as_schema_5(db)
        db.execute("DROP TABLE settings")
        db.execute("INSERT INTO drafts VALUES ('settings/rapporteur', '{\"name\": \"Ana Silva\"}', '2017-09-27')")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Workspace.open(store_path) as ws:
        assert ws.remembered_rapporteur() == "Ana Silva"
        assert ws.draft("settings/rapporteur") is None and ws.store.db.meta("schema_version") == str(SCHEMA_VERSION)
        ws.remember_rapporteur("  Ben   Okafor ")
    with Workspace.open(store_path) as ws:
        assert ws.remembered_rapporteur() == "Ben Okafor"


def test_a_version_3_stores_absent_marks_move_out_of_the_drafts(store_path, tmp_path):
    speakers = tmp_path / "speakers.csv"
    speakers.write_text("order,delegation\n1,Belgium\n2,Qatar\n", encoding="utf-8")
    with Workspace.open(store_path) as ws:
        ws.speakers.import_file(speakers, 1)
    with sqlite3.connect(store_path) as db:  # an earlier release kept the marks among the drafts
        as_schema_5(db)
        db.execute("INSERT INTO drafts VALUES ('absent/panel1', '{\"positions\": [1]}', '2017-09-27')")
        db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with Workspace.open(store_path) as ws:
        assert [(s.delegation, s.absent) for s in ws.speakers.queue(1)] == [("Belgium", True), ("Qatar", False)]
        assert ws.draft("absent/panel1") is None
        ws.keep_draft("absent/panel1", {"form": {"delegation": "Qatar"}})  # a rapporteur who typed "absent"
        assert [s.absent for s in ws.speakers.queue(1)] == [True, False]


def test_a_version_4_postgresql_store_has_its_history_followed_by_transaction(postgres_store):
    import psycopg

    from hlmnotes.storage.live import PanelView

    with Workspace.open(postgres_store, create=True) as ws:
        kept = ws.save(FLOOR | {"key_points": "kept"})
    with psycopg.connect(postgres_store, autocommit=True) as db:  # an earlier release's history: no txid
        as_schema_5(db)
        db.execute("ALTER TABLE history DROP COLUMN txid")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Workspace.open(postgres_store) as ws:
        assert ws.store.db.meta("schema_version") == str(SCHEMA_VERSION)
        view = PanelView(ws.store, 1)
        assert view.records() == [kept] and ws.revision() == 0  # the rows written before: as old as any
        assert not view.refresh()
        saved = ws.save(FLOOR | {"key_points": "new"})
        assert view.refresh() and view.records() == [kept, saved] and ws.revision() > 0
        assert ws.undo(by="R1") == f"Undid save of #{saved.id}"
        assert view.refresh() and view.records() == [kept]


def test_rejected_groups_are_kept(ws):
    members = (PointKey(1, "key_point", "a"),)
    ws.store.reject_point_group(1, members, by="R1")
    assert [g.members for g in ws.store.rejected_groups(1)] == [members]
    assert ws.store.rejected_groups(2) == []


def test_reimporting_a_speakers_list_does_not_queue_again_those_who_spoke(ws):
    entries = [SpeakerEntry(f"Member State {x}", "member_state") for x in "ABC"]
    ws.store.replace_speakers(1, entries)
    saved = ws.save(FLOOR | {"delegation": "Member State A"}, inscribed=1)
    skipped = ws.store.replace_speakers(1, [*entries, SpeakerEntry("Member State D", "member_state")])
    assert skipped == 1
    queue = [(s.delegation, s.taken_by) for s in ws.store.speakers(1)]
    assert queue == [("Member State A", saved.id), ("Member State B", None), ("Member State C", None), ("Member State D", None)]


def test_undo_entry_says_what_was_reversed_and_the_record_stays_readable(ws):
    saved = ws.save(FLOOR | {"key_points": "typed with care"})
    undone = ws.undo_entry(by="R1")
    assert (undone.action, undone.intervention_id) == ("insert", saved.id)
    assert ws.store.get(saved.id, deleted=True).key_points == "typed with care"
    with pytest.raises(NotFoundError):
        ws.store.get(saved.id)


def test_a_postgresql_server_older_than_13_is_refused_in_one_line(postgres_store, monkeypatch):
    import hlmnotes.storage.backends as backends

    monkeypatch.setattr(backends, "OLDEST_POSTGRESQL", 10_000_000)  # this server plays one too old
    with pytest.raises(StoreError, match=r"is too old; hlmnotes needs PostgreSQL 1000 or newer"):
        Workspace.open(postgres_store)
