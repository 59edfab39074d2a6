"""The meeting as data: segments, panels, chairs, panellists, guiding questions and speaking limits.

A programme is a TOML file (format documented in ``data/README.md``). Loading validates everything a
rapporteur relies on and names the file and key path of the first problem, because programme files
are written by hand the night before a meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ProgrammeError
from .files import PROGRAMME_BYTES, parse_toml, read_text
from .text import UNSAFE, unsafe_character

SEGMENT_KINDS = ("opening", "plenary", "panel", "closing")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Person:
    name: str
    honorific: str = ""
    title: str = ""
    organization: str = ""
    delegation: str = ""
    provisional: bool = False

    @property
    def display(self) -> str:
        """Name as printed in a programme: honorific, name, then "(TBC)" while unconfirmed."""
        text = f"{self.honorific} {self.name}".strip()
        return f"{text} (TBC)" if self.provisional else text


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    short: str = ""  # a few words for a button; ``label`` cuts one from the text when the programme has none

    @property
    def label(self) -> str:
        """The question's short label: the programme's ``short``, else its first words (about 30 characters)."""
        return self.short or short_label(self.text)


SHORT_CHARS = 30


def short_label(text: str, limit: int = SHORT_CHARS) -> str:
    """The first words of ``text`` (its first sentence) within ``limit`` characters, "…" when cut."""
    first = " ".join(text.split("?")[0].split())
    if len(first) <= limit:
        return first
    cut = first[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return (cut or first[:limit]) + "…"


@dataclass(frozen=True)
class Limits:
    """Speaking limits in minutes, by role."""

    chair: int = 5
    panellist: int = 5
    floor: int = 3

    def seconds_for(self, category: str) -> int:
        """The limit that applies to a speaker of ``category``: everyone not on the podium is the floor."""
        minutes = {"chair": self.chair, "panellist": self.panellist}.get(category, self.floor)
        return minutes * 60


@dataclass(frozen=True)
class Panel:
    id: int
    title: str
    theme: str
    date: dt.date
    start: dt.time
    end: dt.time
    venue: str
    chair: Person
    panellists: tuple[Person, ...]
    questions: tuple[Question, ...]
    limits: Limits

    def question(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)


@dataclass(frozen=True)
class Segment:
    id: str
    kind: str
    title: str
    date: dt.date
    start: dt.time
    end: dt.time | None
    venue: str
    panel: int | None = None
    items: tuple[str, ...] = ()
    speakers: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    short_title: str
    body: str
    mandate: tuple[str, ...]
    mandate_text: str
    start_date: dt.date
    end_date: dt.date
    place: str
    timezone: str
    status: str = ""
    source: str = ""
    outcome: str = ""  # one sentence on the meeting's outcome document, cited in drafts' introductions


@dataclass(frozen=True)
class Programme:
    meeting: Meeting
    segments: tuple[Segment, ...]
    panels: tuple[Panel, ...]
    text: str = field(default="", repr=False, compare=False)
    # Key paths whose control characters, terminal escapes or bidi controls were left out (a programme
    # stored before they were refused; ``parse_programme(strict=False)``).
    stripped: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def panel(self, panel_id: int) -> Panel:
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        known = ", ".join(str(p.id) for p in self.panels)
        raise ProgrammeError(f"panel {panel_id} is not in the programme; panels are {known}")

    def panel_at(self, moment: dt.datetime) -> Panel | None:
        """The panel in session at ``moment`` (naive times are the meeting's local time)."""
        if moment.tzinfo is not None:
            from zoneinfo import ZoneInfo

            moment = moment.astimezone(ZoneInfo(self.meeting.timezone)).replace(tzinfo=None)
        for panel in self.panels:
            if dt.datetime.combine(panel.date, panel.start) <= moment < dt.datetime.combine(panel.date, panel.end):
                return panel
        return None


class _Reader:
    """Walks the parsed TOML keeping the key path, so every error can say where it is."""

    def __init__(self, source: str, strict: bool = True):
        self.source = source
        self.strict = strict
        self.stripped: list[str] = []

    def fail(self, path: str, problem: str) -> ProgrammeError:
        return ProgrammeError(f"{self.source}: {path}: {problem}")

    def table(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(_join(path, key), "missing table; see data/README.md for the format")
        return value

    def tables(self, data: dict, key: str, path: str, *, required: bool = True) -> list[dict]:
        value = data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail(_join(path, key), f"needs one or more [[{key}]] entries")
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key, "" if not required else None)
        if not isinstance(value, str) or (required and not value.strip()):
            got = "missing" if value is None else f"got {value!r}"
            raise self.fail(_join(path, key), f"needs a non-empty string ({got})")
        return self.safe(value.strip(), _join(path, key))

    def safe(self, value: str, path: str) -> str:
        """``value``, refused (strict) or left without (not strict) the characters programme text may not
        hold: it is printed by ``programme show`` and written into every draft."""
        char = unsafe_character(value)
        if char is None:
            return value
        if self.strict:
            code = int(char[2:], 16)
            kind = (
                "a terminal escape" if code in (0x1B, 0x9B)
                else "a bidi embedding, override or isolate" if 0x202A <= code <= 0x2069
                else "a control character"
            )  # fmt: skip
            raise self.fail(
                path, f"holds {char}, {kind}; programme text may not hold control characters, terminal escapes or"
                " bidi overrides: delete it",
            )  # fmt: skip
        self.stripped.append(path)
        return UNSAFE.sub("", value)

    def integer(self, data: dict, key: str, path: str, *, default: int | None = None) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(_join(path, key), f"needs a whole number of 1 or more (got {value!r})")
        return value

    def date(self, data: dict, key: str, path: str) -> dt.date:
        value = data.get(key)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(_join(path, key), f"needs a TOML date like 2017-09-27 (got {value!r})")
        return value

    def time(self, data: dict, key: str, path: str) -> dt.time:
        value = data.get(key)
        if not isinstance(value, dt.time):
            raise self.fail(_join(path, key), f"needs a TOML time like 15:00:00 (got {value!r})")
        return value

    def optional_time(self, data: dict, key: str, path: str) -> dt.time | None:
        """``None`` when ``key`` is absent: a segment may leave its end open."""
        return None if data.get(key) is None else self.time(data, key, path)

    def flag(self, data: dict, key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(_join(path, key), f"needs true or false (got {value!r})")
        return value

    def person(self, data: Any, path: str) -> Person:
        if not isinstance(data, dict):
            raise self.fail(path, "needs a table with at least a name")
        return Person(
            name=self.text(data, "name", path),
            honorific=self.text(data, "honorific", path, required=False),
            title=self.text(data, "title", path, required=False),
            organization=self.text(data, "organization", path, required=False),
            delegation=self.text(data, "delegation", path, required=False),
            provisional=self.flag(data, "provisional", path),
        )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_programme(text: str, source: str = "programme.toml", *, strict: bool = True) -> Programme:
    """Parse and validate programme TOML; ``source`` names the file in error messages.

    ``strict=False`` reads a programme already stored: text it would now refuse (control characters,
    terminal escapes, bidi controls) is left out and its key paths listed in ``Programme.stripped``.
    """
    data = parse_toml(text, source)
    r = _Reader(source, strict)
    m = r.table(data, "meeting", "")
    meeting_id = r.text(m, "id", "meeting")
    if not _ID.match(meeting_id):
        raise r.fail("meeting.id", f"use lower-case letters, digits and hyphens (got {meeting_id!r})")
    mandate = m.get("mandate", [])
    if not isinstance(mandate, list) or not all(isinstance(s, str) for s in mandate):
        raise r.fail("meeting.mandate", 'needs a list of resolution symbols like ["71/287"]')
    mandate = [r.safe(s, f"meeting.mandate[{i}]") for i, s in enumerate(mandate, 1)]
    meeting = Meeting(
        id=meeting_id,
        title=r.text(m, "title", "meeting"),
        short_title=r.text(m, "short_title", "meeting", required=False),
        body=r.text(m, "body", "meeting"),
        mandate=tuple(mandate),
        mandate_text=r.text(m, "mandate_text", "meeting", required=False),
        start_date=r.date(m, "start_date", "meeting"),
        end_date=r.date(m, "end_date", "meeting"),
        place=r.text(m, "place", "meeting"),
        timezone=r.text(m, "timezone", "meeting", required=False) or "UTC",
        status=r.text(m, "status", "meeting", required=False),
        source=r.text(m, "source", "meeting", required=False),
        outcome=r.text(m, "outcome", "meeting", required=False),
    )
    if meeting.end_date < meeting.start_date:
        raise r.fail("meeting.end_date", f"{meeting.end_date} is before start_date {meeting.start_date}")
    _check_timezone(r, meeting.timezone)

    panels = tuple(_parse_panel(r, p, f"panels[{i}]", meeting) for i, p in enumerate(r.tables(data, "panels", ""), 1))
    seen: set[int] = set()
    for i, panel in enumerate(panels, 1):
        if panel.id in seen:
            raise r.fail(f"panels[{i}].id", f"panel {panel.id} is defined twice; give each panel its own id")
        seen.add(panel.id)

    segments = []
    for i, s in enumerate(r.tables(data, "segments", "", required=False), 1):
        path = f"segments[{i}]"
        kind = r.text(s, "kind", path)
        if kind not in SEGMENT_KINDS:
            raise r.fail(f"{path}.kind", f"unknown kind {kind!r}; use one of {', '.join(SEGMENT_KINDS)}")
        panel_ref = s.get("panel")
        if kind == "panel" and panel_ref not in seen:
            raise r.fail(f"{path}.panel", f"names panel {panel_ref!r}, which is not among [[panels]]")
        items = s.get("items", [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise r.fail(f"{path}.items", "needs a list of strings")
        items = [r.safe(x, f"{path}.items[{j}]") for j, x in enumerate(items, 1)]
        speakers = s.get("speakers", [])
        if not isinstance(speakers, list):
            raise r.fail(f"{path}.speakers", "needs [[segments.speakers]] tables")
        segment = Segment(
            id=r.text(s, "id", path),
            kind=kind,
            title=r.text(s, "title", path),
            date=r.date(s, "date", path),
            start=r.time(s, "start", path),
            end=r.optional_time(s, "end", path),
            venue=r.text(s, "venue", path),
            panel=panel_ref if kind == "panel" else None,
            items=tuple(items),
            speakers=tuple(r.person(p, f"{path}.speakers[{j}]") for j, p in enumerate(speakers, 1)),
        )
        _check_day(r, path, segment.date, meeting)
        if segment.end is not None and segment.end <= segment.start:
            raise r.fail(f"{path}.end", f"{segment.end} is not after start {segment.start}")
        segments.append(segment)
    return Programme(meeting=meeting, segments=tuple(segments), panels=panels, text=text, stripped=tuple(r.stripped))


def _parse_panel(r: _Reader, p: dict, path: str, meeting: Meeting) -> Panel:
    questions = []
    for j, q in enumerate(r.tables(p, "questions", path), 1):
        qpath = f"{path}.questions[{j}]"
        number = r.integer(q, "number", qpath, default=j)
        if number != j:
            raise r.fail(
                f"{qpath}.number", f"questions must be numbered 1, 2, 3… in order (expected {j}, got {number})"
            )
        short = r.text(q, "short", qpath, required=False)
        questions.append(Question(number=number, text=r.text(q, "text", qpath), short=short))
    limits_data = p.get("limits", {})
    if not isinstance(limits_data, dict):
        raise r.fail(f"{path}.limits", "needs a table with chair, panellist and floor minutes")
    limits = Limits(
        chair=r.integer(limits_data, "chair", f"{path}.limits", default=5),
        panellist=r.integer(limits_data, "panellist", f"{path}.limits", default=5),
        floor=r.integer(limits_data, "floor", f"{path}.limits", default=3),
    )
    panellists = p.get("panellists", [])
    if not isinstance(panellists, list):
        raise r.fail(f"{path}.panellists", "needs [[panels.panellists]] tables")
    panel = Panel(
        id=r.integer(p, "id", path),
        title=r.text(p, "title", path),
        theme=r.text(p, "theme", path),
        date=r.date(p, "date", path),
        start=r.time(p, "start", path),
        end=r.time(p, "end", path),
        venue=r.text(p, "venue", path),
        chair=r.person(p.get("chair"), f"{path}.chair"),
        panellists=tuple(r.person(x, f"{path}.panellists[{j}]") for j, x in enumerate(panellists, 1)),
        questions=tuple(questions),
        limits=limits,
    )
    _check_day(r, path, panel.date, meeting)
    if panel.end <= panel.start:
        raise r.fail(f"{path}.end", f"{panel.end} is not after start {panel.start}")
    return panel


def _check_day(r: _Reader, path: str, day: dt.date, meeting: Meeting) -> None:
    if not meeting.start_date <= day <= meeting.end_date:
        raise r.fail(f"{path}.date", f"{day} is outside the meeting's dates {meeting.start_date} to {meeting.end_date}")


def _check_timezone(r: _Reader, name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise r.fail("meeting.timezone", f"unknown time zone {name!r}; use an IANA name like America/New_York") from exc


def load_programme(path: str | Path) -> Programme:
    """Read a programme file; errors name the file and the key path."""
    path = Path(path)
    return parse_programme(read_text(path, "programme", PROGRAMME_BYTES), str(path))
