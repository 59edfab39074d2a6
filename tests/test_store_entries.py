"""One speech, one record; saves checked against the programme the store holds; the store's identity (issue 24).

Headless, over SQLite and PostgreSQL: the Recorder's entry identity kept with its record and unique, so a
second tab's save or draft of a saved entry is refused by the store itself; a workspace opened before a
``programme update`` validates its save again against the updated programme inside the save's transaction,
exactly as a fresh one would; schema 6 migrates a schema-5 store forward and ``merge`` still reads one;
the browser's copy of unsaved text is keyed by the store's identity, not its path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.errors import AlreadySaved, ProgrammeChanged, ValidationError
from hlmnotes.storage.schema import SCHEMA_VERSION
from hlmnotes.widgets import Recorder

from .conftest import PROGRAMME
from .test_store import as_schema_5

FLOOR = {"panel": 1, "delegation": "Member State A", "category": "member_state", "rapporteur": "R1"}
Q6 = re.compile(r"\[\[panels\.questions\]\]\nnumber = 6\n.*?\n\n", re.S)


def without_question_6(folder: Path) -> Path:
    """The 2017 programme with panel 1's question 6 taken out (applied while no record answers it)."""
    text = PROGRAMME.read_text(encoding="utf-8")
    assert len(Q6.findall(text)) == 1
    path = folder / "programme.toml"
    path.write_text(Q6.sub("", text), encoding="utf-8")
    (folder / "codebook.toml").write_text((PROGRAMME.parent / "codebook.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


# -- one entry, one record ---------------------------------------------------------------------------


def test_an_entry_saved_once_is_refused_a_second_time_and_as_a_draft(any_ws: Workspace) -> None:
    first = any_ws.save(FLOOR | {"key_points": "noted A"}, draft="R1/panel1", entry="entry-1")
    with pytest.raises(AlreadySaved) as refused:
        any_ws.save(FLOOR | {"key_points": "noted A\nand more"}, draft="R1/panel1", entry="entry-1")
    assert refused.value.intervention_id == first.id
    assert str(refused.value).startswith(f"Already saved as #{first.id} in another tab")
    assert f"Edit #{first.id} to add to it" in str(refused.value)
    with pytest.raises(AlreadySaved):
        any_ws.keep_draft("R1/panel1", {"form": {"delegation": "Member State A"}}, entry="entry-1")
    assert any_ws.draft("R1/panel1") is None and [r.id for r in any_ws.records()] == [first.id]
    assert any_ws.saved_as("entry-1") == first.id and any_ws.saved_as("entry-2") is None
    second = any_ws.save(FLOOR | {"key_points": "noted B"}, entry="entry-2")  # the next speaker's entry
    assert [r.id for r in any_ws.records()] == [first.id, second.id]


# -- the programme a save is validated against ---------------------------------------------------------


def test_a_workspace_opened_before_a_programme_update_is_refused_as_a_fresh_one(store_path: Path, tmp_path: Path) -> None:
    stale = Workspace.open(store_path)  # the Recorder's kernel, open since the morning
    assert main(["--store", str(store_path), "programme", "update", str(without_question_6(tmp_path))]) == 0
    with Workspace.open(store_path) as fresh, pytest.raises(ValidationError) as fresh_refusal:
        fresh.save(FLOOR | {"questions": "6"})
    with pytest.raises(ValidationError) as stale_refusal:
        stale.save(FLOOR | {"questions": "6"})
    assert str(stale_refusal.value) == str(fresh_refusal.value)
    assert [q.number for q in stale.programme.panel(1).questions] == [1, 2, 3, 4, 5]  # read again
    saved = stale.save(FLOOR | {"questions": "5"})
    with Workspace.open(store_path) as fresh:
        assert [r.id for r in fresh.records()] == [saved.id] and fresh.mismatches() == []
    stale.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_store_refuses_a_write_validated_against_another_programme_version(kind, tmp_path, request) -> None:
    target = str(tmp_path / "m.sqlite") if kind == "sqlite" else request.getfixturevalue("postgres_store")
    with Workspace.open(target, create=True) as ws:
        record = ws.validate(FLOOR)
        assert ws.programme_version == 1
        with pytest.raises(ProgrammeChanged) as changed:
            ws.store.records.insert(record, programme=2)
        assert changed.value.version == 1 and ws.records() == []
        ws.update_programme(PROGRAMME)  # the same file: still a new version
        assert ws.programme_version == 2 and ws.store.db.meta("programme_version") == "2"
        with pytest.raises(ProgrammeChanged):
            ws.store.records.apply([record], [], programme=1)
        assert ws.records() == []


def test_an_update_elsewhere_is_followed_warned_like_a_fresh_workspace(store_path: Path) -> None:
    stale = Workspace.open(store_path)
    held = PROGRAMME.parent / "programme-as-held.toml"
    assert main(["--store", str(store_path), "programme", "update", str(held)]) == 0
    podium = {"panel": 1, "category": "panellist", "speaker": "Phumzile Mlambo-Ngcuka", "delegation": "UN Women",
              "rapporteur": "R1"}  # fmt: skip
    record = stale.save(podium)
    with Workspace.open(store_path) as fresh:
        assert stale.mismatch(record) == fresh.mismatch(record) is not None  # the programme as held lists Dr. Sen
    stale.close()


# -- schema 6 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_schema_5_store_migrates_forward(kind, tmp_path, request) -> None:
    target = str(tmp_path / "m.sqlite") if kind == "sqlite" else request.getfixturevalue("postgres_store")
    with Workspace.open(target, create=True) as ws:
        kept = ws.save(FLOOR | {"key_points": "kept"})
        first_id = ws.store_id
    if kind == "sqlite":
        with closing(sqlite3.connect(target)) as db, db:
            as_schema_5(db)
            db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    else:
        import psycopg

        with psycopg.connect(target, autocommit=True) as db:
            as_schema_5(db)
            db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with Workspace.open(target) as ws:
        assert ws.store.db.meta("schema_version") == str(SCHEMA_VERSION) == "6"
        assert ws.records() == [kept] and ws.programme_version == 1
        assert re.fullmatch(r"[0-9a-f]{32}", ws.store_id) and ws.store_id != first_id
        saved = ws.save(FLOOR, entry="e")
        with pytest.raises(AlreadySaved):
            ws.save(FLOOR, entry="e")
        assert [r.id for r in ws.records()] == [kept.id, saved.id]


def test_merge_reads_a_laptop_store_of_schema_5_without_migrating_it(store_path: Path, tmp_path: Path) -> None:
    laptop = tmp_path / "laptop.sqlite"
    Workspace.init(laptop, PROGRAMME).close()
    with Workspace.open(laptop) as ws:
        ws.save(FLOOR | {"key_points": "recorded offline"})
    with closing(sqlite3.connect(laptop)) as db, db:
        as_schema_5(db)
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    before = hashlib.sha256(laptop.read_bytes()).hexdigest()
    with Workspace.open(store_path) as ws:
        result = ws.merge(laptop)
        assert result.added == 1 and [r.key_points for r in ws.records()] == ["recorded offline"]
    assert hashlib.sha256(laptop.read_bytes()).hexdigest() == before
    with closing(sqlite3.connect(laptop)) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "5"


# -- the browser's copy, keyed by the store's identity -----------------------------------------------------


def test_the_browsers_copy_follows_the_store_not_its_path(tmp_path: Path) -> None:
    path = tmp_path / "meeting.sqlite"
    now = lambda: dt.datetime(2017, 9, 27, 15, 47, tzinfo=ZoneInfo("America/New_York"))  # noqa: E731
    with Workspace.open(path, create=True) as ws:
        first = Recorder(ws, rapporteur="R1", now=now, ticking=False).pad.storage_key
        assert first == f"hlmnotes/{ws.store_id}/R1/panel1"
    for name in ("meeting.sqlite", "meeting.sqlite-wal", "meeting.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with Workspace.open(path, create=True) as ws:  # a new store at the same path
        second = Recorder(ws, rapporteur="R1", now=now, ticking=False).pad.storage_key
    assert second != first and second.endswith("/R1/panel1")
    with Workspace.open(path) as ws:  # the same store opened again: the same key
        assert Recorder(ws, rapporteur="R1", now=now, ticking=False).pad.storage_key == second
