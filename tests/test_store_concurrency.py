"""PostgreSQL saves run side by side without giving up a guarantee: seq numbering per panel, a live view
that misses no save, a stale edit refused even when both edits race, and a save checked against the
programme an update still holding the store's lock is writing."""

from __future__ import annotations

import threading
import time

from hlmnotes import ConflictError, Workspace
from hlmnotes.errors import ProgrammeChanged
from hlmnotes.storage.backends import WRITE_LOCK
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


def test_a_save_that_took_its_history_row_first_but_commits_last_is_not_skipped(postgres_store):
    """Saves side by side commit in any order: the row numbered first may commit after a later one.

    A view that refreshed between the two commits (it has seen the later row) must still be given the
    earlier one when it commits, and the revision a poller compares must move then.
    """
    import psycopg

    with Workspace.open(postgres_store, create=True) as ws:
        first = ws.save({"panel": 1, "delegation": "Member State A", "category": "member_state"})
    watcher = Workspace.open(postgres_store)
    view = PanelView(watcher.store, 1)
    polled = watcher.revision()
    late = psycopg.connect(postgres_store)  # a transaction of its own: what a save sends, held before its COMMIT
    try:
        late_id = late.execute(
            "INSERT INTO interventions (uid, panel, seq, delegation, category, saved_at)"
            " VALUES ('late', 1, 2, 'Member State B', 'member_state', 'now') RETURNING id"
        ).fetchone()[0]
        late_hid = late.execute(
            "INSERT INTO history (intervention_id, action, version, at) VALUES (%s, 'insert', 1, 'now') RETURNING hid",
            (late_id,),
        ).fetchone()[0]
        with Workspace.open(postgres_store) as other:  # a second save, numbered after it, commits first
            early = other.save({"panel": 1, "delegation": "Member State C", "category": "member_state"})
            assert other.store.history.of(early.id) and late_hid < _hid(other, early.id)
        view.refresh()  # between the two commits: the committed save is shown already
        assert [r.id for r in view.records()] == [first.id, early.id]
        between = watcher.revision()
        late.commit()
    finally:
        late.close()
    assert watcher.revision() != between  # a poller comparing revisions sees the late commit
    assert watcher.revision() != polled
    view.refresh()
    assert sorted(r.id for r in view.records()) == sorted([first.id, early.id, late_id])
    assert view.records() == watcher.records(1)
    changed_again = view.refresh()
    assert not changed_again  # once every save has ended, nothing is given twice
    watcher.close()


def test_a_save_begun_during_a_programme_update_is_checked_against_the_update(postgres_store):
    """A save reads the programme version in its transaction after its shared lock, without locking a row:
    a save begun while an update holds the lock exclusively waits, then reads the version the update
    wrote, so it is refused (and validated again by the workspace), never committed against the old one."""
    import psycopg

    with Workspace.open(postgres_store, create=True) as staff, Workspace.open(postgres_store) as stale:
        record = stale.validate({"panel": 1, "delegation": "Member State A", "category": "member_state"})
        refused: list[ProgrammeChanged] = []

        def save() -> None:
            try:
                stale.store.records.insert(record, programme=stale.programme_version)
            except ProgrammeChanged as exc:
                refused.append(exc)

        with psycopg.connect(postgres_store, autocommit=True) as watch, staff.store.db.transaction():
            staff.store.db.set_meta({"programme_version": "2"})  # what an update writes, not committed yet
            saving = threading.Thread(target=save)
            saving.start()
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND NOT granted"
            deadline = time.monotonic() + 30
            while watch.execute(waiting, (WRITE_LOCK,)).fetchone()[0] == 0:  # the save waits on the update's lock
                assert saving.is_alive() and time.monotonic() < deadline, "the save did not wait for the update"
                time.sleep(0.01)
        saving.join(30)
        assert [e.version for e in refused] == [2] and stale.records() == []


def _hid(ws: Workspace, intervention_id: int) -> int:
    return ws.store.db.read("SELECT hid FROM history WHERE intervention_id = %s", (intervention_id,))[0]["hid"]
