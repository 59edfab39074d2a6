"""What the Chair needs at a glance during a panel, computed from the store alone.

Who has the floor and for how long against their limit, who is next, how much of the panel's slot is
left, and which guiding questions the floor has taken up, so the Chair can steer ("I would welcome
views on question 6"). The speaker at the microphone is read from the Recorder's unsaved entry in
the store (``Workspace.speakers.running_entry``), so the Chair's screen follows a Recorder on another
laptop sharing a PostgreSQL store; everything else is read from saved records and the speakers' list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..domain.model import PODIUM, Intervention, parse_time
from ..domain.programme import Programme
from ..domain.timing import limit_for, mmss, status
from ..errors import ValidationError

if TYPE_CHECKING:
    from ..domain.speakers import Inscribed

NEXT_SPEAKERS = 3
SLOT_NEAR_S = 10 * 60  # the slot's clock turns amber in its last ten minutes


@dataclass(frozen=True)
class RunningEntry:
    """A Recorder's unsaved entry: who is at the microphone and since when (``ended_at`` once stopped)."""

    rapporteur: str
    delegation: str
    speaker: str
    category: str
    on_behalf_of: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    queue_position: int | None

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def who(self) -> str:
        name = self.delegation or self.speaker or "(speaker not yet typed)"
        if self.delegation and self.speaker:
            name += f" ({self.speaker})"
        return name + (f", on behalf of {self.on_behalf_of}" if self.on_behalf_of else "")


def running_entry(drafts: dict[str, dict[str, Any]]) -> RunningEntry | None:
    """The entry the room is listening to among the Recorders' drafts of one panel.

    A running clock wins over a stopped one, then the latest start; a draft without a start (a
    rapporteur typing ahead) is nobody at the microphone yet, and nor is an edit of an earlier record. Unreadable drafts are skipped: the
    Recorder reports those to its own rapporteur.
    """
    entries = []
    for key, draft in drafts.items():
        if draft.get("editing"):  # a rapporteur correcting an earlier record: its times are history
            continue
        form = draft.get("form") or {}
        try:
            started = parse_time(draft.get("started_at"), "started_at")
            ended = parse_time(draft.get("ended_at"), "ended_at")
        except ValidationError:
            continue
        if started is None:
            continue
        position = draft.get("queue_position")
        entries.append(
            RunningEntry(
                rapporteur=key.rsplit("/", 1)[0], delegation=str(form.get("delegation") or "").strip(),
                speaker=str(form.get("speaker") or "").strip(), category=str(form.get("category") or ""),
                on_behalf_of=str(form.get("on_behalf_of") or "").strip(), started_at=started, ended_at=ended,
                queue_position=position if isinstance(position, int) else None,
            )
        )  # fmt: skip
    entries.sort(key=lambda e: (e.running, e.started_at), reverse=True)
    return entries[0] if entries else None


@dataclass(frozen=True)
class QuestionTally:
    number: int
    label: str
    speakers: int  # distinct floor voices (a group statement once) that addressed it


@dataclass(frozen=True)
class ChairState:
    """Everything the Chair's view shows, as of ``now``."""

    panel: int
    now: dt.datetime
    current: RunningEntry | None
    elapsed_s: int
    limit_s: int
    clock_status: str  # "ok", "near" (amber) or "over" (red), as the Recorder's clock
    next_up: tuple[Inscribed, ...]
    slot_start: dt.datetime
    slot_end: dt.datetime
    questions: tuple[QuestionTally, ...]

    @property
    def unaddressed(self) -> list[int]:
        return [q.number for q in self.questions if not q.speakers]

    def not_yet_addressed(self) -> str:
        """``Not yet addressed: Q5, Q6``; ``Not yet addressed: none`` once every question has been taken up."""
        missing = self.unaddressed
        return "Not yet addressed: " + (", ".join(f"Q{n}" for n in missing) if missing else "none")

    @property
    def slot_left_s(self) -> int:
        """Seconds left in the panel's slot by the programme; negative once it has run over."""
        return int((self.slot_end - self.now).total_seconds())

    def slot_status(self) -> str:
        if self.now.date() != self.slot_start.date():
            return "ok"
        left = self.slot_left_s
        return "over" if left < 0 else "near" if left <= SLOT_NEAR_S else "ok"

    def slot_text(self) -> str:
        """``42:10 left (ends 16:30)``, ``starts 15:00, in 1:20:00``, or ``over by 5:00 (ended 16:30)``.

        On another day than the panel's (a rehearsal, a look back) the slot as scheduled, not "over by 9 years".
        """
        end = f"{self.slot_end:%H:%M}"
        if self.now.date() != self.slot_start.date():  # a rehearsal, or a look back: the slot as scheduled
            return f"{self.slot_start:%d %b %Y}, {self.slot_start:%H:%M}–{end} (not today)"
        if self.now < self.slot_start:
            return f"starts {self.slot_start:%H:%M}, in {mmss((self.slot_start - self.now).total_seconds())}"
        left = self.slot_left_s
        return f"{mmss(left)} left (ends {end})" if left >= 0 else f"over by {mmss(-left)} (ended {end})"

    def clock_text(self) -> str:
        return f"{mmss(self.elapsed_s) or '0:00'} / {mmss(self.limit_s)}"


def question_tallies(records: Sequence[Intervention], programme: Programme, panel: int) -> tuple[QuestionTally, ...]:
    """Each guiding question of ``panel`` with the number of distinct floor voices that addressed it."""
    voices: dict[int, set[str]] = {}
    for r in records:
        if r.panel == panel and r.category not in PODIUM:
            for q in r.questions:
                voices.setdefault(q, set()).add((r.on_behalf_of or r.delegation).casefold())
    return tuple(
        QuestionTally(q.number, q.label, len(voices.get(q.number, ()))) for q in programme.panel(panel).questions
    )


def chair_state(
    programme: Programme, panel: int, records: Sequence[Intervention], queue: Sequence[Inscribed],
    current: RunningEntry | None, now: dt.datetime, questions: tuple[QuestionTally, ...] | None = None,
) -> ChairState:  # fmt: skip
    """The Chair's view of ``panel`` at ``now`` from its saved records, speakers' list and running entry.

    ``questions`` are the tallies from ``question_tallies`` when the caller keeps them between saves (a
    screen redrawing its clock every second need not count thousands of records each time).
    """
    p = programme.panel(panel)
    zone = ZoneInfo(programme.meeting.timezone)
    elapsed = 0
    limit = limit_for(programme, panel, current.category if current else "member_state")
    if current is not None and current.started_at is not None:
        end = current.ended_at or now
        elapsed = max(0, int((end - current.started_at).total_seconds()))
    taken = current.queue_position if current else None
    waiting = tuple(s for s in queue if s.waiting and s.position != taken)
    return ChairState(
        panel=panel, now=now.astimezone(zone), current=current, elapsed_s=elapsed, limit_s=limit,
        clock_status=status(elapsed, limit), next_up=waiting[:NEXT_SPEAKERS],
        slot_start=dt.datetime.combine(p.date, p.start, zone), slot_end=dt.datetime.combine(p.date, p.end, zone),
        questions=questions if questions is not None else question_tallies(records, programme, panel),
    )  # fmt: skip
