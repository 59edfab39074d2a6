"""Reconcile the records with a programme that changed on the day.

Programmes of high-level meetings change after they are printed (in 2017, panel 1 was held with
other panellists than the provisional programme lists), while rapporteurs record who actually spoke.
This module says, before and after a programme update, what changed and which records each change
touches (``diff_programmes``), and which podium records name someone the programme does not list
(``mismatch``), so the staff see every disagreement between the two sources instead of a draft that
silently mixes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..domain.model import PODIUM, Intervention, Record, saved_id
from ..domain.programme import Panel, Person, Programme, Segment
from ..domain.text import bare_name, fold
from .coverage import CATEGORY, COUNT, TEXT, Table


@dataclass(frozen=True)
class Change:
    """One difference between two programmes and the stored records it touches.

    ``touch`` is the verb phrase for one and for several records ("names Mlambo-Ngcuka", "name
    Mlambo-Ngcuka"), so the line reads "1 record names Mlambo-Ngcuka".
    """

    panel: int | None
    text: str
    records: tuple[int, ...] = ()
    touch: tuple[str, str] = ("", "")

    @property
    def line(self) -> str:
        if not self.records:
            return self.text
        n = len(self.records)
        return f"{self.text}; {n} record{'' if n == 1 else 's'} {self.touch[0] if n == 1 else self.touch[1]}"


@dataclass(frozen=True)
class ProgrammeChanges:
    """What replacing ``old`` by ``new`` changes, in programme order."""

    old: Programme
    new: Programme
    changes: tuple[Change, ...] = ()
    mismatches: tuple[str, ...] = ()  # podium records the new programme does not list
    refused: tuple[str, ...] = ()  # records the new programme would orphan: an update is refused

    @property
    def lines(self) -> list[str]:
        return [c.line for c in self.changes]

    @property
    def refusal(self) -> str:
        """Why an update is refused, in one line naming the first orphaned record and the fix."""
        if not self.refused:
            return ""
        more = f" (and {len(self.refused) - 1} more)" if len(self.refused) > 1 else ""
        return f"{self.refused[0]}{more}; keep those panels and questions, or re-tag the records first"


def orphans(programme: Programme, records: Sequence[Intervention]) -> list[str]:
    """Records whose panel or guiding question ``programme`` drops: replacing the programme would orphan them."""
    problems = []
    panels = {p.id: p for p in programme.panels}
    for record in records:
        panel = panels.get(record.panel)
        if panel is None:
            problems.append(f"#{record.id} is in panel {record.panel}, which the new programme drops")
            continue
        missing = [q for q in record.questions if panel.question(q) is None]
        if missing:
            problems.append(f"#{record.id} answers panel {record.panel} question {missing[0]}, which the new programme drops")
    return problems


def surname(person: Person) -> str:
    """The word a staff member looks for in the records: the last word of the name."""
    return person.name.split()[-1] if person.name.split() else person.name


def _keys(person: Person) -> set[str]:
    """The delegation texts a record of this person may carry (the model fills in delegation, else organization, else name)."""
    return {fold(x) for x in (person.delegation, person.organization, person.name) if x}


def names(person: Person, record: Intervention) -> bool:
    """Whether ``record`` is this person's: by the speaker's name when recorded, else by the delegation.

    From the same organization, a shorter or misprinted form of the name is the same person ("Carmen
    Martinez" for a programme's "Carmen Carmen Martinez", "Ambassador Pecsteen" for "Marc Pecsteen de
    Buytswerve"): a misprint is not a replacement. Another name is not ("Official A" for "Purna Sen").
    """
    if not record.speaker:
        return fold(record.delegation) in _keys(person)
    spoken, listed = bare_name(record.speaker).split(), bare_name(person.name).split()
    if spoken == listed:
        return True
    shorter = bool(spoken) and (set(spoken) <= set(listed) or spoken[-1:] == listed[-1:])
    return shorter and same_organization(person, record)


def same_organization(person: Person, record: Intervention) -> bool:
    """Whether ``record`` was taken for this person's organization (their name as a delegation does not count)."""
    return fold(record.delegation) in _keys(person) - {fold(person.name)}


def _who(record: Intervention) -> str:
    return ", ".join(x for x in (record.speaker, record.delegation) if x) or "someone"


def _label(record: Intervention) -> str:
    return f"#{record.id} (panel {record.panel})" if record.id else f"panel {record.panel}"


def mismatch(record: Intervention, programme: Programme) -> str | None:
    """One line when a chair or panellist record names someone the programme does not list for its panel.

    The line names the record, both names and the fix; ``None`` when the record agrees with the
    programme or is not a podium record. The record itself is never refused: the programme may be
    the one that is out of date.
    """
    if record.category not in PODIUM:
        return None
    panel = next((p for p in programme.panels if p.id == record.panel), None)
    if panel is None:
        return None
    fix = "correct the record, or update the programme (`hlmnotes programme update FILE`)"
    if record.category == "chair":
        if names(panel.chair, record):
            return None
        return (
            f"{_label(record)} is recorded as the Chair's, by {_who(record)}; the programme's chair of panel"
            f" {panel.id} is {_display(panel.chair)}: {fix}"
        )
    if any(names(p, record) for p in panel.panellists):
        return None
    standing = next((p for p in panel.panellists if same_organization(p, record)), None)
    if standing is not None:
        return (
            f"{_label(record)} is recorded as panellist {record.speaker}; the programme lists"
            f" {standing.honorific} {standing.name} for {standing.delegation or standing.organization}: {fix}"
        )
    listed = "; ".join(_display(p) for p in panel.panellists) or "none"
    return (
        f"{_label(record)} is recorded as panellist {_who(record)}, who is not a panellist of panel {panel.id}"
        f" in the programme (it lists {listed}): {fix}"
    )


def counterpart(record: Intervention, programme: Programme) -> Person | None:
    """The programme's person a podium record stands for: the chair, the panellist it names, else the
    panellist of the same organization (the official who came instead of the one printed)."""
    panel = next((p for p in programme.panels if p.id == record.panel), None)
    if panel is None or record.category not in PODIUM:
        return None
    if record.category == "chair":
        return panel.chair
    return next((p for p in panel.panellists if names(p, record)), None) or next(
        (p for p in panel.panellists if same_organization(p, record)), None
    )


def mismatch_table(records: Sequence[Intervention], programme: Programme) -> Table:
    """The open mismatches as a table for ``hlmnotes stats``: the record, who it names, whom the programme lists."""
    rows = []
    for record, _ in mismatches(records, programme):
        listed = counterpart(record, programme)
        rows.append(
            (record.id, record.panel, record.category, _who(record),
             _display(listed) if listed else "nobody of that name or organization")
        )  # fmt: skip
    columns = {"id": COUNT, "panel": COUNT, "category": CATEGORY, "recorded": TEXT, "programme lists": TEXT}
    return Table(columns, rows)


def _display(person: Person) -> str:
    name = f"{person.honorific} {person.name}".strip()
    where = person.delegation or person.organization
    return f"{name} ({where})" if where and fold(where) != fold(person.name) else name


def mismatches(records: Sequence[Record], programme: Programme) -> list[tuple[Record, str]]:
    """Every podium record that disagrees with ``programme``, with its warning line, in panel and speaking order."""
    found = [(r, line) for r in records if (line := mismatch(r, programme))]
    return sorted(found, key=lambda x: (x[0].panel, x[0].seq or 0, saved_id(x[0])))


# -- diffing two programmes ---------------------------------------------------------------------


def diff_programmes(
    old: Programme, new: Programme, records: Sequence[Intervention], *, kept: Sequence[Intervention] | None = None
) -> ProgrammeChanges:
    """What replacing ``old`` by ``new`` changes (people, questions, times, venues) and which records each touches.

    ``kept`` are every record the store keeps (deleted ones too, default ``records``): those ``new``
    would orphan make the update refused.
    """
    out: list[Change] = []
    m_old, m_new = old.meeting, new.meeting
    for label, a, b in (
        ("title", m_old.title, m_new.title),
        ("dates", f"{m_old.start_date} to {m_old.end_date}", f"{m_new.start_date} to {m_new.end_date}"),
        ("place", m_old.place, m_new.place),
        ("time zone", m_old.timezone, m_new.timezone),
        ("mandate", ", ".join(m_old.mandate) or "(none)", ", ".join(m_new.mandate) or "(none)"),
        ("outcome", m_old.outcome or "(none)", m_new.outcome or "(none)"),
        ("status", m_old.status or "(none)", m_new.status or "(none)"),
    ):
        if a != b:
            out.append(Change(None, f"meeting: {label}: {a} → {b}"))
    out += _segments(old.segments, new.segments)
    new_panels = {p.id: p for p in new.panels}
    for panel in old.panels:
        mine = [r for r in records if r.panel == panel.id]
        if panel.id not in new_panels:
            out.append(Change(panel.id, f"panel {panel.id}: dropped", _ids(mine), ("is in it", "are in it")))
            continue
        out += _panel(panel, new_panels[panel.id], mine, ZoneInfo(new.meeting.timezone))
    old_ids = {p.id for p in old.panels}
    out += [Change(p.id, f"panel {p.id}: added: {p.title}") for p in new.panels if p.id not in old_ids]
    refused = tuple(orphans(new, records if kept is None else kept))
    return ProgrammeChanges(old, new, tuple(out), tuple(m for _, m in mismatches(records, new)), refused)


def _ids(records: Sequence[Intervention]) -> tuple[int, ...]:
    return tuple(saved_id(r) for r in records)


def _span(date: dt.date, start: dt.time, end: dt.time | None) -> str:
    return f"{date:%d %B %Y} {start:%H:%M}" + (f"–{end:%H:%M}" if end else "")


def _segments(old: Sequence[Segment], new: Sequence[Segment]) -> list[Change]:
    out = []
    by_id = {s.id: s for s in new}
    for s in old:
        t = by_id.get(s.id)
        if t is None:
            out.append(Change(None, f"segment {s.id}: dropped ({s.title}, {_span(s.date, s.start, s.end)})"))
            continue
        if (s.date, s.start, s.end) != (t.date, t.start, t.end):
            out.append(
                Change(None, f"segment {s.id}: moved: {_span(s.date, s.start, s.end)} → {_span(t.date, t.start, t.end)}")
            )
        if s.venue != t.venue:
            out.append(Change(None, f"segment {s.id}: venue: {s.venue} → {t.venue}"))
        out += _people(f"segment {s.id}", "speaker", s.speakers, t.speakers, [], None)
    known = {s.id for s in old}
    out += [Change(None, f"segment {t.id}: added ({t.title}, {_span(t.date, t.start, t.end)})") for t in new if t.id not in known]
    return out


def _panel(old: Panel, new: Panel, records: list[Intervention], zone: ZoneInfo) -> list[Change]:
    where = f"panel {old.id}"
    out = []
    if old.title != new.title:
        out.append(Change(old.id, f"{where}: title: {old.title} → {new.title}"))
    if old.theme != new.theme:
        out.append(Change(old.id, f"{where}: theme reworded: “{new.theme}”"))
    if (old.date, old.start, old.end) != (new.date, new.start, new.end):
        outside = [r for r in records if r.started_at and not _within(r.started_at, new, zone)]
        window = f"{new.start:%H:%M}–{new.end:%H:%M}"
        out.append(
            Change(
                old.id, f"{where}: moved: {_span(old.date, old.start, old.end)} → {_span(new.date, new.start, new.end)}",
                _ids(outside), (f"started outside {window}", f"started outside {window}"),
            )
        )  # fmt: skip
    if old.venue != new.venue:
        out.append(Change(old.id, f"{where}: venue: {old.venue} → {new.venue}"))
    if old.limits != new.limits:
        a, b = old.limits, new.limits
        out.append(
            Change(old.id, f"{where}: speaking limits (minutes, chair/panellist/floor): "
                           f"{a.chair}/{a.panellist}/{a.floor} → {b.chair}/{b.panellist}/{b.floor}")
        )  # fmt: skip
    chairs = [r for r in records if r.category == "chair"]
    out += _people(where, "chair", (old.chair,), (new.chair,), chairs, old.id)
    podium = [r for r in records if r.category == "panellist"]
    out += _people(where, "panellist", old.panellists, new.panellists, podium, old.id)
    out += _questions(old, new, records)
    return out


def _within(moment: dt.datetime, panel: Panel, zone: ZoneInfo) -> bool:
    local = moment.astimezone(zone).replace(tzinfo=None)
    return dt.datetime.combine(panel.date, panel.start) <= local < dt.datetime.combine(panel.date, panel.end)


def _questions(old: Panel, new: Panel, records: list[Intervention]) -> list[Change]:
    out = []
    for q in old.questions:
        answering = [r for r in records if q.number in r.questions]
        touch = (f"answers question {q.number}", f"answer question {q.number}")
        t = new.question(q.number)
        if t is None:
            out.append(Change(old.id, f"panel {old.id}: question {q.number} dropped", _ids(answering), touch))
        elif t.text != q.text:
            out.append(Change(old.id, f"panel {old.id}: question {q.number} reworded: “{t.text}”", _ids(answering), touch))
        elif t.short != q.short:
            out.append(Change(old.id, f"panel {old.id}: question {q.number} short label: “{q.label}” → “{t.label}”"))
    out += [
        Change(old.id, f"panel {old.id}: question {q.number} added: “{q.text}”")
        for q in new.questions
        if old.question(q.number) is None
    ]
    return out


def _people(
    where: str, role: str, old: Sequence[Person], new: Sequence[Person], records: list[Intervention], panel: int | None
) -> list[Change]:
    """Replaced (same organization, another name), removed, added and retitled people of one role."""
    out: list[Change] = []
    new_by_name = {bare_name(p.name): p for p in new}
    gone = [p for p in old if bare_name(p.name) not in new_by_name]
    old_names = {bare_name(p.name) for p in old}
    arrived = [p for p in new if bare_name(p.name) not in old_names]

    def touched(person: Person) -> tuple[tuple[int, ...], tuple[str, str]]:
        mine = [r for r in records if names(person, r)]
        if mine and all(r.speaker for r in mine):
            return _ids(mine), (f"names {surname(person)}", f"name {surname(person)}")
        org = person.delegation or person.organization
        return _ids(mine), (f"is recorded for {org}", f"are recorded for {org}")

    for person in old:
        same = new_by_name.get(bare_name(person.name))
        if same is not None and same != person:
            out.append(Change(panel, f"{where}: {_display(person)}: {_retitled(person, same)}"))
    for person in gone:
        successor = _successor(person, arrived, role)
        ids, touch = touched(person)
        if successor is not None:
            arrived.remove(successor)
            org = person.delegation or person.organization
            label = f"{where}: {org}: " if role == "panellist" and org else f"{where}: {role}: "
            text = f"{label}{person.honorific} {person.name} → {successor.honorific} {successor.name}".replace("  ", " ")
            if successor.title != person.title:
                text += f", {successor.title}"
            out.append(Change(panel, text, ids, touch))
        else:
            out.append(Change(panel, f"{where}: {role} removed: {_display(person)}", ids, touch))
    for person in arrived:
        ids, touch = touched(person)
        text = f"{where}: {role} added: {person.honorific} {person.name}, {person.title}".replace(": ,", ":")
        out.append(Change(panel, text.strip(", "), ids, touch))
    return out


def _successor(person: Person, arrived: list[Person], role: str) -> Person | None:
    """Who takes ``person``'s place: the chair's successor is the new chair; a panellist's, a newcomer of the same organization."""
    if role == "chair":
        return arrived[0] if arrived else None
    keys = _keys(person) - {fold(person.name)}
    return next((p for p in arrived if keys & (_keys(p) - {fold(p.name)})), None)


def _retitled(old: Person, new: Person) -> str:
    parts = []
    fields: list[tuple[str, Callable[[Person], object]]] = [
        ("honorific", lambda p: p.honorific), ("title", lambda p: p.title),
        ("organization", lambda p: p.organization), ("delegation", lambda p: p.delegation),
    ]  # fmt: skip
    for label, get in fields:
        if get(old) != get(new):
            parts.append(f"{label} “{get(old)}” → “{get(new)}”")
    if old.provisional != new.provisional:
        parts.append("confirmed (no longer TBC)" if old.provisional else "now marked TBC")
    if old.name != new.name:
        parts.append(f"name spelled “{new.name}”")
    return "; ".join(parts)
