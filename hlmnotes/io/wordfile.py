"""A Word file (.docx, .dotx, .docm) read part by part within limits, before python-docx is given it.

A draft brought back to ``check`` and a template given to ``summary --template`` may come from
anywhere, and a Word file is a zip of XML parts: 74 KB of zipped empty paragraphs made ``check`` run
44 s at 2.87 GB (python-docx builds the whole tree first), and a DOCTYPE in a header reached every
draft. So each part is unzipped as a stream and refused as soon as it passes a limit, with the part
and the limit in the message:

- the file at most ``FILE_BYTES``, at most ``PARTS`` parts;
- each part at most ``PART_BYTES`` unzipped, all of them together ``TOTAL_BYTES``, counted while
  unzipping (a zip's directory may lie about sizes);
- in the XML parts together at most ``ELEMENTS`` elements, nested at most ``DEPTH`` deep (counted by
  expat as the part is unzipped, so an element bomb is stopped before its part is whole);
- no DOCTYPE: Word and LibreOffice never write one, and it is how entities get in.

A 2,000-intervention draft is about 4 MB unzipped with some 200,000 elements (about 100 an intervention).
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from ..domain.files import MB, open_regular
from ..errors import HlmnotesError

FILE_BYTES = 64 * MB
PARTS = 1_000
PART_BYTES = 64 * MB
TOTAL_BYTES = 128 * MB
ELEMENTS = 1_000_000
DEPTH = 100
_CHUNK = 1 << 20


@dataclass(frozen=True)
class WordFile:
    """A Word file read within the limits: its bytes as they are on disk, and each part unzipped."""

    path: Path
    data: bytes
    parts: dict[str, bytes]


def read_word_file(path: str | Path, what: str = "Word document") -> WordFile:
    """The regular file ``path`` read and checked part by part (see the module); ``HlmnotesError`` naming
    the part and the limit if it passes one, or if it is not a Word file at all."""
    path = Path(path)
    with open_regular(path, what, FILE_BYTES) as file:
        data = file.read(FILE_BYTES + 1)
    if len(data) > FILE_BYTES:
        raise HlmnotesError(f"{path}: more than the {FILE_BYTES // MB} MB a {what} may be; is it the right file?")
    return WordFile(path, data, unzip(data, str(path), what))


def unzip(data: bytes, source: str, what: str = "Word document") -> dict[str, bytes]:
    """Every part of the package ``data`` by name, each read and checked within the limits."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise HlmnotesError(
            f"{source}: is not a Word document ({exc}); save it from Word or LibreOffice as .docx"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > PARTS:
            raise HlmnotesError(f"{source}: {len(infos):,} parts, more than the {PARTS:,} a {what} is read with")
        counter = _Counter(source)
        parts: dict[str, bytes] = {}
        total = 0
        for info in infos:
            declared = max(info.file_size, 0)
            if declared > PART_BYTES:
                raise _too_big(source, info.filename, PART_BYTES, "one part of a Word file may hold")
            part = _read_part(archive, info, counter, source, PART_BYTES, TOTAL_BYTES - total)
            total += len(part)
            parts[info.filename] = part
    return parts


def _read_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, counter: _Counter, source: str, limit: int, room: int
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    xml: _Scan | None = None
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_big(source, info.filename, limit, "one part of a Word file may hold")
                if size > room:
                    raise _too_big(source, "", TOTAL_BYTES, "all the parts of a Word file may hold together")
                if xml is None and not chunks:
                    xml = _Scan(counter, info.filename) if _looks_like_xml(info.filename, chunk) else None
                if xml is not None:
                    xml.feed(chunk)
                chunks.append(chunk)
        if xml is not None:
            xml.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise HlmnotesError(
            f"{source}: part {info.filename} cannot be unzipped ({exc}); save it again from Word or LibreOffice"
        ) from None
    return b"".join(chunks)


def _too_big(source: str, part: str, limit: int, what: str) -> HlmnotesError:
    where = f"part {part} unzips to" if part else "its parts unzip to"
    return HlmnotesError(
        f"{source}: {where} more than {limit // MB} MB, the most {what}; is it a Word document? Save it again from"
        " Word or LibreOffice"
    )


def _looks_like_xml(name: str, head: bytes) -> bool:
    return name.lower().endswith((".xml", ".rels")) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


class _Counter:
    """Elements seen in all the parts of one file so far."""

    def __init__(self, source: str):
        self.source = source
        self.elements = 0


class _Scan:
    """expat over one part as it is unzipped: elements counted, depth measured, any DOCTYPE refused."""

    def __init__(self, counter: _Counter, part: str):
        self.counter, self.part, self.depth = counter, part, 0
        self.strict = part.lower().endswith((".xml", ".rels"))
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.broken = False

    def _start(self, name: str, attributes: object) -> None:
        self.depth += 1
        self.counter.elements += 1
        if self.counter.elements > ELEMENTS:
            raise self._refuse(f"more than {ELEMENTS:,} XML elements, the most a Word file is read with")
        if self.depth > DEPTH:
            raise self._refuse(f"elements nested more than {DEPTH} deep, the most a Word file is read with")

    def _end(self, name: str) -> None:
        self.depth -= 1

    def _doctype(self, *args: object) -> None:
        raise self._refuse("a DOCTYPE declaration, which Word never writes (it can define entities)")

    def _refuse(self, what: str) -> HlmnotesError:
        return HlmnotesError(
            f"{self.counter.source}: part {self.part} holds {what}; save it again from Word or LibreOffice as .docx"
        )

    def feed(self, chunk: bytes) -> None:
        if self.broken:
            return
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            self._broken(exc)

    def close(self) -> None:
        if self.broken:
            return
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            self._broken(exc)

    def _broken(self, exc: expat.ExpatError) -> None:
        """A part named .xml that is not XML is damage; another part that only starts like XML is not XML."""
        if self.strict:
            raise HlmnotesError(
                f"{self.counter.source}: part {self.part} is not well-formed XML ({exc}); save it again from Word or"
                " LibreOffice as .docx"
            ) from None
        self.broken = True
