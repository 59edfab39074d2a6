"""An intervention: who spoke, in which panel, on which questions, saying what.

``validate`` turns loose input (a form, a CSV row, CLI flags) into a clean ``Intervention`` or raises a
``ValidationError`` naming the field. Every entry point goes through it, so the rules live once.
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Self, TypeVar

from ..errors import ProgrammeError, ValidationError
from . import categories
from .codebook import Codebook
from .programme import Panel, Programme
from .reference import Reference
from .text import bare_name, clean_text

CATEGORIES = (
    "chair", "panellist", "member_state", "observer_state", "un_entity", "igo",
    "civil_society", "academia", "private_sector", "media", "other",
)  # fmt: skip
# The words a person reads and types for each category (the app's labels; speakers' lists may use them).
CATEGORY_LABELS = categories.labels()
PODIUM = ("chair", "panellist")
FLAGS = ("recommendation", "good_practice", "commitment", "challenge", "divergent", "quote")

# The columns of contract 2 (docs/design.md), in order: CSV, XLSX and JSON carry exactly these.
COLUMNS = (
    "id", "panel", "seq", "speaker", "delegation", "category", "on_behalf_of", "questions", "themes",
    "flags", "key_points", "recommendations", "started_at", "ended_at", "duration_s", "rapporteur",
)  # fmt: skip
TEXT_FIELDS = ("speaker", "delegation", "on_behalf_of", "key_points", "recommendations", "rapporteur")
NOTE_FIELDS = ("key_points", "recommendations")  # several lines; the other text fields are names on one
# The most a spreadsheet cell holds. Longer text is refused rather than accepted, because it could not
# be exported to XLSX intact; a five-minute statement's notes are a few thousand characters.
MAX_TEXT = 32_767
# Numbers beyond this are typing accidents, and SQLite could not store the larger ones.
MAX_NUMBER = 2**31 - 1


@dataclass(frozen=True)
class Intervention:
    panel: int
    delegation: str
    category: str
    id: int | None = None
    seq: int | None = None
    speaker: str = ""
    on_behalf_of: str = ""
    questions: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    key_points: str = ""
    recommendations: str = ""
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    duration_s: int | None = None
    rapporteur: str = ""
    uid: str = field(default="", compare=False)
    version: int = field(default=0, compare=False)

    def to_row(self) -> dict[str, Any]:
        """The record in contract-2 form: lists joined by ";", times as ISO 8601 strings."""
        # Not dataclasses.asdict: it deep-copies every field, and tables call this once per record.
        row = {c: getattr(self, c) for c in COLUMNS}
        row["questions"] = ";".join(str(q) for q in self.questions)
        row["themes"] = ";".join(self.themes)
        row["flags"] = ";".join(self.flags)
        row["started_at"] = self.started_at.isoformat() if self.started_at else ""
        row["ended_at"] = self.ended_at.isoformat() if self.ended_at else ""
        return row

    def with_(self, **changes: Any) -> Self:
        return replace(self, **changes)

    def saved(self, id: int, **changes: Any) -> SavedIntervention:
        """This record as the store holds it once saved under ``id`` (with the uid, seq, version it gave)."""
        values = {f.name: getattr(self, f.name) for f in fields(Intervention)}
        return SavedIntervention(**values | changes | {"id": id})

    def __eq__(self, other: object) -> bool:
        # Written out, not generated: the generated one also compares the class, and a record typed in
        # again (validated, an Intervention) must equal the same record saved, or an unchanged import
        # row or save would be counted as a change.
        if not isinstance(other, Intervention):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _COMPARED)


@dataclass(frozen=True, eq=False)
class SavedIntervention(Intervention):
    """A record the store holds: read from it or returned by a save, so it has the store's id. A new
    record (from a form, a file, the command line) is an ``Intervention`` whose id may be None; code that
    needs the id (the live view, the summary's sources, the Review and the Recorder) takes this type."""

    id: int = field()  # required: without field() the dataclass would inherit the default None


_COMPARED = tuple(f.name for f in fields(Intervention) if f.compare)  # all but uid and version

# A record, saved or not, for functions that return the records they are given (a filter, a sort).
Record = TypeVar("Record", bound=Intervention)


def saved_id(record: Intervention) -> int:
    """The id of a record typed as any ``Intervention`` that must be saved (records the store returned,
    passed on as plain ``Intervention``): an unsaved one is a mistake in the code, refused rather than 0."""
    if record.id is None:
        raise ValueError(f"{record.delegation} (panel {record.panel}) is not saved yet, so it has no id")
    return record.id


def split_items(value: object, separators: str = ";") -> list[str]:
    """A separated string or any iterable as a list of non-empty stripped strings."""
    if value is None:
        return []
    if isinstance(value, str):
        for sep in separators[1:]:
            value = value.replace(sep, separators[0])
        parts: Iterable[object] = value.split(separators[0])
    elif isinstance(value, Iterable):
        parts = value
    else:
        parts = [value]
    return [str(p).strip() for p in parts if str(p).strip()]


_UID = re.compile(r"[0-9a-f]{32}")


def _optional_int(value: object, name: str, *, minimum: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        if isinstance(value, bool):
            raise ValueError
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(f"{name}: expected a whole number, got {value!r}", field=name) from None
    if number < minimum:
        raise ValidationError(f"{name}: must be {minimum} or more, got {number}", field=name)
    if number > MAX_NUMBER:
        raise ValidationError(f"{name}: must be {MAX_NUMBER} or less, got {number}", field=name)
    return number


def parse_time(value: object, name: str) -> dt.datetime | None:
    """ISO 8601 with a UTC offset; a time without an offset is ambiguous across time zones, so refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{name}: {value!r} is not an ISO 8601 time; write it like 2017-09-27T15:04:00-04:00", field=name
            ) from None
    if moment.tzinfo is None:
        raise ValidationError(
            f"{name}: {value!r} has no UTC offset; add one, e.g. 2017-09-27T15:04:00-04:00", field=name
        )
    return moment


@dataclass
class _Checking:
    """One record being validated: the loose input, its panel, and the fields checked so far."""

    data: Mapping[str, Any]
    panel: Panel
    codebook: Codebook
    reference: Reference
    clean: dict[str, Any] = field(default_factory=dict)  # as the Intervention will hold them


# A validator reads the input (and the fields checked before it) and returns the fields it settles.
_Validator = Callable[[_Checking], dict[str, Any]]


def validate(data: Mapping[str, Any], programme: Programme, codebook: Codebook, reference: Reference) -> Intervention:
    """Check ``data`` against the meeting and return the clean record; raises on the first problem.

    The panel comes first (the questions and the podium are the panel's), then each field's validator in
    the order of ``_VALIDATORS``, so the first problem reported is always the same for the same input.
    """
    checking = _Checking(data, _panel(data, programme), codebook, reference)
    for validator in _VALIDATORS:
        checking.clean |= validator(checking)
    return Intervention(panel=checking.panel.id, **checking.clean)


def _panel(data: Mapping[str, Any], programme: Programme) -> Panel:
    panel_id = _optional_int(data.get("panel"), "panel", minimum=1)
    if panel_id is None:
        raise ValidationError("panel: missing; give the panel number from the programme", field="panel")
    try:
        return programme.panel(panel_id)
    except ProgrammeError as exc:
        raise ValidationError(f"panel: {exc}", field="panel") from None


def _text(name: str) -> _Validator:
    """Free text: refused if it is not text or would not fit a spreadsheet cell; names on one line."""

    def check(c: _Checking) -> dict[str, Any]:
        value = c.data.get(name)
        if isinstance(value, Mapping | list | tuple | set | bool):
            raise ValidationError(f"{name}: expected text, got {reprlib.repr(value)}", field=name)
        text = clean_text(value)
        if len(text) > MAX_TEXT:
            raise ValidationError(
                f"{name}: {len(text):,} characters, more than the {MAX_TEXT:,} a spreadsheet cell holds;"
                " split it over several interventions or shorten it",
                field=name,
            )
        return {name: text.strip("\n") if name in NOTE_FIELDS else " ".join(text.split())}

    return check


def _category(c: _Checking) -> dict[str, Any]:
    category = clean_text(c.data.get("category")).strip().lower().replace(" ", "_").replace("-", "_")
    if category and category not in CATEGORIES:
        raise ValidationError(
            f"category: unknown category {category!r}; use one of {', '.join(CATEGORIES)}", field="category"
        )
    return {"category": category}


def _delegation(c: _Checking) -> dict[str, Any]:
    """Who took the floor, by its reference name; a podium record may give only its category, and a
    delegation the reference lists gives the category when none was given."""
    delegation, category = c.clean["delegation"], c.clean["category"]
    if not delegation:
        delegation = _podium_person(c.panel, category, c.clean["speaker"])
        if delegation is None:
            raise ValidationError(
                "delegation: missing; say who took the floor (e.g. Belgium, UNODC)", field="delegation"
            )
    if category in PODIUM:
        return {"delegation": delegation}
    found = c.reference.resolve(delegation, category)
    return {"delegation": found.name, "category": category or found.category}


def _on_behalf_of(c: _Checking) -> dict[str, Any]:
    on_behalf_of = c.clean["on_behalf_of"]
    if on_behalf_of:
        group = c.reference.find_group(on_behalf_of) or c.reference.find(on_behalf_of)
        on_behalf_of = group.name if group else on_behalf_of
    return {"on_behalf_of": on_behalf_of}


def _questions(c: _Checking) -> dict[str, Any]:
    questions: list[int] = []
    for item in split_items(c.data.get("questions"), ";, "):
        number = _optional_int(item, "questions", minimum=1)
        if number is None or c.panel.question(number) is None:
            raise ValidationError(
                f"questions: panel {c.panel.id} has no question {item}; its questions are 1 to {len(c.panel.questions)}",
                field="questions",
            )
        if number not in questions:
            questions.append(number)
    return {"questions": tuple(questions)}


def _themes(c: _Checking) -> dict[str, Any]:
    return {"themes": tuple(dict.fromkeys(c.codebook.resolve(item) for item in split_items(c.data.get("themes"))))}


def _flags(c: _Checking) -> dict[str, Any]:
    flags: list[str] = []
    for item in split_items(c.data.get("flags")):
        flag = item.lower().replace(" ", "_").replace("-", "_")
        if flag not in FLAGS:
            raise ValidationError(f"flags: unknown flag {item!r}; use any of {', '.join(FLAGS)}", field="flags")
        if flag not in flags:
            flags.append(flag)
    return {"flags": tuple(flags)}


def _started_at(c: _Checking) -> dict[str, Any]:
    return {"started_at": parse_time(c.data.get("started_at"), "started_at")}


def _ended_at(c: _Checking) -> dict[str, Any]:
    started, ended = c.clean["started_at"], parse_time(c.data.get("ended_at"), "ended_at")
    if started and ended and ended < started:
        raise ValidationError(
            f"ended_at: {ended.isoformat()} is before started_at {started.isoformat()}", field="ended_at"
        )
    return {"ended_at": ended}


def _duration_s(c: _Checking) -> dict[str, Any]:
    """Derived from the times when both are given; a given duration must agree with them to the second."""
    duration = _optional_int(c.data.get("duration_s"), "duration_s", minimum=0)
    started, ended = c.clean["started_at"], c.clean["ended_at"]
    if started and ended:
        derived = round((ended - started).total_seconds())
        if duration is not None and abs(duration - derived) > 1:
            raise ValidationError(
                f"duration_s: {duration} does not match started_at..ended_at ({derived} s); leave it empty to derive it",
                field="duration_s",
            )
        duration = derived
    return {"duration_s": duration}


def _whole_number(name: str) -> _Validator:
    """A store-given number (id, seq): empty for a new record, else a whole number from 1."""
    return lambda c: {name: _optional_int(c.data.get(name), name, minimum=1)}


def _uid(c: _Checking) -> dict[str, Any]:
    """A record's stable identifier as an export carries it (32 hex digits), or "" for a new record."""
    uid = clean_text(c.data.get("uid")).strip()
    if uid and not _UID.fullmatch(uid):
        raise ValidationError(
            f"uid: expected the 32-character identifier an export carries (digits and a-f), got {reprlib.repr(uid)};"
            " leave it empty for a new record",
            field="uid",
        )
    return {"uid": uid}


def _version(c: _Checking) -> dict[str, Any]:
    return {"version": int(c.data.get("version") or 0)}


# Every field's validator, in the order problems are reported. Text comes first, as typed; the
# delegation and group are then resolved against the reference lists, which needs the category.
_VALIDATORS: tuple[_Validator, ...] = (
    *(_text(name) for name in TEXT_FIELDS),
    _category, _delegation, _on_behalf_of, _questions, _themes, _flags, _started_at, _ended_at, _duration_s,
    _whole_number("id"), _whole_number("seq"), _uid, _version,
)  # fmt: skip


def _podium_person(panel: Panel, category: str, speaker: str) -> str | None:
    """The delegation of the Chair or a panellist, so podium records need only the category."""
    if category == "chair":
        return panel.chair.delegation or panel.chair.organization or panel.chair.name
    if category == "panellist" and speaker:
        for person in panel.panellists:
            if bare_name(person.name) == bare_name(speaker):
                return person.delegation or person.organization or person.name
    return None
