"""Reporting verbs varied across a paragraph: "stressed … stressed … stressed" is a transcript's rhythm.

Rapporteurs write "stressed" and "noted" for nearly everything, and a paragraph that merges their
points repeats them. ``varied`` reads each paragraph of the draft in order and, where a reporting verb
of the rapporteurs' words was already used in it, puts in its place a member of its family not yet
used ("stressed … emphasized … underlined …", "noted … observed …"), or, all used, one other than the
last of the family.
The families are the locale's (``Locale.reporting_verbs``): verbs that take the same complements
(a noun phrase, a gerund or a that-clause) and are no longer in words, so the read-out's word count
holds. Procedural text (no sources), placeholders and the programme's own words are never changed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from ..blocks import Heading, Paragraph, Sentence
from ..locale import ENGLISH, Locale


@functools.cache
def _verbs(locale: Locale) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    family = {verb: members for members in locale.reporting_verbs for verb in members}
    alternatives = "|".join(re.escape(v) for v in sorted(family, key=len, reverse=True))
    return re.compile(rf"(?<=[\s,;])(?:{alternatives})(?= )"), family


def varied(blocks: Sequence[Heading | Paragraph], locale: Locale = ENGLISH) -> list[Heading | Paragraph]:
    """``blocks`` with each paragraph's reporting verbs varied (see the module's docstring)."""
    pattern, family = _verbs(locale)
    out: list[Heading | Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.role == "body":
            block = _paragraph(block, pattern, family)
        out.append(block)
    return out


def _paragraph(paragraph: Paragraph, pattern: re.Pattern[str], family: dict[str, tuple[str, ...]]) -> Paragraph:
    last: dict[tuple[str, ...], str] = {}  # each family's verb as last written in the paragraph
    used: set[str] = set()
    changed = False

    def vary(match: re.Match[str]) -> str:
        nonlocal changed
        verb = match.group(0)
        members = family[verb]
        if verb in used:  # said before in the paragraph: a member not yet used, else one other than the last
            fresh = [m for m in members if m not in used] or [m for m in members if m != last.get(members)]
            changed = changed or fresh[0] != verb
            verb = fresh[0]
        last[members] = verb
        used.add(verb)
        return verb

    def edited(sentence: Sentence) -> Sentence:
        if not sentence.sources or sentence.rephrase or not pattern.search(sentence.text):
            return sentence
        text = pattern.sub(vary, sentence.text)
        if text == sentence.text:
            return sentence
        return replace(sentence, text=text)

    sentences = tuple(edited(s) for s in paragraph.sentences)
    items = tuple(edited(s) for s in paragraph.items)
    if not changed:
        return paragraph
    return replace(paragraph, sentences=sentences, items=items)
