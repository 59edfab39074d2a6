"""What a fresh ``hlmnotes summary -o x.docx`` imports: only what drafting needs (issue 12's whole-command goal).

Each module imported costs every draft its loading time; these were imported for one helper each.
"""

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
with contextlib.redirect_stdout(io.StringIO()):
    for argv in json.loads(sys.argv[1]):
        assert main(argv) == 0, argv
print(json.dumps(sorted(sys.modules)))
"""


def test_the_word_summary_command_imports_no_web_or_mail_modules(tmp_path: Path) -> None:
    store = ["--store", str(tmp_path / "m.sqlite")]
    commands = [
        store + ["init", "--programme", str(PROGRAMME)],
        store + ["import", str(DATA / "interventions-60.csv")],
        store + ["summary", "-o", str(tmp_path / "x.docx")],
    ]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(commands)], capture_output=True, text=True, check=True
    )
    imported = set(json.loads(done.stdout))
    # xml.sax.saxutils (for its escape) imported urllib.request, http.client, email and ssl: 40 ms.
    assert not imported & {"urllib.request", "http.client", "email", "ssl", "xml.sax.saxutils", "pandas"}
