"""Exports and drafts are the Workspace's: what it writes, and what the command hands it.

The end-to-end CLI tests (test_cli.py, test_bad_input.py, test_summary_cli.py) hold the printed lines
and error lines; these hold the library call itself and, with the Workspace patched, the arguments each
command passes (papermill tests its CLI the same way: fast, and failing when a flag is dropped).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hlmnotes import HlmnotesError, Workspace
from hlmnotes.app.drafting_desk import DraftingDesk
from hlmnotes.cli import main

FLOOR = {"panel": 1, "category": "member_state", "key_points": "called for data"}


def test_an_export_without_a_file_returns_the_bytes_and_writes_nothing(ws, tmp_path, monkeypatch):
    ws.save(FLOOR | {"delegation": "Member State A"})
    ws.save(FLOOR | {"panel": 2, "delegation": "Member State B"})
    monkeypatch.chdir(tmp_path)
    exported = ws.export(fmt="json", panel=2)
    assert (exported.interventions, exported.fmt) == (1, "json")
    assert [r["delegation"] for r in json.loads(exported.data)] == ["Member State B"]
    assert list(tmp_path.iterdir()) == []


def test_an_export_to_a_file_takes_its_format_from_the_name(ws, tmp_path):
    ws.save(FLOOR | {"delegation": "Member State A"})
    exported = ws.export(tmp_path / "all.json")
    assert exported.fmt == "json" and (tmp_path / "all.json").read_bytes() == exported.data
    assert ws.export().fmt == "csv" and ws.export().data.startswith(b"\xef\xbb\xbfid,panel,seq,")


def test_an_export_over_the_store_itself_is_refused_before_anything_is_written(store_path):
    with Workspace.open(store_path) as ws, pytest.raises(HlmnotesError, match="is the store itself"):
        ws.export(store_path, fmt="csv")
    with Workspace.open(store_path) as ws:
        assert ws.count() == 0


def test_a_preview_without_a_file_is_returned_to_print(ws):
    ws.save(FLOOR | {"delegation": "Member State A"})
    summary, text = ws.drafting.export(None, fmt="md", panels=[1])
    assert [p.panel for p in summary.panels] == [1] and text is not None and "called for data" in text


def test_a_draft_over_a_folder_is_refused_before_the_records_are_read(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(DraftingDesk, "sources", lambda self: pytest.fail("the records were read"))
    with pytest.raises(HlmnotesError, match="is a folder"):
        ws.drafting.export(tmp_path, fmt="md")
    with pytest.raises(HlmnotesError, match="is a folder"):
        ws.drafting.check(tmp_path / "draft.docx", annotate_to=tmp_path)


def test_the_export_command_hands_its_flags_to_the_workspace(store_path, tmp_path, monkeypatch, capsys):
    seen, original = [], Workspace.export

    def export(self, output=None, *, fmt=None, panel=None):
        seen.append((output, fmt, panel))
        return original(self, output, fmt=fmt, panel=panel)

    monkeypatch.setattr(Workspace, "export", export)
    out = str(tmp_path / "x.xlsx")
    assert main(["--store", str(store_path), "export", "--panel", "2", "-o", out]) == 0
    assert main(["--store", str(store_path), "export", "--format", "json"]) == 0
    assert seen == [(out, None, 2), (None, "json", None)]
    assert capsys.readouterr().out.startswith(f"Exported 0 interventions to {out}\n")


def test_the_summary_command_hands_its_flags_to_the_drafting(store_path, tmp_path, monkeypatch, capsys):
    seen, original = [], DraftingDesk.export

    def export(self, output, **options):
        seen.append((output, options))
        return original(self, output, **options)

    monkeypatch.setattr(DraftingDesk, "export", export)
    template = Path(__file__).resolve().parent.parent / "hlmnotes" / "templates" / "summary.docx"
    argv = ["summary", "--panel", "1", "--by", "theme", "--attribution", "named", "--no-comments",
            "--template", str(template), "--minutes", "4", "-o", str(tmp_path / "d.docx")]  # fmt: skip
    assert main(["--store", str(store_path), *argv]) == 0
    assert callable(seen[0][1].pop("warn"))  # a template's removals are told on stderr (issue 23)
    assert seen == [(str(tmp_path / "d.docx"), {
        "fmt": None, "panels": "1", "by": "theme", "attribution": "named", "comments": False,
        "template": str(template), "minutes": 4.0,
    })]  # fmt: skip
    assert capsys.readouterr().out.startswith("Wrote the draft Chair's summary of panel 1 to ")
