"""Views fall silent while no page shows them, so a kernel left behind by a closed page looks idle and is culled."""

from __future__ import annotations

import asyncio

import pytest

from hlmnotes.widgets import _common, _presence
from hlmnotes.widgets._common import StatusLine
from hlmnotes.widgets.pad import EntryPad


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic(monkeypatch: pytest.MonkeyPatch) -> Monotonic:
    clock = Monotonic()
    monkeypatch.setattr(_presence.time, "monotonic", clock)
    return clock


def test_a_pad_is_watched_while_its_page_pings(monotonic: Monotonic) -> None:
    pad = EntryPad(delegations=[], groups=[], themes=[])
    assert pad.watched()  # just made: a page is about to show it
    monotonic.now += _presence.SILENT_AFTER_S + 1
    assert not pad.watched()
    pad._message(pad, {"type": "ping"})
    assert pad.watched()
    monotonic.now += _presence.SILENT_AFTER_S - 1
    assert pad.watched()


def test_the_presence_widget_hears_its_page(monotonic: Monotonic) -> None:
    presence = _presence.Presence()
    monotonic.now += _presence.SILENT_AFTER_S + 1
    assert not presence.watched()
    presence._handle_custom_msg({"type": "ping"}, [])
    assert presence.watched()


def test_a_poll_looks_at_nothing_while_no_page_is_watching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "POLL_S", 0.01)
    looked: list[bool] = []
    watched = [False]

    def changed() -> bool:
        looked.append(watched[0])
        return True

    async def run() -> None:
        task = _common.poll(changed, lambda: None, StatusLine(), lambda: watched[0])
        await asyncio.sleep(0.1)
        assert looked == []  # nothing read, nothing redrawn: nothing sent to a page that is not there
        watched[0] = True
        await asyncio.sleep(0.1)
        assert task is not None
        task.cancel()

    asyncio.run(run())
    assert looked and all(looked)
