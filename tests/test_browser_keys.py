"""Keystrokes straight after Alt+S while the kernel is still answering an earlier action (Voilà, Debian's
Chromium, Playwright): every one lands in Key points, on the screen and in the store.

The sequence of the two-tab test that lost "r " of "called for a …": a speaker taken from the list, Alt+S,
typing at once. Here the kernel is stopped (SIGSTOP) from the click on the list to the first keystrokes,
so its answer to that click (the speaker's clock face, "Start" for the keyboard) reaches the page only
after Alt+S has put the keyboard in Key points, while the typing goes on (keys 0 and 20 ms apart). That
late answer must neither take the keyboard out of Key points nor bring back the Start button a space
would press; nor may a late answer to New entry take it to Delegation, nor a late answer to Alt+N take it
to Start from the delegation typed since. Keys typed after Ctrl+Enter, before its late answer, start the
next entry: the saved notes leave the form (and the draft) once the kernel has stored them. Without
/usr/bin/chromium the tests are skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from hlmnotes import Workspace

from .browser import chromium, hermetic_env, kernel_pids, recorded_meeting, require_browser, voila

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "02_record.ipynb"
TIMEOUT_MS = 60_000
SPEAKERS = (
    "order,delegation,speaker,category,on_behalf_of\n"
    "1,Member State A,,member_state,\n2,Member State B,,member_state,\n3,Member State C,,member_state,\n"
)
NOTES = "called for a victim-centred approach in every national referral mechanism"
TYPED_WHILE_STOPPED = 9  # "called fo": the rest is typed while the kernel's late answers arrive
# From now on: every element the keyboard goes to, by its id (or its text), and "Start enabled" whenever
# the Start button can be pressed again.
WATCH = """() => { const seen = window.hlmSeen = [];
    document.addEventListener('focusin', (e) => seen.push(e.target.id || e.target.textContent.trim()), true);
    const start = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start');
    new MutationObserver(() => { if (!start.disabled) seen.push('Start enabled'); })
        .observe(start, { attributes: true, attributeFilter: ['disabled'] }); }"""


@pytest.fixture(scope="module", autouse=True)
def _browser_available() -> None:
    require_browser()


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def drafted(store: Path, field: str, expected: str, within_s: float = 15) -> str:
    """Rapporteur B's ``field`` in the store's draft, once it is ``expected`` or ``within_s`` has passed."""
    deadline = time.monotonic() + within_s
    while True:
        with Workspace.open(store) as ws:
            value = ((ws.draft("Rapporteur B/panel1") or {}).get("form") or {}).get(field, "")
        if value == expected or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def click_start_and_type(page, kernel: int, clicked, store: Path, delay: float) -> tuple[list[str], str]:
    """Click ``clicked`` and press Alt+S with the kernel stopped, type the first keys, let the kernel go on
    and type the rest; returns what the page did after Alt+S (``WATCH``) and the key points in the store's
    draft (once they are NOTES: the kernel has answered both actions and every key)."""
    key_points = page.get_by_label("Key points")
    os.kill(kernel, signal.SIGSTOP)
    try:
        clicked.click()
        page.keyboard.press("Alt+s")
        expect(key_points).to_be_focused()
        page.evaluate(WATCH)
        page.keyboard.type(NOTES[:TYPED_WHILE_STOPPED], delay=delay)
    finally:
        os.kill(kernel, signal.SIGCONT)
    page.keyboard.type(NOTES[TYPED_WHILE_STOPPED:], delay=delay)
    stored = drafted(store, "key_points", NOTES)
    page.wait_for_timeout(500)  # the answers' focus requests and clock faces, were they obeyed, are shown by now
    return page.evaluate("window.hlmSeen"), stored


@contextmanager
def recorder_page(tmp_path: Path) -> Iterator[tuple[Any, int, Path]]:
    """Rapporteur B's Recorder in Voilà over a meeting with SPEAKERS: the page, its kernel's PID, the store."""
    store = recorded_meeting(tmp_path, SPEAKERS)
    env = hermetic_env(tmp_path / "home", store) | {"HLMNOTES_RAPPORTEUR": "Rapporteur B"}
    with voila(NOTEBOOK, env, tmp_path / "voila.log") as server, chromium(tmp_path / "profile", 1366, 768) as browser:
        page = browser.new_page()
        page.goto(server.base + "/", timeout=TIMEOUT_MS)
        expect(page.locator(".hlm-status").first).to_contain_text("Recording panel 1", timeout=TIMEOUT_MS)
        [kernel] = kernel_pids(server)
        yield page, kernel, store


def test_typing_straight_after_alt_s_loses_nothing_to_a_late_answer(tmp_path: Path) -> None:
    with recorder_page(tmp_path) as (page, kernel, store):
        key_points, start = page.get_by_label("Key points"), page.get_by_role("button", name="Start", exact=True)
        for who, delay in (("Member State A", 0), ("Member State B", 20)):
            taken = page.locator(".hlm-take", has_text=who)
            happened, stored = click_start_and_type(page, kernel, taken, store, delay)
            typed = key_points.input_value()
            assert all(seen.endswith("-key_points") for seen in happened), (delay, happened, typed)
            assert (typed, stored) == (NOTES, NOTES), delay
            expect(key_points).to_be_focused()
            expect(page.get_by_label("Delegation")).to_have_value(who)
            expect(start).to_be_disabled()  # the clock runs; a space typed on Start would restart it
            page.keyboard.press("Escape")
            page.keyboard.press("Control+Enter")
            expect(page.locator(".hlm-status").first).to_contain_text("Saved #", timeout=10_000)
        # New entry answered late ("Delegation" for the keyboard, an enabled field): the keys stay in Key points
        happened, stored = click_start_and_type(page, kernel, page.get_by_role("button", name="New entry"), store, 0)
        typed = key_points.input_value()
        assert all(seen.endswith("-key_points") for seen in happened), (happened, typed)
        assert (typed, stored) == (NOTES, NOTES)
        expect(key_points).to_be_focused()

        # Alt+N answered late, the delegation typed meanwhile (the Chair called another): the keyboard stays
        page.get_by_role("button", name="New entry").click()
        expect(page.locator(".hlm-status").first).to_contain_text("Ready for a new intervention", timeout=10_000)
        delegation = page.get_by_label("Delegation")
        expect(delegation).to_be_focused()
        os.kill(kernel, signal.SIGSTOP)
        try:
            page.keyboard.press("Alt+n")
            page.evaluate(WATCH)
            page.keyboard.type("Member", delay=20)
        finally:
            os.kill(kernel, signal.SIGCONT)
        page.keyboard.type(" State D", delay=20)
        assert drafted(store, "delegation", "Member State D") == "Member State D"
        page.wait_for_timeout(500)
        focused = [seen for seen in page.evaluate("window.hlmSeen") if seen != "Start enabled"]
        assert all(seen.endswith("-delegation") for seen in focused), (focused, delegation.input_value())
        expect(delegation).to_be_focused()
        expect(delegation).to_have_value("Member State D")
        expect(key_points).to_have_value("")
        with Workspace.open(store) as ws:
            mine = [(r.delegation, r.key_points) for r in ws.records(1) if r.rapporteur == "Rapporteur B"]
        assert mine == [("Member State A", NOTES), ("Member State B", NOTES)], json.dumps(mine)


def save_and_type(page, kernel: int, text: str, answer: str) -> None:
    """Ctrl+Enter and type ``text`` with the kernel stopped (from before the key: its answer cannot come
    before the first new key), then wait for the status to say ``answer``."""
    os.kill(kernel, signal.SIGSTOP)
    try:
        page.keyboard.press("Control+Enter")
        page.keyboard.type(text, delay=20)
    finally:
        os.kill(kernel, signal.SIGCONT)
    expect(page.locator(".hlm-status").first).to_contain_text(answer, timeout=10_000)


def test_keys_typed_after_save_before_its_answer_start_the_next_entry(tmp_path: Path) -> None:
    """Ctrl+Enter, then typing at once while the kernel is busy: once it says "Saved #N", the form (and the
    store's draft) keep only what was typed since Save, never the saved notes under the next speaker; a
    Save it refuses leaves the text whole."""
    with recorder_page(tmp_path) as (page, kernel, store):
        key_points = page.get_by_label("Key points")
        page.locator(".hlm-take", has_text="Member State A").click()
        expect(page.get_by_label("Delegation")).to_have_value("Member State A")
        page.keyboard.press("Alt+s")
        page.keyboard.type(NOTES, delay=5)
        assert drafted(store, "key_points", NOTES) == NOTES
        save_and_type(page, kernel, "new words", "Saved #")
        expect(key_points).to_have_value("new words", timeout=10_000)
        assert drafted(store, "key_points", "new words") == "new words"
        page.wait_for_timeout(500)  # a later answer, were it to put the saved notes back, is shown by now
        expect(key_points).to_have_value("new words")
        with Workspace.open(store) as ws:
            mine = [(r.delegation, r.key_points) for r in ws.records(1) if r.rapporteur == "Rapporteur B"]
        assert mine == [("Member State A", NOTES)], json.dumps(mine)
        assert drafted(store, "key_points", "new words", within_s=0) == "new words"

        # refused (no delegation yet): what was typed meanwhile stays with the whole text
        save_and_type(page, kernel, " and more", "delegation: missing")
        assert drafted(store, "key_points", "new words and more") == "new words and more"
        page.wait_for_timeout(500)
        expect(key_points).to_have_value("new words and more")
