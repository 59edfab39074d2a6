"""An intervention before and after it is saved."""

from __future__ import annotations

import pytest

from hlmnotes.domain.model import Intervention, SavedIntervention, saved_id

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


def test_a_saved_record_has_its_id_and_a_new_one_is_refused_rather_than_read_as_zero(ws):
    saved = ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    assert saved_id(saved) == saved.id == ws.records()[0].id
    with pytest.raises(ValueError, match=r"Member State A \(panel 1\) is not saved yet"):
        saved_id(Intervention(panel=1, delegation="Member State A", category="member_state"))


def test_the_store_returns_saved_records_and_validation_new_ones(ws):
    new = ws.validate(FLOOR | {"delegation": "Member State A"})
    saved = ws.save(new.to_row())
    assert type(new) is Intervention and new.id is None
    assert all(type(r) is SavedIntervention for r in [saved, ws.record(saved.id), *ws.records(), *ws.panel_view(1).records()])
    with pytest.raises(TypeError, match="id"):
        SavedIntervention(panel=1, delegation="Member State A", category="member_state")


def test_a_saved_record_equals_the_same_record_typed_in_again(ws):
    saved = ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for X"})
    again = ws.validate(saved.to_row())
    assert again == saved and saved == again and hash(again) == hash(saved)
    assert again.with_(key_points="called for Y") != saved
    assert saved.with_(seq=9).id == saved.id and type(saved.with_(seq=9)) is SavedIntervention
