"""What the Word writer needs from a template, found the way Word and LibreOffice leave it.

The Chair's office may bring its own template (letterhead, fonts, numbering). After Word or
LibreOffice has saved a file, nothing is where a script wrote it: LibreOffice drops the table's
alt-text title and renames some style ids ("SubItem" becomes "Subitem", "CommentText" becomes
"Annotationtext"); Word adds ``w:rsid*`` and ``w14:paraId`` attributes to every run and row and
splits "{generated}" into "{", "generated", "}" runs when someone retypes it. So every part is found
by what a person sees, not by its bytes:

- **styles** by id, else by their name as shown in Word's Styles pane ("Numbered Paragraph");
- **the lists** (1, 2, 3… and (a), (b)…) through the numbering of the two list styles;
- **the annex table** as the table with a row of ``{field}`` cells (its prototype row), whatever
  runs the fields were split into;
- **header fields** (``{generated}``) in any header or footer, across runs.

A template that lacks one of them is refused with a ``TemplateError`` naming what is missing and how
to add it. The contract is written out in the README ("Your own Word template").
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from .template import ANNEX_CAPTION, ANNEX_FIELDS, GENERATED_TOKEN, STYLE_NAMES, STYLES, TEMPLATE
from .templatefile import TemplateError, read_template
from .wordparts import Layout, Slot

# Styles the writer's paragraphs use: a template without them cannot show the draft as intended.
REQUIRED_STYLES = ("Normal", "Title", "Masthead", "Heading1", "Heading2", "NumberedParagraph", "SubItem",
                   "ChairPlaceholder", "StaffNote")  # fmt: skip
# Styles of the comments: Word keeps "annotation text" out of a template until someone comments in
# it, so a template without them gets the shipped template's definitions instead of a refusal.
COMMENT_STYLES = ("CommentText", "CommentReference", "SourceLabel")
HOW_TO = "see “Your own Word template” in the README, or start from the shipped template (python -m hlmnotes.summary.template OFFICE.docx)"
_W_NS = f' xmlns:w="{nsdecls("w").split(chr(34))[1]}"'
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)


def open_template(path: str | Path | None = None) -> tuple[Any, Layout]:
    """The template at ``path`` (default: the shipped one) as a python-docx document and its layout.

    Raises ``TemplateError`` when the file is not a Word document or lacks a style, a list, the
    annex prototype row or the ``{generated}`` header field.
    """
    source = Path(path) if path else TEMPLATE
    document = _document(source)
    styles = _styles(document, source)
    paragraphs = _list(document, styles["NumberedParagraph"], "NumberedParagraph", source)
    items = _list(document, styles["SubItem"], "SubItem", source)
    table = _annex_table(document, source)
    if not any(GENERATED_TOKEN in _text(p) for root in _header_parts(document) for p in root.iter(qn("w:p"))):
        raise TemplateError(
            f"{source}: no header or footer holds the field {GENERATED_TOKEN} (it says when and from what the draft"
            f" was generated): type {GENERATED_TOKEN} in the page header; {HOW_TO}"
        )
    table_open, table_close, head, slots = _prototype(table, source)
    return document, Layout(styles, paragraphs, items, table_open, table_close, head, slots)


def _document(source: Path) -> Any:
    """python-docx's document for a .docx, or for a .dotx/.docm read as a document."""
    data = read_template(source).data  # within limits; fields refused, macros and external links removed
    try:
        data = _as_document(data)
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise TemplateError(
            f"{source}: is not a Word document ({exc}); save it from Word or LibreOffice as .docx or .dotx"
        ) from None


def _as_document(data: bytes) -> bytes:
    """The package as python-docx reads it: a Word template (.dotx) or macro file's main part typed as a
    document's, and LibreOffice's misspelt core-properties relationship ("officedocument/2006/…", which
    would make python-docx write a second ``docProps/core.xml``) spelt as the standard says."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = set(source.namelist())
        types = etree.fromstring(source.read("[Content_Types].xml"))
        rels = etree.fromstring(source.read("_rels/.rels")) if "_rels/.rels" in names else None
        changed = {}
        for override in types:
            if override.get("ContentType") in _TEMPLATE_TYPES:
                override.set("ContentType", _DOCUMENT)
                changed["[Content_Types].xml"] = types
        for rel in rels if rels is not None else ():
            kind = rel.get("Type", "")
            if rels is not None and kind.endswith("/metadata/core-properties") and kind != RT.CORE_PROPERTIES:
                rel.set("Type", RT.CORE_PROPERTIES)
                changed["_rels/.rels"] = rels
        if not changed:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                root = changed.get(info.filename)
                part = (
                    source.read(info) if root is None else etree.tostring(root, xml_declaration=True, encoding="UTF-8")
                )
                target.writestr(info, part)
        return out.getvalue()


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _styles(document: Any, source: Path) -> dict[str, str]:
    """Each known style id → the template's id for it (by id, else by Word's name for it)."""
    element = document.styles.element
    found = {}
    by_id = {s.get(qn("w:styleId")): s for s in element.iter(qn("w:style"))}
    by_name: dict[str, Any] = {}
    for style in by_id.values():
        name = style.find(qn("w:name"))
        if name is not None:
            by_name.setdefault(_key(name.get(qn("w:val"))), style)
        by_name.setdefault(_key(style.get(qn("w:styleId")) or ""), style)
    missing = []
    shipped = None
    for style_id in STYLES:
        match = next(
            (s for s in (by_id.get(style_id), by_name.get(_key(STYLE_NAMES[style_id])), by_name.get(_key(style_id)))
             if s is not None), None,
        )  # fmt: skip
        if match is not None:
            found[style_id] = match.get(qn("w:styleId"))
        elif style_id in COMMENT_STYLES:
            shipped = shipped if shipped is not None else Document(str(TEMPLATE)).styles.element
            element.append(
                copy.deepcopy(next(s for s in shipped.iter(qn("w:style")) if s.get(qn("w:styleId")) == style_id))
            )
            found[style_id] = style_id
        elif style_id in REQUIRED_STYLES:
            missing.append(f"“{STYLE_NAMES[style_id]}” ({STYLES[style_id]})")
        else:
            found[style_id] = style_id
    if missing:
        raise TemplateError(
            f"{source}: the template lacks the paragraph style{'s' if len(missing) > 1 else ''} {'; '.join(missing)}:"
            f" add {'them' if len(missing) > 1 else 'it'} in Word's Styles pane (New Style, with that name); {HOW_TO}"
        )
    return found


def _list(document: Any, style_id: str, known: str, source: Path) -> tuple[int, int]:
    """(numId, abstractNumId) of the list a paragraph style numbers its paragraphs with."""
    style = document.styles.element.get_by_id(style_id)
    num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}") if style is not None else None
    numbering = _numbering(document)
    value = num.get(qn("w:val")) if num is not None else None
    try:  # a number Word cannot read is no list to Word either
        instance = numbering.num_having_numId(int(value)) if value and numbering is not None else None
        ids = (int(instance.get(qn("w:numId"))), int(instance.abstractNumId.val)) if instance is not None else None
    except (ValueError, KeyError, AttributeError):
        ids = None
    if ids is None:
        wanted = "1, 2, 3…" if known == "NumberedParagraph" else "(a), (b), (c)…"
        raise TemplateError(
            f"{source}: the style “{STYLE_NAMES[known]}” is not numbered: in Word, Modify Style → Format → Numbering,"
            f" choose {wanted}; {HOW_TO}"
        )
    return ids


def _numbering(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _text_nodes(element: Any) -> list[Any]:
    return list(element.iter(qn("w:t")))


def _text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it, whatever runs it is split into."""
    return "".join(t.text or "" for t in _text_nodes(paragraph))


def _annex_table(document: Any, source: Path) -> Any:
    """The table whose rows hold ``{field}`` cells; the one titled ``hlmnotes annex`` if there are several."""
    fields = re.compile("|".join(re.escape("{" + f + "}") for f in ANNEX_FIELDS))
    candidates = [t for t in document.element.body.iter(qn("w:tbl")) if any(_fields_in(r, fields) for r in _rows(t))]
    titled = [t for t in candidates if _caption(t) == ANNEX_CAPTION]
    if not candidates:
        raise TemplateError(
            f"{source}: no table holds the annex prototype row: add a table whose last row has one cell per field,"
            f" each holding {{{'}, {'.join(ANNEX_FIELDS)}}} (any of them, in any order); {HOW_TO}"
        )
    return (titled or candidates)[0]


def _rows(table: Any) -> list[Any]:
    return table.findall(qn("w:tr"))


def _fields_in(row: Any, pattern: re.Pattern[str]) -> list[str]:
    out = []
    for paragraph in row.iter(qn("w:p")):
        out += pattern.findall(_text(paragraph))
    return out


def _caption(table: Any) -> str:
    found = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    return found.get(qn("w:val")) if found is not None else ""


def replace_in_paragraph(paragraph: Any, values: Mapping[str, str]) -> int:
    """Replace each key of ``values`` in ``paragraph`` (an lxml ``w:p``) by its value, across runs.

    Word splits a field typed as "{generated}" into runs of its own ("{", "generated", "}") with
    spelling marks between them: the text is matched over the paragraph's text nodes and each
    replacement is written into the node where the key starts, keeping that run's formatting.
    Returns the number of replacements.
    """
    count = 0
    for key, value in values.items():
        at = _text(paragraph).find(key)
        while at >= 0:
            _splice(_text_nodes(paragraph), at, at + len(key), value)
            count += 1
            at = _text(paragraph).find(key, at + len(value))
    return count


def _splice(nodes: list[Any], start: int, end: int, value: str) -> None:
    """Replace text[start:end] (over ``nodes``' concatenated text) by ``value`` in the node at ``start``."""
    position = 0
    placed = False
    for node in nodes:
        text = node.text or ""
        low, high = position, position + len(text)
        position = high
        if high <= start or low >= end:
            continue
        cut_from, cut_to = max(start, low) - low, min(end, high) - low
        node.text = text[:cut_from] + (value if not placed else "") + text[cut_to:]
        placed = True
        if node.text != node.text.strip():
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _header_parts(document: Any) -> Iterable[Any]:
    """The root elements of every header and footer of the document (first page, even pages, default)."""
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            yield rel.target_part.element


def _header_fields(document: Any, values: Mapping[str, str]) -> int:
    return sum(replace_in_paragraph(p, values) for root in _header_parts(document) for p in root.iter(qn("w:p")))


def fill_header_fields(document: Any, values: Mapping[str, str]) -> int:
    """Write ``values`` ({"{generated}": "Generated …"}) into every header and footer; returns how many were filled."""
    return _header_fields(document, values)


def _xml(element: Any) -> str:
    return etree.tostring(element, encoding="unicode")


def _prototype(table: Any, source: Path) -> tuple[str, str, str, tuple[Slot, ...]]:
    """The annex table as text around its generated rows, and its prototype row split at the fields.

    The prototype is the first row holding ``{field}`` text; rows before and after it (a heading
    row, a closing row) stay where they are. Each field becomes a run of its own with the formatting
    of the run it started in, so a row is a join of strings, not a tree copy per speaker.
    """
    tokens = re.compile(r"\{(" + "|".join(re.escape(f) for f in ANNEX_FIELDS) + r")\}")
    skeleton = copy.deepcopy(table)
    prototype = next(r for r in _rows(skeleton) if _fields_in(r, tokens))
    unknown = sorted(set(_fields_in(prototype, re.compile(r"\{([a-z_]+)\}"))) - set(ANNEX_FIELDS))
    if unknown:
        raise TemplateError(
            f"{source}: the annex prototype row holds {', '.join('{' + u + '}' for u in unknown)}, which the writer"
            f" does not fill: retype it as one of {', '.join('{' + f + '}' for f in ANNEX_FIELDS)}; {HOW_TO}"
        )
    _strip_ids(skeleton)  # the table is written once per panel: no paragraph id may repeat
    fields: list[str] = []
    formats: list[str] = []
    for paragraph in list(prototype.iter(qn("w:p"))):
        while True:
            match = tokens.search(_text(paragraph))
            if match is None:
                break
            _splice(_text_nodes(paragraph), match.start(), match.end(), _MARKER)
            formats.append(_isolate(paragraph, len(fields)))
            fields.append(match.group(1))
    if "delegation" not in fields:
        raise TemplateError(
            f"{source}: the annex prototype row has no {{delegation}} cell: the list of speakers needs one; {HOW_TO}"
        )
    marker = etree.Comment(" hlmnotes rows ")
    prototype.addprevious(marker)
    skeleton.remove(prototype)
    table_open, table_close = _xml(skeleton).split("<!-- hlmnotes rows -->")
    pieces = re.split(r"<!-- hlmnotes field (\d+) -->", _xml(prototype).replace(_W_NS, ""))
    slots = tuple(
        Slot(fields[int(i)], formats[int(i)], after) for i, after in zip(pieces[1::2], pieces[2::2], strict=True)
    )
    return table_open, table_close, pieces[0], slots


_MARKER = "\ue000"


def _isolate(paragraph: Any, index: int) -> str:
    """Cut the run holding the field's marker around it, leaving ``<!-- hlmnotes field N -->`` in its
    place; returns the run's properties (as XML text) that the field's value is written with."""
    node = next(t for t in _text_nodes(paragraph) if _MARKER in (t.text or ""))
    run = node.getparent()
    before, _, after = (node.text or "").partition(_MARKER)
    rpr = run.find(qn("w:rPr"))
    content = [c for c in run if c is not rpr]
    at = content.index(node)
    tail = copy.deepcopy(run)
    tail_content = [c for c in tail if c.tag != qn("w:rPr")]
    for child in tail_content[: at + 1]:
        tail.remove(child)
    if after:
        tail.insert(1 if rpr is not None else 0, _t(after))
    for child in content[at + 1 :]:
        run.remove(child)
    node.text = before
    run.addnext(etree.Comment(f" hlmnotes field {index} "))
    run.getnext().addnext(tail)
    for piece in (run, tail):
        if not any(c.tag != qn("w:rPr") and (c.tag != qn("w:t") or c.text) for c in piece):
            piece.getparent().remove(piece)
    return "".join(_xml(c).replace(_W_NS, "") for c in rpr) if rpr is not None else ""


def _t(text: str) -> Any:
    node = OxmlElement("w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return node


def _strip_ids(row: Any) -> None:
    """Word's paragraph ids must be unique in a document: copies of the annex table and its rows carry none."""
    for element in row.iter():
        for name in (f"{{{_W14}}}paraId", f"{{{_W14}}}textId"):
            if name in element.attrib:
                del element.attrib[name]
