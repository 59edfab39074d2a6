"""The rows of a CSV, XLSX or JSON file someone hands over, read within limits.

An import file may come from anywhere, so each format is read as a stream and refused as soon as it
passes a limit, with the limit in the message, before it can take minutes or gigabytes:

- ``MAX_ROWS`` rows after the header (a meeting records hundreds of interventions; a 20-million-row
  sheet of nothing used to take two minutes and 1.9 GB to import nothing);
- ``MAX_TEXT`` (32,767) characters in a cell, the most a spreadsheet cell holds, refused by column
  as each row is read; the CSV reader itself stops at ``CSV_CELL`` characters (a row at
  ``CSV_LINE``), so a 200 MB cell never reaches memory;
- ``MAX_BYTES`` of text: a CSV's decoded text, a JSON file (read whole), an XLSX once unzipped
  (a 0.59 MB workbook can hold a 600 MB cell).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..domain.files import open_regular
from ..domain.model import MAX_TEXT
from ..domain.text import clean_text
from ..errors import HlmnotesError, ValidationError
from .formats import format_of, restore

MAX_ROWS = 100_000
MAX_BYTES = 64 * 2**20
FILE_BYTES = 2 * MAX_BYTES
CSV_CELL = 2**21  # longer cells are refused by the reader; shorter ones by their column's name
CSV_LINE = 2 * CSV_CELL
_CHUNK = 2**16
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")
_MB = 2**20

Rows = Iterator[tuple[int, list[Any]]]


def read_rows(path: str | Path, columns: Sequence[str], required: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    """Rows of a CSV/XLSX/JSON file as (place, values); ``place`` is "row N" as a spreadsheet numbers it."""
    path = Path(path)
    fmt = format_of(path)
    # A device, pipe or folder is refused before it is read; a UTF-16 CSV of MAX_BYTES of text is twice that.
    with open_regular(path, "file to import", FILE_BYTES) as file:
        head = file.read(_CHUNK)
        if not head.strip() and len(head) < _CHUNK:
            raise HlmnotesError(f"{path}: the file is empty; it needs a header row with the columns {','.join(columns)}")
        file.seek(0)
        reader = {"json": _json_rows, "xlsx": _xlsx_rows, "csv": _csv_rows}[fmt]
        with reader(file, head, path) as (header, rows):
            header = [str(h or "").strip().lower() for h in header]
            _check_header(path, header, columns, required)
            out = []
            for number, values in rows:
                if number > MAX_ROWS + 1:
                    raise HlmnotesError(
                        f"{path}: more than {MAX_ROWS:,} rows after the header, the most an import reads;"
                        " split the file and import the parts one after the other"
                    )
                if all(v in (None, "") for v in values):
                    continue
                if len(values) > len(header):
                    raise HlmnotesError(f"{path}: row {number} has {len(values)} cells but the header has {len(header)}")
                row = dict(zip(header, values, strict=False))
                if _longest(values) > MAX_TEXT:
                    _check_lengths(path, number, row)
                if fmt != "json":
                    row = {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}
                out.append((f"row {number}", row))
    return out


def _check_header(path: Path, header: list[str], columns: Sequence[str], required: Sequence[str]) -> None:
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise HlmnotesError(f"{path}: unknown column {unknown[0]!r}; the columns are {','.join(columns)}")
    repeated = next((h for i, h in enumerate(header) if h in header[:i]), None)
    if repeated is not None:
        raise HlmnotesError(f"{path}: column {repeated!r} appears twice in the header; keep one of them")
    missing = [c for c in required if c not in header]
    if missing:
        raise HlmnotesError(f"{path}: missing column {missing[0]!r}; the header must include {','.join(required)}")


def _longest(values: list[Any]) -> int:
    """The length of the longest text among ``values`` (a CSV row is all text: counted at C speed)."""
    try:
        return max(map(len, values), default=0)
    except TypeError:  # numbers or None from XLSX/JSON
        return max((len(v) for v in values if isinstance(v, str)), default=0)


def _check_lengths(path: Path, number: int, row: dict[str, Any]) -> None:
    """Refuse a cell over the limit as it is read, in the words validation would use, so that a file of
    many long rows is never held whole."""
    for name, value in row.items():
        if isinstance(value, str) and len(value) > MAX_TEXT and len(text := clean_text(value)) > MAX_TEXT:
            raise ValidationError(
                f"{path}: row {number}, column {name}: {len(text):,} characters, more than the {MAX_TEXT:,} a"
                " spreadsheet cell holds; split it over several interventions or shorten it",
                field=name,
                row=number,
            )


def _too_big(path: Path, what: str) -> HlmnotesError:
    return HlmnotesError(
        f"{path}: {what} more than the {MAX_BYTES // _MB} MB an import reads; a whole meeting's export is far"
        " smaller: split the file, or save only the interventions"
    )


# -- CSV: decoded and parsed as a stream -------------------------------------------------------


@contextmanager
def _csv_rows(file: IO[bytes], head: bytes, path: Path) -> Iterator[tuple[list[str], Rows]]:
    """CSV as Excel saves it: UTF-8 (BOM or not) or UTF-16 with a BOM; comma- or tab-separated."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, start = ("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"), 2
    elif head[:200].count(0) > len(head[:200]) // 3:  # every other byte zero: ASCII text in UTF-16
        raise HlmnotesError(
            f"{path}: looks like UTF-16 without a byte-order mark; save the file as 'CSV UTF-8' and import it again"
        )
    else:
        encoding, start = "utf-8", 3 if head.startswith(codecs.BOM_UTF8) else 0
    file.seek(start)
    lines = _lines(file, encoding, start, path)
    try:
        first = next(lines, "")
    except _LineTooLong:
        raise HlmnotesError(f"{path}: the header row is longer than a header can be; is it a CSV file?") from None
    delimiter = "\t" if "\t" in first and "," not in first else ","
    csv.field_size_limit(CSV_CELL)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = next(reader, [])
    except (csv.Error, _LineTooLong) as exc:
        raise _csv_error(path, 1, exc) from None

    def rows() -> Rows:
        # Spreadsheet numbering: the header is row 1; a quoted multi-line cell still counts as one row.
        number = 1
        try:
            for number, record in enumerate(reader, 2):  # number: the last row read, for a message
                yield number, record
        except (csv.Error, _LineTooLong) as exc:
            raise _csv_error(path, number + 1, exc) from None

    yield header, rows()


def _csv_error(path: Path, number: int, exc: Exception) -> HlmnotesError:
    if isinstance(exc, _LineTooLong) or "field larger than field limit" in str(exc):
        what = f"is longer than {CSV_LINE:,}" if isinstance(exc, _LineTooLong) else f"has a cell of over {CSV_CELL:,}"
        return HlmnotesError(
            f"{path}: row {number} {what} characters; a cell holds at most {MAX_TEXT:,}, as in a spreadsheet:"
            " split it over several interventions or shorten it"
        )
    return HlmnotesError(f"{path}: row {number} is not valid CSV ({exc}); save it again as CSV UTF-8")


class _LineTooLong(Exception):
    pass


def _lines(file: IO[bytes], encoding: str, offset: int, path: Path) -> Iterator[str]:
    """Decoded lines, ends kept (``\\r\\n``, ``\\r`` or ``\\n``, as csv expects), never longer than a row may be."""
    decoder = codecs.getincrementaldecoder(encoding)()
    pending, newlines, total = "", 0, 0
    while True:
        chunk = file.read(_CHUNK * 16)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise _not_text(path, encoding, exc, offset + len(chunk) - len(exc.object), newlines) from None
        offset += len(chunk)
        newlines += chunk.count(b"\n")
        total += len(text)
        if total > MAX_BYTES:
            raise _too_big(path, "its text is")
        pending += text
        # Only the complete lines are split (a regex scan of a long unfinished line would be quadratic);
        # a final \r waits for the next chunk, which may start with its \n.
        end = len(pending) - 1 if chunk and pending.endswith("\r") else len(pending)
        cut = max(pending.rfind("\n", 0, end), pending.rfind("\r", 0, end)) + 1
        if cut:
            region, pending = pending[:cut], pending[cut:]
            if region.count("\r") == region.count("\r\n"):  # every line ends in \n: split at C speed
                yield from [line + "\n" for line in region.split("\n")[:-1]]
            else:  # old Mac files end lines with a lone \r
                yield from _LINE.findall(region)
        if len(pending) > CSV_LINE:
            raise _LineTooLong
        if not chunk:
            if pending:
                yield pending
            return


def _not_text(path: Path, encoding: str, exc: UnicodeDecodeError, base: int, newlines: int) -> HlmnotesError:
    """Where the bytes that are not text start: ``base`` is the file offset of ``exc.object``."""
    if encoding.startswith("utf-16"):
        return HlmnotesError(f"{path}: damaged UTF-16 text at byte {base + exc.start}; save it again as CSV UTF-8")
    line = newlines + exc.object[: exc.start].count(b"\n") + 1
    return HlmnotesError(
        f"{path}: line {line} is not UTF-8 (byte {exc.object[exc.start]:#04x}); save the file as 'CSV UTF-8' and"
        " import it again"
    )


# -- XLSX: sizes checked in the zip's directory before anything is unpacked ---------------------


@contextmanager
def _xlsx_rows(file: IO[bytes], head: bytes, path: Path) -> Iterator[tuple[list[Any], Rows]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(file) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc
    if unzipped > MAX_BYTES:
        raise _too_big(path, f"it unzips to {unzipped / _MB:,.0f} MB,")
    file.seek(0)
    try:
        # Python's zipfile stops each member at the size its directory declares, so the check holds.
        book = load_workbook(file, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a sheet's claimed size is not trusted: rows are as many as it holds
    except Exception as exc:  # openpyxl raises many types for a damaged or non-XLSX file
        raise _unreadable(path, exc) from exc
    try:
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows, ()))
        while header and header[-1] is None:
            header.pop()
        yield header, ((n, _trim(list(r), len(header))) for n, r in enumerate(rows, 2))
    finally:
        book.close()


def _unreadable(path: Path, exc: BaseException) -> HlmnotesError:
    return HlmnotesError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}); save it again from Excel")


def _trim(values: list[Any], width: int) -> list[Any]:
    while len(values) > width and values[-1] is None:
        values.pop()
    return ["" if v is None else v for v in values]


def decode(raw: bytes, source: str) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM) or UTF-16 with BOM, as Excel saves them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise HlmnotesError(
                f"{source}: damaged UTF-16 text at byte {exc.start}; save it again as CSV UTF-8"
            ) from exc
    if raw[:200].count(0) > len(raw[:200]) // 3:  # every other byte zero: ASCII text in UTF-16
        raise HlmnotesError(
            f"{source}: looks like UTF-16 without a byte-order mark; save the file as 'CSV UTF-8' and import it again"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise HlmnotesError(
            f"{source}: line {line} is not UTF-8 (byte {raw[exc.start]:#04x}); save the file as 'CSV UTF-8' and import it again"
        ) from exc


# -- JSON: read whole, so its size is checked first --------------------------------------------


@contextmanager
def _json_rows(file: IO[bytes], head: bytes, path: Path) -> Iterator[tuple[list[str], Rows]]:
    if os.fstat(file.fileno()).st_size > MAX_BYTES:
        raise _too_big(path, "it is")
    raw = file.read(MAX_BYTES + 1)
    try:
        data = json.loads(decode(raw, str(path)))
    except json.JSONDecodeError as exc:
        raise HlmnotesError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); fix it and import again"
        ) from exc
    except RecursionError:  # Python's parser recurses once per level of [ or {
        raise HlmnotesError(
            f"{path}: JSON nested too deeply to read; an export is a list of objects whose values are text"
            " or numbers"
        ) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise HlmnotesError(f"{path}: expected a JSON list of objects, one per intervention")
    header: list[str] = []
    for item in data[: MAX_ROWS + 1]:
        header += [k for k in item if k not in header]
    # JSON has no rows; "row N" counts items from 1 after an imaginary header row, like a spreadsheet.
    yield header, ((n, [item.get(k, "") for k in header]) for n, item in enumerate(data, 2))
