"""Sections III and IV: the floor's points as sentences, each with a quantifier recomputable from the records.

A *voice* is who a point counts for: the group for a statement made on behalf of one, else the
delegation. k is the number of distinct voices behind a point, after dropping members of a group
whose statement is among them (the group is not counted again through its members); N is the
number of distinct floor voices in the panel. Points are units panel-wide (``points.units``):
accepted groups and points that are the same after normalisation are written once. A set of
speakers' several points in a section are one voice: one sentence, then "It also…" (``sentences``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ...domain.codebook import Codebook
from ...domain.model import PODIUM, SavedIntervention
from ...domain.points import PointGroup, RejectedGroup
from ...domain.programme import Panel
from ...domain.reference import Reference
from ...domain.text import fold
from ..blocks import Heading, Paragraph, Sentence, letter
from ..locale import ENGLISH, Locale
from . import language as lang
from . import readout
from .places import Entry, Item
from .points import QuestionMatcher, Unit, _key, panel_voices, point_voices, units, voice_of
from .sentences import Writer
from .topics import Topic, Vocabulary, qualified, question_of, shared_calls, shared_terms, subject, topics

__all__ = [
    "Entry", "Floor", "Item", "Writer", "discussion", "floor_points", "panel_voices", "point_voices", "units",
    "voice_of",
]  # fmt: skip

SENTENCES_PER_PARAGRAPH = 3


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[?.])(\s|$)", text)
    return match.group(1) if match else text


def _theme_of(entry: Entry, codebook: Codebook) -> str | None:
    """The codebook theme an entry is placed under: a topic keyed by a theme, that theme; else among its
    interventions' themes, the one whose cues its wording mentions most, else the most common one; None
    when its interventions have no themes."""
    if entry.topic is not None and entry.topic.key.kind == "theme":
        return entry.topic.key.value
    tagged = Counter(t for u in entry.units for r in u.records for t in r.themes)
    if not tagged:
        return None
    haystack = f" {fold(' '.join(u.fragment for u in entry.units))} "
    hits = {t: sum(1 for cue in codebook.theme(t).cues if f" {fold(cue)}" in haystack) for t in tagged}
    order = {t: i for i, t in enumerate(codebook.ids)}
    return min(tagged, key=lambda t: (-hits[t], -tagged[t], order.get(t, len(order))))


def unaddressed_note(records: Sequence[SavedIntervention], panel: Panel, words: Locale = ENGLISH) -> str:
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


def clusters(chosen: Sequence[Unit], reference: Reference, *, named: bool = False) -> list[list[Unit]]:
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


@dataclass(slots=True)
class Floor:
    """A panel's floor points as sections III and IV will hold them: III's entries, IV's items, N."""

    entries: list[Entry]
    items: list[Item]
    n: int
    vocabulary: Vocabulary


def floor_points(
    records: Sequence[SavedIntervention], groups: Sequence[PointGroup], *, panel: Panel, codebook: Codebook,
    reference: Reference, rejected: Sequence[RejectedGroup] = (), vocabulary: Vocabulary | None = None,
    attribution: str = "anonymous",
) -> Floor:  # fmt: skip
    """The panel's floor as topics: section III's entries (discussion) and section IV's items (calls).

    Every floor line is in exactly one place. A topic's calls go to section IV, its other points to
    III; a divergent view follows the topic it qualifies. Calls that several speakers made on one topic
    are one item; the calls of one speaker nobody else made are one item.
    """
    n = len(panel_voices(records))
    vocabulary = vocabulary or Vocabulary(records, codebook)
    every = units(records, groups, rejected, QuestionMatcher(panel.questions, codebook.themes))
    asked = {q.number: q.text for q in panel.questions}
    found, loose = topics(every, vocabulary, reference, questions=asked, apart=[frozenset(g.members) for g in rejected])

    def count(chosen: Sequence[Unit]) -> int:
        return len(point_voices([r for u in chosen for r in u.records], reference)[0])

    entries: list[Entry] = []
    items: list[Item] = []
    left_calls: list[Unit] = []
    topic_of: dict[int, Topic] = {}  # a call left to its speaker's own item → its topic
    for topic in found:
        views = [u for u in topic.units if not is_call(u)]
        calls = [u for u in topic.units if is_call(u)]
        if views:
            entries.append(Entry(views, count(views), topic))
        for call in shared_calls(calls, vocabulary):
            if count(call) > 1:
                items.append(Item(call, count(call), [topic]))
            else:
                left_calls += call
                topic_of.update((id(u), topic) for u in call)
    by_topic = {id(e.topic): e for e in entries if e.topic is not None}
    single: list[Unit] = []
    for u in loose:
        if u.divergent:
            qualifies = qualified(u, [e.topic for e in entries if e.topic is not None], vocabulary)
            if qualifies is not None:
                by_topic[id(qualifies)].divergent.append(u)
            else:
                entries.append(Entry([u], count([u])))
        elif is_call(u):
            left_calls.append(u)
        else:
            single.append(u)
    named = attribution == "named"  # a set of speakers' own points (or one point several made in the same words)
    ordered = sorted(single, key=lambda u: (-len(u.voices(reference)[0]), u.first_seq))
    entries += [Entry(c, len(c[0].voices(reference)[0])) for c in clusters(ordered, reference, named=named)]
    items += [Item([u], count([u])) for u in left_calls if len(u.voices(reference)[0]) > 1]
    own: dict[frozenset[str], list[Unit]] = {}
    for u in sorted((u for u in left_calls if len(u.voices(reference)[0]) <= 1), key=lambda u: u.first_seq):
        own.setdefault(frozenset(v.key for v in u.voices(reference)[0]), []).append(u)
    items += [Item(chosen, 1, list({id(t): t for u in chosen if (t := topic_of.get(id(u)))}.values())) for chosen in own.values()]
    # What most called for first; in named style, as the Earth Negotiations Bulletin writes, group statements
    # before the others of the same support.
    items.sort(key=lambda i: (-i.voices, not (named and any(r.on_behalf_of for u in i.units for r in u.records)),
                              i.first_seq))  # fmt: skip
    return Floor(entries, items, n, vocabulary)


def discussion(
    records: Sequence[SavedIntervention],
    groups: Sequence[PointGroup],
    *,
    panel: Panel,
    codebook: Codebook,
    reference: Reference,
    by: str,
    attribution: str,
    zone: dt.tzinfo,
    rejected: Sequence[RejectedGroup] = (),
    budget: int | None = None,
    locale: Locale = ENGLISH,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Heading | Paragraph], list[Heading | Paragraph], int, int, list[str]]:
    """Blocks of section III, blocks of section IV, N, how many points a read-out ``budget`` (words for
    sections III and IV, see ``readout.choose``) left out, and the "to rephrase" lines of the held-back notes
    among them, which the staff note keeps (numbered paragraphs carry 0 until renumbered).

    Section III is the panel's topics (``floor_points``), each under the question most of its points are
    filed under (or its theme), the most widely supported first, a divergent view right after the topic
    it qualifies; then each set of speakers' own points. A question some floor point addressed whose
    points all went elsewhere keeps its sub-heading with a sentence saying where they are. Section IV
    holds the calls, once each, as (a), (b)… sub-items. Every word is the ``locale``'s.
    """
    floor = floor_points(records, groups, panel=panel, codebook=codebook, reference=reference, rejected=rejected,
                         vocabulary=vocabulary, attribution=attribution)  # fmt: skip
    n, entries, items = floor.n, floor.entries, floor.items
    writer = Writer(reference, n, attribution, zone, locale)
    left_out = 0
    unread: list[str] = []  # the "to rephrase" lines of held-back notes a read-out version leaves out
    if budget is not None:
        kept, items, left_out = readout.choose(entries, items, budget)
        chosen = {id(e) for e in kept}
        unread = [
            u.screened.line(f"#{u.points[0][0].id} {u.points[0][0].delegation}", locale)
            for e in entries if id(e) not in chosen for u in e.units if u.screened is not None
        ]  # fmt: skip
        entries = kept

    section3: list[Heading | Paragraph] = []
    # what a heading says a topic is about: the whole question, though the read-out's heading is its short label
    asked: dict[Any, str] = {q.number: q.text for q in panel.questions} if by != "theme" else {}
    elsewhere: dict[Any, list[tuple[Unit, int | None]]] = {}  # a question → its points written under another
    called: dict[Any, list[Unit]] = {}  # a question only calls addressed → those calls (section IV)
    place: list[str | int | None]  # entries[i]'s theme id or question number
    if by == "theme":
        place = [_theme_of(e, codebook) for e in entries]
        keys: list[Any] = [t for t in codebook.ids if t in place]
        titles = {t: codebook.theme(t).label for t in keys}
    else:
        place = [question_of(e.units) for e in entries]
        for e, where in zip(entries, place, strict=True) if budget is None else ():  # a read-out spends no words on pointers
            for u in e.units:
                for q in set(u.filed) - {where, None}:
                    elsewhere.setdefault(q, []).append((u, where if isinstance(where, int) else None))
        placed = set(place)
        for i in items if budget is None else ():
            for u in i.units:
                for q in set(u.filed) - placed - {None}:
                    called.setdefault(q, []).append(u)
        keys = [q.number for q in panel.questions if q.number in placed or q.number in elsewhere or q.number in called]
        heading = locale.question_heading
        titles = {q.number: heading.format(number=q.number, text=_first_sentence(q.text)) for q in panel.questions}
        if budget is not None:  # the read-out version names each question by the programme's short label
            titles = {q.number: heading.format(number=q.number, text=q.short or _first_sentence(q.text))
                      for q in panel.questions}  # fmt: skip
        note = unaddressed_note(records, panel, locale)
        if note and n and budget is None:
            section3.append(Paragraph((Sentence(note),), role="note"))
    if None in place:
        keys.append(None)
        titles[None] = locale.other_issues
    here_of = {key: sorted((e for e, p in zip(entries, place, strict=True) if p == key), key=Entry.rank) for key in keys}
    if budget is not None:  # the read-out version opens with the panel's most widely supported messages
        keys.sort(key=lambda key: min((e.rank() for e in here_of[key]), default=(True, 0, 0)))
    for index, key in enumerate(keys):
        section3.append(Heading(2, f"{letter(index).upper()}.", titles[key]))
        writer.paragraph_break()
        here = here_of[key]
        if not here:
            if key in elsewhere:
                section3.append(Paragraph((_reported_under(key, elsewhere[key], writer, locale),), 0))
            else:
                points = [(r, kind, t) for u in called[key] for (r, kind, t), q in zip(u.points, u.filed, strict=True) if q == key]
                sources = tuple(writer.source(r, kind, t) for r, kind, t in points)
                section3.append(Paragraph((Sentence(locale.called_under, sources=sources),), 0))
            continue
        paragraph: list[Sentence] = []
        band = (True, False)
        leads = 0  # the topic leads written under this heading, so that the next one opens otherwise
        for entry in here:
            if entry.topic is not None:  # a topic is a paragraph of its own, with the divergent views it qualifies
                if paragraph:
                    section3.append(Paragraph(tuple(paragraph), 0))
                    paragraph = []
                writer.paragraph_break()
                shares = topic_note(entry.topic, floor.vocabulary, locale)
                if entry.voices > 1:
                    first = min(entry.units, key=lambda u: (-len(u.voices(reference)[0]), u.first_seq))
                    lead = topic_lead(entry.topic, floor.vocabulary, locale, opening=first.fragment,
                                      heading=asked.get(key, titles[key]), turn=leads)  # fmt: skip
                    leads += bool(lead)
                    written = writer.topic(entry.units, lead, shares)
                else:  # the others on this topic called for something (section IV): one speaker's sentence here
                    written = [replace(s, notes=(*s.notes, *shares)) for s in writer.sentences(entry.units)]
                written += [writer.divergent(u) for u in entry.divergent]
                section3.append(Paragraph(tuple(written), 0))
                writer.paragraph_break()
                continue
            full = len(paragraph) + writer.count(entry.units) > SENTENCES_PER_PARAGRAPH
            if paragraph and (full or (entry.voices > 1, entry.alone) != band):  # several voices, one, divergent
                section3.append(Paragraph(tuple(paragraph), 0))
                paragraph = []
                writer.paragraph_break()  # re-opened: the cluster names its speakers in full
            band = (entry.voices > 1, entry.alone)
            paragraph += writer.sentences(entry.units)
        if paragraph:
            section3.append(Paragraph(tuple(paragraph), 0))
        writer.paragraph_break()
    if not entries and not (items and called):  # a floor that only made calls has them in section IV, said above
        section3.append(Paragraph((Sentence(locale.no_views if n else locale.no_floor_at_all),), role="placeholder"))

    section4: list[Heading | Paragraph] = []
    if items:
        writer.paragraph_break()
        written = [writer.item(i.units, [n for t in i.topics for n in topic_note(t, floor.vocabulary, locale)]) for i in items]
        punctuated = lang.punctuate_items([s.text for s in written], locale)
        section4.append(Paragraph((Sentence(locale.recommendations_lead),), 0, items=tuple(
            s if text is s.text else replace(s, text=text) for s, text in zip(written, punctuated, strict=True)
        )))  # fmt: skip
    else:
        section4.append(Paragraph((Sentence(locale.no_recommendations),), role="placeholder"))
    return section3, section4, n, left_out, unread


def topic_lead(topic: Topic, vocabulary: Vocabulary, locale: Locale, *, opening: str = "", heading: str = "",
               turn: int = 0) -> str:  # fmt: skip
    """The words a topic's paragraph opens with before its quantifier, or "" for none.

    None when the heading and the paragraph's first point (``opening``, its own words) already say what
    the topic is about ("Two speakers pointed to poverty … as root causes of vulnerability"), and none
    when the topic has no noun phrase to name it by (``topics.subject``: a codebook label is a heading,
    not a noun phrase). Otherwise the locale's leads in turn ("On …", "Turning to …", "With regard to
    …"; ``turn`` counts the leads already written under the heading), so that a sub-section does not
    read as a list of paragraphs that all open alike; a locale with no leads opens every topic so."""
    named = subject(topic, vocabulary) if locale.topic_leads else ""  # a house style without leads: none
    if not named or (topic.key.kind == "theme" and heading == topic.label):  # under its own theme's heading
        return ""
    said = {*vocabulary.words(opening).lemmas, *vocabulary.words(heading).lemmas}
    if all(w in said for w in vocabulary.words(named).lemmas if w not in vocabulary.function_words):
        return ""
    return locale.topic_leads[turn % len(locale.topic_leads)].format(subject=named)


def topic_note(topic: Topic | None, vocabulary: Vocabulary, locale: Locale) -> tuple[str, ...]:
    """What a topic's points share, for the Word comment: the term and how rare it is, or the theme."""
    if topic is None:
        return ()
    key = topic.key
    if key.kind == "theme":
        return (locale.topic_theme.format(theme=topic.label),)
    terms = lang.join([locale.quoted.format(t) for t in shared_terms(topic, vocabulary)], locale=locale)
    return (locale.topic_term.format(terms=terms, used=vocabulary.terms[key.value], points=vocabulary.points),)


def _reported_under(question: int, moved: list[tuple[Unit, int | None]], writer: Writer, locale: Locale) -> Sentence:
    """The sentence of a question whose points are all written under other questions (the topics they
    belong to were mostly raised there): where to find them, with the points as sources."""
    others = sorted({where for _, where in moved if where is not None})
    numbers = lang.join([str(q) for q in others], locale=locale)  # "questions 1, 4 and 5", not "question 1, question 4 …"
    where = (locale.question if len(others) == 1 else locale.questions).format(numbers)
    points = [(r, kind, text) for u, _ in moved for (r, kind, text), q in zip(u.points, u.filed, strict=True) if q == question]
    return Sentence(
        locale.reflected_under.format(questions=where),
        sources=tuple(writer.source(r, kind, text) for r, kind, text in points),
        notes=(locale.merged_elsewhere,),
    )
