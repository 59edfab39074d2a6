"""SelectMany chooses exactly as ipywidgets' SelectMultiple does, in linear time."""

from __future__ import annotations

import ipywidgets as w
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from traitlets import TraitError

from hlmnotes.widgets._select import SelectMany

OPTIONS = st.lists(st.tuples(st.text(max_size=4), st.integers(0, 20)), max_size=15, unique_by=lambda o: o[0])


def _outcome(widget, name, value):
    try:
        setattr(widget, name, value)
    except TraitError as exc:
        return ("refused", str(exc))
    return (widget.value, widget.index, widget.label)


@settings(max_examples=80, deadline=None)
@given(OPTIONS, st.lists(st.integers(0, 25), max_size=10), st.sampled_from(["value", "index", "label"]))
def test_choices_match_select_multiple(options, picks, name):
    ours, theirs = SelectMany(options=options), w.SelectMultiple(options=options)
    labels = [label for label, _ in options]
    chosen = {
        "value": tuple(picks),
        "index": tuple(p for p in picks if p < len(options)),
        "label": tuple(labels[p] for p in picks if p < len(labels)),
    }[name]
    assert _outcome(ours, name, chosen) == _outcome(theirs, name, chosen)
    ours.options = theirs.options = options[::-1]  # new options clear the choice, and new lookups apply
    assert _outcome(ours, name, chosen) == _outcome(theirs, name, chosen)


def test_choosing_all_of_twenty_thousand_records():
    many = SelectMany(options=[(f"#{i}", i) for i in range(20_000)])
    many.value = tuple(range(20_000))
    assert many.index == tuple(range(20_000))
    with pytest.raises(TraitError):
        many.value = (20_001,)
