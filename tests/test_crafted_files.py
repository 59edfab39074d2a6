"""Issue 23, probes 3 and 10: a device, pipe, folder or huge file named where a programme, codebook
or import is expected is refused before it is read; TOML nested past any real file's depth is
refused in the same words for the programme, the codebook and the regional groups."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.domain.codebook import load_codebook
from hlmnotes.domain.files import PROGRAMME_BYTES, TOML_DEPTH, parse_toml
from hlmnotes.domain.programme import load_programme
from hlmnotes.domain.reference import default_reference
from hlmnotes.domain.regions import parse_regions
from hlmnotes.errors import ProgrammeError

from . import bounded, crafted
from .conftest import PROGRAMME, ROOT


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.sqlite"
    Workspace.init(path, PROGRAMME).close()
    return path


def _dump(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return "\n".join(db.iterdump())


def _one_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err.strip()


COMMANDS = [["programme", "diff", "{x}"], ["programme", "update", "{x}"], ["import", "{x}"],
            ["speakers", "import", "{x}", "--panel", "1"]]  # fmt: skip
KINDS = ["device", "link to a device", "pipe", "folder"]


@pytest.mark.parametrize(
    ("command", "kind"),
    # /dev/zero has no extension, which an import refuses first: a link named .csv reaches the reader
    [(c, k) for c in COMMANDS for k in KINDS if not (k == "device" and c[0] in ("import", "speakers"))],
)
def test_only_a_regular_file_is_read(store, tmp_path, capsys, command, kind):
    if kind == "device":
        target = "/dev/zero"
    elif kind == "link to a device":
        target = str(tmp_path / "zero.csv")
        os.symlink("/dev/zero", target)
    elif kind == "pipe":
        target = str(tmp_path / "pipe.csv")
        os.mkfifo(target)  # nothing writes to it: reading it would wait for ever
    else:
        target = str(tmp_path / "folder.csv")
        os.mkdir(target)
    before = _dump(store)
    line = _one_error(capsys, ["--store", str(store), *(a.replace("{x}", target) for a in command)])
    shown = {
        "device": "a character device",
        "link to a device": "a character device",
        "pipe": "a pipe",
        "folder": "a folder",
    }
    assert line.startswith(f"error: {target}: is {shown[kind]}, not a regular file; name the "), line
    assert _dump(store) == before


def test_init_refuses_a_device_as_programme_or_codebook(tmp_path, capsys):
    target = tmp_path / "new.sqlite"
    line = _one_error(capsys, ["--store", str(target), "init", "--programme", "/dev/zero"])
    assert line == "error: /dev/zero: is a character device, not a regular file; name the programme file itself"
    line = _one_error(
        capsys, ["--store", str(target), "init", "--programme", str(PROGRAMME), "--codebook", "/dev/zero"]
    )
    assert line == "error: /dev/zero: is a character device, not a regular file; name the codebook file itself"
    assert not target.exists()


def test_a_device_is_refused_within_a_gigabyte(store, tmp_path):
    """Before: `programme diff /dev/zero` and `import` of a link to it ended in MemoryError tracebacks."""
    os.symlink("/dev/zero", tmp_path / "zero.json")
    for args in (["programme", "diff", "/dev/zero"], ["import", "zero.json"], ["init", "--programme", "/dev/zero"]):
        result = bounded.run(["--store", str(store), *args], tmp_path)
        bounded.assert_refused(result, "character device", "not a regular file")


def test_a_programme_over_its_size_limit_is_refused(store, tmp_path, capsys):
    """Before: a 60 MB programme title was accepted. A programme is at most 1 MB."""
    big = crafted.huge_title(PROGRAMME, tmp_path / "big.toml", megabytes=2)
    before = _dump(store)
    line = _one_error(capsys, ["--store", str(store), "programme", "update", str(big)])
    assert line == f"error: {big}: 2.0 MB, more than the 1 MB a programme may be; is it the right file?"
    assert _dump(store) == before
    assert PROGRAMME_BYTES == 1 << 20


def test_a_codebook_over_its_size_limit_is_refused(tmp_path):
    big = tmp_path / "codebook.toml"
    big.write_text("# " + "x" * (1 << 20) + "\n", encoding="utf-8")
    with pytest.raises(ProgrammeError, match=r"MB, more than the 1 MB a codebook may be"):
        load_codebook(big)


def test_deeply_nested_toml_is_refused_in_one_wording(tmp_path, capsys):
    """Before: 2,000 brackets in a programme ended in a RecursionError traceback."""
    deep = crafted.deep_toml(tmp_path / "deep.toml")
    line = _one_error(capsys, ["--store", str(tmp_path / "s.sqlite"), "init", "--programme", str(deep)])
    assert line == (
        f"error: {deep}: line 1: brackets nested more than {TOML_DEPTH} deep, more than a programme, codebook or"
        " list of groups ever needs; see data/README.md for the format"
    )
    with pytest.raises(ProgrammeError, match="brackets nested more than 16 deep"):
        load_codebook(deep)
    with pytest.raises(ProgrammeError, match="brackets nested more than 16 deep"):
        parse_regions(deep.read_text(), str(deep), default_reference())


def test_brackets_inside_strings_and_comments_are_not_nesting():
    text = (
        "a = \"[[[[[[[[[[[[[[[[[[[[\" # {{{{{{{{{{{{{{{{{{{{{{\nb = '''\n[[[[[[[[[[[[[[[[[[[[[\n'''\nc = [[1], [2]]\n"
    )
    assert parse_toml(text, "t.toml")["c"] == [[1], [2]]


def test_the_three_readers_word_a_syntax_error_alike(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[meeting\n", encoding="utf-8")
    messages = []
    for read in (load_programme, load_codebook, lambda p: parse_regions(p.read_text(), str(p), default_reference())):
        with pytest.raises(ProgrammeError) as caught:
            read(bad)
        messages.append(str(caught.value))
    assert len(set(messages)) == 1, messages
    assert messages[0].startswith(f"{bad}: not valid TOML: ") and messages[0].endswith("; fix the line it names")


def test_the_shipped_data_files_are_within_the_limits():
    for path in (ROOT / "data").rglob("*.toml"):
        assert path.stat().st_size < PROGRAMME_BYTES / 10, path
