"""The app as `make app` serves it (Voilà, Debian's Chromium, Playwright): kernels freed, nothing from the internet.

A page closed or reloaded sends Voilà's shutdown request, which passes the server's XSRF check; a page
closed without it (Playwright's plain ``close()`` runs no ``beforeunload``, as a killed browser would
not) has its kernel culled once idle, even with the speaking clock running, while a page left open and
idle keeps its kernel. Every request the five notebooks' pages make goes to the local server. The
culling here waits 6 s instead of `make app`'s 5 minutes. Without /usr/bin/chromium the tests are
skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .browser import chromium, hermetic_env, kernel_pids, recorded_meeting, require_browser, voila

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TIMEOUT_MS = 60_000
CULL_IDLE_S, CULL_INTERVAL_S = 6, 2
SPEAKERS = "order,delegation,speaker,category,on_behalf_of\n1,Member State A,,member_state,\n"


@pytest.fixture(scope="module", autouse=True)
def _browser_available() -> None:
    require_browser()


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    return recorded_meeting(tmp_path, SPEAKERS)


def kernels_within(server, count: int, seconds: float) -> tuple[list[int], float]:
    """The server's kernels once there are ``count`` of them (or after ``seconds``), and how long that took."""
    start = time.monotonic()
    while True:
        pids = kernel_pids(server)
        if len(pids) == count or time.monotonic() - start > seconds:
            return pids, time.monotonic() - start
        time.sleep(0.25)


def open_recorder(browser, server):
    page = browser.new_page()
    page.goto(server.base + "/voila/render/02_record.ipynb", timeout=TIMEOUT_MS)
    ready = re.compile("Recording panel 1|Restored your unsaved entry")  # the latter once a clock was left running
    page.locator(".hlm-status", has_text=ready).wait_for(timeout=TIMEOUT_MS)
    return page


def test_closed_pages_free_their_kernels(meeting: Path, tmp_path: Path) -> None:
    env = hermetic_env(tmp_path / "home", meeting) | {"HLMNOTES_RAPPORTEUR": "Rapporteur B"}
    log = tmp_path / "voila.log"
    freed: list[tuple[str, float]] = []
    with (
        voila(NOTEBOOKS, env, log, cull_idle_s=CULL_IDLE_S, cull_interval_s=CULL_INTERVAL_S) as server,
        chromium(tmp_path / "profile", width=1366, height=768) as browser,
    ):
        idle = open_recorder(browser, server)  # left open and idle all along: its kernel must stay
        assert len(kernel_pids(server)) == 1
        for n in range(5):
            page = open_recorder(browser, server)
            assert len(kernel_pids(server)) == 2, "one kernel per open page"
            if n % 2 == 0:  # closed as a person closes a tab: Voilà's shutdown request, XSRF value included
                page.close(run_before_unload=True)
                how, limit = "closed", 10
            else:  # gone without a word (a killed browser), once with the speaker's clock running
                if n == 3:
                    page.get_by_role("button", name="Start", exact=True).click()
                    page.locator(".hlm-clock", has_text="0:02").wait_for(timeout=10_000)
                page.close()
                how, limit = "culled", CULL_IDLE_S + 20  # silent for 10 s (``_presence``), then idle, then a look
            pids, took = kernels_within(server, 1, limit)
            assert len(pids) == 1, f"page {n + 1} ({how}): {len(pids)} kernels after {took:.1f} s"
            freed.append((how, took))
        idle.reload(timeout=TIMEOUT_MS)  # a reload frees the old kernel and starts a new one
        idle.locator(".hlm-status", has_text="Restored your unsaved entry").wait_for(timeout=TIMEOUT_MS)
        pids, _ = kernels_within(server, 1, 10)
        assert len(pids) == 1
        idle.wait_for_timeout((CULL_IDLE_S + 2 * CULL_INTERVAL_S + 1) * 1000)
        assert kernel_pids(server) == pids, "a kernel a page is connected to was culled"
        idle.close(run_before_unload=True)
        pids, took = kernels_within(server, 0, 10)
        assert pids == [], f"{len(pids)} kernels left once every page is closed"
        freed.append(("closed", took))
        text = log.read_text()
    assert " 403 " not in text and "_xsrf" not in text, text[-2000:]
    assert text.count("Kernel shutdown:") == 7
    print("\nkernels freed: " + ", ".join(f"{how} in {took:.1f} s" for how, took in freed)
          + f" (culling: idle {CULL_IDLE_S} s, checked every {CULL_INTERVAL_S} s)")  # fmt: skip


def test_no_request_leaves_the_machine(meeting: Path, tmp_path: Path) -> None:
    env = hermetic_env(tmp_path / "home", meeting)
    with voila(NOTEBOOKS, env, tmp_path / "voila.log") as server, chromium(tmp_path / "profile") as browser:
        requests: list[str] = []
        browser.on("request", lambda request: requests.append(request.url))
        local = (server.base + "/", f"blob:{server.base}/", "data:")
        seen = {}
        for notebook in sorted(p.name for p in NOTEBOOKS.glob("0*.ipynb")):
            page = browser.new_page()
            page.goto(f"{server.base}/voila/render/{notebook}", timeout=TIMEOUT_MS)
            page.locator("#rendered_cells").wait_for(state="visible", timeout=TIMEOUT_MS)
            page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
            page.wait_for_timeout(1000)  # widgets drawn after the page's own load (icons: their font)
            seen[notebook] = len(requests)
            page.close(run_before_unload=True)
        assert len(seen) == 5, seen
        assert any("/voila/templates/" in url or "/voila/static/" in url for url in requests)
        assert any(url.endswith((".woff2", ".woff")) for url in requests), "the icons' font comes from this server"
        foreign = sorted({url for url in requests if not url.startswith(local)})
        assert foreign == [], foreign
    print(f"\n{len(requests)} requests from the five notebooks' pages, all to {server.base}")
