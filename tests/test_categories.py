"""The words for each category of speaker, kept in one table."""

from __future__ import annotations

from hlmnotes.domain.categories import CATEGORY_WORDS
from hlmnotes.domain.model import CATEGORIES, PODIUM


def test_every_category_has_its_words_in_the_categories_order():
    assert list(CATEGORY_WORDS) == list(CATEGORIES)


def test_every_floor_category_is_counted_in_the_introduction_and_placed_in_the_balance():
    floor = [c for c in CATEGORIES if c not in PODIUM]
    assert all(CATEGORY_WORDS[c].participants for c in floor)
    assert [c for c in floor if not CATEGORY_WORDS[c].balance_row] == ["member_state"]  # counted by region
    assert not any(CATEGORY_WORDS[c].noun or CATEGORY_WORDS[c].participants for c in PODIUM)
