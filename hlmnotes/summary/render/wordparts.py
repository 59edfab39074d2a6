"""A Word template prepared once: its layout and the package python-docx saves from it, kept in the user's cache.

Every draft from a template gets the same parts from python-docx except in a few places: the body
and the comments (which the writer streams in), the list instances it adds to the numbering part,
the ``{generated}`` header field and the core properties (title, dates, counts). So the template is
opened with python-docx once, those places are filled with markers, and the package it saves is
kept (with the template's ``Layout``) in a cache file named by a digest of everything that shapes
it: the template's bytes, this module, the writer and the layout code, python-docx and lxml. A
draft then swaps its own values for the markers, escaped as lxml escapes text, and never imports
python-docx or lxml: their import and the template's parsing were a fifth of a whole
``hlmnotes summary`` command. The first draft from a template prepares it, as simplemma builds its
dictionary's trie on first use.

Before a prepared package is kept, a draft made from it is checked against one python-docx makes
with the same values (markup-sensitive characters included); a template whose parts python-docx
would write otherwise is not prepared, and its drafts are made by python-docx as before. So are
drafts whose header or property values python-docx would refuse or write differently (over 255
characters, control characters, outer spaces in the header field): the output is the same bytes
either way.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import HlmnotesError
from ...io.wordfile import unzip
from ...paths import cache_dir

_HERE = Path(__file__).resolve().parent
# The markers: private-use characters no draft holds, in text lxml writes as it is.
NUMS = b"<!--hlmnotes nums-->"
GENERATED = "\ue000generated\ue000"
CORE_TEXT = ("title", "subject", "author", "last_modified_by", "category", "keywords", "comments", "language")
CORE = {name: f"\ue000core {name}\ue000" for name in CORE_TEXT}
WHEN = dt.datetime(1901, 2, 3, 4, 5, 6)  # the created/modified marker, as python-docx writes a date
_WHEN = WHEN.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
# What lxml will not write as it is in text: control characters (it refuses them, or writes "&#13;").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Slot:
    """One ``{field}`` of the annex prototype row: its run properties and the row text after it."""

    field: str
    rpr: str
    after: str


@dataclass(frozen=True)
class Layout:
    """What the writer takes from a template, as plain values.

    ``styles`` maps each style id the writer knows (``STYLES``) to the template's own id;
    ``paragraphs`` and ``items`` are the (numId, abstractNumId) of the 1, 2, 3… and (a), (b)… lists;
    the annex table is ``table_open`` + rows + ``table_close``, a row being ``row_head`` followed by
    each slot's value and text.
    """

    styles: Mapping[str, str]
    paragraphs: tuple[int, int]
    items: tuple[int, int]
    table_open: str
    table_close: str
    row_head: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Prepared:
    """A template's layout, the first list instance id free in it, and its package as python-docx saves it
    with markers, without and with a comments part."""

    layout: Layout
    next_num: int
    packages: tuple[bytes, bytes]  # (no comments, comments)


@dataclass(frozen=True)
class Values:
    """What a draft writes in the places the markers hold: the header field and the core properties."""

    generated: str
    core: Mapping[str, str]
    created: dt.datetime

    def replacements(self, nums: str) -> list[tuple[bytes, bytes]] | None:
        """Marker → bytes, or None when python-docx would refuse a value or write it otherwise."""
        if self.generated != self.generated.strip() or _UNSAFE.search(self.generated):
            return None  # python-docx marks outer spaces xml:space="preserve"
        out = [(NUMS, nums.encode("utf-8")), (GENERATED.encode(), _escape(self.generated))]
        for name, value in self.core.items():
            if len(value) > 255 or _UNSAFE.search(value):
                return None  # python-docx refuses a property over 255 characters; lxml, a control character
            out.append((CORE[name].encode(), _escape(value)))
        out.append((_WHEN, self.created.strftime("%Y-%m-%dT%H:%M:%SZ").encode()))
        return out


def _escape(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def substitute(package: Mapping[str, bytes], replacements: list[tuple[bytes, bytes]]) -> dict[str, bytes]:
    """Each part of ``package`` with the markers replaced (a part without a marker is returned as it is).

    In one pass over each part, by position: a value is written as it is, never searched again, so a
    title holding a marker's text (``1901-02-03T04:05:06Z``, private-use characters) stays the title.
    """
    table = dict(replacements)
    pattern = re.compile(b"|".join(re.escape(marker) for marker in sorted(table, key=len, reverse=True)))
    out = {}
    for name, data in package.items():
        if b"\xee\x80\x80" in data or NUMS in data or _WHEN in data:  # "\ue000", UTF-8
            data = pattern.sub(lambda match: table[match.group()], data)
        out[name] = data
    return out


# -- the cache ---------------------------------------------------------------------------------------


def _key(template: bytes) -> str:
    """A digest of the template and of everything that turns it into parts (this code, python-docx, lxml)."""
    digest = hashlib.sha256(template)
    for path in [_HERE / n for n in ("wordparts.py", "layout.py", "docx.py", "template.py", "templatefile.py")] + [
        _HERE.parents[1] / "io" / "wordfile.py"
    ]:
        digest.update(path.read_bytes())
    for package in ("docx", "lxml"):
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None:
            raise OSError(f"{package} is not installed")
        stat = origin.stat()
        digest.update(f"{package} {origin} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def prepared(
    template: Path, make: Callable[[Path], Prepared | None], check: Callable[[Path, Prepared], bool]
) -> Prepared | None:
    """``template`` prepared: read from the cache, else made by ``make`` and, once ``check`` passes, kept.

    None when it cannot be prepared (``make`` says so, or ``check`` finds a part python-docx would write
    otherwise): the caller writes with python-docx. Errors about the template itself (``TemplateError``)
    come from ``make``; an unreadable or unwritable cache only costs the time.
    """
    from .templatefile import read_template

    data = read_template(template).data  # refused here as by ``make``: limits, fields
    try:
        path = cache_dir() / "word" / f"{_key(data)}.json"
    except (OSError, RuntimeError):  # an unreadable template (``make`` says so), source, or no home folder
        path = None
    if path is not None:
        try:
            return _load(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError, IndexError, binascii.Error, HlmnotesError):
            pass  # no entry, or a damaged one: prepared again, and the entry replaced
    made = make(template)
    if made is None or not check(template, made):
        return None
    if path is None:
        return made
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(_dump(made), encoding="utf-8")
        os.replace(partial, path)  # whole or not at all, whoever writes it at the same time
    except OSError:
        pass
    return made


def _dump(made: Prepared) -> str:
    layout = made.layout
    return json.dumps({
        "styles": dict(layout.styles), "paragraphs": layout.paragraphs, "items": layout.items,
        "table_open": layout.table_open, "table_close": layout.table_close, "row_head": layout.row_head,
        "slots": [[s.field, s.rpr, s.after] for s in layout.slots], "next_num": made.next_num,
        "packages": [binascii.b2a_base64(p, newline=False).decode("ascii") for p in made.packages],
    })  # fmt: skip


def _load(text: str) -> Prepared:
    raw: dict[str, Any] = json.loads(text)
    layout = Layout(
        styles={str(k): str(v) for k, v in raw["styles"].items()},
        paragraphs=(int(raw["paragraphs"][0]), int(raw["paragraphs"][1])),
        items=(int(raw["items"][0]), int(raw["items"][1])),
        table_open=str(raw["table_open"]), table_close=str(raw["table_close"]), row_head=str(raw["row_head"]),
        slots=tuple(Slot(str(f), str(r), str(a)) for f, r, a in raw["slots"]),
    )  # fmt: skip
    first, second = (binascii.a2b_base64(p) for p in raw["packages"])
    for package in (first, second):  # whole zips of well-formed parts with a main part, or not used
        if "word/document.xml" not in unzip(package, "the prepared template"):
            raise KeyError("word/document.xml")
    return Prepared(layout, int(raw["next_num"]), (first, second))
