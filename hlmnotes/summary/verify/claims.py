"""What a sentence of a draft claims about how many: its quantifiers, read with the draft's ``Locale``.

A claim is an exact count ("two speakers", "5 delegations", "another Member State") or a row of the
quantifier table ("several speakers"). The patterns are built from the locale's own table, number
words and category nouns, so a row or a word changed there is checked as changed; ``check`` holds
each claim against the k and N recomputed from the records.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..compose import language as lang
from ..locale import ENGLISH, Locale, Quantifier


@dataclass(frozen=True)
class Claim:
    """A quantifier in the text: an exact count ("two speakers", "5 delegations") or a row of the
    table ("several speakers"), with the category its noun names, if any."""

    start: int
    end: int
    words: str
    count: int | None
    row: Quantifier | None
    category: str | None
    participants: str | None  # the participant-noun category, for the introduction's counts

    def problem(self, k: int, n: int, voices: Sequence[Any], locale: Locale = ENGLISH) -> str:
        """Why the records do not support this claim (k of n floor voices), or "" when they do."""
        if k == 0:
            return "the comment's sources are the Chair's or panellists' records, not the floor's: no floor quantifier applies"
        fits = lang.quantify(k, n, category=_one_category(voices), locale=locale).phrase
        basis = f"the comment's sources give k = {k} of N = {n} floor speakers (“{fits}”)"
        if self.count is not None and self.count != k:
            return basis
        if self.row is not None and not self.row.applies(k, n):
            if not any(self.row.applies(j, n) for j in range(1, n + 1)):  # "5 ≤ k < N/3" when N = 14
                return f"{basis}; “{self.words}” fits no count of N = {n} ({self.row.label}): write “{fits}”"
            return f"{basis}; “{self.words}” is for {self.row.label}"
        if self.category and any(v.group or v.category != self.category for v in voices):
            return f"{basis}; not every one of them is {lang.indefinite(locale.category_nouns[self.category][0], locale)}"
        return ""


def _one_category(voices: Sequence[Any]) -> str | None:
    categories = {v.category for v in voices}
    return categories.pop() if len(categories) == 1 and all(not v.group for v in voices) else None


@dataclass(frozen=True)
class _Patterns:
    """A locale's quantifiers as patterns, compiled once per locale."""

    rows: tuple[tuple[re.Pattern[str], Quantifier], ...]
    count: re.Pattern[str]
    numbers: dict[str, int]  # number word (case-folded) → its value
    categories: dict[str, str]  # noun → category, when every voice is of it
    participants: dict[str, str]  # noun → category, in the introduction's counts


def _words(template: str, **fields: str) -> str:
    """The fixed words of a format of the locale, as a pattern ("a further {rest}" → r"a\\s+further")."""
    return re.escape(template.format(**fields).strip()).replace(r"\ ", r"\s+")


@functools.cache
def _patterns(locale: Locale) -> _Patterns:
    categories = {noun: c for c, pair in locale.category_nouns.items() for noun in pair}
    participants = {noun: c for c, pair in locale.participant_nouns.items() for noun in pair}
    nouns = sorted({*locale.generic_nouns, *locale.speaker, *categories, *participants}, key=len, reverse=True)
    noun = "(?P<noun>" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns) + ")"
    numbers = {w.casefold(): i for i, w in enumerate(locale.numbers)}
    further = "|".join(_words(t, rest="", count="") for t in (locale.further_one, locale.another))
    other = _words(locale.other, count="", rest="")
    count = re.compile(
        rf"\b(?:(?P<further>{further})\s+)?(?P<count>{'|'.join(map(re.escape, locale.numbers))}|\d+)?\s*"
        rf"(?:{other}\s+)?{noun}\b",
        re.IGNORECASE,
    )
    rows = []
    for row in locale.quantifiers:
        for phrase in dict.fromkeys(row.phrases):  # a wording used twice in a row is one claim
            if phrase.split(" ", 1)[0].casefold() in numbers:
                continue  # a plain count: the count pattern reads it
            pattern = re.escape(phrase).replace(r"\{noun\}", noun).replace(r"\{noun1\}", noun).replace(r"\ ", r"\s+")
            rows.append((re.compile(rf"\b{pattern}\b", re.IGNORECASE), row))
    return _Patterns(tuple(rows), count, numbers, categories, participants)


def claims(text: str, locale: Locale = ENGLISH) -> list[Claim]:
    """Every quantifier of ``text``, in order."""
    patterns = _patterns(locale)
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for pattern, row in patterns.rows:
        for match in pattern.finditer(text):
            noun = match.groupdict().get("noun")
            found.append(Claim(*match.span(), match.group(0), None, row, _noun(noun, patterns.categories), None))
            taken.append(match.span())
    for match in patterns.count.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        count_word = (match.group("count") or "").casefold()
        if match.group("further") and not count_word:
            count = 1
        elif count_word:
            count = int(count_word) if count_word.isdigit() else patterns.numbers[count_word]
        else:
            continue
        noun = match.group("noun")
        found.append(Claim(*match.span(), match.group(0), count, None, _noun(noun, patterns.categories),
                           _noun(noun, patterns.participants)))  # fmt: skip
    return sorted(found, key=lambda c: c.start)


def _noun(noun: str | None, categories: dict[str, str]) -> str | None:
    return categories.get(" ".join(noun.split())) if noun else None
