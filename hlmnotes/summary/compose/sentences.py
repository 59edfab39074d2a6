"""Units as sentences: who is said to have made a point, how many, and in which words.

``Writer`` turns one set of speakers' units into sentences for one panel: the quantifier phrase
recomputable from k and N (rotated among a row's interchangeable phrases, "other" when the sentence
before had the same phrase and different speakers), the speakers named or counted as the
attribution style says, several points of the same speakers joined ("… and called for …", then
"It also …"), and a bracketed placeholder for a line the editorial gate holds back. Every word is
the ``Locale``'s. Where the sentences go, and in which order, is ``discussion``'s.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ...domain.model import SavedIntervention
from ...domain.reference import Reference
from ..blocks import Sentence, Source
from ..locale import ENGLISH, Locale, Quantifier
from . import language as lang
from .points import Unit, Voice, _key, point_voices

NAMED_LIMIT = 8  # named style lists at most this many delegations, then "Most speakers, including …"
PREDICATES = 3  # points of one set of speakers joined in one sentence before "It also…"
SPECIFICS = 4  # points of a topic gathered in its sentence; the others follow in one more
# Named style names these categories directly ("Belgium called for…", "UNODC noted…"); civil society,
# academia, the private sector and the media are introduced as "The representative of …".
NAMED_DIRECTLY = frozenset({"member_state", "observer_state", "un_entity", "igo"})


class Writer:
    """Turns units into sentences for one panel, rotating the interchangeable quantifier phrases."""

    def __init__(self, reference: Reference, n: int, attribution: str, zone: dt.tzinfo, locale: Locale = ENGLISH):
        self.reference = reference
        self.locale = locale
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
        # A point's source and predicate, made once: a point phrased as a call is written again in section
        # IV, and a cluster again when its paragraph re-opens.
        self.sources: dict[tuple[int, str, str], Source] = {}
        self.predicates: dict[tuple[str, str], tuple[str, bool]] = {}
        # The quantifier table's row label for k, and the wording for (k, category, turn): the same few
        # dozen answers for thousands of sentences of one panel (N, the table and the locale are fixed).
        self.rows: dict[int, Quantifier | None] = {}
        self.quantified: dict[tuple[int, str | None, int], lang.Quantified] = {}

    def paragraph_break(self) -> None:
        """A new paragraph or list starts: its first sentence names its speakers and opens in full."""
        self.previous = None
        self.speakers = None

    def sentence(self, unit: Unit, *, refer_back: bool = True) -> Sentence:
        """``unit`` as one sentence (a list's sub-item); ``refer_back=False`` names the speakers even
        when the sentence before had the same ones."""
        return self.sentences([unit], refer_back=refer_back)[0]

    def sentences(self, cluster: Sequence[Unit], *, refer_back: bool = True) -> list[Sentence]:
        """The points of one set of speakers as one voice: "One Member State urged States to follow the
        money and called for transparency in supply chains." Up to ``PREDICATES`` points share a
        sentence; further ones follow as "It also…" / "They also…", so a paragraph never has two
        sentences opening with the same "One …". Every unit of ``cluster`` has the same voices.
        A point the editorial gate holds back is a bracketed placeholder of its own."""
        lead = cluster[0]
        voices, dropped = lead.voices(self.reference)
        k = len(voices)
        categories = {v.category for v in voices if not v.group}
        category = categories.pop() if len(categories) == 1 and all(not v.group for v in voices) else None
        words = self.locale
        turn = self.turns[_label(self.row(k))]
        quantified = self.quantify(k, category, turn)
        self.turns[quantified.row.label] += 1
        phrase = self.varied(quantified, voices, category, turn)
        quantifier = words.quantifier_row.format(phrase=phrase, row=quantified.row.label)
        named = self.attribution == "named"
        speakers = frozenset((_key(v.delegation), _key(v.group)) for v in voices) if named else None
        notes: list[str] = []
        named_again = named and refer_back and speakers == self.speakers
        if named_again:
            subject = _again(voices, words)
            notes.append(_same_as_before(subject, self.subject(voices, phrase), words))
        else:
            subject = self.subject(voices, phrase)
        self.speakers = speakers
        notes += [words.not_counted_again.format(delegation=d, group=lang.with_article(g, words)) for d, g in dropped]
        if len(cluster) == 1 and lead.screened is None:  # most clusters: one clean point, one sentence
            return [self._one(lead, subject, notes, named_again, k, quantifier)]
        clean = [u for u in cluster if u.screened is None]
        worded = [(u, *self.predicate(u)) for u in clean]
        # Reworded fragments ("made the following point: …") stand alone; the others share sentences.
        chunks = [worded[i : i + PREDICATES] for i in range(0, len(worded), PREDICATES)]
        chunks = [c for chunk in chunks for c in _split_reworded(chunk)]
        out: list[Sentence] = []
        for index, chunk in enumerate(chunks):
            # "noted X and stressed Y", not "… and also stressed Y": the sentence already joins them.
            predicates = [p if i == 0 else _without_also(p) for i, (_, p, _) in enumerate(chunk)]
            follow_on = index > 0 or named_again
            if follow_on and not _opens_with_also(predicates[0]):  # "It also…", then "It further…", in turn
                predicates[0] = words.also_predicates[max(index - 1, 0) % len(words.also_predicates)].format(predicates[0])
            who = subject if index == 0 else _again(voices, words, anonymous=self.attribution != "named")
            own = list(notes) if index == 0 else [_same_as_before(who, self.subject(voices, phrase), words)]
            if any(reworded for _, _, reworded in chunk):
                own.insert(0, words.please_rephrase)
            own += [
                (words.accepted_group_by if u.group_by else words.accepted_group).format(group=u.group, by=u.group_by)
                for u, _, _ in chunk
                if u.group is not None
            ]
            groups = [u.group for u, _, _ in chunk if u.group is not None]
            out.append(Sentence(
                text=lang.sentence(f"{who} {_joined(predicates, words)}"),
                sources=tuple(self.source(r, kind, text) for u, _, _ in chunk for r, kind, text in u.points),
                k=k, n=self.n, quantifier=quantifier, group=groups[0] if len(groups) == 1 else None, notes=tuple(own),
            ))  # fmt: skip
        for unit in cluster:
            if unit.screened is not None:
                who = subject.rstrip(",") if not out else words.same_speakers[k != 1]
                out.append(self.held_back(unit, who, quantifier))
        return out

    def topic(self, units: Sequence[Unit], lead: str, notes: Sequence[str] = ()) -> list[Sentence]:
        """A topic's discussion after its ``lead`` ("On the Trust Fund," or "" to open with the quantifier):
        "Some Member States announced a contribution to the Trust Fund and continued support for the Trust Fund".

        The quantifier counts every distinct floor speaker behind the topic and the comment lists every
        source; the sentence gathers at most ``SPECIFICS`` of its points, the most widely made first, and
        the others follow in the same comment as "They also …" (a short paragraph when the topic is large:
        one comment, so each source is listed once)."""
        ordered = sorted(units, key=lambda u: (-len(u.voices(self.reference)[0]), u.first_seq))
        voices, dropped = point_voices([r for u in units for r in u.records], self.reference)
        subject, quantifier = self.opening(voices)
        words = self.locale
        # after a lead, a quantifier or an article in lower case ("On X, most speakers, including …, the
        # Netherlands and …"); a name keeps its capital ("On X, Member State A and …")
        if lead and (self.attribution != "named" or len(voices) > NAMED_LIMIT
                     or subject.startswith(lang.capitalise(words.article.format(name="")))):  # fmt: skip
            subject = lang.lower_first(subject)
        own = [*notes, *(words.not_counted_again.format(delegation=d, group=lang.with_article(g, words)) for d, g in dropped)]
        if any(self.predicate(u)[1] for u in ordered):
            own.insert(0, words.please_rephrase)
        chunks = [ordered[i : i + SPECIFICS] for i in range(0, len(ordered), SPECIFICS)]
        said = []
        for index, chunk in enumerate(chunks):
            agreed = [self.plural(u, len(voices) > 1) for u in chunk]
            own += [note for _, note in agreed if note]
            predicates = _joined(_gathered([p for p, _ in agreed], words), words)
            who = (f"{lead} {subject}" if lead else subject) if index == 0 else _again(voices, words, anonymous=self.attribution != "named")
            said.append(lang.sentence(f"{who} {predicates if index == 0 else words.also_predicate.format(predicates)}"))
        sources = tuple(self.source(r, kind, t) for u in ordered for r, kind, t in u.points)
        return [Sentence(" ".join(said), sources, len(voices), self.n, quantifier, notes=tuple(own))]

    def divergent(self, unit: Unit) -> Sentence:
        """A divergent view right after the topic it qualifies: "One civil society representative, however,
        cautioned that …" (the quantifier from the table, so ``check`` can recompute it)."""
        voices, dropped = unit.voices(self.reference)
        subject, quantifier = self.opening(voices)
        words = self.locale
        notes = [words.not_counted_again.format(delegation=d, group=lang.with_article(g, words)) for d, g in dropped]
        predicate, reworded = self.predicate(unit)
        if reworded:
            notes.insert(0, words.please_rephrase)
        text = f"{words.however.format(subject=subject.rstrip(','))} {_joined([predicate], words)}"
        sources = tuple(self.source(r, kind, t) for r, kind, t in unit.points)
        return Sentence(lang.sentence(text), sources, len(voices), self.n, quantifier, notes=tuple(notes))

    def item(self, units: Sequence[Unit], notes: Sequence[str] = ()) -> Sentence:
        """A sub-item of section IV: the calls of several speakers on one topic, or one speaker's calls,
        read once ("One Member State called for establishing …, allocating … and publishing …"); past
        ``SPECIFICS`` calls, the most made are read and the comment lists every one."""
        voices, dropped = point_voices([r for u in units for r in u.records], self.reference)
        subject, quantifier = self.opening(voices)
        words = self.locale
        own = [*notes, *(words.not_counted_again.format(delegation=d, group=lang.with_article(g, words)) for d, g in dropped)]
        own += [
            (words.accepted_group_by if u.group_by else words.accepted_group).format(group=u.group, by=u.group_by)
            for u in units if u.group is not None
        ]  # fmt: skip
        ordered = sorted(units, key=lambda u: (-len(u.voices(self.reference)[0]), u.first_seq))
        agreed = [self.plural(u, len(voices) > 1) for u in ordered[:SPECIFICS]]
        own += [note for _, note in agreed if note]
        predicates = _gathered([p for p, _ in agreed], words)
        if len(ordered) > SPECIFICS:  # a sub-item is read out: its most made calls, the others in its comment
            predicates[-1] = words.among_others.format(predicates[-1])
        groups = [u.group for u in units if u.group is not None]
        sources = tuple(self.source(r, kind, t) for u in ordered for r, kind, t in u.points)
        text = lang.sentence(f"{subject} {_joined(predicates, words)}")
        return Sentence(text, sources, len(voices), self.n, quantifier, groups[0] if len(groups) == 1 else None,
                        tuple(own))  # fmt: skip

    def opening(self, voices: list[Voice]) -> tuple[str, str]:
        """Who a sentence is about, named or counted as the attribution style says, and the quantifier
        row it used (for the comment)."""
        k = len(voices)
        categories = {v.category for v in voices if not v.group}
        category = categories.pop() if len(categories) == 1 and all(not v.group for v in voices) else None
        turn = self.turns[_label(self.row(k))]
        quantified = self.quantify(k, category, turn)
        self.turns[quantified.row.label] += 1
        phrase = self.varied(quantified, voices, category, turn)
        self.speakers = None
        return self.subject(voices, phrase), self.locale.quantifier_row.format(phrase=phrase, row=quantified.row.label)

    def plural(self, unit: Unit, plural: bool) -> tuple[str, str]:
        """The unit's predicate and a note for the comment ("" for none); said of several speakers, a lone
        speaker's pronouns agree (``language.of_one``): "its" becomes "their", and an "it" meaning the
        speaker "one of them" (named style: its name), which the note asks staff to confirm."""
        predicate = self.predicate(unit)[0]
        voices = unit.voices(self.reference)[0]
        if not plural or len(voices) != 1:
            return predicate, ""
        words = self.locale
        v = voices[0]
        one = lang.with_article(v.group or v.delegation, words) if self.attribution == "named" else words.one_of_them
        agreed, pronoun = lang.of_one(predicate, one, words)
        return agreed, words.one_of_them_note.format(pronoun=pronoun, one=one) if pronoun else ""

    def _one(self, unit: Unit, subject: str, notes: list[str], named_again: bool, k: int, quantifier: str) -> Sentence:
        """``sentences`` for a cluster of one point the gate let through: the same sentence, made directly."""
        words = self.locale
        predicate, reworded = self.predicate(unit)
        if named_again and not _opens_with_also(predicate):
            predicate = words.also_predicate.format(predicate)
        if reworded:
            notes.insert(0, words.please_rephrase)
        if unit.group is not None:
            template = words.accepted_group_by if unit.group_by else words.accepted_group
            notes.append(template.format(group=unit.group, by=unit.group_by))
        source = self.source
        return Sentence(
            text=lang.sentence(f"{subject} {_joined([predicate], words)}"),
            sources=tuple([source(r, kind, text) for r, kind, text in unit.points]),
            k=k, n=self.n, quantifier=quantifier, group=unit.group, notes=tuple(notes),
        )  # fmt: skip

    def count(self, cluster: Sequence[Unit]) -> int:
        """How many sentences ``sentences(cluster)`` writes: it does not depend on what was written before."""
        if len(cluster) == 1:
            return 1
        worded = [(u, *self.predicate(u)) for u in cluster if u.screened is None]
        chunks = [worded[i : i + PREDICATES] for i in range(0, len(worded), PREDICATES)]
        return sum(len(_split_reworded(c)) for c in chunks) + sum(1 for u in cluster if u.screened is not None)

    def row(self, k: int) -> Quantifier | None:
        """The quantifier table's row for k voices of this panel's N (the first that applies), found once."""
        if k not in self.rows:
            self.rows[k] = next((r for r in self.locale.quantifiers if r.applies(k, self.n)), None)
        return self.rows[k]

    def quantify(self, k: int, category: str | None, turn: int) -> lang.Quantified:
        """``language.quantify`` for this panel's N and locale, worked out once for each k, category and
        phrase of the row (``turn`` counts on; the row's phrases rotate)."""
        row = self.row(k)
        if row is None:  # no row applies: quantify says so
            return lang.quantify(k, self.n, category=category, turn=turn, locale=self.locale)
        key = (k, category, turn % len(row.phrases))
        made = self.quantified.get(key)
        if made is None:
            made = self.quantified[key] = lang.quantify(k, self.n, category=category, turn=turn, locale=self.locale)
        return made

    def held_back(self, unit: Unit, who: str, quantifier: str) -> Sentence:
        """A raw note the editorial gate keeps out of the body: a bracketed placeholder, a "to rephrase"
        line for the staff note, and the original in the sources (the Word comment)."""
        screened = unit.screened
        assert screened is not None
        record = unit.points[0][0]
        return Sentence(
            text=screened.placeholder(who, self.locale),
            sources=tuple(self.source(r, kind, text) for r, kind, text in unit.points),
            k=len(unit.voices(self.reference)[0]), n=self.n, quantifier=quantifier, notes=(screened.note(self.locale),),
            rephrase=screened.line(f"#{record.id} {record.delegation}", self.locale),
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
            return lang.other(phrase, previous[2] + 1, self.locale)
        if len(quantified.row.phrases) > 1:
            return self.quantify(len(voices), category, turn + 1).phrase
        return phrase

    def subject(self, voices: list[Voice], phrase: str) -> str:
        words = self.locale
        if self.attribution == "named":
            if len(voices) == 1:
                v = voices[0]
                name = lang.with_article(v.delegation, words)
                if v.group:  # as the Earth Negotiations Bulletin writes it: "Egypt, for the African Group,"
                    return words.speaking_for.format(name=lang.capitalise(name), group=lang.with_article(v.group, words))
                if v.category in NAMED_DIRECTLY:  # "Belgium called for…", as the Earth Negotiations Bulletin writes
                    return lang.capitalise(name)
                return words.representative_of.format(name=name)
            names = [_named(v, words) for v in voices]
            if len(names) <= NAMED_LIMIT:
                return lang.join(names, locale=words)
            return words.including.format(phrase=lang.capitalise(phrase), names=lang.join(names[:3], locale=words))
        if len(voices) == 1 and voices[0].group:
            return words.group_statement
        return lang.capitalise(phrase)

    def predicate(self, unit: Unit) -> tuple[str, bool]:
        """``language.predicate`` of the unit's fragment: the words after the subject, and whether reworded."""
        key = (unit.fragment, unit.kind)
        made = self.predicates.get(key)
        if made is None:
            made = self.predicates[key] = lang.predicate(unit.fragment, unit.kind, self.locale)
        return made

    def source(self, record: SavedIntervention, kind: str, text: str) -> Source:
        key = (record.id, kind, text)
        made = self.sources.get(key)
        if made is None:
            started = record.started_at.astimezone(self.zone) if record.started_at and self.zone else record.started_at
            made = self.sources[key] = Source(  # by position: tens of thousands of them in a large meeting
                key[0], record.seq or 0, record.delegation, record.on_behalf_of, record.category, record.speaker,
                started, record.duration_s, record.rapporteur, kind, text,
            )  # fmt: skip
        return made


# Adverbs after which "also" would be redundant ("They also further stressed…").
_ALSO = {"also", "further", "furthermore", "again", "equally", "likewise", "moreover", "additionally"}


def _opens_with_also(predicate: str) -> bool:
    return predicate.split(" ", 1)[0].lower() in _ALSO


def _again(voices: list[Voice], words: Locale, *, anonymous: bool = False) -> str:
    """How a sentence refers back to exactly the speakers of the sentence before: "They" (several);
    for one, "It" in anonymous style (a delegation: "One Member State … It also…") or for a group
    statement or a State or organization named directly, else "The representative" (named style, after
    "The representative of X")."""
    if len(voices) > 1:
        return words.they
    return words.it if anonymous or voices[0].group or voices[0].category in NAMED_DIRECTLY else words.the_representative


def _same_as_before(pronoun: str, subject: str, words: Locale) -> str:
    return words.same_as_before.format(pronoun=pronoun, subject=subject.rstrip(","))


def _without_also(predicate: str) -> str:
    first, _, rest = predicate.partition(" ")
    return rest if first.lower() == "also" and rest else predicate


def _joined(predicates: list[str], words: Locale) -> str:
    """ "called for X", "called for X and stressed Y", "called for X, stressed Y and noted Z"; with
    semicolons when a predicate has commas of its own, and where one before the last has an "and" of its
    own, so that the last "and" is read as joining the predicates: "announced X and Y, and described Z"
    (not "announced X and Y and described Z"), "described X; stressed that goods and services …; and
    pointed to Z"."""
    anded = any(f" {words.conjunction} " in p for p in predicates[:-1])
    if len(predicates) == 2 and anded:
        return f"{predicates[0]}, {words.conjunction} {predicates[1]}"
    separator = ";" if len(predicates) > 2 and (anded or any("," in p for p in predicates)) else ","
    return lang.join(predicates, separator=separator, locale=words)


def _split_reworded(chunk: list[tuple[Unit, str, bool]]) -> list[list[tuple[Unit, str, bool]]]:
    """A chunk of predicates with each reworded one ("made the following point: …") on its own."""
    out: list[list[tuple[Unit, str, bool]]] = []
    for item in chunk:
        if item[2] or not out or out[-1][-1][2]:
            out.append([item])
        else:
            out[-1].append(item)
    return out


def _gathered(predicates: list[str], words: Locale = ENGLISH) -> list[str]:
    """Predicates that open with the same verb said once: "announced X", "announced Y" → "announced X and
    Y"; "called for X", "called for Y" → "called for X and Y". The order of first use is kept. Two short
    noun phrases ending alike name their shared object once: "a contribution to the Trust Fund" and
    "continued support for the Trust Fund" → "a contribution to and continued support for the Trust Fund"."""
    heads: dict[str, list[str]] = {}
    for predicate in predicates:
        split = predicate.split(" ", 2)
        cut = 2 if len(split) > 2 and split[1] in _LINKS else 1
        head, rest = " ".join(split[:cut]), " ".join(split[cut:])
        heads.setdefault(head if rest else predicate, []).append(rest)
    for head, rests in heads.items():  # "follow the money" said again inside "follow the money through …"
        ordered = sorted(set(rests))  # a rest's longer forms ("r …") sort right after it
        longer = {r for r, after in zip(ordered, ordered[1:], strict=False) if after.startswith(f"{r} ")}
        heads[head] = [r for r in rests if r not in longer]
    out = []
    for head, rests in heads.items():
        if rests == [""]:
            out.append(head)
        elif len(rests) == 2 and not head.endswith(tuple(f" {w}" for w in words.subordinators)):
            out.append(f"{head} {_shared_object(rests[0], rests[1], words) or lang.join(rests, locale=words)}")
        else:
            out.append(f"{head} {lang.join(rests, locale=words)}" if len(rests) > 1 else f"{head} {rests[0]}")
    return out


SHARED_OBJECT = 4  # words each noun phrase may have before the object they share ("continued support for")


def _shared_object(first: str, second: str, words: Locale) -> str:
    """ "a contribution to and continued support for the Trust Fund" for "a contribution to the Trust Fund"
    and "continued support for the Trust Fund": two noun phrases whose last words, a preposition then a
    determiner ("to the …") or a determiner after a preposition in both ("for the …"), are the same; ""
    when they do not end so, or one is longer than ``SHARED_OBJECT`` words before the shared part
    (a clause: "victims should be protected by the law")."""
    a, b = first.split(" "), second.split(" ")
    same = 0
    while same < min(len(a), len(b)) - 1 and a[-1 - same] == b[-1 - same]:
        same += 1
    for size in range(same, 1, -1):
        tail, prefixes = a[-size:], (a[:-size], b[:-size])
        if (tail[0] in words.prepositions and tail[1] in words.determiners) or (  # "… and funding for the police"
            tail[0] in words.determiners and all(p[-1] in words.prepositions for p in prefixes)  # "… to and … for the"
        ):
            if all(len(p) <= SHARED_OBJECT + 1 for p in prefixes):
                return f"{' '.join(prefixes[0])} {words.conjunction} {' '.join(prefixes[1])} {' '.join(tail)}"
            return ""
    return ""


_LINKS = frozenset({"for", "to", "that", "on"})


def _label(row: Quantifier | None) -> str:
    return row.label if row is not None else ""


def _named(v: Voice, words: Locale) -> str:
    name = lang.with_article(v.delegation, words)
    return words.named_for.format(name=name, group=lang.with_article(v.group, words)) if v.group else name
