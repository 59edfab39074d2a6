"""A PostgreSQL store whose connection is cut (a server restart) opens it again on the next action."""

from __future__ import annotations

from hlmnotes import Workspace

from .conftest import PROGRAMME


def cut(ws: Workspace, postgres_url: str) -> None:
    """End the store's server session from outside, as a server restart does."""
    import psycopg

    pid = ws.store.db._backend.connection.info.backend_pid
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_the_next_save_and_read_after_a_cut_connection_work(postgres_store, postgres_url):
    with Workspace.init(postgres_store, PROGRAMME) as ws:
        ws.save({"panel": 1, "delegation": "Belgium", "category": "member_state"})
        cut(ws, postgres_url)
        ws.save({"panel": 1, "delegation": "Qatar", "category": "member_state"})  # a write first
        cut(ws, postgres_url)
        assert [r.delegation for r in ws.records(1)] == ["Belgium", "Qatar"]  # a read first
        cut(ws, postgres_url)
        assert ws.record(1).delegation == "Belgium"


def test_the_recorder_saves_after_the_server_came_back(postgres_store, postgres_url):
    from hlmnotes.widgets import Recorder

    with Workspace.init(postgres_store, PROGRAMME) as ws:
        recorder = Recorder(ws, rapporteur="Rapporteur 1", ticking=False)
        recorder.pad.edit(delegation="Belgium")
        cut(ws, postgres_url)
        recorder.pad.edit(key_points="stressed prevention")  # the draft is kept over a new connection
        recorder.pad.press("save")
        assert recorder.status.text.startswith("Saved #1 · Belgium")
        assert [r.key_points for r in ws.records(1)] == ["stressed prevention"]
