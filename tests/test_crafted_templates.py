"""Issue 23, probes 1, 6 to 9 for templates: a template is read within limits like any Word file; what
runs or fetches something is refused, macros and external links are removed with one warning, and no
draft carries any of them; a damaged cache entry is a miss; values holding the markers' text are
written as they are."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.summary.render import docx as writer
from hlmnotes.summary.render.layout import TemplateError

from . import bounded, crafted
from .conftest import DATA, PROGRAMME


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crafted.meeting(tmp_path_factory.mktemp("templates"), PROGRAMME, DATA / "interventions-60.csv", draft=False)[
        0
    ]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HLMNOTES_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "word"


def _summary(capsys: pytest.CaptureFixture[str], store: Path, template: Path, out: Path) -> tuple[int, str]:
    status = main(["--store", str(store), "summary", "--template", str(template), "-o", str(out)])
    return status, capsys.readouterr().err


def _every_part(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (crafted.empty_paragraphs, "part word/document.xml unzips to more than 64 MB"),
        (crafted.element_bomb, "part word/document.xml holds more than 1,000,000 XML elements"),
        (crafted.content_types_bomb, "part [Content_Types].xml unzips to more than 64 MB"),
    ],
)
def test_a_crafted_template_is_refused_within_a_gigabyte(store, tmp_path, make, words):
    """Before: the same bombs as `--template` took gigabytes, and a 1.4 MB [Content_Types].xml too."""
    template = make(tmp_path / "office.docx")
    result = bounded.run(["--store", str(store), "summary", "--template", str(template), "-o", "d.docx"], tmp_path)
    bounded.assert_refused(result, str(template), words)
    assert not (tmp_path / "d.docx").exists()


def test_a_device_as_template_is_not_read(store, tmp_path, capsys):
    status, err = _summary(capsys, store, Path("/dev/zero"), tmp_path / "d.docx")
    assert (
        status == 2
        and err == "error: /dev/zero: is a character device, not a regular file; name the template file itself\n"
    )


def test_macros_are_removed_with_one_warning(store, tmp_path, capsys):
    """Before: a macro-enabled template's vbaProject.bin was copied into every draft."""
    template = crafted.macro_template(tmp_path / "office.docm")
    status, err = _summary(capsys, store, template, tmp_path / "d.docx")
    assert status == 0
    assert err == (
        f"warning: {template}: removed from the template, so no draft carries them: macros (word/vbaProject.bin)"
        " (save the template without them to silence this)\n"
    )
    draft = _every_part(tmp_path / "d.docx")
    assert not any("vba" in name.lower() for name in draft)
    assert not any(b"vbaProject" in data or b"macroEnabled" in data for data in draft.values())


def test_external_links_and_an_attached_template_are_removed_with_one_warning(store, tmp_path, capsys):
    """Before: an attachedTemplate relationship to an outside address, an external header image and a
    hyperlink reached every draft unchanged."""
    template = crafted.external_links_template(tmp_path / "office.docx")
    status, err = _summary(capsys, store, template, tmp_path / "d.docx")
    assert status == 0 and err.count("\n") == 1 and err.startswith(f"warning: {template}: removed from the template")
    assert "an attached template (http://attacker.invalid/t.dotm)" in err and "2 external links or images" in err
    for data in _every_part(tmp_path / "d.docx").values():
        assert b"attacker.invalid" not in data and b'TargetMode="External"' not in data
        assert b"attachedTemplate" not in data


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda p: crafted.field_template(p, 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"'), "DDEAUTO"),
        (lambda p: crafted.field_template(p, 'DDE "Excel" "book.xlsx"'), "DDE"),
        (lambda p: crafted.simple_field_template(p, 'INCLUDETEXT "http://attacker.invalid/x"'), "INCLUDETEXT"),
        (lambda p: crafted.field_template(p, 'INCLUDEPICTURE "http://attacker.invalid/p.png" \\d'), "INCLUDEPICTURE"),
        (lambda p: crafted.field_template(p, 'LINK Excel.Sheet.8 "book.xls" "Sheet1!R1C1"'), "LINK"),
    ],
)
def test_fields_that_run_or_fetch_are_refused_with_the_reason(store, tmp_path, capsys, make, field):
    """Before: DDEAUTO and INCLUDETEXT fields in a template reached every draft."""
    template = make(tmp_path / "office.docx")
    status, err = _summary(capsys, store, template, tmp_path / "d.docx")
    assert status == 2 and err.count("\n") == 1
    assert err.startswith(f"error: {template}: part word/header1.xml holds the field {field} (“"), err
    assert "runs or fetches something when the draft is opened; delete the field in Word" in err
    assert not (tmp_path / "d.docx").exists()


def test_a_field_split_over_runs_is_read_whole(store, tmp_path, capsys):
    split = '</w:instrText></w:r><w:r><w:instrText xml:space="preserve">'
    template = crafted.field_template(tmp_path / "office.docx", f'LI{split}NK Excel.Sheet.8 "book.xls" "A1"')
    status, err = _summary(capsys, store, template, tmp_path / "d.docx")
    assert status == 2 and "holds the field LINK (“LINK Excel.Sheet.8" in err


def test_a_page_field_is_not_refused(store, tmp_path, capsys):
    template = crafted.field_template(tmp_path / "office.docx", "PAGE")
    assert _summary(capsys, store, template, tmp_path / "d.docx") == (0, "")


def test_a_doctype_in_a_template_is_refused(store, tmp_path, capsys):
    """Before: `summary` exited 0 and wrote a draft that was not valid XML."""
    template = crafted.doctype_in_header(tmp_path / "office.docx")
    status, err = _summary(capsys, store, template, tmp_path / "d.docx")
    assert status == 2 and err.startswith(f"error: {template}: part word/header1.xml holds a DOCTYPE declaration")
    assert not (tmp_path / "d.docx").exists()


def test_a_numbering_id_that_is_not_a_number_is_a_template_error(tmp_path):
    template = crafted.style_num_id_not_a_number(tmp_path / "office.docx")
    with pytest.raises(TemplateError, match="the style “Numbered Paragraph” is not numbered"):
        writer.docx_bytes(_summary_model(), template=template)


def _summary_model():
    with Workspace.open(":memory:") as workspace:
        from hlmnotes.io.demo import demo_rows

        workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=6)], [])
        return workspace.drafting.summary("all")


def test_a_cache_entry_with_a_broken_package_is_a_miss(cache):
    """Before: valid JSON holding a broken package made every later summary fail with BadZipFile."""
    summary = _summary_model()
    expected = _parts(writer.docx_bytes(summary))
    (entry,) = cache.glob("*.json")
    kept = json.loads(entry.read_text())
    for broken in (
        b"not a zip",
        crafted.package({"word/other.xml": "<x/>"}),
        crafted.package({"word/document.xml": "<x>"}),
    ):
        kept["packages"] = [base64.b64encode(broken).decode("ascii")] * 2
        entry.write_text(json.dumps(kept))
        assert _parts(writer.docx_bytes(summary)) == expected
        assert json.loads(entry.read_text())["packages"][0] != kept["packages"][0]  # made again


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            info.filename: package.read(info) for info in package.infolist() if info.filename != "docProps/core.xml"
        } | {"core": package.read("docProps/core.xml")}


@pytest.mark.parametrize(
    "title",
    [
        "Report 1901-02-03T04:05:06Z",
        "\ue000core subject\ue000 and \ue000core language\ue000",
        "<!--hlmnotes nums--> \ue000",
    ],
)
def test_values_holding_the_markers_text_are_written_as_they_are(cache, title):
    """Before: a title holding `1901-02-03T04:05:06Z` or U+E000 text was rewritten by the substitution."""
    summary = replace(_summary_model(), title=title)
    expected = _parts(writer._python_docx_bytes(summary, writer.template_path(), True, writer._values(summary)))
    assert _parts(writer.docx_bytes(summary)) == expected  # cold
    assert _parts(writer.docx_bytes(summary)) == expected  # warm, from the cache


def test_the_notebook_says_what_it_removed_from_an_uploaded_template(ws, tmp_path):
    """The Summary notebook's upload is checked by the same code, and its status line says what was removed."""
    import datetime as dt

    from hlmnotes.widgets import Drafter

    drafter = Drafter(ws, folder=tmp_path / "drafts")
    content = crafted.macro_template(tmp_path / "office.docm").read_bytes()
    drafter.template.upload.value = ({"name": "office.docx", "type": "", "size": len(content), "content": memoryview(content),
                                      "last_modified": dt.datetime(2017, 9, 28, tzinfo=dt.UTC)},)  # fmt: skip
    assert drafter.template.path is not None and drafter.status.tone == "warn"
    assert drafter.status.text.startswith("The next Word draft uses the office template office.docx; office.docx:")
    assert "removed from the template, so no draft carries them: macros (word/vbaProject.bin)" in drafter.status.text
    content = crafted.doctype_in_header(tmp_path / "doctype.docx").read_bytes()
    drafter.template.upload.value = ({"name": "doctype.docx", "type": "", "size": len(content), "content": memoryview(content),
                                      "last_modified": dt.datetime(2017, 9, 28, tzinfo=dt.UTC)},)  # fmt: skip
    assert drafter.template.path is None
    assert drafter.status.text.startswith("⚠ doctype.docx: part word/header1.xml holds a DOCTYPE declaration")
