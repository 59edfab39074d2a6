"""Points as the unit of a summary: what counts as the same point, and which guiding question it is about.

A point is one line of an intervention's key points or recommendations. Two points are the same
point without anyone grouping them when their meaning-carrying words are the same after
normalisation: case, accents, articles and function words, reporting verbs ("called for",
"stressed"), and inflection ("the strengthening of national referral mechanisms" = "strengthening
national referral mechanisms"). Inflection is undone with ``simplemma`` (MIT, its English dictionary
ships inside the package: nothing is downloaded at run time) rather than with hand-made suffix rules. A person's rejection of a proposed group is honoured: points it names are
never merged automatically.

An intervention tagged with several guiding questions does not file all its points under the
first: each point goes to the tagged question its words are most about, scored against the
question's text and the codebook cues of the themes the question mentions, each word weighted by
how few of the panel's questions share it. A rapporteur overrides the suggestion in Review by
starting the line with the question: ``Q5: called for financial investigations``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from ...domain.codebook import Theme
from ...domain.model import PODIUM, SavedIntervention
from ...domain.points import PointGroup, PointKey, RejectedGroup
from ...domain.programme import Question
from ...domain.reference import Reference
from ...domain.text import fold, lines
from ..locale import ENGLISH
from .gate import Screened, screen
from .grouping import normalise, stored_groups

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION = ENGLISH.function_words
_FILED = re.compile(r"^\s*\[?\s*Q(?:uestion)?\s*(\d{1,2})\s*\]?\s*[:.)\]-]?\s+", re.IGNORECASE)


@functools.cache
def _lemmatizer() -> Any:
    """simplemma's English lemmatiser over its dictionary as a MARISA trie (``TrieDictionaryFactory``).

    Its default dictionary is decoded from a compressed stream into a Python dict on every start,
    half a second of every summary command; the trie holds the same entries, is built once per
    simplemma version into the user's cache folder (simplemma's own cache, rebuilt if damaged or
    unwritable) and then loads in milliseconds. The strategies, and so every lemma, are simplemma's
    defaults. Imported here, on first use, so importing the summary package stays cheap; a missing
    package is an ImportError (``make install``), never a silently different draft."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=TrieDictionaryFactory()))


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of an English word ("mechanisms" → "mechanism", "strengthening" → "strengthen").

    A NUL is dropped first: the trie's keys are C strings, and a lookup holding one reads past the key
    (UnicodeDecodeError) — a pasted note with a stray NUL must not stop the draft.
    """
    word = word.replace("\x00", "")
    return str(_lemmatizer().lemmatize(word, "en")) if word else word


@functools.lru_cache(maxsize=65536)
def same_point_key(text: str) -> str:
    """The key under which two lines are the same point: meaning-carrying words, folded and lemmatised, in order."""
    return " ".join(map(lemma, normalise(text).split()))


_CALL = re.compile(
    r",?\s+and\s+(?=(?:also\s+)?(?:called|urged|recommended|proposed|appealed|advocated|encouraged|requested)\b)"
)


def clauses(line: str) -> list[str]:
    """A line as its clauses, a call inside a longer line split out: "described X and called for Y" →
    ["described X", "called for Y"]. A line that opens with its call, or holds none, is one clause."""
    parts = _CALL.split(line)
    return [p.strip() for p in parts if p.strip()] if len(parts) > 1 else [line]


def filed_under(text: str) -> tuple[int | None, str]:
    """A rapporteur's explicit question for a line ("Q5: …") and the line without it."""
    match = _FILED.match(text)
    if not match:
        return None, text
    return int(match.group(1)), text[match.end() :]


def _words(text: str) -> set[str]:
    # The language's function words say nothing of a question; words every question shares ("trafficking")
    # weigh little by count (``QuestionMatcher``), not by a list written for one meeting.
    return {lemma(w) for w in _WORD.findall(fold(text)) if w not in _FUNCTION and len(w) > 2}


class QuestionMatcher:
    """Suggests which of a panel's guiding questions a point is about.

    Built once per panel from the questions' text and the codebook (a question's vocabulary is its
    own words plus the cues of every theme whose cues or label it mentions); ``suggest`` costs one
    pass over the point's words, so filing every point of a panel stays linear.
    """

    def __init__(self, questions: Sequence[Question], themes: Iterable[Theme] = ()):
        self.numbers = [q.number for q in questions]
        themes = list(themes)
        vocabularies: dict[int, set[str]] = {}
        for q in questions:
            words = _words(q.text)
            text = f" {fold(q.text)} "
            for theme in themes:
                cues = [fold(c) for c in theme.cues]
                if any(f" {c}" in text for c in cues) or _words(theme.label) & words:
                    words |= {w for c in cues for w in _words(c)}
            vocabularies[q.number] = words
        share: dict[str, int] = {}
        for words in vocabularies.values():
            for w in words:
                share[w] = share.get(w, 0) + 1
        self.weights = {
            number: {w: 1.0 / share[w] for w in words} for number, words in vocabularies.items()
        }  # fmt: skip

    def scores(self, text: str, among: Iterable[int]) -> dict[int, float]:
        words = _words(text)
        # map over dict.get: the same weights added in the same order as a generator would, without one
        # Python frame per word (this runs for every point of an intervention tagged with several questions)
        return {q: sum(map(self.weights.get(q, {}).get, words, repeat(0.0))) for q in among}

    def suggest(self, text: str, tagged: Sequence[int]) -> int | None:
        """The question ``text`` is filed under: an explicit "Q5:" if the panel has it; else among the
        intervention's ``tagged`` questions, the best-scoring one (the first tagged on a tie); None
        when the intervention has no question."""
        explicit, text = filed_under(text)
        if explicit is not None and explicit in self.numbers:
            return explicit
        tagged = [q for q in tagged if q in self.numbers] or list(tagged)
        if len(tagged) <= 1:
            return tagged[0] if tagged else None
        scores = self.scores(text, tagged)
        best = max(scores.values())
        return next(q for q in tagged if scores[q] == best)


# -- voices: who a point counts for ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Voice:
    key: str
    delegation: str
    group: str
    category: str


# The same few hundred delegation names come back for every point: fold each once.
_key = functools.lru_cache(maxsize=8192)(fold)


def voice_of(record: SavedIntervention) -> Voice:
    name = record.on_behalf_of or record.delegation
    return Voice(_key(name), record.delegation, record.on_behalf_of, record.category)


def panel_voices(records: Sequence[SavedIntervention]) -> list[Voice]:
    """N's voices: every distinct floor voice of the panel, in order of first speaking."""
    seen: dict[str, Voice] = {}
    for r in records:
        if r.category not in PODIUM:
            voice = voice_of(r)
            seen.setdefault(voice.key, voice)
    return list(seen.values())


def point_voices(records: Sequence[SavedIntervention], reference: Reference) -> tuple[list[Voice], list[tuple[str, str]]]:
    """k's voices behind one point, and the (delegation, group) pairs not counted again."""
    if len(records) == 1 and not records[0].on_behalf_of:
        return [voice_of(records[0])], []  # most points: one delegation speaking for itself, no member to drop
    seen: dict[str, Voice] = {}
    for r in sorted(records, key=lambda r: (r.seq or 0, r.id)):
        voice = voice_of(r)
        seen.setdefault(voice.key, voice)
    members: dict[str, str] = {}
    for v in seen.values():
        found = reference.find_group(v.group) if v.group else None
        if found is None:
            continue
        for m in found.members:
            members.setdefault(_key(reference.printed(m)), found.name)  # records carry the printed names
    kept = [v for v in seen.values() if v.group or v.key not in members]
    dropped = [(v.delegation, members[v.key]) for v in seen.values() if not v.group and v.key in members]
    return kept, dropped


# -- units: one sentence to be --------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """One sentence to be: a stored group or the same point made by one or more speakers.

    ``points`` are (record, kind, line as recorded) — the line is how stored groups and rejections
    name a point; ``filed`` is the question each point is filed under (None: the intervention has none).
    """

    fragment: str
    kind: str
    points: list[tuple[SavedIntervention, str, str]] = field(default_factory=list)  # (record, kind, text)
    group: int | None = None
    group_by: str = ""
    screened: Screened | None = None  # set when the editorial gate keeps the wording out of the body
    filed: list[int | None] = field(default_factory=list)
    _voices: tuple[list[Voice], list[tuple[str, str]]] | None = None

    def add(self, record: SavedIntervention, kind: str, text: str, question: int | None) -> None:
        self.points.append((record, kind, text))
        self.filed.append(question)
        if kind == "key_point":
            self.kind = "key_point"  # a unit with any key point is a view, not only a recommendation

    @property
    def records(self) -> list[SavedIntervention]:
        points = self.points
        if len(points) == 1:
            return [points[0][0]]
        return list({r.id: r for r, _, _ in points}.values())

    def voices(self, reference: Reference) -> tuple[list[Voice], list[tuple[str, str]]]:
        """k's voices and the members not counted again (computed once per unit)."""
        if self._voices is None:
            self._voices = point_voices(self.records, reference)
        return self._voices

    @property
    def first_seq(self) -> int:
        if len(self.points) == 1:
            return self.points[0][0].seq or 0
        return min(r.seq or 0 for r, _, _ in self.points)

    @property
    def divergent(self) -> bool:
        return all("divergent" in r.flags for r in self.records)

    @property
    def question(self) -> int | None:
        """The question the unit is written under: where most of its points are filed (the lowest on a tie)."""
        if len(self.filed) == 1:
            return self.filed[0]
        filed = Counter(q for q in self.filed if q is not None)
        return min(filed, key=lambda q: (-filed[q], q)) if filed else None

    @property
    def keys(self) -> set[PointKey]:
        return {PointKey(r.id, kind, text) for r, kind, text in self.points}


def units(
    records: Sequence[SavedIntervention], groups: Sequence[PointGroup],
    rejected: Sequence[RejectedGroup] = (), matcher: QuestionMatcher | None = None,
) -> list[Unit]:  # fmt: skip
    """The panel's floor points as units, panel-wide: one per accepted group, one per distinct point.

    Points that are the same after normalisation (``same_point_key``) are one unit without anyone
    grouping them, whichever question each was filed under and whether typed as a key point or a
    recommendation, so k counts every floor speaker of the panel who made the point; divergent views
    are never merged with the others. Points named together in a rejected proposal stay apart. A
    line the editorial gate holds back is a unit of its own.
    """
    claimed = stored_groups(groups)
    grouped = {key.text for key in claimed}  # a plain lookup first: most lines are in no group
    apart = [frozenset(g.members) for g in rejected]
    by_group: dict[int, Unit] = {}
    same: dict[tuple[bool, str], list[Unit]] = {}
    out: list[Unit] = []
    for r in records:
        if r.category in PODIUM:
            continue
        divergent = "divergent" in r.flags
        for kind, value in (("key_point", r.key_points), ("recommendation", r.recommendations)):
            for text in lines(value):
                question = matcher.suggest(text, r.questions) if matcher else (r.questions[0] if r.questions else None)
                group = claimed.get(PointKey(r.id, kind, text)) if text in grouped else None
                if group is not None:
                    unit = by_group.get(group.id)
                    if unit is None:
                        unit = by_group[group.id] = Unit(group.text, kind, group=group.id, group_by=group.by)
                        out.append(unit)
                    unit.add(r, kind, text, question)
                    continue
                screened = screen(filed_under(text)[1])
                if not screened.ok:  # never merged: staff rewrite it first
                    unit = Unit(screened.text, kind, screened=screened)
                    unit.add(r, kind, text, question)
                    out.append(unit)
                    continue
                for clause in clauses(screened.text):
                    candidates = same.setdefault((divergent, same_point_key(clause)), [])
                    if not apart:  # no rejected proposal in the panel: the first unit with that key
                        unit = candidates[0] if candidates else None
                    else:
                        unit = next((u for u in candidates if not _kept_apart(r, kind, text, u, apart)), None)
                    if unit is None:
                        unit = Unit(clause, kind)
                        candidates.append(unit)
                        out.append(unit)
                    unit.add(r, kind, text, question)
    return out


def _kept_apart(
    record: SavedIntervention, kind: str, text: str, unit: Unit, apart: Sequence[frozenset[PointKey]]
) -> bool:
    """Whether a person rejected a proposal that put this point together with a point of ``unit``."""
    key = PointKey(record.id, kind, text)
    return any(key in keys and not keys.isdisjoint(unit.keys) for keys in apart)
