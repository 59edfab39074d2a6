"""An edited Word draft read back: its paragraphs as printed, the comments over them, and a copy with
comments added.

After an evening in Word or LibreOffice, a draft's paragraphs are renumbered by the application,
style ids may be renamed, runs are split and tracked changes may be pending. What a reader sees is
what is read: the text of every body paragraph (tracked insertions in, deletions out), the printed
number of numbered paragraphs (from the list definitions, as Word counts them), the style's *name*,
and which characters each comment covers. Together with ``check`` this is the second seam to
python-docx after the writer.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import HlmnotesError
from ..blocks import letter, roman

CHECK_AUTHOR = "hlmnotes check"
CHECK_INITIALS = "HC"


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    text: str


@dataclass
class DraftParagraph:
    """One body paragraph: ``index`` counts every paragraph from 1; ``label`` is what the reader sees
    printed before it ("12.", "(b)"), empty if nothing; ``spans`` are (start, end, comment ids)."""

    index: int
    style: str
    text: str
    label: str = ""
    spans: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    element: Any = field(default=None, repr=False)

    def comments_over(self, start: int, end: int) -> set[str]:
        """Ids of the comments that cover any character of ``text[start:end]``."""
        found: set[str] = set()
        for low, high, ids in self.spans:
            if low < end and high > start or (start == end and low <= start < high):
                found |= ids
        return found


@dataclass
class Draft:
    path: str
    paragraphs: list[DraftParagraph]
    comments: dict[str, Comment]
    document: Any = field(default=None, repr=False)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute ("t" → "{…/main}t")."""
    return _W + tag


def read_draft(path: str | Path) -> Draft:
    """Read ``path`` (.docx as Word or LibreOffice saved it); ``HlmnotesError`` if it is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from ...io.wordfile import read_word_file

    data = read_word_file(path, "draft").data  # within limits, part by part; no DOCTYPE
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise HlmnotesError(
            f"{path}: is not a Word document ({exc}); save it from Word or LibreOffice as .docx"
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and other damage inside the package
        raise HlmnotesError(f"{path}: the Word document is damaged ({type(exc).__name__}: {exc})") from None
    root = document.element
    if root.tag != _w("document") or root.find(_w("body")) is None:
        raise HlmnotesError(
            f"{path}: its main part is not a Word document body (<w:document><w:body>); save it from Word or"
            " LibreOffice as .docx"
        )
    comments = {}
    for comment in _comment_elements(document):
        text = "\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in comment.iter(_w("p")))
        cid = comment.get(_w("id"))
        comments[cid] = Comment(cid, comment.get(_w("author")) or "", text)
    return Draft(str(path), list(_paragraphs(document)), comments, document)


def _comment_elements(document: Any) -> Iterable[Any]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            from docx.oxml import parse_xml

            part = rel.target_part
            root = part.element if hasattr(part, "element") else parse_xml(part.blob)
            yield from root.iter(_w("comment"))


def _style_names(document: Any) -> dict[str, str]:
    names = {}
    for style in document.styles.element.iter(_w("style")):
        name = style.find(_w("name"))
        names[style.get(_w("styleId"))] = name.get(_w("val")) if name is not None else style.get(_w("styleId"))
    return names


class _Numbering:
    """Printed labels of list paragraphs, counted as Word counts them: list instances over one abstract
    list continue each other unless one starts over (``w:startOverride``)."""

    def __init__(self, document: Any):
        self.styles = {s.get(_w("styleId")): s for s in document.styles.element.iter(_w("style"))}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.nums: dict[str, tuple[str, int | None]] = {}
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        for num in numbering.iter(_w("num")) if numbering is not None else ():
            abstract = num.find(_w("abstractNumId"))
            start = num.find(f"{_w('lvlOverride')}/{_w('startOverride')}")
            self.nums[num.get(_w("numId"))] = (
                abstract.get(_w("val")) if abstract is not None else "",
                _number(start.get(_w("val"))) if start is not None else None,
            )
        for abstract in numbering.iter(_w("abstractNum")) if numbering is not None else ():
            for level in abstract.iter(_w("lvl")):
                fmt, text, start = level.find(_w("numFmt")), level.find(_w("lvlText")), level.find(_w("start"))
                self.levels[(abstract.get(_w("abstractNumId")), level.get(_w("ilvl")))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) if text is not None else "%1.",
                    _number(start.get(_w("val")), 1) or 0 if start is not None else 1,
                )
        self.counters: dict[tuple[str, str], int] = {}
        self.started: set[str] = set()

    def _num_pr(self, paragraph: Any) -> tuple[str, str] | None:
        ppr = paragraph.find(_w("pPr"))
        num = ppr.find(_w("numPr")) if ppr is not None else None
        style_id = (
            ppr.find(_w("pStyle")).get(_w("val")) if ppr is not None and ppr.find(_w("pStyle")) is not None else None
        )
        seen = set()
        while num is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            num = style.find(f"{_w('pPr')}/{_w('numPr')}")
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        if num is None or num.find(_w("numId")) is None:
            return None
        level = num.find(_w("ilvl"))
        return num.find(_w("numId")).get(_w("val")), level.get(_w("val")) if level is not None else "0"

    def label(self, paragraph: Any) -> str:
        found = self._num_pr(paragraph)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, level = found
        abstract, start = self.nums[num_id]
        fmt, text, first = self.levels.get((abstract, level), ("decimal", "%1.", 1))
        key = (abstract, level)
        if num_id not in self.started:
            self.started.add(num_id)
            if start is not None:
                self.counters[key] = start - 1
        value = self.counters.get(key, first - 1) + 1
        self.counters[key] = value
        return re.sub(r"%\d", _shown(fmt, value), text)


def _number(value: str | None, default: int | None = None) -> int | None:
    """A list's start as Word reads it: a whole number, else ``default`` (Word ignores one it cannot read)."""
    try:
        return int(value or "")
    except ValueError:
        return default


def _shown(fmt: str, value: int) -> str:
    """A list number as its format prints it: 3 → "c", "iii", "3"."""
    if fmt in ("lowerLetter", "upperLetter"):
        return letter(value - 1) if fmt == "lowerLetter" else letter(value - 1).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(value).lower() if fmt == "lowerRoman" else roman(value)
    return "" if fmt == "none" else str(value)


def _paragraphs(document: Any) -> Iterable[DraftParagraph]:
    """Body paragraphs outside tables, in order, with their text, printed label and comment spans."""
    names = _style_names(document)
    numbering = _Numbering(document)
    body = document.element.body
    open_ids: set[str] = set()
    index = 0
    for element in body.iter(_w("p")):
        if next(element.iterancestors(_w("tbl")), None) is not None:
            continue
        index += 1
        ppr = element.find(_w("pPr"))
        style = ppr.find(_w("pStyle")) if ppr is not None else None
        style_name = names.get(style.get(_w("val")), style.get(_w("val"))) if style is not None else "Normal"
        pieces: list[str] = []
        spans: list[tuple[int, int, frozenset[str]]] = []
        length = 0
        for node in element.iter(_START, _END, _T, _TAB, _BR, _CR):
            tag = node.tag
            if tag == _START:
                open_ids.add(node.get(_ID))
            elif tag == _END:
                open_ids.discard(node.get(_ID))
            elif _counts(node):
                piece = node.text or "" if tag == _T else ("\t" if tag == _TAB else "\n")
                if piece:
                    spans.append((length, length + len(piece), frozenset(open_ids)))
                    pieces.append(piece)
                    length += len(piece)
        yield DraftParagraph(index, style_name, "".join(pieces), numbering.label(element), spans, element)


_START, _END, _ID = _w("commentRangeStart"), _w("commentRangeEnd"), _w("id")
_T, _TAB, _BR, _CR, _R, _DEL = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("r"), _w("del")


def _counts(node: Any) -> bool:
    """Text the reader sees: not a deleted revision, not a tab stop definition (``w:tabs/w:tab``)."""
    parent = node.getparent()
    return parent is not None and parent.tag == _R and not any(a.tag == _DEL for a in parent.iterancestors(_DEL))


# -- annotating ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A comment to add: on ``paragraph`` (its ``index``), over ``text[start:end]``."""

    paragraph: int
    start: int
    end: int
    text: str


def annotate(draft: Draft, notes: Sequence[Note], output: str | Path) -> Path:
    """Write a copy of ``draft`` with one Word comment per note (author "hlmnotes check"); the text is unchanged.

    A comment is anchored on whole runs, so the runs that hold the note's words are covered and
    nothing is split or retyped.
    """
    from docx.text.paragraph import Paragraph

    from ...io.interchange import write_file

    document = draft.document
    by_index = {p.index: p for p in draft.paragraphs}
    for note in notes:
        paragraph = by_index.get(note.paragraph)
        if paragraph is None:
            continue
        proxy = Paragraph(paragraph.element, document._body)
        runs = _runs_over(proxy, note.start, note.end)
        if runs:
            document.add_comment(runs, text=note.text, author=CHECK_AUTHOR, initials=CHECK_INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return write_file(buffer.getvalue(), output)


def _runs_over(paragraph: Any, start: int, end: int) -> list[Any]:
    """The paragraph's own runs (python-docx's) that hold any of ``text[start:end]``; all its runs if none do."""
    runs = paragraph.runs
    position, chosen = 0, []
    for run in runs:
        length = sum(
            len(n.text or "") if n.tag == _w("t") else 1
            for n in run._r
            if n.tag in (_w("t"), _w("tab"), _w("br"), _w("cr"))
        )
        if position < max(end, start + 1) and position + length > start:
            chosen.append(run)
        position += length
    return chosen or [r for r in runs if r.text] or runs
