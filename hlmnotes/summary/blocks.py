"""The parts of a draft Chair's summary as plain data: one ``PanelSummary`` per panel, its blocks and annex rows.

A ``PanelSummary`` is a masthead, a list of blocks (headings and paragraphs, paragraphs numbered
consecutively across sections) and the annex rows. Every sentence of the discussion keeps the
``Source`` records behind it and the k and N its quantifier was computed from, so a writer can show
staff where each sentence comes from (``source_note``). ``model.Summary`` holds the panels and shows
itself in a notebook through ``preview``, which reads these parts and so never imports ``model``.
The parts are slotted: a draft of 50,000 interventions holds over a hundred thousand sentences and
sources, each about half the size without a per-object ``__dict__``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .locale import ENGLISH, Locale


def letter(index: int) -> str:
    """Sub-item labels as UN documents number them: a…z, then aa, bb… (index from 0)."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def roman(n: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


@dataclass(frozen=True, slots=True)
class Source:
    """One recorded line behind a sentence: which intervention, who, when, recorded by whom."""

    intervention: int
    seq: int
    delegation: str
    on_behalf_of: str
    category: str
    speaker: str
    started_at: dt.datetime | None
    duration_s: int | None
    rapporteur: str
    kind: str  # "key_point" or "recommendation"
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the draft; ``sources`` is empty for procedural text (the introduction).

    ``k`` and ``n`` are the distinct floor voices behind the sentence and in the panel, and
    ``quantifier`` names the table row that chose the wording, so the sentence can be recomputed.
    ``notes`` are things staff should check before the Chair reads it; ``rephrase`` is set when the
    editorial gate put a bracketed placeholder in the body instead of a raw note.
    """

    text: str
    sources: tuple[Source, ...] = ()
    k: int = 0
    n: int = 0
    quantifier: str = ""
    group: int | None = None
    notes: tuple[str, ...] = ()
    rephrase: str = ""  # the staff note's "to rephrase" line when the body holds a placeholder for a raw note


@dataclass(frozen=True, slots=True)
class Heading:
    """``level`` 1: a section ("I.", "Introduction"); level 2: a sub-heading ("A.", "Question 1: …")."""

    level: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of sentences; ``number`` is its paragraph number (None: unnumbered).

    ``items`` are its sub-items, labelled (a), (b)… from the start of each list, unless ``labels``
    gives each item its own label: the guiding questions keep the concept note's numbers ("1.",
    "2."…), the numbers section III's sub-headings ("Question 1: …") and the records refer to.
    ``role`` is "body", "placeholder" (text the Chair or staff must supply) or "note" (a note for
    staff, not for reading).
    """

    sentences: tuple[Sentence, ...]
    number: int | None = None
    items: tuple[Sentence, ...] = ()
    role: str = "body"
    labels: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def label(self, index: int) -> str:
        """The label of item ``index`` as printed: its own ("3."), else "(a)", "(b)"…"""
        return self.labels[index] if index < len(self.labels) else f"({letter(index)})"


Block = Heading | Paragraph


@dataclass(frozen=True, slots=True)
class AnnexRow:
    """One intervention in the list of speakers, in order of speaking (no times: they stay in the
    statistics and the comments, not in the published list)."""

    number: int
    intervention: int
    delegation: str
    on_behalf_of: str
    category: str
    speaker: str


@dataclass(frozen=True)
class PanelSummary:
    panel: int
    title: str  # "Summary of interactive panel discussion 1: “<exact theme>”"
    masthead: tuple[tuple[str, str], ...]  # ("Chair", "H.E. Mr. …"), ("Date", …), ("Place", …)
    blocks: tuple[Block, ...]
    annex_title: str
    annex: tuple[AnnexRow, ...]
    floor_voices: int  # N: distinct floor speakers, a group statement counted once
    interventions: int
    words: int = 0  # what the Chair reads out: the numbered paragraphs and their sub-items
    notes: tuple[str, ...] = ()  # notes for staff on the whole summary (its reading time), shown under the masthead

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in (*p.sentences, *p.items)]


def source_note(sentence: Sentence, locale: Locale = ENGLISH) -> list[str]:
    """What staff check a sentence against (the Word comment, the HTML tooltip): k of N and the
    quantifier row, then one line per recorded point behind it, then any notes; empty when there is
    nothing to check."""
    if not sentence.sources:
        return list(sentence.notes)
    out = []
    if sentence.k:
        out.append(locale.source_quantifier.format(k=sentence.k, n=sentence.n, quantifier=sentence.quantifier))
    else:
        out.append(locale.source_podium)
    line, untimed, minutes = locale.source_line.format, locale.source_untimed, locale.source_minutes
    for s in sentence.sources:
        who = f"{s.delegation}{locale.source_on_behalf}{s.on_behalf_of}" if s.on_behalf_of else s.delegation
        started = s.started_at  # "%H:%M" without a strftime call per line
        when = f"{started.hour:02d}:{started.minute:02d}" if started else untimed
        used = f", {s.duration_s // 60}:{s.duration_s % 60:02d} {minutes}" if s.duration_s is not None else ""
        by = f"{locale.source_by}{s.rapporteur}" if s.rapporteur else ""
        out.append(line(id=s.intervention, who=who, seq=s.seq, when=when, used=used, by=by, text=s.text))
    return out + list(sentence.notes)


_SOURCE_LINE = re.compile(r"^#(\d+)\b", re.MULTILINE)


def source_ids(comment: str) -> tuple[int, ...]:
    """The interventions a Word comment of the draft lists: its lines that start "#id" (as
    ``source_note`` writes them), in order, each once. ``hlmnotes check`` reads a sentence's sources
    back from its comment after staff have edited the draft."""
    return tuple(dict.fromkeys(int(i) for i in _SOURCE_LINE.findall(comment)))
