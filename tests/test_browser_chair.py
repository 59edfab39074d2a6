"""The Chair's view in a real browser (Voilà, Debian's Chromium, Playwright): it follows the room by itself.

An intervention on question 6 added from the command line leaves the ``Not yet addressed:`` line
within ten seconds (the view polls the store every five), and a Recorder's running clock on another
connection to the store shows as the speaker at the microphone. Without /usr/bin/chromium the test
is skipped, except under CI=true, where it fails.

The page is a laptop's 1366×768 screen less the browser's bars (a 1366×650 viewport): with a speaker at
the microphone, all six questions of panel 1 are on screen without scrolling, the section labels are at
least 20 px, and every text is at least 4.5:1 against its background (WCAG's contrast ratio).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hlmnotes import Workspace

from .browser import chromium, hermetic_env, require_browser, voila

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "05_chair.ipynb"
TIMEOUT_MS = 60_000
FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "Rapporteur 1"}
# Every text of the view (the Panel dropdown aside) with its size, its contrast against the first opaque
# background behind it, and where it ends on the page.
MEASURE = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = (node) => { for (; node; node = node.parentElement) { const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const texts = [];
  for (const node of document.querySelectorAll('.hlm-chair .widget-html-content *, .hlm-chair .widget-html-content')) {
    const own = [...node.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(' ');
    if (!own) continue;
    const style = getComputedStyle(node), a = lum(rgb(style.color)), b = lum(behind(node));
    texts.push({text: own, tag: node.tagName, px: parseFloat(style.fontSize),
                contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), bottom: node.getBoundingClientRect().bottom});
  }
  return {texts, height: innerHeight, scrolled: scrollY};
}"""


@pytest.fixture(scope="module", autouse=True)
def _browser_available() -> None:
    require_browser()


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def test_chair_view_follows_saves_and_the_recorders_clock(tmp_path: Path) -> None:
    store = tmp_path / "meeting.sqlite"
    with Workspace.open(store, create=True) as ws:
        for n, questions in enumerate(["1", "2;3", "4"]):
            ws.save(FLOOR | {"delegation": f"Member State {'ABC'[n]}", "questions": questions, "key_points": "noted X"})
    env = hermetic_env(tmp_path / "home", store)
    with (
        voila(NOTEBOOK, env, tmp_path / "voila.log") as server,
        chromium(tmp_path / "profile", width=1366, height=650) as browser,
    ):
        page = browser.new_page()
        page.goto(server.base + "/?panel=1", timeout=TIMEOUT_MS)
        line = page.locator(".hlm-chair-unaddressed")
        expect(line).to_have_text("Not yet addressed: Q5, Q6", timeout=TIMEOUT_MS)

        added = subprocess.run(
            [sys.executable, "-m", "hlmnotes", "--store", str(store), "add", "--panel", "1",
             "--delegation", "Member State D", "--category", "member_state", "--questions", "6",
             "--key-points", "welcomed partnerships"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        expect(line).to_have_text("Not yet addressed: Q5", timeout=10_000)  # the ten seconds

        # A Recorder elsewhere starts its clock: its entry in the store is the Chair's "At the microphone".
        with Workspace.open(store) as ws:
            started = dt.datetime.now(ZoneInfo(ws.programme.meeting.timezone)) - dt.timedelta(seconds=200)
            ws.store.drafts.save("Rapporteur 2/panel1", {
                "form": {"delegation": "Member State E", "category": "member_state"},
                "started_at": started.replace(microsecond=0).isoformat(), "ended_at": None,
            })  # fmt: skip
        expect(page.locator(".hlm-chair")).to_contain_text("Member State E", timeout=10_000)
        expect(page.locator(".hlm-chair-clock")).to_have_attribute("data-status", "over")  # 3:20 of 3:00: red
        page.screenshot(path=str(tmp_path / "chair.png"))

        seen = page.evaluate(MEASURE)
        assert seen["height"] == 650 and seen["scrolled"] == 0
        texts = seen["texts"]
        questions = [t for t in texts if t["tag"] == "B" and t["text"].startswith("Q")]
        assert [t["text"] for t in questions] == [f"Q{n}" for n in range(1, 7)]
        assert all(t["bottom"] <= 650 for t in texts), [(t["text"], round(t["bottom"])) for t in texts if t["bottom"] > 650]
        labels = [t for t in texts if t["tag"] == "H3"]
        assert len(labels) == 4 and min(t["px"] for t in labels) >= 20, labels
        low = [(t["text"], round(t["contrast"], 2)) for t in texts if t["contrast"] < 4.5]
        assert low == [], low
        print(f"\nChair's view at 1366×650: last question ends at {max(t['bottom'] for t in questions):.0f} px,"
              f" labels {min(t['px'] for t in labels):.0f} px, lowest contrast {min(t['contrast'] for t in texts):.1f}:1")
