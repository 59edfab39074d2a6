"""The Word writer: the only module that imports python-docx.

The document starts from a template, the shipped one (``hlmnotes/templates/summary.docx``) or the
Chair's office's own: styles, lists, header, footer and annex prototype row, found by ``layout``.
The body is written as WordprocessingML text (``wordml``), annex rows are copies of the template's
prototype row, and body and comments are streamed into the saved package's parts: python-docx's one-call-per-element
API is O(n) per comment id and per table cell, which is what makes a 2,000-intervention meeting take
seconds instead of a fraction of one; and a draft held whole as text (its body and its comments each
near 2 kB an intervention) would take more memory than the model it is written from.
Everything else (opening the template, parts, core properties, the header, saving) is python-docx's,
done once per template (``wordparts``: the package it saves, with markers where a draft's own values
go, is kept in the user's cache); a draft is then written without importing python-docx or lxml.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO

from ...domain.text import clean_text
from ...io.interchange import write_file
from ..compose import language as lang
from ..model import Summary
from . import wordparts
from .template import GENERATED_TOKEN
from .wordml import BodyWriter, num
from .wordparts import Layout, Prepared, Values

# Deflate level 1: a 20,000-intervention draft compresses in a tenth of the time for a slightly larger file.
_COMPRESSION = 1
_BATCH = 1 << 18  # characters of XML joined and encoded at a time while streaming a part


def template_path() -> Path:
    """The shipped template, the default of every draft."""
    return Path(str(resources.files("hlmnotes") / "templates" / "summary.docx"))


def to_docx(summary: Summary, path: str | Path, comments: bool = True, template: str | Path | None = None) -> Path:
    """Write the draft to ``path`` (atomically: a failure leaves no half-written file); returns the path.

    ``comments=False`` leaves out the Word comments that list the interventions behind each sentence;
    ``template`` is the Chair's office's own .docx/.dotx (default: the shipped template).
    """
    return write_file(docx_bytes(summary, comments=comments, template=template), path)


def docx_bytes(summary: Summary, *, comments: bool = True, template: str | Path | None = None) -> bytes:
    """The draft as .docx bytes, from ``template`` (default: the shipped one); ``TemplateError`` if it cannot hold it.

    From the template's prepared package (``wordparts``) when it has one and python-docx would write
    this draft's header and properties as the markers' substitution does; else by python-docx, as before.
    """
    source = Path(template) if template else template_path()
    values = _values(summary)
    ready = wordparts.prepared(source, _prepare, _same_as_python_docx)
    if ready is None or values.replacements("") is None:
        return _python_docx_bytes(summary, source, comments, values)
    writer = BodyWriter(ready.layout, ready.next_num, summary, comments)
    with tempfile.TemporaryFile() as body_xml:
        _encoded(writer.body(summary), body_xml)
        body_xml.seek(0)
        replacements = values.replacements("".join(writer.nums))
        assert replacements is not None  # checked above; the list instances are the writer's own markup
        package = _parts(ready.packages[bool(writer.commented)])
        inserts: dict[str, Iterable[bytes]] = {_MAIN: iter(lambda: body_xml.read(1 << 20), b"")}
        if writer.commented:
            inserts[_COMMENTS] = _batched(writer.comments())
        return _splice(wordparts.substitute(package, replacements), inserts)


_MAIN = "word/document.xml"  # where python-docx saves the main part and the comments part it adds
_COMMENTS = "word/comments.xml"


def _parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {name: source.read(name) for name in source.namelist()}


def _values(summary: Summary) -> Values:
    """The header field and the core properties of ``summary``'s draft, as ``_header`` and ``_properties`` set them."""
    locale = summary.locale
    generated = locale.generated.format(
        date=lang.day(summary.created, locale), time=f"{summary.created:%H:%M}", interventions=summary.interventions
    )
    core = {
        "title": clean_text(summary.title), "subject": clean_text(summary.meeting), "author": summary.author,
        "last_modified_by": summary.author, "category": locale.document_category, "keywords": locale.document_keywords,
        "comments": locale.document_comments.format(
            interventions=summary.interventions, attribution=summary.attribution, by=summary.by
        ),
        "language": locale.language,
    }  # fmt: skip
    return Values(generated, {k: v if isinstance(v, str) else str(v) for k, v in core.items()}, summary.created)


def _filled(
    source: Path, values: Values, nums: str | None, commented: bool
) -> tuple[Layout, int, bytes, dict[str, str]]:
    """python-docx's document for ``source`` with its body emptied, ``nums`` added to the numbering (None:
    the marker), a comments part if ``commented``, the header field and core properties from ``values``:
    its layout, the first list instance id free in it, the package it saves and the names of its main
    part and comments part (``_MAIN``, ``_COMMENTS``) in that package."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from lxml import etree

    from .layout import fill_header_fields, open_template

    document, layout = open_template(source)
    body = document.element.body
    for child in list(body):  # the template's body text goes; its section properties (page, header) stay
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    numbering = document.part.numbering_part.element
    used = [int(v) for n in numbering.iter(qn("w:num")) if (v := n.get(qn("w:numId")) or "").isdigit()]
    if nums is None:
        numbering.append(etree.Comment(wordparts.NUMS.decode()[4:-3]))
    elif nums:
        numbering.extend(list(parse_xml(f"<w:numbering {nsdecls('w')}>{nums}</w:numbering>")))
    names = {_MAIN: document.part.partname.lstrip("/")}
    if commented:
        document.comments  # noqa: B018 -- creates the (empty) comments part
        names[_COMMENTS] = document.part.part_related_by(RT.COMMENTS).partname.lstrip("/")
    fill_header_fields(document, {GENERATED_TOKEN: values.generated})
    core = document.core_properties
    core.title = values.core["title"]
    core.subject = values.core["subject"]
    core.author = values.core["author"]
    core.last_modified_by = values.core["last_modified_by"]
    core.created = values.created
    core.modified = values.created
    core.revision = 1
    core.category = values.core["category"]
    core.keywords = values.core["keywords"]
    core.comments = values.core["comments"]
    core.language = values.core["language"]
    buffer = io.BytesIO()
    document.save(buffer)
    return layout, max(used, default=0) + 1, buffer.getvalue(), names


def _prepare(source: Path) -> Prepared | None:
    """``source``'s layout and packages with markers (``wordparts``), by python-docx."""
    markers = Values(wordparts.GENERATED, wordparts.CORE, wordparts.WHEN)
    layout, next_num, plain, _ = _filled(source, markers, None, False)
    _, _, commented, names = _filled(source, markers, None, True)
    if names != {_MAIN: _MAIN, _COMMENTS: _COMMENTS}:
        return None  # parts named otherwise than a draft from a prepared package writes into: python-docx writes it
    return Prepared(layout, next_num, (plain, commented))


# Values with every character lxml escapes, non-ASCII and the separators of the header's own text.
_SAMPLE = Values(
    "Generated 3 March 2021, 09:05 UTC from 12 interventions & <notes> “quoted” — é",
    {name: f"{name} & <b> “Chair’s” ‘x’ é 東 > end" for name in wordparts.CORE_TEXT},
    dt.datetime(2021, 3, 3, 9, 5, 7, tzinfo=dt.UTC),
)


def _same_as_python_docx(source: Path, ready: Prepared) -> bool:
    """Whether the prepared packages, markers replaced by sample values, are the parts python-docx writes
    with those values (with and without list instances, with and without comments)."""
    for commented in (False, True):
        for nums in (
            "",
            num(ready.next_num, ready.layout.items[1]) + num(ready.next_num + 1, ready.layout.paragraphs[1]),
        ):
            replacements = _SAMPLE.replacements(nums)
            assert replacements is not None
            mine = wordparts.substitute(_parts(ready.packages[commented]), replacements)
            if mine != _parts(_filled(source, _SAMPLE, nums, commented)[2]):
                return False
    return True


def _python_docx_bytes(summary: Summary, source: Path, comments: bool, values: Values) -> bytes:
    """The draft written through python-docx: for a template that cannot be prepared, or values the
    markers' substitution would write otherwise than python-docx (it raises on what it refuses)."""
    layout, next_num, _, _ = _filled(source, values, "", False)  # the layout and the first free list id
    writer = BodyWriter(layout, next_num, summary, comments)
    with tempfile.TemporaryFile() as body_xml:
        _encoded(writer.body(summary), body_xml)
        body_xml.seek(0)
        _, _, package, names = _filled(source, values, "".join(writer.nums), bool(writer.commented))
        inserts: dict[str, Iterable[bytes]] = {names[_MAIN]: iter(lambda: body_xml.read(1 << 20), b"")}
        if writer.commented:
            inserts[names[_COMMENTS]] = _batched(writer.comments())
        return _splice(_parts(package), inserts)


def _batched(pieces: Iterable[str]) -> Iterator[bytes]:
    """``pieces`` as UTF-8, ``_BATCH`` characters or so at a time: never the whole part at once."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            yield "".join(batch).encode("utf-8")
            batch.clear()
            size = 0
    yield "".join(batch).encode("utf-8")


def _encoded(pieces: Iterable[str], target: IO[bytes]) -> None:
    for chunk in _batched(pieces):
        target.write(chunk)


def _splice(package: dict[str, bytes], inserts: dict[str, Iterable[bytes]]) -> bytes:
    """``package``'s parts, in order, with ``inserts[part]`` written as the first children of each part's
    root content, zipped as python-docx zips them (each part dated now, read and write for the owner).

    The body and the comments are the bulk of a draft; streaming their text into the saved parts
    costs no more than writing it, where building them as lxml trees and moving them into python-docx's
    document costs more than everything else together.
    """
    out = io.BytesIO()
    now = time.localtime(time.time())[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSION) as target:
        for name, data in package.items():
            if name not in inserts:
                info = zipfile.ZipInfo(name, date_time=now)
                info.external_attr = 0o600 << 16
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSION)
                continue
            head, tail = _around(data)
            with target.open(name, "w") as part:  # the package's own compression, as writestr's
                part.write(head)
                for chunk in inserts[name]:
                    part.write(chunk)
                part.write(tail)
    return out.getvalue()


def _around(part: bytes) -> tuple[bytes, bytes]:
    """``part`` cut where content goes: inside ``<w:body>`` (before the section properties) or inside
    ``<w:comments>`` (an empty one, ``<w:comments …/>``, opened and closed around it)."""
    if b"<w:body>" in part:
        at = part.index(b"<w:body>") + len(b"<w:body>")
        return part[:at], part[at:]
    root = re.search(rb"<w:comments\b[^>]*?(/?)>", part)
    if root is None:
        raise ValueError("unexpected part: neither a document body nor a comments part")
    if root.group(1):  # <w:comments …/>
        return part[: root.start()] + root.group(0)[:-2] + b">", b"</w:comments>" + part[root.end() :]
    return part[: root.end()], part[root.end() :]
