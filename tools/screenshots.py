"""Regenerate the README's pictures in docs/ (`make docs`): the Recorder in use, the Chair's view of the
same moment, and a page of the Word draft.

The scene is staged in a temporary store with illustrative placeholder delegations only: panel 1 under
way, the floor speakers so far recorded, the next inscribed speaker at the microphone for 2 min 40 s,
notes half typed. The Recorder and the Chair's view are served by Voilà and photographed by Debian's Chromium; the Word
draft of the same records is rendered by LibreOffice.

    python tools/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hlmnotes import Workspace  # noqa: E402
from hlmnotes.io.demo import demo_rows  # noqa: E402
from hlmnotes.summary import to_docx  # noqa: E402
from tests.browser import chromium, chromium_missing_reason, hermetic_env, voila  # noqa: E402

RAPPORTEUR = "Rapporteur 1"
SPEAKERS = (
    "order,delegation,speaker,category,on_behalf_of\n"
    "1,Member State P,,member_state,Group A\n"
    "2,Civil society organization D,,civil_society,\n"
    "3,Member State Q,,member_state,\n"
    "4,UN entity B,,un_entity,\n"
)
AT_THE_MICROPHONE = {
    "delegation": "Member State P", "category": "member_state", "on_behalf_of": "Group A", "speaker": "",
    "questions": "2;5", "themes": "referral-mechanisms;identification", "flags": "recommendation",
    "key_points": "called for stronger national referral mechanisms\n"
                  "stressed early identification of victims by frontline officials\n"
                  "described a new national action plan (illustrative)",
    "recommendations": "train frontline officials in identification",
}  # fmt: skip


def stage(folder: Path) -> Path:
    """A store with panel 1 recorded up to 15:44 and the next speaker's notes as an unsaved draft."""
    store = folder / "meeting.sqlite"
    with Workspace.open(store, create=True) as ws:
        zone = ZoneInfo(ws.programme.meeting.timezone)
        cut = dt.datetime(2017, 9, 27, 15, 44, tzinfo=zone)
        rows = [r for r in demo_rows(ws.programme, per_panel=25, rapporteur=RAPPORTEUR)
                if r["panel"] == 1 and dt.datetime.fromisoformat(r["started_at"]) < cut]  # fmt: skip
        ws.store.apply([ws.validate(r) for r in rows], [])
        (folder / "speakers.csv").write_text(SPEAKERS, encoding="utf-8")
        ws.speakers.import_file(folder / "speakers.csv", 1)
    start_the_clock(store)
    return store


def start_the_clock(store: Path) -> None:
    """The speaker at the microphone for 2 min 38 s now (before each picture: both show the amber clock)."""
    with Workspace.open(store) as ws:
        started = dt.datetime.now(ZoneInfo(ws.programme.meeting.timezone)).replace(microsecond=0)
        started -= dt.timedelta(seconds=158)
        ws.keep_draft(f"{RAPPORTEUR}/panel1", {
            "form": AT_THE_MICROPHONE, "started_at": started.isoformat(), "ended_at": None,
            "queue_position": 1, "editing": None, "kept_at": started.isoformat(),
        })  # fmt: skip


def recorder_png(store: Path, folder: Path, out: Path) -> None:
    env = hermetic_env(folder / "home", store) | {"HLMNOTES_RAPPORTEUR": RAPPORTEUR}
    with (
        voila(ROOT / "notebooks" / "02_record.ipynb", env, folder / "voila.log") as server,
        chromium(folder / "profile", width=1366, height=1060) as browser,
    ):
        page = browser.new_page()
        start_the_clock(store)  # now, with the server up: a slow start must not run the clock past amber
        page.goto(server.base + "/", timeout=60_000)
        page.locator(".hlm-status", has_text="Restored your unsaved entry").wait_for(timeout=60_000)
        page.locator(".hlm-clock[data-status='near']").wait_for(timeout=10_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out))


def chair_png(store: Path, folder: Path, out: Path) -> None:
    """The Chair's view of the same moment: the speaker's clock comes from the Recorder's entry in the store."""
    env = hermetic_env(folder / "home-chair", store)
    with (
        voila(ROOT / "notebooks" / "05_chair.ipynb", env, folder / "voila-chair.log") as server,
        chromium(folder / "profile-chair", width=1366, height=650) as browser,  # a laptop screen less the bars
    ):
        page = browser.new_page()
        start_the_clock(store)  # now, with the server up: a slow start must not run the clock past amber
        page.goto(server.base + "/?panel=1", timeout=60_000)
        page.locator(".hlm-chair-clock[data-status='near']").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out))  # the viewport: what the Chair sees without scrolling


def summary_png(folder: Path, out: Path) -> None:
    """Page 1 of the Word draft of panel 1 from the whole illustrative panel, as LibreOffice lays it out
    (PDF, then poppler's pdftoppm); dated the evening of the panel so the picture only changes with the code."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("error: the Word draft's picture needs LibreOffice and pdftoppm"
                         " (Debian: apt-get install -y libreoffice-writer poppler-utils)")  # fmt: skip
    with Workspace.open(":memory:") as ws:
        ws.store.apply([ws.validate(r) for r in demo_rows(ws.programme, rapporteur=RAPPORTEUR)], [])
        evening = dt.datetime(2017, 9, 27, 22, 30, tzinfo=dt.UTC)
        draft = to_docx(ws.drafting.summary(panels=[1], now=evening), folder / "summary-page.docx")
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(draft)], check=True, capture_output=True, timeout=180)  # fmt: skip
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(folder / "summary-page.pdf"),
                    str(folder / "summary-page")], check=True, capture_output=True, timeout=60)  # fmt: skip
    shutil.copy(folder / "summary-page.png", out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the pictures")
    args = parser.parse_args()
    reason = chromium_missing_reason()
    if reason:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hlmnotes-docs-") as tmp:
        folder = Path(tmp)
        os.environ["MPLCONFIGDIR"] = str(folder / "mpl")
        store = stage(folder)
        recorder_png(store, folder, args.out / "recorder.png")
        chair_png(store, folder, args.out / "chair.png")
        summary_png(folder, args.out / "summary-page.png")
    print(f"wrote {args.out / 'recorder.png'}, {args.out / 'chair.png'} and {args.out / 'summary-page.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
