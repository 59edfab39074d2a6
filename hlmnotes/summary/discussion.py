"""Sections III and IV: the floor's points as sentences, each with a quantifier recomputable from the records.

A *voice* is who a point counts for: the group for a statement made on behalf of one, else the
delegation. k is the number of distinct voices behind a point, after dropping members of a group
whose statement is among them (the group is not counted again through its members); N is the
number of distinct floor voices in the panel. Accepted point groups are written once; every other
point is its own sentence with k = 1.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import PODIUM, Intervention
from ..text import fold, lines
from . import language as lang
from .gate import Screened, screen
from .grouping import point_key, stored_groups
from .model import Heading, Paragraph, Sentence, Source

NAMED_LIMIT = 8  # named style lists at most this many delegations, then "Most speakers, including …"
SENTENCES_PER_PARAGRAPH = 3
OTHER = "Other issues raised"


@dataclass(frozen=True)
class Voice:
    key: str
    delegation: str
    group: str
    category: str


# The same few hundred delegation names come back for every point: fold each once.
_key = functools.lru_cache(maxsize=8192)(fold)


def _same(text: str) -> str:
    """The key under which two lines count as the same words (``fold``, minus a final full stop)."""
    plain = " ".join(text.lower().split()) if text.isascii() else fold(text)
    return plain.rstrip(".;")


def voice_of(record: Intervention) -> Voice:
    name = record.on_behalf_of or record.delegation
    return Voice(_key(name), record.delegation, record.on_behalf_of, record.category)


def panel_voices(records: Sequence[Intervention]) -> list[Voice]:
    """N's voices: every distinct floor voice of the panel, in order of first speaking."""
    seen: dict[str, Voice] = {}
    for r in records:
        if r.category not in PODIUM:
            voice = voice_of(r)
            seen.setdefault(voice.key, voice)
    return list(seen.values())


def point_voices(records: Sequence[Intervention], reference: Any) -> tuple[list[Voice], list[tuple[str, str]]]:
    """k's voices behind one point, and the (delegation, group) pairs not counted again."""
    seen: dict[str, Voice] = {}
    for r in sorted(records, key=lambda r: (r.seq or 0, r.id or 0)):
        voice = voice_of(r)
        seen.setdefault(voice.key, voice)
    members: dict[str, str] = {}
    for v in seen.values():
        found = reference.find_group(v.group) if v.group else None
        for m in found.members if found else ():
            members.setdefault(_key(reference.printed(m)), found.name)  # records carry the printed names
    kept = [v for v in seen.values() if v.group or v.key not in members]
    dropped = [(v.delegation, members[v.key]) for v in seen.values() if not v.group and v.key in members]
    return kept, dropped


@dataclass
class Unit:
    """One sentence to be: a stored group or a single point, with the records behind it."""

    fragment: str
    kind: str
    points: list[tuple[Intervention, str, str]] = field(default_factory=list)  # (record, kind, text)
    group: int | None = None
    group_by: str = ""
    screened: Screened | None = None  # set when the editorial gate keeps the wording out of the body
    _voices: tuple[list[Voice], list[tuple[str, str]]] | None = None

    @property
    def records(self) -> list[Intervention]:
        return list({r.id: r for r, _, _ in self.points}.values())

    def voices(self, reference: Any) -> tuple[list[Voice], list[tuple[str, str]]]:
        """k's voices and the members not counted again (computed once per unit)."""
        if self._voices is None:
            self._voices = point_voices(self.records, reference)
        return self._voices

    @property
    def first_seq(self) -> int:
        return min(r.seq or 0 for r, _, _ in self.points)

    @property
    def divergent(self) -> bool:
        return all("divergent" in r.flags for r in self.records)


def units(records: Sequence[Intervention], groups: Sequence[Mapping[str, Any]]) -> list[Unit]:
    """The panel's floor points as units: one per accepted group (members still present), one per other point.

    Points recorded in identical words (ignoring case, accents, spacing and a final full stop) are
    one unit without anyone grouping them: there is no judgement in seeing that two lines are the
    same, and the Word comment lists every intervention behind the merged sentence.
    """
    claimed = stored_groups(groups)
    by_group: dict[int, Unit] = {}
    identical: dict[tuple[str, str], Unit] = {}
    out: list[Unit] = []
    for r in records:
        if r.category in PODIUM:
            continue
        for kind, value in (("key_point", r.key_points), ("recommendation", r.recommendations)):
            for text in lines(value):
                group = claimed.get(point_key(r.id, kind, text))  # type: ignore[arg-type]
                if group is None:
                    screened = screen(text)
                    if not screened.ok:  # never merged: staff rewrite it first
                        out.append(Unit(screened.text, kind, [(r, kind, text)], screened=screened))
                        continue
                    same = (kind, _same(screened.text))
                    if same not in identical:
                        identical[same] = Unit(screened.text, kind)
                        out.append(identical[same])
                    identical[same].points.append((r, kind, text))
                    continue
                unit = by_group.get(group["id"])
                if unit is None:
                    unit = by_group[group["id"]] = Unit(group["text"], kind, [], group["id"], group.get("by") or "")
                    out.append(unit)
                if kind == "key_point":
                    unit.kind = "key_point"  # a group with any key point is a view, not a recommendation
                unit.points.append((r, kind, text))
    return out


class Writer:
    """Turns units into sentences for one panel, rotating the interchangeable quantifier phrases."""

    def __init__(self, reference: Any, n: int, attribution: str, zone: Any):
        self.reference = reference
        self.n = n
        self.attribution = attribution
        self.zone = zone
        self.turns: Counter[str] = Counter()
        # The phrase the sentence just written was quantified with, the voices of the run of sentences
        # with that phrase and the run's length, so the next one in the same paragraph or list does
        # not open with the same words; None at the start of a paragraph or list.
        self.previous: tuple[str, frozenset[str], int] | None = None
        # Named style: who the sentence just written named, so the next sentence in the same
        # paragraph by exactly the same speakers says "They also…" instead of listing them again.
        self.speakers: frozenset[tuple[str, str]] | None = None

    def paragraph_break(self) -> None:
        """A new paragraph or list starts: its first sentence names its speakers and opens in full."""
        self.previous = None
        self.speakers = None

    def sentence(self, unit: Unit, *, refer_back: bool = True) -> Sentence:
        """``unit`` as a sentence; ``refer_back=False`` (a list's sub-items, each read on its own)
        names the speakers even when the sentence before had the same ones."""
        voices, dropped = unit.voices(self.reference)
        k = len(voices)
        categories = {v.category for v in voices if not v.group}
        category = categories.pop() if len(categories) == 1 and all(not v.group for v in voices) else None
        turn = self.turns[_row(k, self.n)]
        quantified = lang.quantify(k, self.n, category=category, turn=turn)
        if unit.screened is not None:  # a placeholder: plain words, and the run of phrases starts again
            subject = self.subject(voices, quantified.phrase).rstrip(",")
            return self.held_back(unit, subject, quantified.row.label, quantified.phrase)
        self.turns[quantified.row.label] += 1
        phrase = self.varied(quantified, voices, category, turn)
        predicate, reworded = lang.predicate(unit.fragment, unit.kind)
        speakers = frozenset((_key(v.delegation), _key(v.group)) for v in voices)
        notes = []
        if self.attribution == "named" and refer_back and speakers == self.speakers:
            subject = _again(voices)
            notes.append(
                f"“{subject}”: the same speakers as the sentence before ({self.subject(voices, phrase).rstrip(',')});"
                " name them again if the sentences are separated."
            )
            if not _opens_with_also(predicate):
                predicate = f"also {predicate}"
        else:
            subject = self.subject(voices, phrase)
        self.speakers = speakers if self.attribution == "named" else None
        if reworded:
            notes.insert(0, "Not written as a reported-speech fragment (e.g. “called for …”); please rephrase.")
        notes += [
            f"{d} is not counted again: member of {lang.with_article(g)}, whose statement is counted."
            for d, g in dropped
        ]
        if unit.group is not None:
            notes.append(f"Accepted point group #{unit.group}" + (f" (by {unit.group_by})." if unit.group_by else "."))
        return Sentence(
            text=lang.sentence(f"{subject} {predicate}"),
            sources=tuple(self.source(r, kind, text) for r, kind, text in unit.points),
            k=k,
            n=self.n,
            quantifier=f"{phrase} (row {quantified.row.label})",
            group=unit.group,
            notes=tuple(notes),
        )

    def held_back(self, unit: Unit, who: str, row: str, phrase: str) -> Sentence:
        """A raw note the editorial gate keeps out of the body: a bracketed placeholder, a "to rephrase"
        line for the staff note, and the original in the sources (the Word comment)."""
        screened = unit.screened
        assert screened is not None
        self.previous = self.speakers = None
        record = unit.points[0][0]
        where = f"#{record.id} {record.delegation}"
        return Sentence(
            text=screened.placeholder(who),
            sources=tuple(self.source(r, kind, text) for r, kind, text in unit.points),
            k=len(unit.voices(self.reference)[0]), n=self.n, quantifier=f"{phrase} (row {row})",
            notes=(screened.note,),
            rephrase=f"{where}: {screened.what} {screened.action}",
        )  # fmt: skip

    def varied(self, quantified: lang.Quantified, voices: list[Voice], category: str | None, turn: int) -> str:
        """The quantifier phrase, reworded when the sentence just before would open with the same words.

        "Two speakers called for X. Two speakers called for Y." becomes "… Two other speakers called
        for Y." (then "A further two speakers…") when no voice is behind more than one of those
        sentences, so "other" is true; otherwise the row's next interchangeable phrase is used, if it
        has one. The table row, and so k, is unchanged.
        """
        phrase = quantified.phrase
        keys = frozenset(v.key for v in voices)
        previous = self.previous
        self.previous = (phrase, keys, 0)
        if (self.attribution == "named" and len(voices) <= NAMED_LIMIT) or (len(voices) == 1 and voices[0].group):
            self.previous = None  # this sentence opens with names, not with the phrase
            return phrase
        if previous is None or previous[0] != phrase:
            return phrase
        if len(voices) <= 2 and keys.isdisjoint(previous[1]):
            self.previous = (phrase, keys | previous[1], previous[2] + 1)
            return lang.other(phrase, previous[2] + 1)
        if len(quantified.row.phrases) > 1:
            return lang.quantify(len(voices), self.n, category=category, turn=turn + 1).phrase
        return phrase

    def subject(self, voices: list[Voice], phrase: str) -> str:
        if self.attribution == "named":
            if len(voices) == 1:
                v = voices[0]
                if v.group:  # as the Earth Negotiations Bulletin writes it: "Egypt, for the African Group,"
                    return f"{lang.capitalise(lang.with_article(v.delegation))}, for {lang.with_article(v.group)},"
                return f"The representative of {lang.with_article(v.delegation)}"
            names = [_named(v) for v in voices]
            if len(names) <= NAMED_LIMIT:
                return lang.join(names)
            return f"{lang.capitalise(phrase)}, including {lang.join(names[:3])},"
        if len(voices) == 1 and voices[0].group:
            return "One delegation, speaking on behalf of a group of States,"
        return lang.capitalise(phrase)

    def source(self, record: Intervention, kind: str, text: str) -> Source:
        started = record.started_at.astimezone(self.zone) if record.started_at and self.zone else record.started_at
        return Source(
            intervention=record.id or 0, seq=record.seq or 0, delegation=record.delegation,
            on_behalf_of=record.on_behalf_of, category=record.category, speaker=record.speaker,
            started_at=started, duration_s=record.duration_s, rapporteur=record.rapporteur, kind=kind, text=text,
        )  # fmt: skip


# Adverbs after which "also" would be redundant ("They also further stressed…").
_ALSO = {"also", "further", "furthermore", "again", "equally", "likewise", "moreover", "additionally"}


def _opens_with_also(predicate: str) -> bool:
    return predicate.split(" ", 1)[0].lower() in _ALSO


def _again(voices: list[Voice]) -> str:
    """How a sentence refers back to exactly the speakers of the sentence before, in named style:
    "The representative" (one delegation, "The representative of X" before), "It" (one delegation
    speaking on behalf of a group), "They" (several)."""
    if len(voices) > 1:
        return "They"
    return "It" if voices[0].group else "The representative"


def _row(k: int, n: int) -> str:
    return next((r.label for r in lang.QUANTIFIERS if r.applies(k, n)), "")


def _named(v: Voice) -> str:
    name = lang.with_article(v.delegation)
    return f"{name} (for {lang.with_article(v.group)})" if v.group else name


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[?.])(\s|$)", text)
    return match.group(1) if match else text


def _theme_of(unit: Unit, codebook: Any) -> str | None:
    """The codebook theme a unit is placed under: among its interventions' themes, the one whose cues
    its wording mentions most, else the most common one; None when its interventions have no themes."""
    tagged = Counter(t for r in unit.records for t in r.themes)
    if not tagged:
        return None
    haystack = f" {fold(unit.fragment)} "
    hits = {t: sum(1 for cue in codebook.theme(t).cues if f" {fold(cue)}" in haystack) for t in tagged}
    order = {t: i for i, t in enumerate(codebook.ids)}
    return min(tagged, key=lambda t: (-hits[t], -tagged[t], order.get(t, len(order))))


def _question_of(unit: Unit) -> int | None:
    asked = Counter(r.questions[0] for r in unit.records if r.questions)
    return min(asked, key=lambda q: (-asked[q], q)) if asked else None


def _band(k: int, unit: Unit) -> int:
    """Convergent views (several voices) first, then single voices, then divergent views."""
    return 2 if unit.divergent else (0 if k > 1 else 1)


def unaddressed_note(records: Sequence[Intervention], panel: Any) -> str:
    """The staff's note on guiding questions the floor left alone: none at all, or only the podium.

    A question the panellists (or the Chair) addressed was addressed, even if nobody from the floor
    took it up: the note says which, so staff neither report it as ignored nor as debated.
    """
    floor = {q for r in records if r.category not in PODIUM for q in r.questions}
    podium = {role: {q for r in records if r.category == role for q in r.questions} for role in PODIUM}
    parts = []
    silent = [q.number for q in panel.questions if q.number not in floor | podium["chair"] | podium["panellist"]]
    if silent:
        parts.append(f"no recorded intervention addressed question {lang.join([str(q) for q in silent], 'or')}")
    for who, asked in (
        ("the panellists", podium["panellist"] - podium["chair"]),
        ("the Chair", podium["chair"] - podium["panellist"]),
        ("the Chair and the panellists", podium["chair"] & podium["panellist"]),
    ):
        only = [q.number for q in panel.questions if q.number in asked - floor]
        if only:
            number = f"question {only[0]} was" if len(only) == 1 else f"questions {lang.join([str(q) for q in only])} were"
            parts.append(f"{number} addressed by {who}, not from the floor")
    return f"[Note for staff: {'; '.join(parts)}.]" if parts else ""


def discussion(
    records: Sequence[Intervention],
    groups: Sequence[Mapping[str, Any]],
    *,
    panel: Any,
    codebook: Any,
    reference: Any,
    by: str,
    attribution: str,
    zone: Any,
) -> tuple[list[Heading | Paragraph], list[Heading | Paragraph], int]:
    """Blocks of section III, blocks of section IV and N (numbered paragraphs carry 0 until renumbered)."""
    n = len(panel_voices(records))
    writer = Writer(reference, n, attribution, zone)
    all_units = sorted(units(records, groups), key=lambda u: (-len(u.voices(reference)[0]), u.first_seq))
    views = [u for u in all_units if u.kind == "key_point"]
    proposals = [u for u in all_units if u.kind == "recommendation"]

    section3: list[Heading | Paragraph] = []
    if by == "theme":
        place = {id(u): _theme_of(u, codebook) for u in views}
        keys: list[Any] = [t for t in codebook.ids if t in place.values()]
        titles = {t: codebook.theme(t).label for t in keys}
    else:
        place = {id(u): _question_of(u) for u in views}
        keys = [q.number for q in panel.questions if q.number in place.values()]
        titles = {q.number: f"Question {q.number}: {_first_sentence(q.text)}" for q in panel.questions}
        note = unaddressed_note(records, panel)
        if note and n:
            section3.append(Paragraph((Sentence(note),), role="note"))
    if None in place.values():
        keys.append(None)
        titles[None] = OTHER
    for index, key in enumerate(keys):
        section3.append(Heading(2, f"{lang.letter(index).upper()}.", titles[key]))
        writer.paragraph_break()
        k = {id(u): len(u.voices(reference)[0]) for u in views if place[id(u)] == key}
        chosen = sorted((u for u in views if id(u) in k), key=lambda u: (_band(k[id(u)], u), -k[id(u)], u.first_seq))
        paragraph: list[Sentence] = []
        band = None
        for unit in chosen:  # written in reading order, so no two sentences in a row open alike
            if paragraph and (_band(k[id(unit)], unit) != band or len(paragraph) == SENTENCES_PER_PARAGRAPH):
                section3.append(Paragraph(tuple(paragraph), 0))
                paragraph = []
                writer.paragraph_break()
            band = _band(k[id(unit)], unit)
            paragraph.append(writer.sentence(unit))
        if paragraph:
            section3.append(Paragraph(tuple(paragraph), 0))
    if not views:
        text = (
            "[No views from the floor have been recorded for this panel.]"
            if n
            else "[No interventions from the floor have been recorded for this panel.]"
        )
        section3.append(Paragraph((Sentence(text),), role="placeholder"))

    section4: list[Heading | Paragraph] = []
    if proposals:
        writer.paragraph_break()
        written = [writer.sentence(u, refer_back=False) for u in proposals]
        items = tuple(
            replace(s, text=text)
            for s, text in zip(written, lang.punctuate_items([s.text for s in written]), strict=True)
        )
        lead = Sentence("In the course of the discussion, the following recommendations were made:")
        section4.append(Paragraph((lead,), 0, items=items))
    else:
        section4.append(
            Paragraph((Sentence("[No recommendations from the floor have been recorded.]"),), role="placeholder")
        )
    return section3, section4, n
