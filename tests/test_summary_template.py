"""The Chair's office's own Word template: re-saved by LibreOffice or Word, it still makes a draft; a
template that lacks something is refused with a message naming it and how to add it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary.render.docx import docx_bytes, template_path
from hlmnotes.summary.render.layout import TemplateError, open_template

from .office import convert, read_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


@pytest.fixture(scope="module")
def summary():
    workspace = Workspace.open(":memory:")
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=10)], [])
    yield workspace.drafting.summary("all")
    workspace.close()


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the template with ``change(part name, lxml root)`` applied to each XML part."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in package.infolist():
            data = package.read(info)
            if info.filename.endswith(".xml"):
                root = etree.fromstring(data)
                if change(info.filename, root) is not False:
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            copy.writestr(info, data)
    target.write_bytes(out.getvalue())
    return target


def as_word_saves_it(name: str, root) -> None:
    """What Word leaves in a template someone opened, retyped a field in and saved: rsid attributes on
    every row, paragraph and run, paragraph ids, "{generated}" and "{delegation}" split into runs with
    spelling marks between them, and no alt-text title on the table."""
    for number, element in enumerate(root.iter(f"{{{W}}}tr", f"{{{W}}}p", f"{{{W}}}r")):
        element.set(f"{{{W}}}rsidR", "00A1B2C3")
        element.set(f"{{{W}}}rsidRPr", "00D4E5F6")
        if element.tag == f"{{{W}}}p":
            element.set(f"{{{W14}}}paraId", f"{0x1A2B3C00 + number:08X}")
    for caption in root.iter(f"{{{W}}}tblCaption"):
        caption.getparent().remove(caption)
    for text in list(root.iter(f"{{{W}}}t")):
        if text.text in ("{generated}", "{delegation}"):
            run = text.getparent()
            pieces = ["{", text.text[1:5], text.text[5:]]
            text.text = pieces[0]
            after = run
            for piece in pieces[1:]:
                mark = etree.Element(f"{{{W}}}proofErr")
                mark.set(f"{{{W}}}type", "spellStart")
                new = etree.fromstring(etree.tostring(run))
                new.find(f"{{{W}}}t").text = piece
                after.addnext(mark)
                mark.addnext(new)
                after = new


def check_draft(data: bytes, summary, folder: Path) -> None:
    """The draft has the header filled, every annex row, numbered paragraphs, and LibreOffice reads it."""
    document = docx.Document(io.BytesIO(data))
    header = "".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert "{generated}" not in header and f"from {summary.interventions} interventions" in header
    for table, panel in zip(document.tables, summary.panels, strict=True):
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows[0][:2] == ["No.", "Delegation"] and len(rows) == len(panel.annex) + 1
        assert [r[1] for r in rows[1:]] == [a.delegation for a in panel.annex]
        assert not any("{" in cell for row in rows for cell in row)
    ids = [p.get(f"{{{W14}}}paraId") for p in document.element.body.iter(qn("w:p")) if p.get(f"{{{W14}}}paraId")]
    assert len(ids) == len(set(ids))  # copies of the prototype row carry no duplicate paragraph ids
    draft = folder / "draft.docx"
    draft.write_bytes(data)
    text = read_text(draft, folder / "read")
    lines = text.splitlines()
    assert summary.panels[0].title in lines and "I.\tIntroduction" in lines
    numbers = [line.strip().split(" ", 1)[0] for line in lines if line.startswith("    ")]
    assert numbers.count("1.") == 2 and numbers.count("(a)") == 2  # both lists, restarted for panel 2
    for sentence in summary.panels[1].sentences:
        assert sentence.text in text


def test_the_shipped_template_re_saved_by_libreoffice_still_makes_a_draft(summary, tmp_path):
    resaved = convert(template_path(), "docx", tmp_path / "resaved")
    xml = zipfile.ZipFile(resaved).read("word/document.xml").decode()
    styles = zipfile.ZipFile(resaved).read("word/styles.xml").decode()
    assert "tblCaption" not in xml and 'w:styleId="SubItem"' not in styles  # what the writer had relied on
    _, layout = open_template(resaved)
    assert layout.styles["SubItem"] != "SubItem" and layout.styles["CommentText"] != "CommentText"
    data = docx_bytes(summary, template=resaved)
    check_draft(data, summary, tmp_path)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == len(set(zipfile.ZipFile(io.BytesIO(data)).namelist()))


def test_a_template_word_has_saved_with_rsids_and_a_split_field(summary, tmp_path):
    template = rewrite(template_path(), tmp_path / "office.docx", lambda name, root: as_word_saves_it(name, root))
    raw = zipfile.ZipFile(template).read("word/header1.xml").decode()
    assert "{generated}" not in raw and "rsidR" in raw  # the field really is split across runs
    check_draft(docx_bytes(summary, template=template), summary, tmp_path)


def test_a_word_template_file_dotx_is_accepted(summary, tmp_path):
    def as_dotx(name, root):
        if name == "[Content_Types].xml":
            for override in root:
                if override.get("PartName") == "/word/document.xml":
                    override.set("ContentType", override.get("ContentType").replace(".document.", ".template."))
        return name == "[Content_Types].xml"

    template = rewrite(template_path(), tmp_path / "office.dotx", as_dotx)
    document = docx.Document(io.BytesIO(docx_bytes(summary, template=template)))
    assert len(document.tables) == 2


def _without_style(style_id):
    def change(name, root):
        if name != "word/styles.xml":
            return False
        for style in root.iter(f"{{{W}}}style"):
            if style.get(f"{{{W}}}styleId") == style_id:
                root.remove(style)

    return change


def _without_numbering(name, root):
    if name != "word/styles.xml":
        return False
    for num in root.iter(f"{{{W}}}numPr"):
        num.getparent().remove(num)


def _without(tag, text=None):
    def change(name, root):
        for element in list(root.iter(f"{{{W}}}{tag}")):
            if text is None or text in "".join(element.itertext()):
                element.getparent().remove(element)

    return change


def _retyped(old, new):
    def change(name, root):
        for t in root.iter(f"{{{W}}}t"):
            if t.text == old:
                t.text = new

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (_without_style("NumberedParagraph"), "lacks the paragraph style “Numbered Paragraph” (paragraphs numbered"),
        (_without_numbering, "the style “Numbered Paragraph” is not numbered: in Word, Modify Style → Format → Numbering"),
        (_without("tbl"), "no table holds the annex prototype row: add a table whose last row has one cell per field"),
        (_without("p", "{generated}"), "no header or footer holds the field {generated}"),
        (_retyped("{delegation}", "{delegate}"), "the annex prototype row holds {delegate}, which the writer does not fill"),
    ],
)  # fmt: skip
def test_a_template_that_lacks_something_is_refused_saying_what_and_how(summary, tmp_path, change, message):
    template = rewrite(template_path(), tmp_path / "office.docx", change)
    with pytest.raises(TemplateError) as error:
        docx_bytes(summary, template=template)
    assert message in str(error.value) and str(template) in str(error.value)
    assert "README" in str(error.value)  # where the contract is written


def test_a_template_without_comment_styles_gets_the_shipped_ones(summary, tmp_path):
    # Word leaves "annotation text" out of a template until someone comments in it.
    template = rewrite(template_path(), tmp_path / "office.docx", _without_style("CommentText"))
    document = docx.Document(io.BytesIO(docx_bytes(summary, template=template)))
    assert "CommentText" in {s.style_id for s in document.styles} and len(document.comments) > 0


def test_the_cli_takes_the_template_and_refuses_a_bad_one_in_one_line(store_path, tmp_path, capsys):
    store = store_path
    workspace = Workspace.open(store)
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=6)], [])
    workspace.close()
    office = rewrite(template_path(), tmp_path / "office.docx", lambda name, root: as_word_saves_it(name, root))
    target = tmp_path / "draft.docx"
    assert main(["--store", str(store), "summary", "--template", str(office), "-o", str(target)]) == 0
    assert "Wrote the draft" in capsys.readouterr().out and len(docx.Document(str(target)).tables) == 2
    broken = tmp_path / "notes.docx"
    broken.write_text("not a Word file")
    assert main(["--store", str(store), "summary", "--template", str(broken), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"error: .*notes\.docx: is not a Word document .*\n", err)
    assert not (tmp_path / "x.docx").exists()
    assert main(["--store", str(store), "summary", "--template", str(office), "--format", "md"]) == 2
    assert capsys.readouterr().err == "error: a Word template shapes the Word draft only; drop --template for the md preview\n"
