"""Findings of an adversarial review that are about the store itself: how it is named on screen, which
commands may create its tables, and what a live view reads. (Bad files are in test_bad_input.py, merges
in test_merge.py, the Recorder's drafts in test_widgets_recorder.py.)"""

from __future__ import annotations

import html
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.storage.backends import store_label
from hlmnotes.storage.store import Store
from hlmnotes.widgets import MeetingView

from .conftest import PROGRAMME

SECRET = "S3cret-pw"


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("postgresql://postgres:S3cret@db.example:5432/hlm", "postgresql://postgres:***@db.example:5432/hlm"),
        ("postgresql://:S3cret@db.example/hlm", "postgresql://:***@db.example/hlm"),
        ("postgresql://u@db.example/hlm?password=S3cret&sslmode=require",
         "postgresql://u@db.example/hlm?password=***&sslmode=require"),
        ("postgresql://u@db.example/hlm?PassWord=S3cret", "postgresql://u@db.example/hlm?PassWord=***"),
        ("postgresql://u:S3c%40ret@db.example/hlm", "postgresql://u:***@db.example/hlm"),
        ("postgresql://u:S3c@ret@db.example/hlm", "postgresql://u:***@db.example/hlm"),
        ("postgresql://u:S3cret@[db.example/hlm", "postgresql://***"),
        ("postgresql://u@db.example/hlm?options=-csearch_path%3Dx", "postgresql://u@db.example/hlm?options=-csearch_path%3Dx"),
        ("workspace/hlm2017.sqlite", "workspace/hlm2017.sqlite"),
    ],
)  # fmt: skip
def test_a_store_is_named_without_its_password(target, shown):
    assert store_label(target) == shown


def _with_secret(url: str, where: str) -> str:
    """The test server's URL with a password it ignores (trust authentication), in the user part or the query."""
    parts = urlsplit(url)
    if where == "user":
        netloc = parts.netloc.replace("postgres@", f"postgres:{SECRET}@", 1)
        return urlunsplit(parts._replace(netloc=netloc))
    return urlunsplit(parts._replace(query=f"{parts.query}&password={SECRET}"))


def _tables(url: str) -> set[str]:
    with psycopg.connect(url, autocommit=True) as db:
        rows = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("where", ["user", "query"])
def test_no_password_reaches_the_screen(postgres_store, capsys, where):
    url = _with_secret(postgres_store, where)
    # A read command on an empty database: refused, and the message names the store without its password.
    assert main(["--store", url, "stats"]) == 2
    out, err = capsys.readouterr()
    assert SECRET not in out + err and err.startswith("error: store postgresql://") and err.count("\n") == 1
    # init says where it initialised the meeting, without the password.
    assert main(["--store", url, "init", "--programme", str(PROGRAMME)]) == 0
    out, err = capsys.readouterr()
    assert SECRET not in out + err and out.startswith(f"Initialised {store_label(url)} for hlm2017")
    # The meeting notebook shows which store it works on.
    ws = Workspace.open(url)
    view = MeetingView(ws)
    assert SECRET not in view.store_label.value and html.escape(store_label(url)) in view.store_label.value
    ws.close()


def test_a_store_without_a_programme_is_named_once_without_its_password(postgres_store, capsys):
    url = _with_secret(postgres_store, "user")
    Store(url, create=True).close()  # the tables, but no meeting: an init that stopped half-way
    assert main(["--store", url, "stats"]) == 2
    err = capsys.readouterr().err
    label = store_label(url)
    assert err == f"error: store {label} has no programme yet; run `hlmnotes --store {label} init --programme FILE`\n"
    assert SECRET not in err


def test_a_server_that_refuses_is_named_without_the_password(capsys):
    url = f"postgresql://postgres:{SECRET}@127.0.0.1:1/hlm?password={SECRET}&connect_timeout=2"
    assert main(["--store", url, "stats"]) == 2
    err = capsys.readouterr().err
    assert SECRET not in err and err.startswith("error: store postgresql://postgres:***@127.0.0.1:1/hlm?password=***")


# -- only init creates a schema -------------------------------------------------------------------

READ_COMMANDS = [["stats"], ["export", "--format", "json"], ["programme", "show"], ["groups", "list"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_an_empty_postgresql_database_creates_nothing(postgres_store, capsys, command):
    assert main(["--store", postgres_store, *command]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: store {store_label(postgres_store)} is empty: it has no hlmnotes tables; create them with"
        f" `hlmnotes --store {store_label(postgres_store)} init --programme FILE`, or name another store\n"
    )
    assert _tables(postgres_store) == set()


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_an_empty_sqlite_file_leaves_it_empty(tmp_path, capsys, command):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert main(["--store", str(empty), *command]) == 2
    assert capsys.readouterr().err.startswith(f"error: store {empty} is empty: it has no hlmnotes tables;")
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]


def test_init_still_creates_the_schema_of_an_empty_database(postgres_store, tmp_path, capsys):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for target in (postgres_store, str(empty)):
        assert main(["--store", target, "init", "--programme", str(PROGRAMME)]) == 0
        assert main(["--store", target, "stats"]) == 0
    assert {"meta", "interventions", "history"} <= _tables(postgres_store)
    capsys.readouterr()


# -- a live view never misses a save ---------------------------------------------------------------


def test_a_save_committed_while_a_view_refreshes_is_shown_by_the_next_refresh(any_ws):
    """Another rapporteur's save lands while the view reads the changed rows and the revision."""
    from hlmnotes.storage.live import PanelView

    other = Workspace.open(any_ws.store.db.target)
    view = PanelView(any_ws.store, 1)
    backend = any_ws.store.db._backend
    plain = backend.execute
    saved = []

    def execute(statement, params=None):
        result = plain(statement, params)
        if statement == backend.sql.changes_of_panel and not saved:
            result = list(result.fetchall())  # the rows as read before the other save
            saved.append(other.save({"panel": 1, "delegation": "Member State A", "category": "member_state"}))
            return _Rows(result)
        return result

    backend.execute = execute
    try:
        view.refresh()
        view.refresh()
    finally:
        backend.execute = plain
        other.close()
    assert [r.id for r in view.records()] == [saved[0].id] == [r.id for r in any_ws.records(1)]


class _Rows:
    def __init__(self, rows: list) -> None:
        self.rows = rows

    def fetchall(self) -> list:
        return self.rows
