"""Deleting a record in the Review: a withdrawn statement or a duplicate leaves every table, undoably."""

from __future__ import annotations

from hlmnotes.widgets import Review

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


def test_a_deleted_record_leaves_the_tables_and_undo_brings_it_back(ws):
    kept = ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for action"})
    twice = ws.save(FLOOR | {"delegation": "Member State A", "key_points": "called for action"})
    review = Review(ws, rapporteur="R1")
    review.records.value = (twice.id,)
    review.edit_button.click()
    review.delete_button.click()
    assert review.status.text == f"Deleted #{twice.id} (Member State A); Undo brings it back"
    assert [r.id for r in ws.records()] == [kept.id] and f"#{twice.id}" not in review.table.value
    assert ws.record(twice.id, deleted=True).key_points == "called for action"  # soft: still in the store
    assert review.edit_box.layout.display == "none"
    review.undo_button.click()
    assert [r.id for r in ws.records()] == [kept.id, twice.id] and f"#{twice.id}" in review.table.value


def test_delete_without_a_record_being_edited_says_so(ws):
    ws.save(FLOOR | {"delegation": "Member State A"})
    review = Review(ws, rapporteur="R1")
    review.delete_button.click()
    assert review.status.text.startswith("Choose a record and press Edit first")
    assert len(ws.records()) == 1


def test_a_message_stays_with_the_tab_that_made_it(ws):
    ws.save(FLOOR | {"delegation": "Member State A"})
    review = Review(ws, rapporteur="R1")
    review.propose_button.click()  # the Groups tab's message
    assert review.status.text.startswith("Choose a panel first")
    review.tabs.selected_index = 1
    assert review.status.text == ""
    assert any("Choose a panel first" in o["text"] for o in review.status.log.outputs)  # the log keeps it
