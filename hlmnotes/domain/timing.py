"""The speaking clock: how long the person at the microphone has spoken, against their role's limit.

Chairs and panellists have one limit, the floor another (``Limits.seconds_for``). The clock reads the
time through an injected function, so tests and the Recorder's headless tests can drive it; the
status is ``ok``, ``near`` (the last ``NEAR_S`` seconds before the limit: amber) or ``over`` (past
the limit: red).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..errors import ValidationError
from .model import Intervention
from .programme import Programme

NEAR_S = 30
STATUSES = ("ok", "near", "over")
# Colours a view gives each status: calm, amber, red (WCAG AA contrast on white).
COLOURS = {"ok": "#1b5e20", "near": "#8a5300", "over": "#b71c1c"}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def meeting_clock(programme: Programme) -> Callable[[], dt.datetime]:
    """The wall clock in the meeting's time zone, to the second: what the records store."""
    zone = ZoneInfo(programme.meeting.timezone)
    return lambda: dt.datetime.now(zone).replace(microsecond=0)


def status(elapsed_s: float, limit_s: int, near_s: int = NEAR_S) -> str:
    """``ok`` until ``near_s`` before the limit, ``near`` up to it, ``over`` once past it."""
    window = min(near_s, limit_s // 2)
    if elapsed_s > limit_s:
        return "over"
    if elapsed_s >= limit_s - window:
        return "near"
    return "ok"


def mmss(seconds: float | None) -> str:
    """``2:05``; ``1:02:05`` past an hour; an empty string for no time."""
    if seconds is None:
        return ""
    whole = int(max(seconds, 0))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_text(elapsed_s: float, limit_s: int) -> str:
    """What the clock shows: ``2:35 / 3:00``, with the overrun once past the limit."""
    text = f"{mmss(elapsed_s)} / {mmss(limit_s)}"
    if elapsed_s > limit_s:
        text += f" (+{mmss(elapsed_s - limit_s)})"
    return text


@dataclass
class SpeakingClock:
    """Start, stop and read one intervention's speaking time.

    ``now`` returns an aware datetime; ``started_at``/``ended_at`` are what an intervention stores.
    """

    now: Callable[[], dt.datetime] = utc_now
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    limit_s: int = 180
    near_s: int = field(default=NEAR_S)

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    def start(self) -> dt.datetime:
        """Start timing now; a clock that was stopped starts again from zero."""
        self.started_at, self.ended_at = self.now(), None
        return self.started_at

    def stop(self) -> dt.datetime | None:
        """Stop timing; stopping a clock that is not running changes nothing."""
        if self.started_at is not None and self.ended_at is None:
            self.ended_at = max(self.now(), self.started_at)
        return self.ended_at

    def reset(self) -> None:
        self.started_at = self.ended_at = None

    def elapsed(self) -> int:
        """Whole seconds spoken so far (or in all, once stopped); 0 before the start."""
        if self.started_at is None:
            return 0
        end = self.ended_at or self.now()
        return max(0, int((end - self.started_at).total_seconds()))

    def status(self) -> str:
        return status(self.elapsed(), self.limit_s, self.near_s)

    def text(self) -> str:
        return clock_text(self.elapsed(), self.limit_s)


def limit_for(programme: Programme, panel: int, category: str) -> int:
    """Seconds the programme allows a speaker of ``category`` in ``panel``."""
    return programme.panel(panel).limits.seconds_for(category or "member_state")


def panel_seconds(programme: Programme, panel: int) -> int:
    """Length of the panel in the programme, in seconds."""
    p = programme.panel(panel)
    start = dt.datetime.combine(p.date, p.start)
    end = dt.datetime.combine(p.date, p.end)
    return int((end - start).total_seconds())


@dataclass(frozen=True)
class TimeUsed:
    """Speaking time recorded in a panel against the time the programme gives it."""

    interventions: int
    spoken_s: int
    untimed: int
    panel_s: int
    over_limit: int

    def text(self) -> str:
        parts = [f"{self.interventions} interventions", f"{mmss(self.spoken_s)} spoken of {mmss(self.panel_s)}"]
        if self.over_limit:
            parts.append(f"{self.over_limit} over their limit")
        if self.untimed:
            parts.append(f"{self.untimed} not timed")
        return " · ".join(parts)


def time_used(records: Sequence[Intervention], programme: Programme, panel: int) -> TimeUsed:
    """How much of ``panel``'s time the recorded interventions took, and how many overran."""
    limits = programme.panel(panel).limits
    mine = [r for r in records if r.panel == panel]
    timed = [(r.duration_s, r.category) for r in mine if r.duration_s is not None]
    return TimeUsed(
        interventions=len(mine),
        spoken_s=sum(seconds for seconds, _ in timed),
        untimed=len(mine) - len(timed),
        panel_s=panel_seconds(programme, panel),
        over_limit=sum(1 for seconds, category in timed if seconds > limits.seconds_for(category)),
    )


def reading_budget(minutes: float | None) -> float | None:
    """``minutes`` as a reading-time budget (the read-out version, ``check --minutes``): None for none, else
    a finite number above 0; ``ValidationError`` (field ``minutes``) otherwise: ``inf`` once ended in an
    OverflowError traceback and ``nan`` was taken as no budget at all."""
    if minutes is None:
        return None
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not math.isfinite(minutes) or minutes <= 0:
        raise ValidationError(f"minutes: expected a positive number of minutes, got {minutes!r}", field="minutes")
    return float(minutes)
