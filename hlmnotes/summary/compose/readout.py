"""The read-out version of a summary: sections I–V within N minutes at 120 words a minute.

The full draft and the read-out version are two products of the same records (docs/design.md): the
read-out version opens with two sentences (who chaired, who presented, who spoke and on which
questions, by the programme's short labels), keeps each panellist's first sentence, the panel's most
widely supported topics first, every divergent view (even over the budget: the staff note says so)
and the calls most widely made (``choose``). What it leaves out stays in the full draft, and the note
for staff says so. Words are counted as a word processor counts them (``spoken_words``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from ...domain.programme import Panel
from ..blocks import Heading, Paragraph, Sentence
from ..locale import ENGLISH, Locale
from . import language as lang
from .places import Entry, Item
from .points import Unit
from .staff import WORDS_PER_MINUTE


def budget(minutes: float) -> int:
    """The words sections I–V may hold to be read in ``minutes``."""
    return int(minutes * WORDS_PER_MINUTE)


def spoken_words(blocks: Sequence[Heading | Paragraph]) -> int:
    """Sections I–V as a word processor counts them: the whitespace-separated words of every paragraph and
    sub-item (bracketed text for the Chair or staff included), headings and paragraph numbers aside."""
    return sum(
        len(p.text.split()) + sum(len(i.text.split()) for i in p.items) for p in blocks if isinstance(p, Paragraph)
    )


body_words = spoken_words  # the name the notebook and older callers use


def minutes_for(words: int) -> float:
    """The shortest whole half-minute that holds ``words`` at 120 words a minute."""
    return math.ceil(words * 2 / WORDS_PER_MINUTE) / 2


def introduction(
    panel: Panel, chair: str, panellists: Sequence[str], floor: Sentence, locale: Locale = ENGLISH
) -> list[Paragraph]:
    """Section I in two sentences: who chaired and who presented; who spoke from the floor and on which
    questions, named by the programme's short labels (the full draft reads the questions out)."""
    first = locale.readout_chaired.format(panel=lang.capitalise(panel.title), chair=chair)
    if panellists:
        first += locale.readout_panellists.format(panellists=lang.join(list(panellists), locale=locale))
    labels = [locale.readout_label.format(label=q.label) for q in panel.questions]
    second = floor.text.rstrip(".") + locale.readout_questions.format(labels=lang.join(labels, locale=locale))
    return [Paragraph((Sentence(lang.sentence(first)), Sentence(lang.sentence(second), notes=floor.notes)), 0)]


def presentations(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Section II with each panellist's first sentence (the rest stays in the full draft)."""
    return [replace(p, sentences=p.sentences[:1]) if p.role == "body" else p for p in paragraphs]


def note(minutes: float, words: int, left_out: int, dropped_presentation: bool, locale: Locale = ENGLISH) -> str:
    """The staff's note on what the read-out version left out."""
    points = lang.counted_pair(left_out, locale.point, locale)
    parts = [locale.left_out_points.format(points=points) if left_out else ""]
    if dropped_presentation:
        parts.append(locale.left_out_presentations)
    parts.append(locale.left_out_questions)
    said = lang.join([p for p in parts if p], locale=locale)
    return locale.readout_note.format(minutes=minutes, words=words, kept=said)


def _words(unit: Unit) -> int:
    """About how many words ``unit`` adds when read out: its predicate and a quantifier."""
    return len(lang.predicate(unit.fragment, unit.kind)[0].split()) + 3


def entry_words(entry: Entry) -> int:
    """About how many words an entry of section III takes: its points, a topic's lead, its divergent views."""
    return sum(map(_words, entry.units)) + (5 if entry.topic is not None else 0) + sum(map(_words, entry.divergent))


def choose(entries: list[Entry], items: list[Item], budget: int) -> tuple[list[Entry], list[Item], int]:
    """The entries of section III and the items of section IV a read-out version keeps within ``budget``
    words, and how many points it leaves out.

    Section IV keeps its items most widely supported first, up to half the budget (at least one).
    Section III keeps every divergent view, with the topic it qualifies, even over the budget; then the
    most widely supported topics and entries while words remain. Held-back raw notes are left for the
    full draft.
    """
    used = 10  # section IV's lead-in
    kept_items: list[Item] = []
    for item in items:  # already most widely supported first
        words = sum(map(_words, item.units))
        if kept_items and used + words > budget // 2:
            break
        kept_items.append(item)
        used += words
    clean = [e for e in entries if all(u.screened is None for u in e.units)]
    kept = [e for e in clean if e.divergent or e.alone]
    used += sum(map(entry_words, kept))
    for entry in sorted((e for e in clean if not (e.divergent or e.alone)), key=lambda e: e.rank()):
        if used + entry_words(entry) > budget:
            continue
        kept.append(entry)
        used += entry_words(entry)
    chosen = {id(e) for e in kept}
    points = sum(len(e.units) + len(e.divergent) for e in entries) + sum(len(i.units) for i in items)
    read = sum(len(e.units) + len(e.divergent) for e in kept) + sum(len(i.units) for i in kept_items)
    return [e for e in entries if id(e) in chosen], kept_items, points - read
