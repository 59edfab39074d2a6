"""Commands that build no pandas table never import pandas (~0.2 s of every command otherwise)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PROGRAMME = Path(__file__).resolve().parent.parent / "data" / "hlm2017" / "programme.toml"

SCRIPT = """
import contextlib, io, json, sys
from hlmnotes.cli import main
seen = {}
for number, argv in enumerate(json.loads(sys.argv[1])):
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    seen[f"{number} {' '.join(argv[2:4])}"] = (status, "pandas" in sys.modules)
print(json.dumps(seen))
"""


def test_commands_without_a_table_do_not_import_pandas(tmp_path: Path) -> None:
    store = ["--store", str(tmp_path / "m.sqlite")]
    commands = [
        ["init", "--programme", str(PROGRAMME)],
        ["import", str(DATA / "interventions-60.csv")],
        ["add", "--panel", "1", "--delegation", "Belgium", "--key-points", "called for data"],
        ["export", "-o", str(tmp_path / "x.csv")],
        ["export", "-o", str(tmp_path / "x.xlsx")],
        ["summary", "-o", str(tmp_path / "x.docx")],
        ["summary", "--format", "md"],
        ["groups", "propose", "--panel", "1"],
        ["groups", "list"],
        ["programme", "show"],
        ["balance", "--panel", "all"],
        ["merge", str(tmp_path / "m.sqlite")],
        ["stats"],  # its tables are printed without pandas (a fresh process each time)
        ["balance", "--format", "csv"],  # a pandas table: it must import pandas, which shows the check can fail
    ]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([store + c for c in commands])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout)
    assert {name: imported for name, (_, imported) in seen.items()} == {
        name: name.endswith(" balance --format") for name in seen
    }, seen
    assert all(status == 0 for status, _ in seen.values()), seen
