"""A Word template prepared once (``summary.wordparts``): drafts from its cached package are the parts python-docx writes.

The prepared path must write every part byte for byte as python-docx does for the same draft: cold
(preparing and keeping the package), warm (from the cache), for a Chair's office's own template, with
and without comments, and when a value sends the draft back to python-docx. A damaged cache is made
again; a warm draft in a fresh process imports neither python-docx nor lxml.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from hlmnotes import Workspace
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary.locale import ENGLISH
from hlmnotes.summary.render import docx as writer
from hlmnotes.summary.render import wordparts

WHEN = dt.datetime(2017, 9, 28, 18, 30, tzinfo=dt.UTC)
DATA = Path(__file__).resolve().parent / "data"
PROGRAMME = Path(__file__).resolve().parent.parent / "data" / "hlm2017" / "programme.toml"


@pytest.fixture(scope="module")
def summary():
    with Workspace.open(":memory:") as workspace:
        workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=30)], [])
        return workspace.drafting.summary("all", now=WHEN)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("HLMNOTES_CACHE", str(folder))
    return folder / "word"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def by_python_docx(summary, template: Path, comments: bool = True) -> dict[str, bytes]:
    return parts(writer._python_docx_bytes(summary, template, comments, writer._values(summary)))


@pytest.mark.parametrize("comments", [True, False])
def test_cold_and_warm_drafts_are_python_docx_parts(summary, cache, comments):
    expected = by_python_docx(summary, writer.template_path(), comments)
    assert parts(writer.docx_bytes(summary, comments=comments)) == expected  # cold: prepares, keeps
    assert len(list(cache.glob("*.json"))) == 1
    assert parts(writer.docx_bytes(summary, comments=comments)) == expected  # warm: from the cache


def test_an_office_template_and_awkward_values(summary, cache, tmp_path):
    template = tmp_path / "office.docx"
    with zipfile.ZipFile(writer.template_path()) as shipped, zipfile.ZipFile(template, "w") as office:
        for info in shipped.infolist():  # another header text: another template, its own cache entry
            office.writestr(info, shipped.read(info).replace("for the Chair’s review".encode(), b"Office &amp; Co"))
    awkward = replace(summary, title="R&D <draft> “Chair’s” summary — é 東", meeting="A & B > C", author="Staff & Co")
    assert parts(writer.docx_bytes(awkward, template=template)) == by_python_docx(awkward, template)
    assert parts(writer.docx_bytes(awkward, template=template)) == by_python_docx(awkward, template)
    assert len(list(cache.glob("*.json"))) == 1


def test_values_python_docx_writes_otherwise_go_through_python_docx(summary, cache):
    spaced = replace(summary, locale=replace(ENGLISH, generated=" Generated {date} "))
    assert writer._values(spaced).replacements("") is None
    assert parts(writer.docx_bytes(spaced)) == by_python_docx(spaced, writer.template_path())
    with pytest.raises(ValueError, match="255"):  # python-docx refuses it, as before
        writer.docx_bytes(replace(summary, title="x" * 300))


def test_a_damaged_cache_is_made_again(summary, cache):
    expected = parts(writer.docx_bytes(summary))
    (kept,) = cache.glob("*.json")
    kept.write_text(json.dumps({"styles": {}}))
    assert parts(writer.docx_bytes(summary)) == expected
    assert wordparts._load(kept.read_text()).layout.styles


def test_a_warm_draft_imports_neither_python_docx_nor_lxml(tmp_path):
    store = ["--store", str(tmp_path / "m.sqlite")]
    script = (
        "import sys\nfrom hlmnotes.cli import main\nassert main(sys.argv[1:]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))"
    )
    env = {"HLMNOTES_CACHE": str(tmp_path / "cache")}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-c", script, *store, *args], capture_output=True, text=True, check=True,
        env={**__import__("os").environ, **env},
    )  # fmt: skip
    run("init", "--programme", str(PROGRAMME))
    run("import", str(DATA / "interventions-60.csv"))
    assert "'docx'" in run("summary", "-o", str(tmp_path / "a.docx")).stdout  # the first prepares the template
    assert run("summary", "-o", str(tmp_path / "b.docx")).stdout.strip().endswith("[]")


def test_without_a_usable_cache_the_draft_is_the_same(summary, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("HLMNOTES_CACHE", str(blocked / "cache"))  # cannot be created, nor read
    assert parts(writer.docx_bytes(summary)) == by_python_docx(summary, writer.template_path())


def test_a_missing_template_is_refused_as_before(summary, cache, tmp_path):
    from hlmnotes.summary.render.layout import TemplateError

    with pytest.raises(TemplateError, match="no such file; check the path to the template"):
        writer.docx_bytes(summary, template=tmp_path / "missing.docx")
