"""Who can take the floor: Member States, observers, groups and organizations, with their aliases.

Rapporteurs type "UK" or "Russia"; the record and the summary need the UN short name. Matching
ignores case, accents and spacing, and an unknown name gets a "did you mean" from the lists.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ProgrammeError, ValidationError
from .files import CODEBOOK_BYTES, read_text
from .text import fold

# Categories whose members are a closed list: a name outside the list is a typo, not a newcomer.
LISTED_CATEGORIES = ("member_state", "observer_state", "un_entity", "igo")

# Illustrative placeholders ("Member State A", "Group B") for demo data and training sessions, so
# invented statements are never put in the mouth of a real delegation.
PLACEHOLDERS = {
    "member state": "member_state", "observer state": "observer_state", "un entity": "un_entity",
    "organization": "igo", "civil society organization": "civil_society", "university": "academia",
    "company": "private_sector", "media outlet": "media",
}  # fmt: skip
_PLACEHOLDER = re.compile(r"^(?P<kind>[A-Za-z ]+?) (?P<letter>[A-Z]{1,2})$")


def placeholder_category(name: str) -> str | None:
    """The category of an illustrative placeholder name, or None for a real name."""
    match = _PLACEHOLDER.match(name.strip())
    return PLACEHOLDERS.get(match["kind"].lower()) if match else None


def is_placeholder_group(name: str) -> bool:
    match = _PLACEHOLDER.match(name.strip())
    return match is not None and match["kind"].lower() == "group"


@dataclass(frozen=True)
class Delegation:
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    in_text: str = ""  # the form drafts print, where the list's name is the long form ("United Kingdom")


@dataclass(frozen=True)
class Group:
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    delegations: tuple[Delegation, ...]
    groups: tuple[Group, ...]
    _by_key: dict[str, Delegation] = field(default_factory=dict, repr=False, compare=False)
    _groups_by_key: dict[str, Group] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for d in self.delegations:
            for key in (d.name, *d.aliases):
                self._by_key.setdefault(fold(key), d)
        for g in self.groups:
            for key in (g.name, *g.aliases):
                self._groups_by_key.setdefault(fold(key), g)

    def find(self, name: str) -> Delegation | None:
        """The listed delegation for a name or alias, or None."""
        return self._by_key.get(fold(name))

    def printed(self, name: str) -> str:
        """How a draft prints ``name`` in running text and lists: the ``in_text`` form of the listed
        delegation ("United Kingdom"), else the name as given."""
        found = self.find(name) if name else None
        return found.in_text if found is not None and found.in_text else name

    def find_group(self, name: str) -> Group | None:
        return self._groups_by_key.get(fold(name))

    def names(self) -> list[str]:
        """Every canonical name, for a combobox."""
        return [d.name for d in self.delegations]

    def group_names(self) -> list[str]:
        return [g.name for g in self.groups]

    def suggestion(self, name: str) -> str:
        """``; did you mean 'X'?`` for a near miss, else an empty string."""
        import difflib

        keys = list(self._by_key)
        close = difflib.get_close_matches(fold(name), keys, n=1, cutoff=0.8)
        return f"; did you mean {self._by_key[close[0]].name!r}?" if close else ""

    def resolve(self, name: str, category: str = "") -> Delegation:
        """Canonical delegation for ``name``; unlisted names pass only for open categories (NGOs…)."""
        found = self.find(name)
        if found is not None:
            return found
        placeholder = placeholder_category(name)
        if placeholder and category in ("", placeholder):
            return Delegation(" ".join(name.split()), placeholder)
        group = self.find_group(name)
        if group is not None and category in ("", "igo"):
            return Delegation(group.name, "igo")
        if category in LISTED_CATEGORIES:
            raise ValidationError(
                f"unknown {category.replace('_', ' ')} {name!r}{self.suggestion(name)}"
                " (names follow the UN short-name list; see data/reference/delegations.csv)",
                field="delegation",
            )
        if not category:
            raise ValidationError(
                f"unknown delegation {name!r}{self.suggestion(name) or '.'} It is not on the reference lists:"
                " give its category (e.g. civil_society) to record it as typed",
                field="delegation",
            )
        return Delegation(name.strip(), category)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(read_text(path, "reference list", CODEBOOK_BYTES)))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ProgrammeError(f"{path}: missing column(s) {', '.join(missing)}; the header must be {','.join(columns)}")
    return list(reader)


def load_reference(folder: str | Path) -> Reference:
    """Read ``delegations.csv`` and ``groups.csv`` from ``folder``."""
    folder = Path(folder)
    delegations = tuple(
        Delegation(r["name"].strip(), r["category"].strip(), _split(r["aliases"]), (r.get("in_text") or "").strip())
        for r in _rows(folder / "delegations.csv", ("name", "category", "aliases"))
    )
    groups = tuple(
        Group(r["name"].strip(), _split(r["aliases"]), _split(r["members"]))
        for r in _rows(folder / "groups.csv", ("name", "aliases", "members"))
    )
    return Reference(delegations, groups)


@cache
def default_reference() -> Reference:
    """The reference lists shipped in ``data/reference`` (read once per process)."""
    from ..paths import data_dir

    return load_reference(data_dir() / "reference")
