"""An intervention before and after it is saved."""

from __future__ import annotations

import pytest

from hlmnotes.domain.model import Intervention, saved_id

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


def test_a_saved_record_has_its_id_and_a_new_one_is_refused_rather_than_read_as_zero(ws):
    saved = ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    assert saved_id(saved) == saved.id == ws.records()[0].id
    with pytest.raises(ValueError, match=r"Member State A \(panel 1\) is not saved yet"):
        saved_id(Intervention(panel=1, delegation="Member State A", category="member_state"))
