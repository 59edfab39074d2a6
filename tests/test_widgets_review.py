"""The Review, headless: filters, edits, bulk tagging, groups of points, charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from hlmnotes.analysis.tables import filter_records
from hlmnotes.widgets import Review

FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


@pytest.fixture
def saved(ws):
    return [
        ws.save(FLOOR | {"delegation": "Member State A", "questions": "1", "themes": "children",
                         "key_points": "called for stronger national referral mechanisms"}),
        ws.save(FLOOR | {"delegation": "Member State B", "questions": "1;2",
                         "key_points": "called for strengthening national referral mechanisms"}),
        ws.save(FLOOR | {"delegation": "UNODC", "category": "un_entity", "questions": "3", "themes": "data-evidence",
                         "key_points": "presented the Global Report"}),
        ws.save({"panel": 2, "delegation": "Member State C", "category": "member_state", "questions": "1"}),
    ]  # fmt: skip


@pytest.fixture
def review(ws, saved):
    return Review(ws, rapporteur="R1")


def ids(review):
    return [value for _, value in review.records.options]


def test_filters_narrow_the_table_and_the_choices(review, saved):
    assert len(ids(review)) == 4
    review.panel.value = 1
    assert ids(review) == [r.id for r in saved[:3]]
    review.question.value = 1
    assert ids(review) == [saved[0].id, saved[1].id]
    review.theme.value = "children"
    assert ids(review) == [saved[0].id] and "Member State A" in review.table.value
    review.theme.value, review.question.value = "", 0
    review.category.value = "un_entity"
    assert ids(review) == [saved[2].id] and "<b>1</b> interventions shown" in review.count.value


def test_the_question_filter_needs_a_panel(review):
    assert review.question.disabled
    review.panel.value = 2
    assert not review.question.disabled and [label for label, _ in review.question.options][-1] == "Q5"


def test_filter_records_is_plain_logic(saved):
    assert filter_records(saved, panel=1, theme="data-evidence") == [saved[2]]
    assert filter_records(saved) == saved


def test_questions_nobody_addressed_are_flagged(review):
    assert "Questions nobody addressed yet" in review.warnings.value
    assert "Panel 1, Q4" in review.warnings.value and "Panel 1, Q1" not in review.warnings.value


def test_bulk_tagging_adds_and_removes_a_theme_in_one_go(review, ws, saved):
    review.records.value = (saved[0].id, saved[1].id)
    review.tag.value = "National referral mechanisms and coordination"  # a label works
    review.add_button.click()
    assert [ws.store.get(r.id).themes for r in saved[:2]] == [
        ("children", "referral-mechanisms"),
        ("referral-mechanisms",),
    ]
    assert review.status.text == "Tagged 2 of 2 records with referral-mechanisms"
    review.tag.value = "children"
    review.remove_button.click()
    assert ws.store.get(saved[0].id).themes == ("referral-mechanisms",)


def test_bulk_tagging_an_unknown_theme_changes_nothing(review, ws, saved):
    review.choose_all()
    review.tag.value = "trafficking"
    review.add_button.click()
    assert review.status.text.startswith("⚠ unknown theme 'trafficking'")
    assert [ws.store.get(r.id).themes for r in saved] == [r.themes for r in saved]


def test_bulk_tagging_needs_a_choice(review):
    review.tag.value = "children"
    review.add_button.click()
    assert review.status.text == "⚠ choose one or more records first"


def test_tag_interventions_is_one_transaction(ws, saved):
    changed = ws.tag([saved[0].id, saved[2].id], add=["children"], by="R1")
    assert [r.id for r in changed] == [saved[2].id]  # the first already had it


def test_a_record_is_edited_in_the_review(review, ws, saved):
    review.records.value = (saved[1].id,)
    review.edit_button.click()
    assert review.edit_box.layout.display is None
    assert review.form.key_points.value == "called for strengthening national referral mechanisms"
    review.form.key_points.value = "called for strengthening national referral mechanisms\nnoted gaps in data"
    review.save_button.click()
    assert ws.store.get(saved[1].id).key_points.endswith("noted gaps in data")
    assert review.status.text.startswith(f"Saved #{saved[1].id} (edited)")
    assert review.edit_box.layout.display == "none"


def test_edit_needs_exactly_one_record(review, saved):
    review.records.value = (saved[0].id, saved[1].id)
    review.edit_button.click()
    assert review.status.text == "Choose exactly one record to edit"


def test_groups_of_similar_points_are_accepted_with_a_wording(review, ws):
    review.propose_button.click()
    assert review.status.text.startswith("Choose a panel first")
    review.panel.value = 1
    review.propose_button.click()
    [card] = review.groups_box.children
    wording = card.children[1]
    wording.value = "called for stronger national referral mechanisms (two delegations)"
    card.children[2].children[0].click()  # Accept
    [group] = ws.store.point_groups(1)
    assert group.text == "called for stronger national referral mechanisms (two delegations)"
    assert len(group.members) == 2 and group.by == "R1"
    assert review.groups_box.children == ()


def test_a_rejected_group_is_not_grouped_and_not_proposed_again(review, ws):
    review.panel.value = 1
    review.propose_button.click()
    offered = len(review.groups_box.children)
    review.groups_box.children[0].children[2].children[1].click()  # Reject
    assert ws.store.point_groups(1) == [] and review.groups_box.children == ()
    assert len(ws.store.rejected_groups(1)) == 1
    review.propose_button.click()
    assert len(review.groups_box.children) == offered - 1


def test_the_charts_are_drawn_when_their_tab_opens(review):
    assert all(bytes(image.value) == b"" for image in review.charts.values())
    review.tabs.selected_index = 2
    assert all(bytes(image.value).startswith(b"\x89PNG") for image in review.charts.values())
    assert review.status.text == "Charts drawn for panel 1"


def test_the_review_follows_other_rapporteurs_saves_and_names_who_recorded(ws):
    from hlmnotes.widgets import Review

    review = Review(ws, rapporteur="R1")
    assert review._changed() is False
    ws.save({"panel": 1, "delegation": "Member State A", "rapporteur": "Rapporteur 2"})
    assert review._changed() is True
    review.refresh()
    assert "Rapporteur 2" in review.table.value and "<th>By</th>" in review.table.value
    review.close()


def test_the_status_line_sits_under_each_tabs_buttons(review):
    listing, groups, charts, balance = review.tabs.children
    label = review.status.label
    assert listing.children.index(label) == listing.children.index(review.edit_box) - 1  # under "Add theme"
    assert groups.children.index(label) == groups.children.index(review.propose_button) + 1
    assert charts.children.index(label) == charts.children.index(review.refresh_charts) + 1
    assert balance.children.index(label) == balance.children.index(review.balance.count_button) + 1
    assert label not in review.widget.children  # not at the foot, below a tall table


def test_edit_brings_the_form_into_view(review, saved, monkeypatch):
    focused = []
    monkeypatch.setattr(review.form.delegation, "focus", lambda: focused.append("delegation"))
    review.records.value = (saved[0].id,)
    review.edit_button.click()
    assert focused == ["delegation"] and review.edit_box.layout.display is None


def test_the_table_shows_the_stores_records_after_saves_edits_deletes_and_undo(review, ws, saved):
    """The Review follows the store incrementally: its rows must be exactly a fresh read's, in its order."""
    review.choose_all()
    ws.save({"panel": 2, "delegation": "Member State D", "category": "member_state", "seq": 1})
    ws.revise(saved[0].id, key_points="edited after the review opened", seq=9)
    ws.delete(saved[1].id, by="R1")
    review.refresh()
    assert ids(review) == [r.id for r in ws.records()]
    assert "edited after the review opened" in review.table.value and "Member State B" not in review.table.value
    assert set(review.records.value) == {r.id for r in ws.records()} - {saved[1].id} - {max(ids(review))}
    ws.undo(by="R1")
    review.refresh()
    assert ids(review) == [r.id for r in ws.records()] and "Member State B" in review.table.value


@pytest.fixture
def two_panel_review(tmp_path):
    from hlmnotes import Workspace

    ws = Workspace.open(tmp_path / "m.db", create=True)
    ws.import_interventions(Path(__file__).parent / "data" / "two-panels-2017.csv")
    review = Review(ws, rapporteur="R1")
    review.panel.value = 2
    review.topics_button.click()
    yield ws, review
    review.close()
    ws.close()


def _topic(review, text):
    return next(i for i, t in enumerate(review.topics) if any(text in p.text for p in t.points))


def _iii(ws, text):
    """The section III sentence of panel 2's draft that cites ``text``."""
    panel = ws.drafting.summary([2]).panels[0]
    return next(s for p in panel.paragraphs if not p.items for s in p.sentences if any(text in x.text for x in s.sources))


def test_a_point_taken_out_of_a_topic_in_review_stays_out_of_it(two_panel_review):
    ws, review = two_panel_review
    fund = _topic(review, "announced a contribution to the Trust Fund")
    assert "Topic 1" in review.topics_box.children[0].children[0].value and review.topics[fund].shares.startswith("Topic:")
    card = review.topics_box.children[fund]
    grant = next(i for i, p in enumerate(review.topics[fund].points) if "grant from the Trust Fund" in p.text)
    card.children[1].value = (grant,)
    card.children[3].children[0].click()  # Take out
    assert review.status.text.startswith("Taken out of topic")
    together = _iii(ws, "announced a contribution to the Trust Fund")
    assert not any("grant from the Trust Fund" in s.text for s in together.sources)
    assert {s.delegation for s in together.sources} == {"Member State A", "Member State C"}  # the others stay one topic
    alone = _iii(ws, "grant from the Trust Fund")
    assert alone.k == 1


def test_two_topics_joined_or_one_reworded_in_review_read_as_one_sentence(two_panel_review):
    ws, review = two_panel_review
    first = _topic(review, "early identification of victims")
    other = _topic(review, "national referral mechanisms needed stable funding")
    card = review.topics_box.children[first]
    card.children[2].value = "stressed the identification and referral of victims"
    card.children[4].children[0].value = other
    card.children[4].children[1].click()  # Join
    joined = _iii(ws, "early identification of victims")
    assert joined.text.endswith("stressed the identification and referral of victims.")
    assert any("stable funding" in s.text for s in joined.sources) and joined.k >= 4
    fund = _topic(review, "announced a contribution to the Trust Fund")
    card = review.topics_box.children[fund]
    card.children[2].value = "announced new or continued contributions to the Trust Fund"
    card.children[3].children[1].click()  # Reword
    assert _iii(ws, "announced continued support").text.endswith("announced new or continued contributions to the Trust Fund.")
