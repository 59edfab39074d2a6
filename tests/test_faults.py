"""Faults a live meeting meets: a killed kernel, rapporteurs saving at once, damaged or foreign files,
a read-only folder, a full disk. What a save confirmed must survive; nothing else may be overwritten."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from hlmnotes import StoreError, Workspace
from hlmnotes.cli import main
from hlmnotes.io.demo import demo_rows
from hlmnotes.storage.schema import SCHEMA_VERSION

from .conftest import PROGRAMME

CHILD = Path(__file__).resolve().parent / "helpers_faults.py"
FLOOR = {"panel": 1, "delegation": "Member State A", "category": "member_state", "rapporteur": "R1"}


def _child(store: Path, label: str, count: int, mode: str = "save") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(store), label, str(count), mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _dump(path: Path) -> str:
    """Everything the store holds (records, history, speakers, programme), as SQL text."""
    with sqlite3.connect(path) as db:
        return "\n".join(db.iterdump())


def _digest(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` by name and SHA-256: nothing may change, appear or go. SQLite's shared-memory
    index and an empty write-ahead log, which come and go with connections, hold no data and do not count."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    err = capsys.readouterr().err
    return status, err


def _one_error_line(err: str) -> str:
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


# -- a kernel killed while saving -----------------------------------------------------------------


def test_every_confirmed_save_survives_sigkill(store_path):
    rng = random.Random(20170927)
    confirmed: dict[int, str] = {}
    for round_ in range(20):
        label = f"round {round_}"
        child = _child(store_path, label, 0)
        assert child.stdout.readline() == "ready\n", child.stderr.read()
        # Kill at a random moment of the save loop: mid-transaction, mid-commit or between saves.
        threshold = rng.randint(0, 40)
        seen = 0
        while seen < threshold:
            line = child.stdout.readline()
            confirmed[int(line)] = label
            seen += 1
        time.sleep(rng.random() / 1000)
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        # A line cut short by the kill was never fully printed, so never confirmed.
        for line in out.splitlines(keepends=True):
            if line.endswith("\n"):
                confirmed[int(line)] = label
    ws = Workspace.open(store_path)
    assert ws.store.db.integrity() == "ok"
    for intervention_id, label in confirmed.items():
        assert ws.store.get(intervention_id).key_points.startswith(label + " ")
    assert len(confirmed) >= 20
    # The store takes new saves after all that.
    assert ws.save(FLOOR).id > max(confirmed)


# -- rapporteurs saving at once -------------------------------------------------------------------


def test_four_processes_save_250_each_into_one_store(store_path):
    children = [_child(store_path, f"R{n}", 250) for n in range(1, 5)]
    results = [child.communicate(timeout=120) for child in children]
    for child, (_, err) in zip(children, results, strict=True):
        assert child.returncode == 0 and err == "", err
    labels = ("R1", "R2", "R3", "R4")
    ids = {label: [int(x) for x in out.split()[1:]] for label, (out, _) in zip(labels, results, strict=True)}
    assert sum(len(v) for v in ids.values()) == 1000
    ws = Workspace.open(store_path)
    stored = {r.id: r for r in ws.records()}
    assert len(stored) == 1000 and {i for v in ids.values() for i in v} == set(stored)
    for label, numbers in ids.items():
        assert [stored[i].key_points for i in numbers] == [f"{label} {n}" for n in range(250)]
    # Speaking order within each panel stays a sequence without gaps or repeats.
    for panel in (1, 2):
        assert sorted(r.seq for r in stored.values() if r.panel == panel) == list(range(1, 501))
    assert ws.store.db.integrity() == "ok"


def test_two_processes_edit_and_delete_at_once(store_path):
    children = [_child(store_path, label, 60, "edit") for label in ("R1", "R2")]
    results = [child.communicate(timeout=120) for child in children]
    for child, (_, err) in zip(children, results, strict=True):
        assert child.returncode == 0 and err == "", err
    ws = Workspace.open(store_path)
    live = {r.id: r for r in ws.records()}
    for label, (out, _) in zip(("R1", "R2"), results, strict=True):
        lines = [line.split() for line in out.splitlines()[1:]]
        assert len(lines) == 60
        for n, (text_id, state) in enumerate(lines):
            intervention_id = int(text_id)
            actions = [h["action"] for h in ws.store.history.of(intervention_id)]
            if state == "deleted":
                assert intervention_id not in live and actions == ["insert", "update", "delete"]
            else:
                record = live[intervention_id]
                assert (record.key_points, record.version, actions) == (f"{label} {n} revised", 2, ["insert", "update"])
    # Undo is per rapporteur: R1's undo takes back R1's last edit, whatever R2 did since.
    r1_last = int(results[0][0].split()[-2])
    assert ws.undo(by="R1") == f"Undid edit of #{r1_last}"
    assert ws.store.get(r1_last).key_points == "R1 59"


# -- damaged or foreign files ---------------------------------------------------------------------


def _damaged(tmp_path: Path, kind: str) -> Path:
    """A file in its own folder that is not a usable store, made the way it happens in life."""
    folder = tmp_path / kind
    folder.mkdir()
    target = folder / "meeting.sqlite"
    if kind == "random-bytes":
        target.write_bytes(random.Random(1).randbytes(8192))
    elif kind == "csv-given-as-store":
        target = folder / "interventions.csv"
        target.write_text("panel,delegation\n1,Member State A\n", encoding="utf-8")
    elif kind == "foreign-sqlite":
        with sqlite3.connect(target) as db:
            db.execute("CREATE TABLE budget (line TEXT, amount REAL)")
            db.execute("INSERT INTO budget VALUES ('interpretation', 1200.5)")
        db.close()
    else:
        ws = Workspace.init(target, PROGRAMME)
        ws.store.apply([ws.validate(row) for row in demo_rows(ws.programme, 40)], [])
        root = ws.store.db.read("SELECT rootpage FROM sqlite_master WHERE name = 'interventions'")[0][0]
        page = ws.store.db.read("PRAGMA page_size")[0][0]
        ws.close()
        data = bytearray(target.read_bytes())
        if kind == "truncated":
            data = data[: len(data) // 2]
        elif kind == "damaged-page":
            # The interventions table's root page overwritten: the programme is still readable.
            data[(root - 1) * page : root * page] = random.Random(2).randbytes(page)
        elif kind == "newer-schema":
            target.write_bytes(data)
            with sqlite3.connect(target) as db:
                db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
            db.close()
            data = bytearray(target.read_bytes())
        target.write_bytes(bytes(data))
    return target


DAMAGED_FILE = "the file is damaged: keep a copy of it and restore the latest backup"
DAMAGED = {
    "truncated": f"store {{store}} cannot be opened: database disk image is malformed; {DAMAGED_FILE}",
    # The programme still reads, so the damage shows when the interventions are read or written.
    "damaged-page": f"store {{store}} cannot be read: database disk image is malformed; {DAMAGED_FILE}",
    "random-bytes": "store {store} cannot be opened: file is not a database; is it an hlmnotes store?",
    "csv-given-as-store": "store {store} cannot be opened: file is not a database; is it an hlmnotes store?",
    "foreign-sqlite": "store {store} is a database but not an hlmnotes store; name another store",
    "newer-schema": "store {store} has schema version 99, newer than this hlmnotes ({version}); upgrade hlmnotes to open it",
}
DAMAGED_WRITE = (
    "store {store}: the write failed and was undone (database disk image is malformed); nothing was saved;"
    f" {DAMAGED_FILE}"
)
COMMANDS = {
    "stats": ["stats"],
    "export": ["export", "--format", "json", "-o", "{folder}/out.json"],
    "add": ["add", "--panel", "1", "--delegation", "Member State A", "--key-points", "x"],
    "import": ["import", "{data}/bad/interventions-utf8-bom.csv"],
    "init": ["init", "--programme", str(PROGRAMME)],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", DAMAGED)
def test_damaged_or_foreign_store_gives_one_error_and_is_left_alone(tmp_path, capsys, kind, command):
    store = _damaged(tmp_path, kind)
    before = _digest(store.parent)
    args = [a.format(folder=store.parent, data=Path(__file__).parent / "data") for a in COMMANDS[command]]
    status, err = _run(capsys, "--store", str(store), *args)
    assert status == 2
    expected = (
        DAMAGED_WRITE if (kind, command) in {("damaged-page", "add"), ("damaged-page", "import")} else DAMAGED[kind]
    )
    assert _one_error_line(err) == f"error: {expected.format(store=store, version=SCHEMA_VERSION)}"
    assert _digest(store.parent) == before


# -- a read-only folder or file -------------------------------------------------------------------


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
# Reading past permissions, never writing: for a checkout nobody could otherwise read (root's home, a
# 0700 mktemp folder). Writes are still checked as nobody's, which is what these tests are about.
READ_ANYTHING = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]


def _nobody(cwd: Path) -> list[str]:
    """How to run a command as nobody with this Python and this checkout importable, or skip saying why."""
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is missing to drop to another user")
    probe = [sys.executable, "-c", "import hlmnotes.cli"]
    for prefix in (NOBODY, [*NOBODY, *READ_ANYTHING]):
        if subprocess.run([*prefix, *probe], cwd=cwd, capture_output=True, timeout=60).returncode == 0:
            return prefix
    pytest.skip(
        f"running as root from {Path(__file__).parent.parent}, which user nobody cannot read, and setpriv cannot"
        " lend it the capability to read it: clone the project under a folder other users can enter to run this test"
    )


def _as_other_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run the CLI as a user who may not write there; root may write anywhere, so it runs as nobody."""
    prefix = _nobody(cwd) if os.geteuid() == 0 else []
    command = [*prefix, sys.executable, "-m", "hlmnotes", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def shared_tmp():
    """A folder another user can enter (pytest's own temporary folders are private to their owner)."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder
        for path in folder.rglob("*"):
            path.chmod(0o755)


READ_ONLY = {
    ("read-only file", "stats"): None,  # reading a read-only store works
    ("read-only file", "add"): "store {store}: the write failed and was undone (attempt to write a readonly database);"
    " nothing was saved; check that you may write to the file and its folder",
    ("read-only folder", "add"): "store {store} cannot be opened: attempt to write a readonly database;"
    " check that you may write to the file and its folder",
    ("read-only folder", "init"): "store {store} cannot be opened: unable to open database file;"
    " check that you may write to the file and its folder",
}


@pytest.mark.parametrize(("case", "command"), READ_ONLY)
def test_read_only_store_gives_one_error_and_is_left_alone(shared_tmp, case, command):
    folder = shared_tmp / "meeting"
    folder.mkdir()
    store = folder / ("new.sqlite" if command == "init" else "meeting.sqlite")
    if command != "init":
        ws = Workspace.init(store, PROGRAMME)
        ws.save(FLOOR)
        ws.close()
    if os.geteuid() == 0:  # the folder and file belong to the user the CLI runs as
        for path in (folder, *folder.iterdir()):
            os.chown(path, 65534, 65534)
    if case == "read-only file":
        store.chmod(0o444)
    else:
        folder.chmod(0o555)
    before = _digest(folder)
    result = _as_other_user(["--store", str(store), *COMMANDS[command]], shared_tmp)
    expected = READ_ONLY[case, command]
    if expected is None:
        assert (result.returncode, result.stderr) == (0, "") and "hlm2017: 1 interventions" in result.stdout
    else:
        assert result.returncode == 2
        assert _one_error_line(result.stderr) == f"error: {expected.format(store=store)}"
    assert _digest(folder) == before


# -- a full disk ----------------------------------------------------------------------------------


def _fill_limit(ws: Workspace, spare: int = 0) -> None:
    """Cap the file at its current size plus ``spare`` pages, as a full disk would."""
    pages = ws.store.db._db.execute("PRAGMA page_count").fetchone()[0]
    ws.store.db._db.execute(f"PRAGMA max_page_count = {pages + spare}")


def test_full_disk_refuses_the_save_and_keeps_everything_else(store_path):
    ws = Workspace.open(store_path)
    _fill_limit(ws, spare=2)
    saved = []
    with pytest.raises(StoreError) as info:
        for n in range(500):
            saved.append(ws.save(FLOOR | {"key_points": f"point {n} " + "x" * 400}).id)
    assert str(info.value) == (
        f"store {store_path}: the write failed and was undone (database or disk is full); nothing was saved;"
        " free some disk space, then try again"
    )
    assert not ws.store.db._db.in_transaction
    assert saved
    again = Workspace.open(store_path)
    assert [r.id for r in again.records()] == saved and again.store.db.integrity() == "ok"
    # Space again: the same workspace saves without being reopened.
    ws.store.db._db.execute("PRAGMA max_page_count = 1073741823")
    assert ws.save(FLOOR).id == saved[-1] + 1


def test_full_disk_through_the_cli(store_path, capsys, monkeypatch):
    ws = Workspace.open(store_path)
    ws.save(FLOOR)
    ws.close()
    before = _dump(store_path)
    opened = Workspace.open

    def open_on_a_full_disk(*args, **kwargs):
        workspace = opened(*args, **kwargs)
        _fill_limit(workspace)
        return workspace

    monkeypatch.setattr(Workspace, "open", open_on_a_full_disk)
    note = "y" * 10_000  # needs pages the file may not grow by
    status, err = _run(capsys, "--store", str(store_path), "add", "--panel", "1", "--delegation", "Member State B",
                       "--key-points", note)  # fmt: skip
    assert status == 2
    assert _one_error_line(err) == (
        f"error: store {store_path}: the write failed and was undone (database or disk is full); nothing was saved;"
        " free some disk space, then try again"
    )
    assert _dump(store_path) == before
