"""Issue 23, probes 4 and 5: no command writes over the store it works on, its -wal, -shm or -journal
file (compared by file identity, whatever the name), or over the file it is reading."""

from __future__ import annotations

import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from hlmnotes.cli import main

from . import crafted
from .conftest import DATA, PROGRAMME


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return crafted.meeting(tmp_path_factory.mktemp("outputs"), PROGRAMME, DATA / "interventions-60.csv")


@pytest.fixture
def meeting(made: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    store, draft = (tmp_path / p.name for p in made)
    for source, target in zip(made, (store, draft), strict=True):
        shutil.copy(source, target)
    return store, draft


def _dump(store: Path) -> str:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return "\n".join(db.iterdump())


def _run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str]:
    status = main(["--store", str(store), *args])
    return status, capsys.readouterr().err


def _names(store: Path, tmp_path: Path) -> dict[str, Path]:
    """Ways to name the store's files: itself, a link to it, a hard link to it, and its side files."""
    os.symlink(store, tmp_path / "link.docx")
    os.link(store, tmp_path / "hard.docx")
    return {
        "itself": store, "a link": tmp_path / "link.docx", "a hard link": tmp_path / "hard.docx",
        "-wal": Path(f"{store}-wal"), "-shm": Path(f"{store}-shm"), "-journal": Path(f"{store}-journal"),
    }  # fmt: skip


WHAT = {
    "itself": "the store itself", "a link": "the store itself", "a hard link": "the store itself",
    "-wal": "the store's write-ahead log (meeting.sqlite-wal)", "-shm": "the store's shared-memory index (meeting.sqlite-shm)",
    "-journal": "the store's journal (meeting.sqlite-journal)",
}  # fmt: skip


@pytest.mark.parametrize("name", list(WHAT))
def test_summary_never_writes_over_the_store(meeting, tmp_path, capsys, name):
    """Before: `summary -o s.sqlite` replaced the meeting's store with a .docx."""
    store, _ = meeting
    before = _dump(store)
    target = _names(store, tmp_path)[name]
    status, err = _run(capsys, store, "summary", "--format", "docx", "-o", str(target))
    assert (status, err) == (2, f"error: {target}: is {WHAT[name]}; choose another name for the draft\n")
    assert _dump(store) == before
    assert not Path(f"{store}-wal").exists() or name != "-wal" or Path(f"{store}-wal").stat().st_size == 0


@pytest.mark.parametrize("name", list(WHAT))
def test_check_never_annotates_over_the_store(meeting, tmp_path, capsys, name):
    """Before: `check edited.docx --annotate s.sqlite` replaced the store; the next command said
    "file is not a database"."""
    store, draft = meeting
    before = _dump(store)
    target = _names(store, tmp_path)[name]
    status, err = _run(capsys, store, "check", str(draft), "--annotate", str(target))
    assert (status, err) == (2, f"error: {target}: is {WHAT[name]}; choose another name for the annotated copy\n")
    assert _dump(store) == before


def test_export_is_refused_over_a_hard_link_to_the_store(meeting, tmp_path, capsys):
    store, _ = meeting
    os.link(store, tmp_path / "copy.csv")
    status, err = _run(capsys, store, "export", "-o", str(tmp_path / "copy.csv"))
    assert (status, err) == (
        2,
        f"error: {tmp_path / 'copy.csv'}: is the store itself; choose another name for the export\n",
    )


def test_check_never_annotates_over_its_own_input(meeting, tmp_path, capsys):
    """Before: `check d.docx --annotate d.docx` overwrote its input; three runs stacked the comments 8, 16, 24."""
    store, draft = meeting
    original = draft.read_bytes()
    os.symlink(draft, tmp_path / "same.docx")
    for target in (draft, tmp_path / "same.docx"):
        status, err = _run(capsys, store, "check", str(draft), "--annotate", str(target))
        assert (status, err) == (
            2, f"error: {target}: is the draft being checked; choose another name for the annotated copy\n"
        )  # fmt: skip
    assert draft.read_bytes() == original


def test_summary_never_writes_over_its_template(meeting, tmp_path, capsys):
    store, draft = meeting
    template = tmp_path / "office.docx"
    shutil.copy(Path(__file__).resolve().parent.parent / "hlmnotes" / "templates" / "summary.docx", template)
    original = template.read_bytes()
    status, err = _run(capsys, store, "summary", "--template", str(template), "-o", str(template))
    assert (status, err) == (2, f"error: {template}: is the template being read; choose another name for the draft\n")
    assert template.read_bytes() == original


def test_an_annotated_copy_elsewhere_is_written(meeting, tmp_path, capsys):
    store, draft = meeting
    status, err = _run(capsys, store, "check", str(draft), "--annotate", str(tmp_path / "checked.docx"))
    assert status == 0 and err.startswith(f"Wrote {tmp_path / 'checked.docx'}")
    with zipfile.ZipFile(tmp_path / "checked.docx") as archive:
        assert "word/document.xml" in archive.namelist()
