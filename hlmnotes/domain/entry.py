"""One intervention being recorded: what the form holds, the speaking clock, the speakers'-list entry it
comes from and the record it edits.

Plain Python, so the Recorder's rules (who the typed delegation is, what a restored draft keeps, when
an entry holds work worth keeping) are tested without a browser or ipywidgets; the Recorder only shows
an ``Entry`` and passes the person's edits to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from .codebook import Codebook
from .model import CATEGORIES, FLAGS, Intervention, SavedIntervention, parse_time, split_items
from .programme import Panel, Person
from .reference import Reference, placeholder_category
from .speakers import Inscribed
from .text import fold
from .timing import SpeakingClock

FIELDS = ("speaker", "delegation", "category", "on_behalf_of", "questions", "themes", "flags", "key_points",
          "recommendations")  # fmt: skip
NOTES = ("questions", "themes", "flags", "key_points", "recommendations")


def empty_values() -> dict[str, str]:
    return dict.fromkeys(FIELDS, "")


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _whole(value: Any, what: str) -> int | None:
    """A number read back from a stored draft: anyone who can write a shared store can write a draft, so
    a value that is not a whole number (markup, say) is refused rather than shown."""
    if value is None or (type(value) is int and value >= 0):
        return value
    raise ValidationError(f"the draft's {what} is not a whole number ({str(value)[:40]!r})")


def shown_values(data: Mapping[str, Any], panel: Panel, codebook: Codebook) -> tuple[dict[str, str], list[str]]:
    """Contract-2 fields as the form can show them for ``panel``, and what it cannot (to say so, not lose it).

    A question the panel no longer has, a theme the codebook dropped, an unknown category or flag are
    left out and named in the second value.
    """
    values = empty_values()
    dropped: list[str] = []
    for name in ("speaker", "delegation", "on_behalf_of", "key_points", "recommendations"):
        values[name] = str(data.get(name) or "")
    category = str(data.get("category") or "")
    if category and category not in CATEGORIES:
        dropped.append(f"category {category!r}")
        category = ""
    values["category"] = category
    numbers = {q.number for q in panel.questions}
    questions = []
    for item in split_items(data.get("questions"), ";, "):
        if item.isdigit() and int(item) in numbers:
            questions.append(int(item))
        else:
            dropped.append(f"question {item}")
    values["questions"] = ";".join(str(n) for n in sorted(set(questions)))
    themes = []
    for item in split_items(data.get("themes")):
        if item in codebook.ids:
            themes.append(item)
        else:
            dropped.append(f"theme {item!r}")
    values["themes"] = ";".join(dict.fromkeys(themes))
    flags = split_items(data.get("flags"))
    dropped += [f"flag {f!r}" for f in sorted(set(flags) - set(FLAGS))]
    values["flags"] = ";".join(f for f in FLAGS if f in flags)
    return values, dropped


def podium_person(panel: Panel, delegation: str = "", speaker: str = "") -> tuple[str, Person] | None:
    """The Chair or panellist of ``panel`` named by ``speaker``, or whose delegation/organization is ``delegation``."""
    people = [("chair", panel.chair), *(("panellist", p) for p in panel.panellists)]
    if speaker.strip():
        return next(((role, p) for role, p in people if fold(p.name) == fold(speaker)), None)
    if delegation.strip():
        wanted = fold(delegation)
        return next(
            ((role, p) for role, p in people if wanted in {fold(p.delegation), fold(p.organization)} - {""}), None
        )
    return None


@dataclass(frozen=True)
class Editing:
    """A saved record open on a form (the Recorder's or the Review's): Save writes its next version, and
    the store refuses it if someone saved another version meanwhile. ``row`` is the record as opened, in
    contract-2 form, so the fields a form does not show are saved as they were."""

    row: Mapping[str, Any]
    version: int

    @classmethod
    def of(cls, record: SavedIntervention) -> Editing:
        return cls(record.to_row(), record.version)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def delegation(self) -> str:
        return str(self.row.get("delegation") or "")

    def data(self) -> dict[str, Any]:
        """The record as opened, with the version a save must still find: what a form's values go over."""
        return dict(self.row) | {"version": self.version}

    @classmethod
    def from_draft(cls, value: object) -> Editing:
        """Read back from a kept draft (``data()`` as stored); raises ValidationError when it is not one."""
        if not isinstance(value, dict) or _whole(value.get("id"), "record id") is None:
            raise ValidationError("the draft's record being edited has no id")
        version = _whole(value.get("version"), "record version")
        if version is None:
            raise ValidationError("the draft's record being edited has no version")
        return cls({k: v for k, v in value.items() if k != "version"}, version)


@dataclass
class Entry:
    """The intervention on the form. ``offered`` is the speakers'-list entry whose details it holds."""

    clock: SpeakingClock
    values: dict[str, str] = field(default_factory=empty_values)
    queue_position: int | None = None
    editing: Editing | None = None
    offered: Inscribed | None = None
    category_filled: str | None = None  # the category this entry filled in, not the person

    def is_empty(self) -> bool:
        return not any(str(v).strip() for v in self.values.values())

    def has_notes(self) -> bool:
        """True once anything beyond who is speaking has been entered: that is work to keep."""
        return any(self.values[k].strip() for k in NOTES)

    def started(self) -> bool:
        return self.clock.started_at is not None or self.editing is not None or self.queue_position is not None

    def reset(self) -> None:
        self.values = empty_values()
        self.clock.reset()
        self.queue_position = self.editing = self.offered = self.category_filled = None

    def show(self, values: Mapping[str, str]) -> None:
        """Put values on the form as they are (already shown_values); the list entry stays as it is."""
        self.values = empty_values() | {k: str(v) for k, v in values.items() if k in FIELDS}
        self.category_filled = None

    def take(self, inscribed: Inscribed, *, keep_notes: bool = False) -> None:
        """Fill the form from a speakers'-list entry (Next speaker, or a click on the entry). With
        ``keep_notes`` (the person typed before saying who spoke) the notes and the clock stay."""
        notes = {k: self.values[k] for k in NOTES} if keep_notes else {}
        self.values = empty_values() | {
            "speaker": inscribed.speaker, "delegation": inscribed.delegation, "category": inscribed.category,
            "on_behalf_of": inscribed.on_behalf_of,
        } | notes  # fmt: skip
        if not keep_notes:
            self.clock.reset()
        self.queue_position, self.offered, self.category_filled = inscribed.position, inscribed, None

    def show_record(self, record: Intervention, panel: Panel, codebook: Codebook) -> list[str]:
        """Put a saved record's fields and times on the form; returns what the form cannot show."""
        values, dropped = shown_values(record.to_row(), panel, codebook)
        self.show(values)
        self.clock.started_at, self.clock.ended_at = record.started_at, record.ended_at
        return dropped

    def edit(self, record: SavedIntervention, panel: Panel, codebook: Codebook) -> list[str]:
        """Correct a saved record: Save then writes its next version. Returns what the form cannot show,
        which saving drops."""
        dropped = self.show_record(record, panel, codebook)
        self.editing = Editing.of(record)
        self.queue_position = self.offered = None
        return dropped

    def take_back(self, record: Intervention, panel: Panel, codebook: Codebook, waiting: Sequence[Inscribed]) -> None:
        """A record whose save was undone, back on the form as a new entry to correct, with the waiting
        speakers'-list entry of its delegation (the undo put it back on the list)."""
        self.show_record(record, panel, codebook)
        self.offered = next((s for s in waiting if s.delegation == record.delegation), None)
        self.queue_position = self.offered.position if self.offered else None

    # -- saving ------------------------------------------------------------------------------------

    def save_data(self, panel: int, rapporteur: str, now: dt.datetime) -> dict[str, Any]:
        """What a Save validates: the form over the record being edited, the clock's times (a clock still
        running ends ``now``) and who recorded it (the edited record's rapporteur when none is given)."""
        started = self.clock.started_at
        ended = self.clock.ended_at or (max(now, started) if started else None)
        base = self.editing.data() if self.editing else {}
        data = base | self.values | {
            "panel": panel, "started_at": _iso(started), "ended_at": _iso(ended),
            "rapporteur": rapporteur.strip() or base.get("rapporteur", ""),
        }  # fmt: skip
        if started and ended:
            data["duration_s"] = None  # derived from the times
        return data

    @property
    def expected_version(self) -> int | None:
        """The version the edited record must still have when this saves (None for a new record)."""
        return self.editing.version if self.editing else None

    @property
    def inscribed(self) -> int | None:
        """The speakers'-list entry a save marks as spoken: the entry's, unless it edits a saved record."""
        return None if self.editing is not None else self.queue_position

    # -- what the person types -------------------------------------------------------------------

    def typed(
        self, changes: Mapping[str, str], *, waiting: Sequence[Inscribed], panel: Panel, reference: Reference
    ) -> tuple[list[str], str]:
        """Apply the person's edits; returns the fields this filled in by itself, and a note for the status line.

        A delegation that is on the list takes that entry (speaker, category and group filled in); one that
        is not detaches the offered entry, clearing the speaker's name it brought, so a wrong name never
        goes into the record. A Chair's or panellist's delegation or name gives their role and name.
        """
        before = dict(self.values)
        self.values |= {k: str(v) for k, v in changes.items() if k in FIELDS}
        if self.values["category"] != before["category"]:
            self.category_filled = None  # the person chose
        filled: list[str] = []
        note = ""
        if self.editing is None and fold(self.values["delegation"]) != fold(before["delegation"]):
            filled, note = self._follow_delegation(waiting, panel, reference)
        elif self.values["speaker"] != before["speaker"] and not self.values["delegation"].strip():
            found = podium_person(panel, speaker=self.values["speaker"])
            if found:
                role, person = found
                filled = self._fill({"delegation": person.delegation or person.organization, "category": role})
        return filled, note

    def _fill(self, values: Mapping[str, str]) -> list[str]:
        changed = [k for k, v in values.items() if self.values[k] != v]
        self.values |= values
        if "category" in changed:
            self.category_filled = values["category"]
        return changed

    def _category_is_ours(self) -> bool:
        return not self.values["category"] or self.values["category"] == self.category_filled

    def _follow_delegation(
        self, waiting: Sequence[Inscribed], panel: Panel, reference: Reference
    ) -> tuple[list[str], str]:
        name = self.values["delegation"].strip()
        offered = self.offered
        if offered is not None and fold(offered.delegation) == fold(name):
            return [], ""
        listed = reference.find(name)
        canonical = fold(listed.name) if listed else fold(name)
        match = next((s for s in waiting if fold(s.delegation) == canonical), None) if name else None
        filled: list[str] = []
        note = ""
        if offered is not None:  # the offered entry is not the one speaking: it stays waiting, its details go
            cleared = {k: "" for k in ("speaker", "on_behalf_of") if self.values[k] == getattr(offered, k)}
            if self.values["category"] == offered.category and self.category_filled in (None, offered.category):
                cleared["category"] = ""
            filled += self._fill(cleared)
            self.category_filled = None
            self.queue_position = self.offered = None
            if name and match is None:  # said once, at the first keystroke: no partial name in the message
                note = (
                    f"No. {offered.position} ({offered.delegation}) stays waiting on the speakers' list; the form is"
                    " now for the delegation you type"
                )
        if match is not None:
            self.offered, self.queue_position = match, match.position
            fill = {"speaker": match.speaker, "category": match.category}
            if match.on_behalf_of or not self.values["on_behalf_of"]:
                fill["on_behalf_of"] = match.on_behalf_of
            filled += self._fill(fill)
            return filled, f"{match.delegation} is no. {match.position} on the speakers' list"
        # A panellist speaks for an organization ("UN Women"); a State's name typed is the State's floor
        # statement, and the Chair is recognised by name, so neither is taken for the podium.
        podium = (
            None
            if listed and listed.category in ("member_state", "observer_state")
            else (podium_person(panel, delegation=name))
        )
        if podium is not None and podium[0] == "panellist":
            role, person = podium
            fill = {"category": role}
            if not self.values["speaker"].strip():
                fill["speaker"] = person.name
            return filled + self._fill(fill), f"{person.name}, {role} of panel {panel.id}"
        if self._category_is_ours():
            category = listed.category if listed else (placeholder_category(name) or "")
            if category or self.category_filled:
                filled += self._fill({"category": category})
        return filled, note

    # -- the draft ---------------------------------------------------------------------------------

    def draft(self, kept_at: dt.datetime) -> dict[str, Any]:
        """What the store keeps of an unsaved entry."""
        return {
            "form": dict(self.values), "started_at": _iso(self.clock.started_at), "ended_at": _iso(self.clock.ended_at),
            "queue_position": self.queue_position, "editing": self.editing and self.editing.data(), "kept_at": kept_at.isoformat(),
        }  # fmt: skip

    def restore(
        self, draft: Mapping[str, Any], panel: Panel, codebook: Codebook, waiting: Sequence[Inscribed]
    ) -> list[str]:
        """Take back a kept draft; returns what the form cannot show. Raises ValidationError on bad times."""
        values, dropped = shown_values(draft.get("form") or {}, panel, codebook)
        started = parse_time(draft.get("started_at"), "started_at")
        ended = parse_time(draft.get("ended_at"), "ended_at")
        position = _whole(draft.get("queue_position"), "speakers' list position")
        editing = None if draft.get("editing") is None else Editing.from_draft(draft.get("editing"))
        self.show(values)
        self.clock.started_at, self.clock.ended_at = started, ended
        self.queue_position, self.editing = position, editing
        self.offered = next((s for s in waiting if s.position == position), None)
        return dropped
