"""Anonymity of a Chair's summary: the sentences whose own words name or point at their speaker.

An anonymous summary says "One Member State described a law adopted this year"; a rapporteur's line
"described a law adopted this year in Qatar", written for Qatar, says who all the same, as do "Filipino
workers" for the Philippines, "in Doha", or an organization's own name in its own point. The writer
does not rewrite the body silently (the words are the speaker's, and staff may judge a name harmless):
``anonymity_notes`` lists each such sentence in the staff note, with a neutral wording to consider
("adopted this year in [the country]"). What points at a State is its name and aliases from the
reference lists and its capitals and demonyms (``data/reference/capitals.csv``); at a group or an
organization, its name and aliases. A word that is part of a longer name is no pointer: "Sudan" in
"South Sudan", "American" in "Latin American".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from ...domain.model import PODIUM
from ...domain.places import Place, default_places
from ...domain.reference import Reference
from ...domain.text import fold
from ..blocks import Heading, Paragraph, Sentence, letter
from ..locale import ENGLISH, Locale
from . import language as lang

STATES = ("member_state", "observer_state")
_BEFORE = re.compile(r"(?:\S+\s+){0,4}$")
_AFTER = re.compile(r"^(?:\s*[^\s]+){0,3}")
_CLAUSE = re.compile(r"[;:.!?](?:\s|$)")
_IN_A_NAME = re.compile(r"[A-Z][\w’'-]*\s$")


def anonymity_notes(
    blocks: Sequence[Heading | Paragraph], reference: Reference, locale: Locale = ENGLISH,
    places: Mapping[str, Place] | None = None,
) -> list[str]:  # fmt: skip
    """The staff note's lines on the floor's sentences of numbered paragraphs that name or point at their
    own speaker (empty when none does): a lead line, then one line a sentence and pointer."""
    places = default_places() if places is None else places
    made: dict[tuple[str, str, str], tuple[frozenset[str], _Lazy]] = {}  # each speaker's, made once

    def pointers(delegation: str, group: str, category: str) -> tuple[frozenset[str], _Lazy]:
        key = (delegation, group, category)
        if key not in made:
            made[key] = _pointers(delegation, group, category, reference, places)
        return made[key]

    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or block.number is None:
            continue
        for index, sentence in enumerate((*block.sentences, *block.items)):
            where = locale.paragraph.format(block.number)
            if index >= len(block.sentences):
                where += f" ({letter(index - len(block.sentences))})"
            lines += _pointed(sentence, where, pointers, locale)
    if not lines:
        return []
    lead = locale.anonymity_lead.format(sentences=lang.counted_pair(len(lines), locale.pointer, locale))
    return [lead, *lines]


def _pointed(
    sentence: Sentence, where: str, pointers: Callable[[str, str, str], tuple[frozenset[str], _Lazy]],
    locale: Locale,
) -> list[str]:
    """The lines of one sentence: each pointer at one of its floor speakers, with a neutral wording."""
    if not sentence.sources or sentence.rephrase:
        return []
    out = []
    text = sentence.text
    speakers = dict.fromkeys((s.intervention, s.delegation, s.on_behalf_of, s.category) for s in sentence.sources)
    seen: set[tuple[int, int]] = set()
    read: set[tuple[str, str, str]] = set()  # a topic's sentence cites thousands of records of a few hundred speakers
    for intervention, delegation, group, category in speakers:
        if category in PODIUM or (delegation, group, category) in read:
            continue  # a speaker's pointers are found at its first record: the same spans again at the others
        read.add((delegation, group, category))
        words, pattern = pointers(delegation, group, category)
        if not any(w in text for w in words):  # most sentences name nobody: a substring test says so
            continue
        for match in pattern.finditer(text):
            if match.span() in seen or _IN_A_NAME.search(text[: match.start()]):
                continue
            seen.add(match.span())
            kind = next(k for k, v in match.groupdict().items() if v is not None)
            clause = _CLAUSE.split(text[: match.start()])[-1]  # the words around it, within its clause
            before = _BEFORE.search(clause)
            after = _AFTER.match(_CLAUSE.split(text[match.end() :])[0])
            start = match.start() - len(clause) + (before.start() if before else len(clause))
            end = match.end() + (after.end() if after else 0)
            said = text[start:end].strip().rstrip(".,;:")
            neutral = (text[start : match.start()] + locale.neutral[kind] + text[match.end() : end]).strip().rstrip(".,;:")
            record = f"#{intervention} {group or delegation}"
            out.append(locale.anonymity_line.format(where=where, said=said, record=record, neutral=neutral))
    return out


def _pointers(
    delegation: str, group: str, category: str, reference: Reference, places: Mapping[str, Place]
) -> tuple[frozenset[str], _Lazy]:
    """What points at the speaker: its words, and one pattern of them with a named group a kind of
    pointer (``Locale.neutral``); the pattern is compiled only when a sentence holds one of the words."""
    kinds: dict[str, set[str]] = {"country": set(), "capital": set(), "demonym": set(), "organization": set(), "group": set()}
    found = reference.find(delegation)
    names = {delegation, *(found.aliases if found else ()), *((found.name, found.in_text) if found else ())}
    names = {n for n in names if n and len(n) > 1}
    names |= {n.split(" (", 1)[0] for n in names if " (" in n}  # "Bolivia" of "Bolivia (Plurinational State of)"
    if category in STATES:
        kinds["country"] |= names
        place = next((places[fold(n)] for n in names if fold(n) in places), None)
        if place is not None:
            kinds["capital"] |= set(place.capitals)
            kinds["demonym"] |= set(place.demonyms)
    else:
        kinds["organization"] |= names
    if group:
        listed = reference.find_group(group)
        kinds["group"] |= {group, *(listed.aliases if listed else ()), *((listed.name,) if listed else ())}
    kinds = {kind: {w for w in words if w and w[:1].isupper()} for kind, words in kinds.items()}  # not "the"
    everything = frozenset(w for words in kinds.values() for w in words)
    return everything, _Lazy(kinds)


class _Lazy:
    """The pattern of a speaker's pointers, compiled on its first search."""

    def __init__(self, kinds: dict[str, set[str]]):
        self.kinds = kinds
        self.pattern: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.pattern is None:
            parts = [
                rf"(?P<{kind}>{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})"
                for kind, words in self.kinds.items()
                if words
            ]
            self.pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])" if parts else r"(?!)")
        return self.pattern.finditer(text)
