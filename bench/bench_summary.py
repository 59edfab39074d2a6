"""Word export of the draft Chair's summary at 200 / 2,000 / 20,000 interventions, against two baselines
measured in the same run on the same content:

(a) Debian's ``pandoc`` converting the summary written as Markdown (``to_markdown``) to .docx;
(b) plain python-docx calls (``add_paragraph`` per paragraph and sub-item, ``add_table``/``add_row``/
    ``cell.text`` for the annex) writing the same text from the same template.

hlmnotes' time is ``to_docx`` with its Word comments (one per sourced sentence, which neither
baseline writes) and without them. Target at 2,000 interventions: at least 3x faster than both, and
linear scaling to 20,000. Run with ``make bench`` or ``python bench/run.py bench_summary``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SIZES = (200, 2_000, 20_000)
CHUNK = 400  # floor speakers per demo_rows call: its placeholder names run out past ~700 per category


def _workspace(total: int):
    """An in-memory 2017 meeting with ``total`` interventions, every point worded uniquely (as in real notes)."""
    from hlmnotes import Workspace
    from hlmnotes.io.demo import demo_rows

    ws = Workspace.open(":memory:")
    rows: list[dict] = []
    seed = 0
    while len(rows) < total:
        chunk = demo_rows(ws.programme, per_panel=CHUNK, seed=2017 + seed)
        rows += chunk if seed == 0 else [r for r in chunk if r["category"] not in ("chair", "panellist")]
        seed += 1
    rows = rows[:total]
    for i, row in enumerate(rows):
        for field in ("key_points", "recommendations"):
            lines = [line for line in str(row.get(field) or "").split("\n") if line]
            row[field] = "\n".join(f"{line} ({i}.{j})" for j, line in enumerate(lines, 1))
    ws.store.apply([ws.validate(r) for r in rows], [])
    return ws


def _plain_python_docx(summary, path: Path) -> None:
    """The same text with the ordinary python-docx API, one call per paragraph, row and cell."""
    import docx
    from docx.enum.text import WD_BREAK

    from hlmnotes.summary.model import Heading
    from hlmnotes.summary.render.docx import template_path

    document = docx.Document(str(template_path()))
    body = document.element.body
    for child in list(body)[:-1]:  # keep only the section properties
        body.remove(child)
    for panel in summary.panels:
        document.add_paragraph(panel.title, style="Title")
        for label, value in panel.masthead:
            document.add_paragraph(f"{label}: {value}", style="Masthead")
        for block in panel.blocks:
            if isinstance(block, Heading):
                document.add_paragraph(f"{block.label}\t{block.text}", style=f"Heading {block.level}")
                continue
            style = {"placeholder": "Chair Placeholder", "note": "Staff Note"}.get(block.role, "Numbered Paragraph")
            document.add_paragraph(block.text, style=style)
            for item in block.items:
                document.add_paragraph(item.text, style="Sub-item")
        document.add_paragraph("Annex", style="Heading 1")
        document.add_paragraph(panel.annex_title, style="Heading 2")
        table = document.add_table(rows=1, cols=5)
        table.style = "Annex Table"
        for cell, text in zip(
            table.rows[0].cells, ("No.", "Delegation", "On behalf of", "Category", "Speaker"), strict=True
        ):
            cell.text = text
        for row in panel.annex:
            cells = table.add_row().cells
            values = (str(row.number), row.delegation, row.on_behalf_of, row.category, row.speaker)
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))


def _pandoc(summary, folder: Path, pandoc: str) -> None:
    from hlmnotes.summary import to_markdown

    source = folder / "summary.md"
    source.write_text(to_markdown(summary), encoding="utf-8")
    subprocess.run([pandoc, "-f", "markdown", "-t", "docx", "-o", str(folder / "pandoc.docx"), str(source)], check=True)


def _timed(function, *args, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from hlmnotes.errors import HlmnotesError
    from hlmnotes.summary import to_docx

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed (Debian: apt-get install -y pandoc); its column is left empty")
    header = (
        f"{'interventions':>13} {'paragraphs':>10} {'annex rows':>10} {'comments':>8} {'build s':>8} {'hlmnotes s':>10}"
        f" {'no comm. s':>10} {'python-docx s':>13} {'pandoc s':>8} {'× python-docx':>13} {'× pandoc':>8} {'s / 1k':>7}"
        f" {'check s':>8} {'check/write':>11} {'ms/sent.':>8}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for total in SIZES:
            ws = _workspace(total)
            start = time.perf_counter()
            summary = ws.drafting.summary("all")
            built = time.perf_counter() - start
            repeat = 3 if total <= 2_000 else 1
            ours = _timed(to_docx, summary, folder / "hlmnotes.docx", True, repeat=repeat)
            bare = _timed(to_docx, summary, folder / "bare.docx", False, repeat=repeat)
            try:  # `hlmnotes check` on the draft just written
                checked = _timed(ws.drafting.check, folder / "hlmnotes.docx")
            except HlmnotesError as refused:  # the Word file's limits (io/wordfile.py): say so, keep the row
                print(f"check refused the {total:,}-intervention draft: {refused}", flush=True)
                checked = float("nan")
            plain = _timed(_plain_python_docx, summary, folder / "plain.docx")
            other = _timed(_pandoc, summary, folder, pandoc) if pandoc else float("nan")
            paragraphs = sum(
                2 + len(p.masthead) + len(p.blocks) + sum(len(b.items) for b in p.paragraphs) for p in summary.panels
            )
            rows = sum(len(p.annex) for p in summary.panels)
            comments = sum(1 for p in summary.panels for s in p.sentences if s.sources)
            sentences = sum(1 for p in summary.panels for s in p.sentences if s.k)  # the floor's, sections III and IV
            print(
                f"{total:>13,} {paragraphs:>10,} {rows:>10,} {comments:>8,} {built:>8.2f} {ours:>10.2f} {bare:>10.2f}"
                f" {plain:>13.2f} {other:>8.2f} {plain / ours:>12.1f}× {other / ours:>7.1f}× {ours / total * 1000:>7.3f}"
                f" {checked:>8.2f} {checked / ours:>10.1f}× {built / max(sentences, 1) * 1000:>8.3f}",
                flush=True,
            )
            ws.close()
    print("× = baseline time / hlmnotes time (with comments); s / 1k = hlmnotes seconds per 1,000 interventions;")
    print("check = `hlmnotes check` reading the draft back against the records (check/write: its time / writing's)")
    print("ms/sent. = building the model (topics included) per floor sentence of sections III and IV, in milliseconds")


if __name__ == "__main__":
    main()
