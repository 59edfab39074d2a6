"""The speaking clock and the time a panel has used, with a clock the test moves by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from hlmnotes.domain.timing import (
    SpeakingClock,
    clock_text,
    limit_for,
    meeting_clock,
    mmss,
    panel_seconds,
    status,
    time_used,
)

T0 = dt.datetime(2017, 9, 27, 19, 47, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("elapsed", "limit", "expected"),
    [(0, 180, "ok"), (149, 180, "ok"), (150, 180, "near"), (180, 180, "near"), (181, 180, "over"),
     (269, 300, "ok"), (270, 300, "near"), (301, 300, "over"), (19, 40, "ok"), (20, 40, "near")],
)  # fmt: skip
def test_status_is_amber_in_the_last_half_minute_and_red_once_past(elapsed, limit, expected):
    assert status(elapsed, limit) == expected


@pytest.mark.parametrize(
    ("seconds", "text"), [(None, ""), (0, "0:00"), (5, "0:05"), (65, "1:05"), (3600 + 62, "1:01:02"), (-3, "0:00")]
)
def test_mmss(seconds, text):
    assert mmss(seconds) == text


def test_clock_text_shows_the_overrun():
    assert clock_text(95, 180) == "1:35 / 3:00"
    assert clock_text(200, 180) == "3:20 / 3:00 (+0:20)"


def test_the_clock_runs_stops_and_restarts_from_zero():
    clock = Clock()
    speaking = SpeakingClock(now=clock, limit_s=180)
    assert (speaking.elapsed(), speaking.running, speaking.status()) == (0, False, "ok")
    speaking.start()
    clock.advance(170.6)
    assert (speaking.elapsed(), speaking.status(), speaking.text()) == (170, "near", "2:50 / 3:00")
    speaking.stop()
    clock.advance(100)
    assert speaking.elapsed() == 170 and not speaking.running
    assert speaking.stop() == T0 + dt.timedelta(seconds=170.6)  # stopping twice changes nothing
    speaking.start()
    assert speaking.elapsed() == 0 and speaking.ended_at is None
    speaking.reset()
    assert speaking.started_at is None


def test_a_clock_set_back_never_gives_negative_time():
    clock = Clock()
    speaking = SpeakingClock(now=clock)
    speaking.start()
    clock.advance(-30)
    assert speaking.elapsed() == 0
    speaking.stop()
    assert speaking.ended_at == speaking.started_at


def test_limits_come_from_the_programme(ws):
    assert limit_for(ws.programme, 1, "chair") == 300
    assert limit_for(ws.programme, 1, "panellist") == 300
    assert limit_for(ws.programme, 1, "civil_society") == 180
    assert limit_for(ws.programme, 1, "") == 180
    assert panel_seconds(ws.programme, 1) == 90 * 60


def test_the_meeting_clock_is_in_the_meetings_time_zone_to_the_second(ws):
    moment = meeting_clock(ws.programme)()
    assert moment.utcoffset() in (dt.timedelta(hours=-4), dt.timedelta(hours=-5)) and moment.microsecond == 0


def test_time_used_counts_spoken_untimed_and_overruns(ws):
    base = {"panel": 1, "category": "member_state", "rapporteur": "R"}
    ws.save(
        base
        | {"delegation": "Belgium", "started_at": "2017-09-27T15:10:00-04:00", "ended_at": "2017-09-27T15:13:30-04:00"}
    )
    ws.save(base | {"delegation": "Qatar", "duration_s": 100})
    ws.save(base | {"delegation": "UNODC", "category": "un_entity"})
    ws.save(base | {"panel": 2, "delegation": "Chile", "duration_s": 50})
    used = time_used(ws.records(), ws.programme, 1)
    assert (used.interventions, used.spoken_s, used.untimed, used.over_limit) == (3, 310, 1, 1)
    assert used.text() == "3 interventions · 5:10 spoken of 1:30:00 · 1 over their limit · 1 not timed"
