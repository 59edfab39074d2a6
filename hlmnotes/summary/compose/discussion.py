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
from .points import QuestionMatcher, Unit, _key, panel_voices, point_voices, units, voice_of
from .readout import shorten
from .sentences import Writer

__all__ = ["Writer", "discussion", "panel_voices", "point_voices", "units", "voice_of"]

SENTENCES_PER_PARAGRAPH = 3


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[?.])(\s|$)", text)
    return match.group(1) if match else text


def _theme_of(unit: Unit, codebook: Codebook) -> str | None:
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
    place: list[str | int | None]  # views[i]'s theme id or question number
    if by == "theme":
        place = [_theme_of(u, codebook) for u in views]
        keys: list[Any] = [t for t in codebook.ids if t in place]
        titles = {t: codebook.theme(t).label for t in keys}
    else:
        place = [u.question for u in views]
        for u in views if budget is None else ():  # a read-out version does not spend words on pointers
            for q in set(u.filed) - {u.question, None}:
                elsewhere.setdefault(q, []).append(u)
        placed = set(place)
        keys = [q.number for q in panel.questions if q.number in placed or q.number in elsewhere]
        titles = {q.number: locale.question_heading.format(number=q.number, text=_first_sentence(q.text)) for q in panel.questions}
        note = unaddressed_note(records, panel, locale)
        if note and n:
            section3.append(Paragraph((Sentence(note),), role="note"))
    if None in place:
        keys.append(None)
        titles[None] = locale.other_issues
    for index, key in enumerate(keys):
        section3.append(Heading(2, f"{letter(index).upper()}.", titles[key]))
        writer.paragraph_break()
        here = [(u, len(u.voices(reference)[0])) for u, p in zip(views, place, strict=True) if p == key]
        if not here:
            section3.append(Paragraph((_reported_under(key, elsewhere[key], writer, locale),), 0))
            continue
        chosen = sorted(((u, _band(k, u), k) for u, k in here), key=lambda c: (c[1], -c[2], c[0].first_seq))
        paragraph: list[Sentence] = []
        for band in (0, 1, 2):
            in_band = [u for u, b, _ in chosen if b == band]
            for cluster in clusters(in_band, reference, named=attribution == "named"):
                if paragraph and len(paragraph) + writer.count(cluster) > SENTENCES_PER_PARAGRAPH:
                    writer.skip(cluster)  # the quantifier turn writing it here (then setting it aside) took
                    section3.append(Paragraph(tuple(paragraph), 0))
                    paragraph = []
                    writer.paragraph_break()  # re-opened: the cluster names its speakers in full
                paragraph += writer.sentences(cluster)
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
            s if text is s.text else _with_text(s, text)
            for s, text in zip(written, lang.punctuate_items([s.text for s in written], locale), strict=True)
        )
        section4.append(Paragraph((Sentence(locale.recommendations_lead),), 0, items=items))
    else:
        section4.append(Paragraph((Sentence(locale.no_recommendations),), role="placeholder"))
    return section3, section4, n, left_out


def _with_text(sentence: Sentence, text: str) -> Sentence:
    """``dataclasses.replace(sentence, text=text)``, made directly: section IV's items are thousands at 20,000
    interventions, and ``replace`` looks up every field of each by name."""
    s = sentence
    return Sentence(text, s.sources, s.k, s.n, s.quantifier, s.group, s.notes, s.rephrase)


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
