"""Issue 23, probes 1 to 3 for `check`: a Word file is read part by part within limits, so a crafted
draft is refused at once, in one line naming the part and the limit, inside a gigabyte of memory; odd
XML structure is an error line, not a traceback; a device is not read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.io import wordfile
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary import to_docx

from . import bounded, crafted
from .conftest import PROGRAMME


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crafted")
    store = folder / "meeting.sqlite"
    workspace = Workspace.init(store, PROGRAMME)
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=6)], [])
    draft = to_docx(workspace.drafting.summary("all"), folder / "draft.docx")
    workspace.close()
    return store, draft


def _check(capsys: pytest.CaptureFixture[str], store: Path, path: Path | str) -> str:
    assert main(["--store", str(store), "check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1, err
    return err.strip()


BOMBS = {
    # file maker, what the error line says (the part and the limit it passed)
    "empty paragraphs": (crafted.empty_paragraphs, "part word/document.xml unzips to more than 64 MB"),
    "element bomb": (crafted.element_bomb, "part word/document.xml holds more than 1,000,000 XML elements"),
    "deep nesting": (crafted.deep_nesting, "part word/document.xml holds elements nested more than 100 deep"),
    "content types": (crafted.content_types_bomb, "part [Content_Types].xml unzips to more than 64 MB"),
    "large part": (crafted.large_part, "part word/document.xml unzips to more than 64 MB"),
    "doctype": (crafted.doctype_in_header, "part word/header1.xml holds a DOCTYPE declaration"),
}


@pytest.mark.parametrize("name", BOMBS)
def test_a_crafted_draft_is_refused_within_a_gigabyte_and_a_minute(meeting, tmp_path, name):
    """Before: 74 KB of empty paragraphs took 44 s and 2.87 GB; an element bomb ended in MemoryError."""
    store, _ = meeting
    make, words = BOMBS[name]
    path = make(tmp_path / "draft.docx")
    result = bounded.run(["--store", str(store), "check", str(path)], tmp_path)
    bounded.assert_refused(result, f"{path}: ", words)


def test_the_limits_are_the_documented_ones():
    assert (wordfile.PART_BYTES, wordfile.TOTAL_BYTES, wordfile.FILE_BYTES) == (64 << 20, 128 << 20, 64 << 20)
    assert (wordfile.ELEMENTS, wordfile.DEPTH, wordfile.PARTS) == (1_000_000, 100, 1_000)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for figure in ("64 MB", "128 MB", "1,000,000 XML elements", "100 deep", "1,000 parts", "DOCTYPE"):
        assert figure in readme, figure


def test_a_part_whose_zip_header_lies_about_its_size_is_refused(meeting, tmp_path, capsys):
    store, _ = meeting
    path = crafted.lying_sizes(tmp_path / "draft.docx")
    line = _check(capsys, store, path)
    assert line.startswith(f"error: {path}: part word/document.xml cannot be unzipped"), line


@pytest.mark.parametrize(
    ("part", "change", "words"),
    [
        ("word/document.xml", lambda t: t[: t.index("<w:body>")] + "</w:document>", "is not a Word document body"),
        ("word/document.xml", lambda t: '<?xml version="1.0"?><foo/>', "is not a Word document body"),
        ("word/document.xml", lambda t: t[:-40], "part word/document.xml is not well-formed XML"),
        ("word/document.xml", lambda t: t.replace("<w:body>", "<w:body>&ent;", 1), "is not well-formed XML (undefined entity"),
    ],
)  # fmt: skip
def test_odd_xml_structure_is_one_error_line(meeting, tmp_path, capsys, part, change, words):
    """Before: a w:document without a body, or another root, ended in an AttributeError traceback."""
    store, draft = meeting
    path = crafted.with_part(draft, tmp_path / "odd.docx", part, change)
    assert words in _check(capsys, store, path)


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("word/numbering.xml", '<w:start w:val="1"/>', '<w:start w:val="x"/>'),
        ("word/numbering.xml", '<w:startOverride w:val="1"/>', '<w:startOverride w:val="one"/>'),
        ("word/styles.xml", '<w:numId w:val="1"/>', '<w:numId w:val="one"/>'),
    ],
)
def test_a_number_that_is_not_a_number_is_read_as_word_reads_it(meeting, tmp_path, capsys, part, old, new):
    """Before: `<w:start w:val="x"/>` in the numbering ended in a ValueError traceback. Word ignores such
    a value; so does `check`, which then reads the draft as before (it may find a label changed)."""
    store, draft = meeting
    assert old in crafted.part_text(draft, part)
    path = crafted.with_part(draft, tmp_path / "odd.docx", part, lambda t: t.replace(old, new))
    status = main(["--store", str(store), "check", str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 1) and err == "" and out.rstrip().endswith(")"), (status, err)


def test_a_device_or_a_link_to_one_is_not_read(meeting, tmp_path, capsys):
    """Before: `check /dev/zero` grew to 7.6 GB."""
    store, _ = meeting
    assert _check(capsys, store, "/dev/zero") == (
        "error: /dev/zero: is a character device, not a regular file; name the draft file itself"
    )
    os.symlink("/dev/zero", tmp_path / "zero.docx")
    result = bounded.run(["--store", str(store), "check", "zero.docx"], tmp_path)
    bounded.assert_refused(result, "zero.docx: is a character device")


def test_a_real_draft_reads_as_before(meeting, capsys):
    store, draft = meeting
    assert main(["--store", str(store), "check", str(draft)]) == 0
    assert "no findings" in capsys.readouterr().out
