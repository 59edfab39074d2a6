"""A rejected proposal of similar points stays rejected: the Review does not ask twice."""

from __future__ import annotations

import pytest

from hlmnotes import ValidationError
from hlmnotes.domain.points import PointKey

SAME = "called for stronger national referral mechanisms"


def _speak(ws, delegation, text):
    ws.save({"panel": 1, "delegation": delegation, "key_points": text})


def test_a_rejected_proposal_is_not_proposed_again_until_a_new_point_joins(ws):
    _speak(ws, "Member State A", SAME)
    _speak(ws, "Member State B", SAME + " urgently")
    [proposal] = ws.drafting.propose_groups(1)
    ws.drafting.reject_group(1, proposal.points, by="R1")
    assert ws.drafting.propose_groups(1) == []
    _speak(ws, "Member State C", SAME)
    [again] = ws.drafting.propose_groups(1)
    assert len(again.points) == 3


def test_rejecting_needs_two_points(ws):
    _speak(ws, "Member State A", SAME)
    point = PointKey(1, "key_point", SAME)
    with pytest.raises(ValidationError, match="a rejected proposal has at least two points"):
        ws.drafting.reject_group(1, [point])
