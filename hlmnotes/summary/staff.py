"""The notes for staff under each summary's masthead: what to do before the Chair reads the draft.

``staff_notes`` returns a plain list of lines, in the order staff act on them (what to rephrase,
proposals still waiting, what the read-out version left out, the reading time); other parts of
the workbench append their own lines (the floor's regional balance, programme changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import language as lang
from .model import Heading, Paragraph, Sentence

# Reading time (check 10 of docs/design.md: the Chair reads each summary out in a few minutes at the closing
# segment). 120 words a minute is the pace UN interpretation services ask of speakers.
WORDS_PER_MINUTE = 120
READING_MINUTES = 5  # beyond this, the note for staff suggests what to shorten


def staff_notes(
    blocks: Sequence[Heading | Paragraph], words: int, *, waiting: str = "", left_out: Sequence[str] = ()
) -> list[str]:
    """The notes for staff as a list of lines (others append theirs): what the editorial gate kept out
    of the body, proposals of similar points still waiting, what a read-out version left out, and the
    reading time."""
    notes = []
    held = [s.rephrase for s in _sentences(blocks) if s.rephrase]
    if held:
        notes.append(
            f"[Note for staff: to rephrase before the Chair reads the draft ({lang.counted(len(held), 'note')};"
            " the body holds a bracketed placeholder, the comment keeps what was recorded):]"
        )
        notes += [f"[To rephrase: {line}.]" for line in held]
    if waiting:
        notes.append(waiting)
    notes += left_out
    notes.append(reading_note(words))
    return notes


def reading_note(words: int) -> str:
    """How long the Chair will take to read sections I to V aloud, and what to cut when it is too long."""
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    text = (
        f"[Note for staff: read aloud, sections I to V take about {lang.counted(minutes, 'minute')}"
        f" ({words:,} words at {WORDS_PER_MINUTE} words a minute)"
    )
    if minutes > READING_MINUTES:
        text += (
            f"; the closing segment allows a few minutes for each summary: to bring it under"
            f" {lang.counted(READING_MINUTES, 'minute')}, shorten section III, or refer to the guiding questions"
            " instead of reading them out (hlmnotes summary --minutes N writes that version)"
        )
    return text + ".]"


def proposals_note(blocks: Sequence[Heading | Paragraph], proposals: Sequence[Any] | None) -> str:
    """How many proposals of similar points are still waiting for a decision, and which numbered
    paragraphs accepting them would change ("" when none would change anything).

    ``proposals`` are ``ProposedGroup``s; one whose points already sit in one sentence (merged
    because they are the same after normalisation) changes nothing and is not counted. None: they
    were not searched for (a very large record), and the note says how to.
    """
    if proposals is None:
        return (
            "[Note for staff: this record is too large to look for similar points with every draft; run"
            " hlmnotes groups propose to see the proposals still waiting.]"
        )
    where: dict[tuple[int, str, str], tuple[int, int]] = {}  # point → (paragraph number, sentence id)
    for block in blocks:
        if isinstance(block, Paragraph) and block.number is not None:
            for sentence in (*block.sentences, *block.items):
                for s in sentence.sources:
                    where.setdefault((s.intervention, s.kind, s.text), (block.number, id(sentence)))
    changing = 0
    paragraphs: set[int] = set()
    for proposal in proposals:
        found = {where[key] for key in _keys(proposal) if key in where}
        if len({sentence for _, sentence in found}) > 1:
            changing += 1
            paragraphs |= {number for number, _ in found}
    if not changing:
        return ""
    numbers = sorted(paragraphs)
    said = f"paragraph {numbers[0]}" if len(numbers) == 1 else f"paragraphs {lang.join([str(n) for n in numbers])}"
    waiting = "proposal is" if changing == 1 else "proposals are"
    return (
        f"[Note for staff: {lang.number(changing)} {waiting} still waiting to group similar points (Review, or"
        f" hlmnotes groups propose); accepting {'it' if changing == 1 else 'them'} would merge sentences of {said}.]"
    )


def _keys(proposal: Any) -> list[tuple[int, str, str]]:
    return [(int(p["intervention"]), p["kind"], p["text"]) for p in proposal.points]


def _sentences(blocks: Sequence[Heading | Paragraph]) -> list[Sentence]:
    return [s for b in blocks if isinstance(b, Paragraph) for s in (*b.sentences, *b.items)]
