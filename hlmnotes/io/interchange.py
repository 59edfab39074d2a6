"""Interventions in and out as CSV, XLSX and JSON, with exactly the columns of contract 2 (docs/design.md).

Imports are all or nothing: every row is validated before the one transaction that saves them, and
the first bad row is reported by file, row and column. Exports neutralise spreadsheet formulas with a
leading apostrophe, which imports strip again, so text round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.reconcile import mismatches
from ..domain.files import kind as file_kind
from ..domain.model import COLUMNS, Intervention
from ..domain.text import clean_text
from ..errors import HlmnotesError, NotFoundError, ValidationError
from .formats import neutralise
from .rowfiles import read_rows

if TYPE_CHECKING:
    from ..domain.context import MeetingContext
    from ..storage.store import Store

# Contract 2's columns, then the record's stable identifier (contract 2 allows it after them): an import
# uses it to tell another store's record #5 from this store's.
EXPORT_COLUMNS = (*COLUMNS, "uid")
_NUMBERS = ("id", "panel", "seq", "duration_s")


# -- importing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    # One line per imported chair or panellist row naming someone the programme does not list: the rows
    # are saved (they say who spoke), and the staff learn of the disagreement now rather than in the draft.
    warnings: tuple[str, ...] = ()


def import_interventions(
    store: Store, meeting: MeetingContext, path: str | Path, *, rapporteur: str = "", as_new: bool = False
) -> ImportResult:
    """Validate every row, then save them all in one transaction; an exported file updates by id.

    An export carries each record's ``uid`` after contract 2's columns, so a row from another store's
    export is told apart from the record that has its id here, and refused rather than written over
    it. ``as_new`` adds every row as a new record, whatever its id and uid.
    """
    inserts: list[Intervention] = []
    updates: list[Intervention] = []
    places: dict[str, list[str]] = {"inserts": [], "updates": []}
    unchanged = 0
    seen_ids: dict[int, str] = {}
    seen_uids: dict[str, str] = {}
    known: dict[str, Intervention] | None = None  # this store's records by uid, read when first needed
    for place, row in read_rows(path, EXPORT_COLUMNS, ("panel", "delegation")):
        if rapporteur and not str(row.get("rapporteur") or "").strip():
            row["rapporteur"] = rapporteur
        if as_new:
            row |= {"id": "", "uid": ""}
        try:
            record = meeting.validate(row)
            if record.uid:
                if record.uid in seen_uids:
                    raise ValidationError(f"uid {record.uid} appears again (first at {seen_uids[record.uid]})", field="uid")
                seen_uids[record.uid] = place
            if record.id is not None:
                if record.id in seen_ids:
                    raise ValidationError(f"id {record.id} appears again (first at {seen_ids[record.id]})", field="id")
                seen_ids[record.id] = place
                try:
                    current = store.get(record.id)
                except NotFoundError:
                    raise ValidationError(
                        f"no intervention #{record.id} in this store; leave id empty to add the row as new", field="id"
                    ) from None
                if record.uid and record.uid != current.uid:
                    raise ValidationError(
                        f"#{record.id} here is another record ({current.delegation}, panel {current.panel}): the row's"
                        " uid says it comes from another store's export; to add the file's rows as new records,"
                        " delete the id column or import with --as-new",
                        field="id",
                    )
                if record.with_(seq=record.seq or current.seq) == current:
                    unchanged += 1
                else:
                    updates.append(record)
                    places["updates"].append(place)
            else:
                if record.uid:
                    known = known if known is not None else {r.uid: r for r in store.all_records()}
                    if record.uid in known:
                        raise ValidationError(
                            f"this record is already #{known[record.uid].id} here (the same uid); put"
                            f" {known[record.uid].id} in the id column to update it, or import with --as-new to add"
                            " a copy",
                            field="uid",
                        )
                inserts.append(record)
                places["inserts"].append(place)
        except ValidationError as exc:
            raise exc.at(path, place) from None
    saved = store.apply(inserts, updates, by=rapporteur)  # updates first, then inserts
    where = dict(zip((r.id for r in saved), places["updates"] + places["inserts"], strict=True))
    warnings = tuple(f"{path}: {where[r.id]}: {line}" for r, line in mismatches(saved, meeting.programme))
    return ImportResult(added=len(inserts), updated=len(updates), unchanged=unchanged, warnings=warnings)


# -- exporting ---------------------------------------------------------------------------------


def export_rows(records: Sequence[Intervention]) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        row = record.to_row() | {"uid": record.uid}
        rows.append({k: (v if k in _NUMBERS else clean_text(v)) for k, v in row.items()})
    return rows


def write_interventions(records: Sequence[Intervention], fmt: str) -> bytes:
    """The records as a file's bytes in ``fmt``; spreadsheet formats get formulas neutralised."""
    rows = export_rows(records)
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    cells = [[v if k in _NUMBERS else neutralise(v) for k, v in row.items()] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(["" if v is None else v for v in row] for row in cells)
        # A BOM makes Excel read the file as UTF-8 instead of the machine's legacy code page.
        return buffer.getvalue().encode("utf-8-sig")
    return _xlsx_bytes(cells)


def _xlsx_bytes(cells: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("interventions")
    sheet.append(list(EXPORT_COLUMNS))
    for values in cells:
        row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()




def kept_files(store: Path | None, *read: tuple[str | Path, str]) -> dict[Path, str]:
    """The files an output must not replace, each with what it is: the SQLite ``store`` and the ``-wal``,
    ``-shm`` and ``-journal`` files beside it (SQLite makes them as it writes), and the files the command
    is reading (``(path, "the draft being checked")``)."""
    kept: dict[Path, str] = {}
    if store is not None:
        kept[store] = "the store itself"
        for suffix, what in (("-wal", "write-ahead log"), ("-shm", "shared-memory index"), ("-journal", "journal")):
            kept[Path(f"{store}{suffix}")] = f"the store's {what} ({store.name}{suffix})"
    for path, what in read:
        kept[Path(path)] = what
    return kept


def output_file(path: str | Path, keep: Mapping[Path, str] | None = None, what: str = "output") -> Path:
    """The regular file ``-o PATH`` will write: ``path``, or the file a link at ``path`` points to.

    An output is written beside its target and renamed over it; renaming over ``/dev/null``, a pipe
    or a socket would replace it with a plain file (as root, for every program on the machine), so
    anything but a regular file, or a link to one, is refused before any work is done. So is any of
    ``keep`` (``kept_files``): the same file by identity (device and inode, whatever the name, link or
    hard link), or for one not made yet (a ``-wal`` file), the same name once links are resolved.
    ``what`` names the output in the message ("export", "annotated copy").
    """
    path = Path(path)
    for kept, which in (keep or {}).items():
        if _same_file(path, kept):
            raise HlmnotesError(f"{path}: is {which}; choose another name for the {what}")
    if path.is_dir():
        raise HlmnotesError(f"{path}: is a folder; name the output file, e.g. {path / 'interventions.csv'}")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise HlmnotesError(f"{path}: cannot write it ({exc.strerror}); choose another path") from exc
    if mode is not None and not stat.S_ISREG(mode):
        kind = file_kind(mode)
        raise HlmnotesError(
            f"{path}: is {kind}, not a regular file; name a file to write, or leave out -o to write to standard output"
        )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # a link stays a link
    if not target.parent.exists():
        raise HlmnotesError(f"{path}: its folder {path.parent} does not exist; create it or choose another path")
    return target


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)  # st_dev and st_ino: a link or a hard link is the same file
    except OSError:  # one of them does not exist (yet): the same name, links resolved, would become it
        return os.path.realpath(path) == os.path.realpath(other)


def write_file(data: bytes, path: str | Path) -> Path:
    """Write ``data`` next to ``path`` and rename it into place, so a failed export never leaves half a file."""
    path = Path(path)
    target = output_file(path)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError as exc:
        with suppress(OSError):  # under a file instead of a folder, removing fails just as writing did
            temporary.unlink(missing_ok=True)
        raise HlmnotesError(f"{path}: cannot write it ({exc.strerror}); choose another path") from exc
    return path
