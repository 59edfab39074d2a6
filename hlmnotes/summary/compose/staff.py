"""The notes for staff under each summary's masthead: what to do before the Chair reads the draft.

``staff_notes`` returns a plain list of lines, in the order staff act on them (what to rephrase,
proposals still waiting, what the read-out version left out, the reading time); other parts of
the workbench append their own lines (the floor's regional balance, programme changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...domain.points import PointKey
from ..blocks import Heading, Paragraph, Sentence
from ..locale import ENGLISH, Locale
from . import language as lang
from .points import filed_under

if TYPE_CHECKING:
    from .grouping import ProposedGroup

# Reading time (check 10 of docs/design.md: the Chair reads each summary out in a few minutes at the closing
# segment). 120 words a minute is the pace UN interpretation services ask of speakers.
WORDS_PER_MINUTE = 120
READING_MINUTES = 5  # beyond this, the note for staff suggests what to shorten


def staff_notes(
    blocks: Sequence[Heading | Paragraph], words: int, *, waiting: str = "", left_out: Sequence[str] = (),
    locale: Locale = ENGLISH, unread: Sequence[str] = (),
) -> list[str]:  # fmt: skip
    """The notes for staff as a list of lines (others append theirs): what the editorial gate kept out
    of the body (``unread``: the lines of held-back notes a read-out version left out), proposals of similar points still waiting, what a read-out version left out, the
    reading time, and how many sentences of sections III and IV cite one speaker."""
    notes = []
    # a line the grammar could not put in reported speech (``language.predicate``), alone or in a topic's sentence
    marker = locale.made_point.format("").strip()
    held = [
        line
        for s in _sentences(blocks)
        for line in ([s.rephrase] if s.rephrase else unreported(s, locale) if marker in s.text else [])
    ]
    held += unread  # a read-out version leaves held-back notes out of the body, never out of the staff's list
    if held:
        notes.append(locale.to_rephrase.format(notes=lang.counted_pair(len(held), locale.note, locale)))
        notes += [locale.to_rephrase_line.format(line=line) for line in held]
    if waiting:
        notes.append(waiting)
    notes += left_out
    notes.append(reading_note(words, locale))
    single = single_speaker_note(blocks, locale)
    if single:
        notes.append(single)
    return notes


def unreported(sentence: Sentence, locale: Locale = ENGLISH) -> list[str]:
    """The "to rephrase" lines of a sentence holding recorded words the grammar could not put in reported
    speech (after "made the following point:"): one for each such recorded line behind it, the comment
    keeping it as recorded."""
    what, (action, _) = locale.problems["unreported"], locale.actions["to be rephrased"]
    sources = [s for s in sentence.sources if lang.predicate(filed_under(s.text)[1], s.kind, locale)[1]]
    records = dict.fromkeys(f"#{s.intervention} {s.speaker or s.delegation}" for s in sources or sentence.sources[:1])
    return [locale.held_back_line.format(record=record, what=what, action=action) for record in records]


def single_speaker_note(blocks: Sequence[Heading | Paragraph], locale: Locale = ENGLISH) -> str:
    """How many of the floor's sentences (sections III and IV) cite one speaker: a draft that lists
    speakers instead of summarising them shows here ("" when the floor said nothing)."""
    counted = [s.k for s in _floor_sentences(blocks) if s.k]
    if not counted:
        return ""
    single = sum(1 for k in counted if k == 1)
    return locale.single_speaker.format(single=single, sentences=len(counted), share=round(100 * single / len(counted)))


def _floor_sentences(blocks: Sequence[Heading | Paragraph]) -> list[Sentence]:
    """The sentences of sections III and IV (the third and fourth section headings)."""
    out: list[Sentence] = []
    section = 0
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            section += 1
        elif isinstance(b, Paragraph) and section in (3, 4):
            out += [*b.sentences, *b.items]
    return out


def reading_note(words: int, locale: Locale = ENGLISH) -> str:
    """How long the Chair will take to read sections I to V aloud, and what to cut when it is too long."""
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    text = locale.reading.format(
        minutes=lang.counted_pair(minutes, locale.minute, locale), words=f"{words:,}", pace=WORDS_PER_MINUTE
    )
    if minutes > READING_MINUTES:
        text += locale.too_long.format(limit=lang.counted_pair(READING_MINUTES, locale.minute, locale))
    return text + locale.note_end


def proposals_note(
    blocks: Sequence[Heading | Paragraph], proposals: Sequence[ProposedGroup] | None, locale: Locale = ENGLISH
) -> str:
    """How many proposals of similar points are still waiting for a decision, and which numbered
    paragraphs accepting them would change ("" when none would change anything).

    ``proposals`` are ``ProposedGroup``s; one whose points already sit in one sentence (merged
    because they are the same after normalisation) changes nothing and is not counted. None: they
    were not searched for (a very large record), and the note says how to.
    """
    if proposals is None:
        return locale.too_many_to_propose
    texts = {p.text for proposal in proposals for p in proposal.points}  # most sources are in no proposal
    where: dict[PointKey, tuple[int, int]] = {}  # point → (paragraph number, sentence id)
    for block in blocks:
        if isinstance(block, Paragraph) and block.number is not None:
            for sentence in (*block.sentences, *block.items):
                for s in sentence.sources:
                    if s.text in texts:
                        where.setdefault(PointKey(s.intervention, s.kind, s.text), (block.number, id(sentence)))
    changing = 0
    paragraphs: set[int] = set()
    for proposal in proposals:
        found = {where[k] for k in (p.key for p in proposal.points) if k in where}
        if len({sentence for _, sentence in found}) > 1:
            changing += 1
            paragraphs |= {number for number, _ in found}
    if not changing:
        return ""
    numbers = sorted(paragraphs)
    waiting, them = locale.waiting_one if changing == 1 else locale.waiting_many
    said = (locale.paragraph if len(numbers) == 1 else locale.paragraphs).format(
        lang.join([str(n) for n in numbers], locale=locale)
    )
    return locale.waiting.format(count=lang.number(changing, locale), waiting=waiting, them=them, paragraphs=said)


def _sentences(blocks: Sequence[Heading | Paragraph]) -> list[Sentence]:
    return [s for b in blocks if isinstance(b, Paragraph) for s in (*b.sentences, *b.items)]
