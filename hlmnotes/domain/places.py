"""The capitals and demonyms of States (``data/reference/capitals.csv``): what points at a State without naming it.

A Chair's summary does not say who made a point; "adopted this year in Doha" or "Filipino workers"
in a speaker's own words says it all the same. The file's header states its source (the countryinfo
package, MIT, corrected by hand where a State has several capitals or demonyms in use).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ProgrammeError
from .files import CODEBOOK_BYTES, read_text
from .text import fold


@dataclass(frozen=True)
class Place:
    """A State as its name, capitals and demonyms are written ("Philippines", ("Manila",), ("Filipino", …))."""

    name: str
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]


def load_places(path: str | Path) -> dict[str, Place]:
    """The file's States by folded name; lines starting with "#" are comments."""
    text = read_text(path, "list of capitals and demonyms", CODEBOOK_BYTES)
    rows = csv.DictReader(io.StringIO("".join(line for line in text.splitlines(True) if not line.startswith("#"))))
    if rows.fieldnames is None or not {"name", "capitals", "demonyms"} <= set(rows.fieldnames):
        raise ProgrammeError(f"{path}: expected the columns name,capitals,demonyms after the comment lines")
    places = {}
    for row in rows:
        name = (row["name"] or "").strip()
        if name:
            split = (tuple(v.strip() for v in (row[column] or "").split(";") if v.strip()) for column in ("capitals", "demonyms"))
            places[fold(name)] = Place(name, *split)
    return places


@cache
def default_places() -> dict[str, Place]:
    """``data/reference/capitals.csv`` of the data folder (``paths.data_dir``)."""
    from ..paths import data_dir

    return load_places(data_dir() / "reference" / "capitals.csv")
