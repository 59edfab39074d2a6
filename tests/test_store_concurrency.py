"""PostgreSQL saves run side by side without giving up a guarantee: seq numbering per panel, a live view
that misses no save, and a stale edit refused even when both edits race."""

from __future__ import annotations

import threading

from hlmnotes import ConflictError, Workspace
from hlmnotes.storage.live import PanelView


def _race(target: str, jobs) -> list[BaseException]:
    """Run each job(workspace) in a thread of its own, all released at once; the errors they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(job) -> None:
        with Workspace.open(target) as ws:
            start.wait()
            try:
                job(ws)
            except BaseException as exc:  # noqa: BLE001 -- collected for the assertion
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_side_by_side_saves_number_each_panel_and_a_live_view_misses_none(postgres_store):
    Workspace.open(postgres_store, create=True).close()
    watcher = Workspace.open(postgres_store)
    views = {panel: PanelView(watcher.store, panel) for panel in (1, 2)}
    done = threading.Event()

    def follow(_ws) -> None:  # refreshes while the saves commit, as the Recorder's poll does
        while not done.is_set():
            for view in views.values():
                view.refresh()

    def saves(panel: int, name: str):
        def job(ws) -> None:
            for i in range(40):
                ws.save({"panel": panel, "delegation": "Member State A", "category": "member_state",
                         "rapporteur": name, "key_points": f"{name} {i}"})  # fmt: skip
        return job

    follower = threading.Thread(target=follow, args=(None,))
    follower.start()
    try:
        errors = _race(postgres_store, [saves(1, "R1"), saves(1, "R2"), saves(2, "R3"), saves(2, "R4")])
    finally:
        done.set()
        follower.join()
    assert errors == []
    for panel, view in views.items():
        view.refresh()
        stored = watcher.records(panel)
        assert sorted(r.seq for r in stored) == list(range(1, 81))
        assert view.records() == stored
    watcher.close()


def test_two_stale_edits_racing_one_is_refused(postgres_store):
    with Workspace.open(postgres_store, create=True) as ws:
        record = ws.save({"panel": 1, "delegation": "Member State A", "category": "member_state"})

    def edit(text: str):
        def job(ws) -> None:
            ws.save(record.to_row() | {"key_points": text}, expected_version=record.version)
        return job

    errors = _race(postgres_store, [edit("first"), edit("second")])
    assert [type(e) for e in errors] == [ConflictError]
    with Workspace.open(postgres_store) as ws:
        assert ws.store.get(record.id).version == 2
