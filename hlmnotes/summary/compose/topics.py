"""Topics: the floor points of a panel that are about one thing, whoever made them and in whatever words.

Real summaries group by what was said, not by who said it in what words: three speakers announcing
contributions to the Trust Fund in three wordings are one topic. A topic is keyed by what its points
share, and that key is what the Word comment names:

- a **term distinctive of this meeting's records**: a word (its lemma) that at least two speakers of
  the panel used and that few of the meeting's floor points use (at most ``COMMON_SHARE`` of them), so
  that the words of every point of a meeting ("trafficking", "victims") drop out by count, not by a
  list written for one meeting; or
- a **codebook theme** whose cues (phrases, matched on lemmas) the points' own words contain.

Each point takes the key that is most specific (fewest of the meeting's points use it) among those it
shares with another speaker; the rapporteurs' theme tags and the guiding question the point is filed
under break ties between keys of like specificity. A key that ends up with one speaker's points only
is dropped and its points choose again, so every topic has at least two voices. The words a point
opens with (its reporting verb, "called for", "stressed") and the function words of the language
(``Locale.function_words``) are never keys. Divergent views, lines the editorial gate holds back and
points a person grouped (accepted groups) are not put in topics: they stay as they are.

Building is linear in the points: one pass to count the meeting's terms, one per panel to gather
each key's points, and a few passes of choosing (each point looks only at its own keys).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ...domain.codebook import Codebook
from ...domain.model import PODIUM, SavedIntervention
from ...domain.points import PointKey
from ...domain.reference import Reference
from ...domain.text import fold, lines
from ..locale import ENGLISH, Locale
from . import grammar
from .points import Unit, clauses, lemma

COMMON_SHARE = 0.1  # a term in more of the meeting's floor points than this is common to the meeting
TAGGED = 1.0  # what a rapporteur's theme tag (or the point's filed question) adds to a key's specificity
FILED = 0.25  # … the question most of the key's points are filed under
ASKED = 0.5  # … the text of the question the point is filed under speaking of the key
ALONGSIDE = 0.5  # … each other distinctive term (two at most) the point shares with the key's other points
SUPPORT = 1.0  # what each doubling of the speakers holding a key adds
THEME = 1.0  # a codebook theme's cues are a weaker bond than one shared term of like frequency
_ROUNDS = 16  # choosing again after keys were dropped settles in a few rounds; this bounds it

_POSSESSIVE = re.compile(r"['’]s$")  # "the Trust Fund's small grants" names "the Trust Fund"
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:\.\d+)*")


class Key(NamedTuple):
    """What a topic's points share: a term (``kind`` "term", ``value`` its lemma) or a codebook theme
    (``kind`` "theme", ``value`` its id). A tuple: tens of thousands of points look their keys up."""

    kind: str
    value: str


@dataclass(slots=True)
class Topic:
    """Units of one panel about one thing, the key they share and its ``label``: a term as the first point
    writes it ("investigations", "Trust"), a theme's codebook label."""

    key: Key
    label: str
    units: list[Unit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Words:
    """A point's words as the topic search reads them: the lemmas in order (cues are matched on
    them), where its distinctive-term candidates are (``at``: the token of each, first use of a lemma
    first) and the codebook themes it mentions.

    Kept for every floor clause of the meeting (``Vocabulary.words``), so it holds no more than that:
    the lemmas are the lemmatiser's shared strings, positions are small integers, and a term as written
    is read again from ``text`` when a topic's label needs it (a copy of each token in every point was
    a third of a 50,000-intervention draft's memory)."""

    text: str
    lemmas: tuple[str, ...]
    at: tuple[int, ...]
    themes: frozenset[str]

    @property
    def terms(self) -> tuple[str, ...]:
        """The distinctive-term candidates (lemmas), in the order the point first uses them."""
        lemmas = self.lemmas
        return tuple(lemmas[i] for i in self.at)

    def written(self, term: str) -> str:
        """``term`` (one of ``terms``) as the point writes it ("investigations", "Trust")."""
        lemmas = self.lemmas
        index = next(i for i in self.at if lemmas[i] == term)
        return _TOKEN.findall(self.text)[index]


class Vocabulary:
    """The meeting's floor points counted once: how many points use each term and each theme.

    Built from every floor line of the meeting's records (all panels), so a term is judged against the
    meeting it was said in; ``words`` reads one point (cached by its text)."""

    def __init__(self, records: Iterable[SavedIntervention], codebook: Codebook, locale: Locale = ENGLISH):
        self.function_words = frozenset(locale.function_words)
        records = list(records)
        # The words of the delegations' own names ("Member State A", "Qatar", "Group of 77"): a point that
        # names a delegation is not about the same thing as another that names it.
        self.names = frozenset(
            lemma(fold(w)) for r in records for name in (r.delegation, r.on_behalf_of) for w in _TOKEN.findall(name)
        )
        self.cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # a cue's first lemma → (its lemmas, theme)
        self.theme_cues: dict[str, list[tuple[str, ...]]] = {}
        self.cue_themes: dict[str, set[str]] = {}  # a lemma → the themes it is a one-word cue of
        for theme in codebook.themes:
            for cue in theme.cues:
                lemmas = tuple(lemma(w) for w in _TOKEN.findall(fold(cue)))
                if lemmas:
                    self.cues.setdefault(lemmas[0], []).append((lemmas, theme.id))
                    self.theme_cues.setdefault(theme.id, []).append(lemmas)
                    if len(lemmas) == 1:  # "investigations", not the "investigations" of "financial investigations"
                        self.cue_themes.setdefault(lemmas[0], set()).add(theme.id)
        self.labels = {t.id: t.label for t in codebook.themes}
        self.shorts = {t.id: t.short for t in codebook.themes}  # a theme in running text, "" where none is given
        self._words: dict[str, Words] = {}
        self._themes: dict[frozenset[str], frozenset[str]] = {}  # one instance of each set of themes
        self.terms: Counter[str] = Counter()
        self.themes: Counter[str] = Counter()
        self.points = 0
        for r in records:
            if r.category in PODIUM:
                continue
            for value in (r.key_points, r.recommendations):
                for line in lines(value):
                    for clause in clauses(line):
                        found = self.words(clause)
                        self.points += 1
                        self.terms.update(found.terms)
                        self.themes.update(found.themes)
        self.common = max(2, math.floor(COMMON_SHARE * self.points))

    def words(self, text: str) -> Words:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = self._read(text)
        return found

    def _read(self, text: str) -> Words:
        tokens = _TOKEN.findall(text)
        lowered = [t.casefold() if t.isascii() else fold(t) for t in tokens]
        lemmas = tuple(map(lemma, lowered))
        at: dict[str, int] = {}
        verb = _verb_at(tokens)
        for index, (token, low, word) in enumerate(zip(tokens, lowered, lemmas, strict=True)):
            if index == verb or not _content(token, low, word, self.function_words):
                continue
            if token[:1].isupper() and word in self.names:
                continue
            at.setdefault(word, index)
        themes = set()
        for i, word in enumerate(lemmas):
            for cue, theme in self.cues.get(word, ()):
                if lemmas[i : i + len(cue)] == cue:
                    themes.add(theme)
        shared = self._themes.setdefault(frozenset(themes), frozenset(themes))
        return Words(text, lemmas, tuple(at.values()), shared)

    def specificity(self, key: Key) -> float:
        """How few of the meeting's points hold the key: log(points / points with it)."""
        used = self.terms[key.value] if key.kind == "term" else self.themes[key.value]
        return math.log(max(self.points, 1) / max(used, 1))

    def distinctive(self, term: str) -> bool:
        return self.terms[term] <= self.common

    def themes_of(self, key: Key) -> set[str]:
        """The codebook themes a key speaks for: its own, or those with a cue holding the term."""
        return {key.value} if key.kind == "theme" else self.cue_themes.get(key.value, set())


def _content(token: str, low: str, word: str, function_words: frozenset[str]) -> bool:
    """A word that can say what a point is about: not a function word of the language (``low``: the token
    folded, ``word``: its lemma), not a number, at least three letters (an acronym of two capitals, "UN")."""
    if token.isdigit() or word in function_words or low in function_words:
        return False
    return len(token) >= 3 or (len(token) == 2 and token.isupper())


def _verb_at(tokens: Sequence[str]) -> int:
    """The index of the reporting verb a fragment opens with ("also stressed…": 1), or -1."""
    for index, token in enumerate(tokens[:3]):
        lowered = token.lower()
        if lowered.endswith("ed") or lowered in _OPENING_IRREGULAR:
            return index
        if not lowered.endswith("ly") and lowered not in ("also", "further"):
            return -1
    return -1


_OPENING_IRREGULAR = frozenset({"said", "drew", "made", "gave", "took", "saw", "spoke", "laid", "put", "set", "held"})


def topics(
    units: Sequence[Unit], vocabulary: Vocabulary, reference: Reference, *,
    questions: Mapping[int, str] | None = None, apart: Sequence[frozenset[PointKey]] = (),
) -> tuple[list[Topic], list[Unit]]:  # fmt: skip
    """The panel's ``units`` as topics (each of at least two voices) and the units in no topic.

    Divergent units, units the editorial gate holds back and accepted groups are never put in a topic.
    ``questions`` are the panel's guiding questions (number → text): a key the question a point is filed
    under speaks of breaks a tie. ``apart`` are the point sets a person rejected as one (Review): a point
    named in one never joins a topic holding another point of it.
    """
    eligible = [u for u in units if not u.divergent and u.screened is None and u.group is None]
    rest = [u for u in units if not (not u.divergent and u.screened is None and u.group is None)]
    # Every structure below is kept for each point of the panel at once (tens of thousands in a large
    # meeting), so each holds shared objects: one int per point for the dicts' keys, one Key per term or
    # theme, one set of voices per set of speakers; a point's theme tags are read where they are used.
    ids = [id(u) for u in eligible]
    keys_of: dict[int, tuple[Key, ...]] = {}
    holders: dict[Key, list[Unit]] = {}
    made: dict[tuple[str, str], Key] = {}
    for i, u in zip(ids, eligible, strict=True):
        found = vocabulary.words(u.fragment)
        keys = [("term", t) for t in found.terms
                if vocabulary.distinctive(t) and len(vocabulary.cue_themes.get(t, ())) != 1]  # fmt: skip
        keys += [("theme", t) for t in sorted(found.themes)]
        keys_of[i] = tuple(made.get(k) or made.setdefault(k, Key(*k)) for k in keys)
        for key in keys_of[i]:
            holders.setdefault(key, []).append(u)
    sets: dict[frozenset[str], frozenset[str]] = {}
    voices = {}
    for i, u in zip(ids, eligible, strict=True):
        who = frozenset(v.key for v in u.voices(reference)[0])
        voices[i] = sets.setdefault(who, who)
    alive = {
        key
        for key, them in holders.items()
        if len(them) > 1 and len(frozenset().union(*(voices[id(u)] for u in them))) > 1
    }
    question = {i: u.question for i, u in zip(ids, eligible, strict=True)}
    asked = {number: vocabulary.words(text) for number, text in (questions or {}).items()}
    support = {key: len(frozenset().union(*(voices[id(u)] for u in holders[key]))) for key in alive}
    # The other distinctive terms a key's points hold, counted over them: two points sharing "Trust" and
    # "Fund", or "follow" and "money", are bound more tightly than by one word.
    around = {key: Counter(k.value for u in holders[key] for k in keys_of[id(u)] if k.kind == "term") for key in alive}
    base = {
        key: vocabulary.specificity(key) * (THEME if key.kind == "theme" else 1.0) + SUPPORT * math.log2(support[key])
        for key in alive
    }

    # Each point's keys ranked once: every part of a key's score is fixed by the records (dropping a key
    # changes no other key's score), so a round only walks each point's list to its first live key.
    modal = _modal_questions(holders, alive, question)
    ranked = keys_of  # each point's keys, replaced in place by its live keys, best first
    for i, u in zip(ids, eligible, strict=True):
        words = asked.get(question[i])  # type: ignore[arg-type]
        place = {w: n for n, w in enumerate(vocabulary.words(u.fragment).lemmas)}
        tags = {t for r in u.records for t in r.themes}
        terms = [k.value for k in keys_of[i] if k.kind == "term"]
        scored = [
            (base[key] + TAGGED * bool(tags & vocabulary.themes_of(key))
             + FILED * (question[i] is not None and question[i] == modal.get(key))
             + ASKED * (words is not None and _holds(words, key))
             + ALONGSIDE * min(2, sum(1 for t in terms if t != key.value and around[key][t] > 1)),
             # on a tie a term over a theme, and the term later in the point (the object, not "States" before it)
             key.kind == "term", place.get(key.value, -1), key.value, key)
            for key in keys_of[i] if key in alive
        ]  # fmt: skip
        ranked[i] = tuple(s[-1] for s in sorted(scored, key=lambda s: s[:4], reverse=True))
    chosen: dict[int, Key | None] = {}
    for _ in range(_ROUNDS):
        for i in ids:
            chosen[i] = next((key for key in ranked[i] if key in alive), None)
        members: dict[Key, set[str]] = {}
        held: Counter[Key] = Counter()
        for u in eligible:
            taken = chosen[id(u)]
            if taken is not None:
                members.setdefault(taken, set()).update(voices[id(u)])
                held[taken] += 1
        # one speaker's points, or one point however many made it (already one sentence), are no topic
        lonely = {key for key, who in members.items() if len(who) < 2 or held[key] < 2}
        if not lonely:
            break
        # A lonely key whose other points chose keys as lonely could still gather two speakers: kept a round
        # longer, while the keys that cannot are dropped (the weakest one, when every lonely key could).
        hopeless = {key for key in lonely if not _could(key, holders, chosen, lonely, voices)}
        alive -= hopeless or {min(lonely, key=lambda k: (base[k], k.kind, k.value))}
    by_key: dict[Key, Topic] = {}
    out: list[Topic] = []
    single: list[Unit] = []
    for u in eligible:
        taken = chosen.get(id(u))
        if taken is None or taken not in alive:
            single.append(u)
            continue
        topic = by_key.get(taken)
        if topic is None:
            kind, value = taken
            label = vocabulary.words(u.fragment).written(value) if kind == "term" else vocabulary.labels[value]
            topic = by_key[taken] = Topic(taken, label)
            out.append(topic)
        topic.units.append(u)
    for topic in out:  # a word joins points only where the codebook does not say they are about different things
        if topic.key.kind == "term":
            stray = _other_themes(topic.units, vocabulary)
            single += stray
            topic.units = [u for u in topic.units if all(u is not x for x in stray)]
    for topic in out:  # the rounds ran out: a key still lonely makes no topic
        if len(topic.units) < 2 or len({v for u in topic.units for v in voices[id(u)]}) < 2:
            single += topic.units
    out = [t for t in out if len(t.units) > 1 and len({v for u in t.units for v in voices[id(u)]}) > 1]
    if apart:
        for topic in out:
            dropped = _kept_apart(topic.units, apart)
            single += dropped
            topic.units = [u for u in topic.units if all(u is not d for d in dropped)]
        single += [u for t in out if len({v for u in t.units for v in voices[id(u)]}) < 2 for u in t.units]
        out = [t for t in out if len({v for u in t.units for v in voices[id(u)]}) >= 2]
    return out, [*single, *rest]


def _other_themes(members: list[Unit], vocabulary: Vocabulary) -> list[Unit]:
    """The points of a topic joined by a word whose own words name codebook themes, none of them the theme
    most of its points name: "victims" in "victims should not be punished" (non-punishment) and in "early
    identification of victims" (identification) is no topic."""
    named = [(u, vocabulary.words(u.fragment).themes) for u in members]
    counted = Counter(t for _, themes in named for t in sorted(themes))  # first named first, for ties
    if not counted:
        return []
    leading = max(counted, key=lambda t: counted[t])  # the first of the most named, on a tie
    return [u for u, themes in named if themes and leading not in themes]


def _kept_apart(members: list[Unit], apart: Sequence[frozenset[PointKey]]) -> list[Unit]:
    """The points a person's decisions take out of a topic: while two of its points are named apart (in one
    rejected set, as different lines), the one named apart from the most others leaves ("take a point out"
    in Review rejects it with each of the topic's other points, so it alone goes)."""
    named = [u for u in members if any(not u.keys.isdisjoint(n) for n in apart)]

    def clash(u: Unit, v: Unit) -> bool:
        return any((u.keys & n) - v.keys and (v.keys & n) - u.keys for n in apart)

    out: list[Unit] = []
    while True:
        counts = [(sum(clash(u, v) for v in named if v is not u), u.first_seq, i) for i, u in enumerate(named)]
        worst = max(counts, default=(0, 0, 0))
        if worst[0] == 0:
            return out
        out.append(named.pop(worst[2]))


def _could(
    key: Key,
    holders: dict[Key, list[Unit]],
    chosen: dict[int, Key | None],
    lonely: set[Key],
    voices: dict[int, frozenset[str]],
) -> bool:
    """Whether ``key`` would have two speakers' points if the points that chose lonely keys chose it."""
    free = [u for u in holders[key] if chosen.get(id(u)) in lonely]
    return len(free) > 1 and len(frozenset().union(*(voices[id(u)] for u in free))) > 1


def _holds(words: Words, key: Key) -> bool:
    """Whether a text's words hold ``key``: its term, or one of its theme's cues."""
    return key.value in words.themes if key.kind == "theme" else key.value in words.lemmas


def _modal_questions(
    holders: dict[Key, list[Unit]], alive: set[Key], question: dict[int, int | None]
) -> dict[Key, int]:
    """Each live key's most common question among the units holding it (the lowest on a tie)."""
    out = {}
    for key in alive:
        counted = Counter(q for q in (question[id(u)] for u in holders[key]) if q is not None)
        if counted:
            out[key] = min(counted, key=lambda q: (-counted[q], q))
    return out


def question_of(units: Iterable[Unit]) -> int | None:
    """The question a topic is written under: where most of its points are filed (the lowest on a tie)."""
    filed = Counter(q for u in units for q in u.filed if q is not None)
    return min(filed, key=lambda q: (-filed[q], q)) if filed else None


def qualified(unit: Unit, found: Sequence[Topic], vocabulary: Vocabulary) -> Topic | None:
    """The topic a divergent view qualifies: the one whose key its words hold (the most specific key,
    then the largest topic); None when it shares no topic's key. Looks up only the view's own words."""
    by_key = {(t.key.kind, t.key.value): t for t in found}
    words = vocabulary.words(unit.fragment)
    held = [
        by_key[k] for k in [*(("term", t) for t in words.terms), *(("theme", t) for t in words.themes)] if k in by_key
    ]
    return max(held, key=lambda t: (vocabulary.specificity(t.key), len(t.units)), default=None)


def subject(topic: Topic, vocabulary: Vocabulary) -> str:
    """What a topic is about, as a paragraph's lead names it ("On national referral mechanisms, …"), or ""
    when it has no noun phrase to name it by.

    A theme: the theme's cue most of its points hold, as the first of them writes it ("the Trust Fund"),
    else the codebook's short form of the theme ("the identification of victims"); never the label as it
    stands, a heading ("Identification of victims", "2030 Agenda and SDG targets 5.2, 8.7, 16.2"), which
    does not read as a noun phrase in running text. A term: the longest run of content words around it
    that most of the topic's points share, as the first of them writes it ("national referral
    mechanisms"), with "the" before a singular ("the Palermo Protocol")."""
    key = topic.key
    if key.kind == "theme":
        return _cue_named(topic, vocabulary) or vocabulary.shorts.get(key.value, "")
    counted: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], str] = {}
    for u in topic.units:
        found = vocabulary.words(u.fragment)
        tokens = _TOKEN.findall(u.fragment)
        terms = set(found.terms)
        content = [w in terms for w in found.lemmas]
        seen = set()
        for i, word in enumerate(found.lemmas):
            if word != key.value:
                continue
            for start in range(max(0, i - 2), i + 1):
                for end in range(i + 1, min(len(tokens), start + 3) + 1):
                    if all(content[start:end]):
                        gram = found.lemmas[start:end]
                        seen.add(gram)
                        written.setdefault(gram, " ".join(tokens[start:end]))
                        if tokens[end - 1].endswith("s"):  # a plural reads without an article
                            written[gram] = " ".join(tokens[start:end])
        counted.update(seen)
    shared = [g for g, c in counted.items() if c >= 2] or [(key.value,)]
    best = max(shared, key=lambda g: (counted[g], len(g)))
    phrase = written.get(best, topic.label)
    return _article(phrase) if _reads_bare(phrase) else f"the {phrase}"


def _cue_named(topic: Topic, vocabulary: Vocabulary) -> str:
    """A theme topic's subject in its points' own words: the theme's cue most of them hold ("the Trust Fund",
    "supply chains"), as the first of them writes it, when it ends in a noun; "" otherwise."""
    theme = topic.key.value
    counted: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], str] = {}
    for u in topic.units:
        lemmas = vocabulary.words(u.fragment).lemmas
        spans: list[tuple[int, int]] | None = None
        held = set()
        for i, word in enumerate(lemmas):
            for cue, of in vocabulary.cues.get(word, ()):
                if of != theme or cue in held or lemmas[i : i + len(cue)] != cue:
                    continue
                held.add(cue)
                spans = spans or [m.span() for m in _TOKEN.finditer(u.fragment)]
                surface = _POSSESSIVE.sub("", u.fragment[spans[i][0] : spans[i + len(cue) - 1][1]])
                if cue not in written or (surface.endswith("s") and not written[cue].endswith("s")):
                    written[cue] = surface  # the plural, where a point writes it so, reads without an article
        counted.update(held)
    # a cue that ends in a noun and reads as it is; an acronym alone ("SDG") needs the words around it
    named = [c for c in counted if _names(written[c]) and not (len(c) == 1 and written[c].isupper())]
    if not named:
        return ""
    best = max(named, key=lambda c: (counted[c], len(c), written[c]))
    return _article(written[best]) if 2 * counted[best] > len(topic.units) else ""  # most of them, not half


def _names(phrase: str) -> bool:
    last = phrase.split()[-1]
    return ("NOUN" in _readings(last) or (last[:1].isupper() and not _readings(last))) and _reads_bare(phrase)


_MASS = ("tion", "sion", "ment", "ity", "ness", "ance", "ence", "ing", "ism", "ure", "data")


def _reads_bare(phrase: str) -> bool:
    """Whether a noun phrase reads after "With regard to" as written: a plural, a name, or an abstract
    noun ("identification", "impunity"); not a singular count noun ("campaign")."""
    last = phrase.split()[-1]
    return last.endswith("s") or last[:1].isupper() or last.lower().endswith(_MASS)


def _readings(word: str) -> frozenset[str]:
    return grammar.readings(word)  # lemminflect's, kept in the user's cache: a warm draft does not load it


def _article(phrase: str) -> str:
    """ "the" before a name ("the Palermo Protocol", "the 2030 Agenda"), none before a common noun or an
    acronym ("supply chains", "demand", "ICAT")."""
    first = phrase.split(" ", 1)[0]
    if first[:1].isdigit() or (first[:1].isupper() and not first.isupper()):
        return f"the {phrase}"
    return phrase


def shared_calls(calls: Sequence[Unit], vocabulary: Vocabulary) -> list[list[Unit]]:
    """A topic's calls as the calls that are one call: those linked by a word distinctive of the meeting
    (a theme gathers "follow the money" and "train investigators" in one topic, but they are two calls)."""
    owner = list(range(len(calls)))

    def root(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    first: dict[str, int] = {}
    for i, u in enumerate(calls):
        for term in vocabulary.words(u.fragment).terms:
            if vocabulary.distinctive(term):
                owner[root(i)] = root(first.setdefault(term, i))
    out: dict[int, list[Unit]] = {}
    for i, u in enumerate(calls):
        out.setdefault(root(i), []).append(u)
    return list(out.values())


def shared_terms(topic: Topic, vocabulary: Vocabulary) -> list[str]:
    """The distinctive terms every point of a topic holds, its key first, as the first point writes them."""
    read = [vocabulary.words(u.fragment) for u in topic.units]
    held = [w.terms for w in read]
    common = [t for t in held[0] if vocabulary.distinctive(t) and all(t in h for h in held[1:])] if held else []
    ordered = sorted(common, key=lambda t: t != topic.key.value)
    return [read[0].written(t) for t in ordered] or [topic.label]
