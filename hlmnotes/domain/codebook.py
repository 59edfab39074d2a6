"""Theme codebook: the ids rapporteurs tag interventions with, and keyword cues that suggest them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ProgrammeError, ValidationError
from .files import CODEBOOK_BYTES, parse_toml, read_text
from .text import fold

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    definition: str = ""
    cues: tuple[str, ...] = ()
    lens: str = ""
    # The theme as a noun phrase in running text ("the identification of victims"), where the label, a
    # heading, does not read as one after "On …" ("Identification of victims"); "" when the codebook gives
    # none: a draft then names the theme in its points' own words, or not at all.
    short: str = ""


@dataclass(frozen=True)
class Codebook:
    themes: tuple[Theme, ...]
    text: str = ""
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)  # folded id or label: id

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for theme in self.themes:
            lookup[fold(theme.id)] = theme.id
            lookup[fold(theme.label)] = theme.id
        object.__setattr__(self, "_lookup", lookup)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def resolve(self, value: str) -> str:
        """The theme id for an id or a label, matched case-insensitively."""
        found = self._lookup.get(fold(value))
        if found is None:
            raise ValidationError(
                f"unknown theme {value!r}; use a codebook id such as {', '.join(self.ids[:3])} (see `hlmnotes programme show`)",
                field="themes",
            )
        return found

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Theme ids whose cues occur in ``text``, most cues first: suggestions, never automatic tags."""
        haystack = f" {fold(text)} "
        scored = []
        for order, theme in enumerate(self.themes):
            hits = sum(1 for cue in theme.cues if _cue_in(fold(cue), haystack))
            if hits:
                scored.append((-hits, order, theme.id))
        return [theme_id for _, _, theme_id in sorted(scored)[:limit]]


def _cue_in(cue: str, haystack: str) -> bool:
    # Word-start match, so "child" finds "children" but "aid" does not fire inside "said".
    return re.search(r"(?<![\w])" + re.escape(cue), haystack) is not None


def parse_codebook(text: str, source: str = "codebook.toml") -> Codebook:
    data = parse_toml(text, source)
    entries = data.get("themes")
    if not isinstance(entries, list) or not entries:
        raise ProgrammeError(f"{source}: themes: needs one or more [[themes]] entries")
    themes, seen = [], set()
    for i, entry in enumerate(entries, 1):
        path = f"themes[{i}]"
        if not isinstance(entry, dict):
            raise ProgrammeError(f"{source}: {path}: needs a table with id and label")
        theme_id, label = entry.get("id"), entry.get("label")
        if not isinstance(theme_id, str) or not _ID.match(theme_id):
            raise ProgrammeError(f"{source}: {path}.id: use lower-case letters, digits and hyphens (got {theme_id!r})")
        if theme_id in seen:
            raise ProgrammeError(f"{source}: {path}.id: {theme_id!r} is defined twice")
        if not isinstance(label, str) or not label.strip():
            raise ProgrammeError(f"{source}: {path}.label: needs a non-empty string")
        cues = entry.get("cues", [])
        if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
            raise ProgrammeError(f"{source}: {path}.cues: needs a list of strings")
        short = entry.get("short", "")
        if not isinstance(short, str):
            raise ProgrammeError(f"{source}: {path}.short: needs a string (the theme as a noun phrase in running text)")
        seen.add(theme_id)
        themes.append(
            Theme(
                theme_id,
                label.strip(),
                str(entry.get("definition", "")).strip(),
                tuple(cues),
                str(entry.get("lens", "")),
                " ".join(short.split()),
            )
        )
    return Codebook(tuple(themes), text)


def load_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    return parse_codebook(read_text(path, "codebook", CODEBOOK_BYTES), str(path))
