"""The Chair's office's Word template read within limits and made safe before any draft is written from it.

Office templates often carry things no draft should: macros (``vbaProject.bin``), an
attachedTemplate relationship to an address outside the file (Word fetches it on opening), external
images and links (fetched, or followed, from every copy), and fields that run or fetch something
(``DDE``/``DDEAUTO``, ``INCLUDETEXT``, ``INCLUDEPICTURE``, ``LINK``). A draft is sent to delegations,
so:

- the file is read as ``io.wordfile`` reads any Word file (limits per part, no DOCTYPE);
- a field that runs or fetches something is refused, with the part and the field named: it is the
  office's to remove, since it may be what the template is for;
- macros, an attached template and every external relationship are removed (and what pointed at
  them), and the caller says so in one ``warning:`` line.

The scan runs on the fast path of every draft, so it reads the parts with expat and imports lxml only
when something has to be removed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ...errors import HlmnotesError
from ...io.wordfile import read_word_file

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
# Relationship types that carry or fetch code: macros and their data, a template Word attaches.
_MACRO_TYPES = ("/vbaProject", "/wordVbaData", "/keyMapCustomizations", "/vbaProjectSignature")
_ATTACHED = f"{_R}/attachedTemplate"
_MACRO_CONTENT = ("vbaProject", "vbaData", "keyMapCustomizations", "vbaProjectSignature")
REFUSED_FIELDS = ("DDE", "DDEAUTO", "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "IMPORT", "INCLUDE")


class TemplateError(HlmnotesError):
    """The template cannot hold a draft: what is missing, and how to add it."""


@dataclass(frozen=True)
class Template:
    """A template's bytes as drafts are made from them, and what was removed to make them so."""

    path: Path
    data: bytes
    removed: tuple[str, ...]

    def warning(self) -> str | None:
        """The one line a user is told, or None when nothing was removed."""
        if not self.removed:
            return None
        return (
            f"{self.path}: removed from the template, so no draft carries them: {'; '.join(self.removed)}"
            " (save the template without them to silence this)"
        )


def read_template(path: str | Path) -> Template:
    """The template at ``path``, read within limits, refused for a field that runs or fetches something,
    with macros, an attached template and external relationships removed (``Template.removed`` says which)."""
    path = Path(path)
    try:
        word = read_word_file(path, "template")
    except TemplateError:
        raise
    except HlmnotesError as exc:
        raise TemplateError(str(exc)) from None
    found = _Found()
    for name, data in word.parts.items():
        if name.lower().endswith((".xml", ".rels")):
            _scan(name, data, found, str(path))
        if name.rsplit("/", 1)[-1].split(".", 1)[0] in _MACRO_CONTENT:
            found.parts.add(name)
    if found.field is not None:
        part, field = found.field
        raise TemplateError(
            f"{path}: part {part} holds the field {field.split()[0].upper()} (“{field.strip()[:60]}”), which runs or"
            " fetches something when the draft is opened; delete the field in Word (Alt+F9 shows fields) and save"
            " the template again"
        )
    if not found.anything():
        return Template(path, word.data, ())
    return Template(path, _cleaned(word.parts, found), found.described())


class _Found:
    """What the scan found: parts to drop, relationships to drop (by rels part), the first refused field."""

    def __init__(self) -> None:
        self.parts: set[str] = set()
        self.rels: dict[str, dict[str, str]] = {}  # rels part -> {Id: what, for the warning}
        self.attached: set[str] = set()  # parts holding a w:attachedTemplate
        self.field: tuple[str, str] | None = None

    def anything(self) -> bool:
        return bool(self.parts or self.rels or self.attached)

    def described(self) -> tuple[str, ...]:
        whats = [w for rels in self.rels.values() for w in rels.values()]
        out = []
        if self.parts or "macros" in whats:
            out.append(f"macros ({', '.join(sorted(self.parts)) or 'a macro relationship'})")
        attached = [w for w in whats if w.startswith("an attached template")]
        out += sorted(set(attached)) if attached else (["an attached template"] if self.attached else [])
        external = sorted({w for w in whats if w.startswith("external")})
        if external:
            count = sum(1 for w in whats if w.startswith("external"))
            out.append(
                f"{count} external link{'s' if count > 1 else ''} or image{'s' if count > 1 else ''} ({', '.join(external)[:200]})"
            )
        return tuple(out)


def _scan(name: str, data: bytes, found: _Found, source: str) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    fields: list[list[str]] = []  # complex fields open at this point, their instruction text so far
    in_instr = False

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal in_instr
        if tag == f"{_PKG_RELS} Relationship":
            kind, target = attributes.get("Type", ""), attributes.get("Target", "")
            if kind.endswith(_MACRO_TYPES):
                found.rels.setdefault(name, {})[attributes.get("Id", "")] = "macros"
            elif kind == _ATTACHED:
                found.rels.setdefault(name, {})[attributes.get("Id", "")] = f"an attached template ({target[:80]})"
            elif attributes.get("TargetMode") == "External":
                found.rels.setdefault(name, {})[attributes.get("Id", "")] = (
                    f"external {kind.rsplit('/', 1)[-1]} {target[:80]}"
                )
        elif tag == f"{_W} attachedTemplate":
            found.attached.add(name)
        elif tag == f"{_W} fldChar":
            kind = attributes.get(f"{_W} fldCharType", "")
            if kind == "begin":
                fields.append([])
            elif kind in ("separate", "end") and fields:
                _field("".join(fields[-1]))  # Word splits an instruction over runs: "DDE" "AUTO"
                if kind == "end":
                    fields.pop()
                else:
                    fields[-1] = []
        elif tag == f"{_W} instrText":
            in_instr = True
        elif tag == f"{_W} fldSimple":
            _field(attributes.get(f"{_W} instr", ""))

    def end(tag: str) -> None:
        nonlocal in_instr
        if tag == f"{_W} instrText":
            in_instr = False

    def text(data: str) -> None:
        if in_instr and fields:
            fields[-1].append(data)

    def _field(instruction: str) -> None:
        words = instruction.replace('"', " ").split()
        if words and words[0].upper() in REFUSED_FIELDS and found.field is None:
            found.field = (name, instruction)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:  # read_word_file already parsed it: only a damaged encoding gets here
        raise TemplateError(f"{source}: part {name} is not well-formed XML ({exc})") from None


def _cleaned(parts: dict[str, bytes], found: _Found) -> bytes:
    """The package without what ``found`` lists: the parts, their relationships and every reference to them."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    dropped = set(found.parts)
    for rels_name, ids in found.rels.items():
        root = etree.fromstring(parts[rels_name], parser)
        owner = _owner(rels_name)
        for rel in list(root):
            if rel.get("Id") in ids:
                if rel.get("TargetMode") != "External":
                    dropped.add(_resolve(owner, rel.get("Target", "")))
                root.remove(rel)
        parts[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if owner in parts:
            parts[owner] = _unreferenced(parts[owner], set(ids), parser)
    for name in found.attached:
        parts[name] = _unreferenced(parts[name], set(), parser)
    for name in list(parts):
        if name in dropped or _owner(name) in dropped and name.endswith(".rels"):
            del parts[name]
    types = etree.fromstring(parts["[Content_Types].xml"], parser)
    for entry in list(types):
        part = entry.get("PartName", "").lstrip("/")
        if part in dropped or any(m in (entry.get("ContentType") or "") for m in ("vbaProject", "vbaData")):
            types.remove(entry)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _unreferenced(data: bytes, ids: set[str], parser: Any) -> bytes:
    """The part ``data`` without ``w:attachedTemplate`` and without any r: attribute naming one of ``ids``."""
    from lxml import etree

    root = etree.fromstring(data, parser)
    for element in list(root.iter()):
        if element.tag == f"{{{_W}}}attachedTemplate":
            element.getparent().remove(element)
            continue
        for key in [k for k, v in element.attrib.items() if k.startswith(f"{{{_R}}}") and v in ids]:
            del element.attrib[key]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _owner(rels_name: str) -> str:
    """The part a relationships part belongs to: ``word/_rels/settings.xml.rels`` → ``word/settings.xml``."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _resolve(owner: str, target: str) -> str:
    """A relationship's internal target as a part name, relative to its owner's folder."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = owner.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
