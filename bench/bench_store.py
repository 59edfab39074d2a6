"""Store benchmarks, each against a baseline measured in the same run.

- save latency at 100 / 1,000 / 10,000 stored interventions: validate + commit + the refreshed live
  panel table (``PanelView``), and the Recorder's own Save when ``hlmnotes.widgets`` is there,
  against the naive notebook (append a row with ``pd.concat``, rewrite the CSV);
- cold start: a fresh process importing hlmnotes and opening the meeting (and building the Recorder),
  against one importing only pandas, ipywidgets and python-docx;
- peak memory of a fresh process building every ``hlmnotes.analysis.tables`` table for 50,000 interventions.

The interventions are ``hlmnotes.io.demo`` floor rows: placeholder delegations only.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from peak_memory import OWN_PEAK_KIB

from hlmnotes import Workspace
from hlmnotes.app.workspace import default_programme_file
from hlmnotes.domain.model import COLUMNS, PODIUM
from hlmnotes.io.demo import demo_rows
from hlmnotes.storage.live import PanelView

SIZES = (100, 1_000, 10_000)
SAMPLES = 40
COLD_RUNS = 7
MEMORY_RECORDS = 50_000
TARGET_P95_MS, TARGET_SPEEDUP, TARGET_COLD, TARGET_MB = 20.0, 10.0, 1.3, 500
HAS_WIDGETS = importlib.util.find_spec("hlmnotes.widgets") is not None


TABLE_ROWS = 50  # what the Recorder's live table shows


def floor_rows(programme, count: int) -> list[dict]:
    """``count`` illustrative floor interventions (never the podium's real names)."""
    rows: list[dict] = []
    seed = 0
    while len(rows) < count:
        rows += [r for r in demo_rows(programme, per_panel=500, seed=seed) if r["category"] not in PODIUM]
        seed += 1
    return rows[:count]


def store_with(path: Path, count: int) -> Workspace:
    ws = Workspace.init(path, default_programme_file())
    ws.store.apply([ws.validate(row) for row in floor_rows(ws.programme, count)], [])
    return ws


def ms(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(action, items) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        action(item)
        times.append(time.perf_counter() - start)
    return times


# -- save latency -------------------------------------------------------------------------------


def save_latency(folder: Path) -> dict[int, dict[str, tuple[float, float]]]:
    results: dict[int, dict[str, tuple[float, float]]] = {}
    for count in SIZES:
        ws = store_with(folder / f"save-{count}.sqlite", count)
        fresh = floor_rows(ws.programme, count + 3 * SAMPLES)[count:]
        figures = {}

        views = {p.id: PanelView(ws.store, p.id) for p in ws.programme.panels}

        def save_and_refresh(row: dict, ws: Workspace = ws, views: dict = views) -> None:
            ws.save(row)
            view = views[row["panel"]]
            view.refresh()
            view.frame(last=TABLE_ROWS)

        figures["hlmnotes"] = ms(timed(save_and_refresh, fresh[:SAMPLES]))

        if HAS_WIDGETS:
            from hlmnotes.domain.entry import FIELDS
            from hlmnotes.widgets import Recorder

            recorder = Recorder(ws, panel=1, rapporteur="Rapporteur 1", ticking=False)

            times = []
            for row in fresh[SAMPLES : 2 * SAMPLES]:
                recorder.pad.edit(**{k: str(row.get(k) or "") for k in FIELDS})  # sent while the person typed
                start = time.perf_counter()
                recorder.save()  # Ctrl+Enter: from here to "Saved #N"
                times.append(time.perf_counter() - start)
            figures["recorder"] = ms(times)

        # The naive notebook: a DataFrame in memory, appended to and written out whole on every save.
        csv_path = folder / f"naive-{count}.csv"
        frame = pd.DataFrame(floor_rows(ws.programme, count), columns=list(COLUMNS))
        frame.to_csv(csv_path, index=False)

        def naive(row: dict, csv_path: Path = csv_path) -> None:
            nonlocal frame
            frame = pd.concat([frame, pd.DataFrame([row], columns=list(COLUMNS))], ignore_index=True)
            frame.to_csv(csv_path, index=False)

        figures["naive"] = ms(timed(naive, fresh[2 * SAMPLES :]))
        ws.close()
        results[count] = figures
    return results


# -- cold start ---------------------------------------------------------------------------------

OURS = """
import sys
from hlmnotes import Workspace
ws = Workspace.open(sys.argv[1])
if {widgets}:
    from hlmnotes.widgets import Recorder
    Recorder(ws, panel=1, rapporteur="Rapporteur 1", ticking=False)
"""
BASELINE = "import pandas, ipywidgets, docx"


def cold_start(folder: Path) -> tuple[float, float]:
    store = folder / "cold.sqlite"
    store_with(store, 100).close()
    env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
    commands = {
        "ours": [sys.executable, "-c", OURS.format(widgets=HAS_WIDGETS), str(store)],
        "baseline": [sys.executable, "-c", BASELINE],
    }
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    subprocess.run(commands["ours"], check=True, env=env, capture_output=True)  # warm the file cache
    for _ in range(COLD_RUNS):
        for name, command in commands.items():  # alternating, so drift hits both alike
            start = time.perf_counter()
            subprocess.run(command, check=True, env=env, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["ours"]) * 1000, statistics.median(times["baseline"]) * 1000


# -- peak memory --------------------------------------------------------------------------------

TABLES = OWN_PEAK_KIB + """
import sys
from hlmnotes import Workspace
from hlmnotes.analysis import tables
ws = Workspace.open(sys.argv[1])
records = ws.records()
before = own_peak_kib()
p = ws.programme
built = [
    tables.interventions(records), tables.points(records), tables.question_tags(records),
    tables.theme_tags(records), tables.speakers_per_question(records, p), tables.unaddressed_questions(records, p),
    tables.time_by_category(records), tables.overruns(records, p),
    *(tables.theme_by_question(records, p, ws.codebook, panel.id) for panel in p.panels),
]
print(len(records), before, own_peak_kib(), sum(len(t) for t in built))
"""


def peak_memory(folder: Path) -> tuple[int, float, float, int]:
    store = folder / "memory.sqlite"
    store_with(store, MEMORY_RECORDS).close()
    out = subprocess.run([sys.executable, "-c", TABLES, str(store)], check=True, capture_output=True, text=True)
    records, before_kb, peak_kb, rows = (int(x) for x in out.stdout.split())
    return records, before_kb / 1024, peak_kb / 1024, rows


# -- report -------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory = float("nan")
    return (
        f"{cpu}; {os.cpu_count()} cores; {memory:.1f} GiB RAM; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, pandas {pd.__version__}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        latency = save_latency(folder)
        cold = cold_start(folder)
        memory = peak_memory(folder)

    columns = ["hlmnotes"] + (["recorder"] if HAS_WIDGETS else []) + ["naive"]
    titles = {"hlmnotes": "save + panel table", "recorder": "Recorder Save", "naive": "naive concat + CSV"}
    print(
        f"\nsave latency, ms, median / p95 of {SAMPLES} saves"
        f" (panel table: PanelView.refresh() + the last {TABLE_ROWS} rows as a DataFrame)"
    )
    print(f"{'stored':>8}" + "".join(f"{titles[c]:>22}" for c in columns) + f"{'naive / hlmnotes':>20}")
    for count, figures in latency.items():
        cells = "".join(f"{figures[c][0]:>12.1f} / {figures[c][1]:>6.1f}" for c in columns)
        ratio = figures["naive"][0] / figures["hlmnotes"][0]
        print(f"{count:>8,}{cells}{ratio:>19.1f}×")
    top = latency[SIZES[-1]]
    p95, ratio = top["hlmnotes"][1], top["naive"][0] / top["hlmnotes"][0]
    print(f"  target p95 < {TARGET_P95_MS:.0f} ms at {SIZES[-1]:,}: {p95:.1f} ms, {verdict(p95 < TARGET_P95_MS)}")
    print(f"  target ≥ {TARGET_SPEEDUP:.0f}× faster than naive at {SIZES[-1]:,}: {ratio:.1f}×,"
          f" {verdict(ratio >= TARGET_SPEEDUP)}")  # fmt: skip
    if HAS_WIDGETS:
        print(f"  Recorder Save p95 at {SIZES[-1]:,}: {top['recorder'][1]:.1f} ms")

    ours, base = cold
    what = "import + open the meeting" + (" + build the Recorder" if HAS_WIDGETS else "")
    print(f"\ncold start, ms, median of {COLD_RUNS} fresh processes")
    print(f"  hlmnotes ({what}): {ours:.0f}")
    print(f"  baseline (import pandas, ipywidgets, docx): {base:.0f}")
    print(f"  ratio {ours / base:.2f}× (target ≤ {TARGET_COLD}×): {verdict(ours / base <= TARGET_COLD)}")

    records, before, peak, rows = memory
    print(f"\npeak memory building every table for {records:,} interventions (fresh process, its own VmHWM)")
    print(f"  after loading the records: {before:.0f} MB; peak: {peak:.0f} MB ({rows:,} table rows)")
    print(f"  target < {TARGET_MB} MB: {verdict(peak < TARGET_MB)}")


if __name__ == "__main__":
    main()
