"""Sections III and IV: the floor's points as sentences, each with a quantifier recomputable from the records.

A *voice* is who a point counts for: the group for a statement made on behalf of one, else the
delegation. k is the number of distinct voices behind a point, after dropping members of a group
whose statement is among them (the group is not counted again through its members); N is the
number of distinct floor voices in the panel. Points are units panel-wide (``points.units``):
accepted groups and points that are the same after normalisation are written once. A set of
speakers' several points in a section are one voice: one sentence, then "It also…".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..domain.model import PODIUM, Intervention, saved_id
from ..domain.text import fold
from . import language as lang
from .locale import ENGLISH, Locale
from .model import Heading, Paragraph, Sentence, Source
from .points import QuestionMatcher, Unit, Voice, _key, panel_voices, point_voices, units, voice_of
from .readout import shorten

__all__ = ["Writer", "discussion", "panel_voices", "point_voices", "units", "voice_of"]

NAMED_LIMIT = 8  # named style lists at most this many delegations, then "Most speakers, including …"
PREDICATES = 3  # points of one set of speakers joined in one sentence before "It also…"
# Named style names these categories directly ("Belgium called for…", "UNODC noted…"); civil society,
# academia, the private sector and the media are introduced as "The representative of …".
NAMED_DIRECTLY = frozenset({"member_state", "observer_state", "un_entity", "igo"})
SENTENCES_PER_PARAGRAPH = 3


class Writer:
    """Turns units into sentences for one panel, rotating the interchangeable quantifier phrases."""

    def __init__(self, reference: Any, n: int, attribution: str, zone: Any, locale: Locale = ENGLISH):
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
        turn = self.turns[_row(k, self.n, words)]
        quantified = lang.quantify(k, self.n, category=category, turn=turn, locale=words)
        self.turns[quantified.row.label] += 1
        phrase = self.varied(quantified, voices, category, turn)
        quantifier = words.quantifier_row.format(phrase=phrase, row=quantified.row.label)
        speakers = frozenset((_key(v.delegation), _key(v.group)) for v in voices)
        notes: list[str] = []
        named_again = self.attribution == "named" and refer_back and speakers == self.speakers
        if named_again:
            subject = _again(voices, words)
            notes.append(_same_as_before(subject, self.subject(voices, phrase), words))
        else:
            subject = self.subject(voices, phrase)
        self.speakers = speakers if self.attribution == "named" else None
        notes += [words.not_counted_again.format(delegation=d, group=lang.with_article(g, words)) for d, g in dropped]
        clean = [u for u in cluster if u.screened is None]
        worded = [(u, *lang.predicate(u.fragment, u.kind, words)) for u in clean]
        # Reworded fragments ("made the following point: …") stand alone; the others share sentences.
        chunks = [worded[i : i + PREDICATES] for i in range(0, len(worded), PREDICATES)]
        chunks = [c for chunk in chunks for c in _split_reworded(chunk)]
        out: list[Sentence] = []
        for index, chunk in enumerate(chunks):
            # "noted X and stressed Y", not "… and also stressed Y": the sentence already joins them.
            predicates = [p if i == 0 else _without_also(p) for i, (_, p, _) in enumerate(chunk)]
            follow_on = index > 0 or named_again
            if follow_on and not _opens_with_also(predicates[0]):
                predicates[0] = words.also_predicate.format(predicates[0])
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

    def held_back(self, unit: Unit, who: str, quantifier: str) -> Sentence:
        """A raw note the editorial gate keeps out of the body: a bracketed placeholder, a "to rephrase"
        line for the staff note, and the original in the sources (the Word comment)."""
        screened = unit.screened
        assert screened is not None
        record = unit.points[0][0]
        return Sentence(
            text=screened.placeholder(who),
            sources=tuple(self.source(r, kind, text) for r, kind, text in unit.points),
            k=len(unit.voices(self.reference)[0]), n=self.n, quantifier=quantifier, notes=(screened.note,),
            rephrase=f"#{record.id} {record.delegation}: {screened.what} {screened.action}",
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
            return lang.quantify(len(voices), self.n, category=category, turn=turn + 1, locale=self.locale).phrase
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

    def source(self, record: Intervention, kind: str, text: str) -> Source:
        started = record.started_at.astimezone(self.zone) if record.started_at and self.zone else record.started_at
        return Source(
            intervention=saved_id(record), seq=record.seq or 0, delegation=record.delegation,
            on_behalf_of=record.on_behalf_of, category=record.category, speaker=record.speaker,
            started_at=started, duration_s=record.duration_s, rapporteur=record.rapporteur, kind=kind, text=text,
        )  # fmt: skip


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
    """ "called for X", "called for X and stressed Y", "called for X, stressed Y and noted Z" (with
    semicolons when a predicate has commas of its own)."""
    separator = ";" if len(predicates) > 2 and any("," in p for p in predicates) else ","
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


def _row(k: int, n: int, words: Locale) -> str:
    return next((r.label for r in words.quantifiers if r.applies(k, n)), "")


def _named(v: Voice, words: Locale) -> str:
    name = lang.with_article(v.delegation, words)
    return words.named_for.format(name=name, group=lang.with_article(v.group, words)) if v.group else name


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


def _band(k: int, unit: Unit) -> int:
    """Convergent views (several voices) first, then single voices, then divergent views."""
    return 2 if unit.divergent else (0 if k > 1 else 1)


def unaddressed_note(records: Sequence[Intervention], panel: Any, words: Locale = ENGLISH) -> str:
    """The staff's note on guiding questions the floor left alone: none at all, or only the podium.

    A question the panellists (or the Chair) addressed was addressed, even if nobody from the floor
    took it up: the note says which, so staff neither report it as ignored nor as debated.
    """
    floor = {q for r in records if r.category not in PODIUM for q in r.questions}
    podium = {role: {q for r in records if r.category == role for q in r.questions} for role in PODIUM}
    parts = []
    silent = [q.number for q in panel.questions if q.number not in floor | podium["chair"] | podium["panellist"]]
    if silent:
        questions = lang.join([str(q) for q in silent], words.alternative, locale=words)
        parts.append(words.no_intervention_on.format(questions=questions))
    panellists, chair, both = words.podium
    for who, asked in (
        (panellists, podium["panellist"] - podium["chair"]),
        (chair, podium["chair"] - podium["panellist"]),
        (both, podium["chair"] & podium["panellist"]),
    ):
        only = [q.number for q in panel.questions if q.number in asked - floor]
        if only:
            number = (words.question_was if len(only) == 1 else words.questions_were).format(
                lang.join([str(q) for q in only], locale=words)
            )
            parts.append(words.addressed_by.format(questions=number, who=who))
    return words.unaddressed.format(parts="; ".join(parts)) if parts else ""


def is_call(unit: Unit) -> bool:
    """A recommendation line, or a point phrased as a call ("called for", "urged", "recommended", "proposed")."""
    if unit.screened is not None:
        return False
    if unit.kind == "recommendation":
        return True
    words = [w.strip(",;:").lower() for w in unit.fragment.split()[:3]]
    verb = next((w for w in words if w not in lang.ADVERBS), "")
    return verb in _CALLS


_CALLS = {"called", "urged", "recommended", "proposed", "appealed", "advocated", "encouraged", "requested"}


def clusters(chosen: Sequence[Unit], reference: Any, *, named: bool = False) -> list[list[Unit]]:
    """``chosen`` (in reading order) gathered by who made them: each set of voices once, at the place of
    its first unit, so a speaker's several points in a section are one voice. ``named`` style (as the
    Earth Negotiations Bulletin writes) tells apart delegations speaking for one group and puts group
    statements first."""
    by_voices: dict[frozenset[tuple[str, str]], list[Unit]] = {}
    for unit in chosen:
        voices = unit.voices(reference)[0]
        # Named style names the delegation: two members speaking for one group are two speakers there.
        key = frozenset((v.key, _key(v.delegation) if named else "") for v in voices)
        by_voices.setdefault(key, []).append(unit)
    out = list(by_voices.values())
    if named:
        out.sort(key=lambda c: not any(v.group for v in c[0].voices(reference)[0]))  # stable: order kept otherwise
    return out


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
    rejected: Sequence[Mapping[str, Any]] = (),
    budget: int | None = None,
    locale: Locale = ENGLISH,
) -> tuple[list[Heading | Paragraph], list[Heading | Paragraph], int, int]:
    """Blocks of section III, blocks of section IV, N, and how many points a read-out ``budget`` (words
    for sections III and IV, see ``shorten``) left out (numbered paragraphs carry 0 until renumbered).

    Points are units panel-wide (``points.units``): k counts every floor speaker who made a point,
    wherever it is filed. Each unit is written under the question most of its points are filed under;
    a question some floor point addressed whose units all went elsewhere keeps its sub-heading with a
    sentence saying where they are. Section IV gathers the recommendation lines and the points phrased
    as calls, as (a), (b)… sub-items. Every word is the ``locale``'s.
    """
    n = len(panel_voices(records))
    writer = Writer(reference, n, attribution, zone, locale)
    matcher = QuestionMatcher(panel.questions, codebook.themes)
    all_units = sorted(
        units(records, groups, rejected, matcher), key=lambda u: (-len(u.voices(reference)[0]), u.first_seq)
    )
    views = [u for u in all_units if u.kind == "key_point"]
    proposals = [u for u in all_units if is_call(u)]
    left_out = 0
    if budget is not None:
        views, proposals, left_out = shorten(views, proposals, budget, reference)

    section3: list[Heading | Paragraph] = []
    elsewhere: dict[Any, list[Unit]] = {}
    place: dict[int, str | int | None]  # unit (by identity) -> its theme id or question number
    if by == "theme":
        place = {id(u): _theme_of(u, codebook) for u in views}
        keys: list[Any] = [t for t in codebook.ids if t in place.values()]
        titles = {t: codebook.theme(t).label for t in keys}
    else:
        place = {id(u): u.question for u in views}
        for u in views if budget is None else ():  # a read-out version does not spend words on pointers
            for q in set(u.filed) - {u.question, None}:
                elsewhere.setdefault(q, []).append(u)
        placed = set(place.values())
        keys = [q.number for q in panel.questions if q.number in placed or q.number in elsewhere]
        titles = {q.number: locale.question_heading.format(number=q.number, text=_first_sentence(q.text)) for q in panel.questions}
        note = unaddressed_note(records, panel, locale)
        if note and n:
            section3.append(Paragraph((Sentence(note),), role="note"))
    if None in place.values():
        keys.append(None)
        titles[None] = locale.other_issues
    for index, key in enumerate(keys):
        section3.append(Heading(2, f"{lang.letter(index).upper()}.", titles[key]))
        writer.paragraph_break()
        k = {id(u): len(u.voices(reference)[0]) for u in views if place[id(u)] == key}
        if not k:
            section3.append(Paragraph((_reported_under(key, elsewhere[key], writer, locale),), 0))
            continue
        chosen = sorted((u for u in views if id(u) in k), key=lambda u: (_band(k[id(u)], u), -k[id(u)], u.first_seq))
        paragraph: list[Sentence] = []
        for band in (0, 1, 2):
            in_band = [u for u in chosen if _band(k[id(u)], u) == band]
            for cluster in clusters(in_band, reference, named=attribution == "named"):
                written = writer.sentences(cluster)
                if paragraph and len(paragraph) + len(written) > SENTENCES_PER_PARAGRAPH:
                    section3.append(Paragraph(tuple(paragraph), 0))
                    paragraph = []
                    writer.paragraph_break()
                    written = writer.sentences(cluster)  # re-opened: names its speakers in full
                paragraph += written
            if paragraph:
                section3.append(Paragraph(tuple(paragraph), 0))
                paragraph = []
                writer.paragraph_break()
    if not views:
        section3.append(Paragraph((Sentence(locale.no_views if n else locale.no_floor_at_all),), role="placeholder"))

    section4: list[Heading | Paragraph] = []
    if proposals:
        writer.paragraph_break()
        written = [writer.sentence(u, refer_back=False) for u in proposals]
        items = tuple(
            replace(s, text=text)
            for s, text in zip(written, lang.punctuate_items([s.text for s in written], locale), strict=True)
        )
        section4.append(Paragraph((Sentence(locale.recommendations_lead),), 0, items=items))
    else:
        section4.append(Paragraph((Sentence(locale.no_recommendations),), role="placeholder"))
    return section3, section4, n, left_out


def _reported_under(question: int, moved: list[Unit], writer: Writer, locale: Locale) -> Sentence:
    """The sentence of a question whose points are all written under other questions (the same points
    were made there by more speakers): where to find them, with the points as sources."""
    others = sorted({u.question for u in moved if u.question is not None})
    where = lang.join([locale.question.format(q) for q in others], locale=locale)
    points = [(r, kind, text) for u in moved for (r, kind, text), q in zip(u.points, u.filed, strict=True) if q == question]
    return Sentence(
        locale.reflected_under.format(questions=where),
        sources=tuple(writer.source(r, kind, text) for r, kind, text in points),
        notes=(locale.merged_elsewhere,),
    )
