"""The files interventions travel in (CSV, XLSX, JSON) and the formula guard their cells share both ways.

Exports put an apostrophe before text a spreadsheet would run as a formula (``neutralise``); imports
take it off again (``restore``), so text round-trips exactly. Both sides read this one rule, which is
why it sits below the exporter (``interchange``) and the reader of import files (``rowfiles``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import HlmnotesError

FORMATS = ("csv", "xlsx", "json")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def _triggers(value: str) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula or as our own neutralising prefix.

    The first character is compared after compatibility folding (NFKC), because LibreOffice turns the
    full-width ``＝ ＋ － ＠`` (and the small and superscript forms) into their ASCII twins on export.
    """
    return bool(value) and unicodedata.normalize("NFKC", value[0]).startswith((*_TRIGGERS, "'"))


def neutralise(value: str) -> str:
    """Prefix text a spreadsheet would run as a formula (or that starts with the prefix itself) with ``'``."""
    return "'" + value if _triggers(value) else value


def restore(value: str) -> str:
    """Undo ``neutralise``; other text is left exactly as it is."""
    if len(value) > 1 and value[0] == "'" and _triggers(value[1:]):
        return value[1:]
    return value


def format_of(path: str | Path, given: str | None = None) -> str:
    """``given``, else the file's extension, as one of ``FORMATS``; anything else is refused naming the fix."""
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise HlmnotesError(f"{path}: unknown format {fmt or '(no extension)'!r}; use .csv, .xlsx or .json")
    return fmt
