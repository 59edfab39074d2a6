"""The words of a Chair's summary: quantifiers, numbers, dates, lists and reported speech.

Everything here follows the UN Editorial Manual as summarised in docs/design.md: numbers under 10 in
words, dates as "27 September 2017", third person and past tense, and quantifiers that can be
recomputed from the records. The words themselves are a ``Locale`` (``locale.py``; English by
default), passed in by the caller. Nothing here knows about Word, Markdown or the store.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..locale import ENGLISH, QUANTIFIERS, Locale, Quantifier

__all__ = ["QUANTIFIERS", "Quantifier"]  # the table and its rows live in ``locale``; named here as before


def number(n: int, locale: Locale = ENGLISH) -> str:
    """A count as UN documents write it: words under 10, figures from 10 ("three", "12")."""
    return locale.numbers[n] if 0 <= n < len(locale.numbers) else str(n)


def counted(n: int, singular: str, plural: str | None = None, locale: Locale = ENGLISH) -> str:
    """ "one observer State", "three United Nations entities", "19 Member States"."""
    return f"{number(n, locale)} {singular if n == 1 else plural or locale.plural.format(singular)}"


def counted_pair(n: int, noun: tuple[str, str], locale: Locale = ENGLISH) -> str:
    """``counted`` with a (singular, plural) pair of the locale ("three minutes")."""
    return counted(n, *noun, locale=locale)


def day(value: dt.date, locale: Locale = ENGLISH) -> str:
    """ "27 September 2017": day, month, year, no leading zero, no weekday."""
    return locale.date.format(day=value.day, month=locale.months[value.month - 1], year=f"{value:%Y}")


def clock(value: dt.time | dt.datetime, locale: Locale = ENGLISH, *, half: bool = True) -> str:
    """UN time style: "3 p.m.", "4.30 p.m.", "10 a.m."; ``half=False`` leaves out "a.m." or "p.m."."""
    hour = value.hour % 12 or 12
    minutes = locale.minutes.format(minute=value.minute) if value.minute else ""
    said = (locale.morning if value.hour < 12 else locale.afternoon) if half else ""
    return locale.time.format(hour=hour, minutes=minutes, half=said).strip()


def clock_range(start: dt.time | dt.datetime, end: dt.time | dt.datetime, locale: Locale = ENGLISH) -> str:
    """A span of time in UN style: "3 to 4.30 p.m." (one "p.m." when both are in the afternoon), "11 a.m. to 1 p.m."."""
    first = clock(start, locale, half=(start.hour < 12) != (end.hour < 12))
    return locale.time_range.format(start=first, end=clock(end, locale))


def in_running_text(honorific: str, locale: Locale = ENGLISH) -> str:
    """An honorific as running text prints it: "H.E. Mr." → "Mr." (the Editorial Manual keeps "His/Her
    Excellency" for mastheads and lists, not for the body)."""
    words = [w for w in honorific.split() if w.rstrip(".").casefold() not in locale.honorifics_dropped]
    return " ".join(words)


def join(items: Sequence[str], conjunction: str = "", separator: str = ",", locale: Locale = ENGLISH) -> str:
    """ "A", "A and B", "A, B and C" (no serial comma, as in UN English); ``separator=";"`` for long items.
    ``conjunction`` is the locale's "and" unless given (its "or": ``locale.alternative``)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    conjunction = conjunction or locale.conjunction
    last_separator = f"{separator} {conjunction} " if separator == ";" else f" {conjunction} "
    return f"{separator} ".join(items[:-1]) + last_separator + items[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a proper name in capitals ("UN", "ICAT")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """A finished sentence: capital first letter, one full stop (or the question/exclamation mark given)."""
    text = text.strip()
    if not text:
        return ""
    if text[-1] not in ".?!…":
        text = text.rstrip(",;:") + "."
    return capitalise(text)


# -- quantifiers --------------------------------------------------------------------------------


# How a category is named when every voice behind a point belongs to it (singular, plural).
CATEGORY_NOUNS = ENGLISH.category_nouns
# How participation is counted in the introduction ("three United Nations entities").
PARTICIPANT_NOUNS = ENGLISH.participant_nouns


@dataclass(frozen=True)
class Quantified:
    """The chosen wording for k of N, with the table row it came from (shown in Word comments)."""

    phrase: str
    row: Quantifier


def quantify(
    k: int, n: int, *, category: str | None = None, turn: int = 0, table: Sequence[Quantifier] | None = None,
    locale: Locale = ENGLISH,
) -> Quantified:  # fmt: skip
    """The quantifier for ``k`` voices of ``n`` floor speakers, e.g. "several Member States".

    ``category`` is the one category of every voice, if they share one; ``turn`` picks among a row's
    interchangeable phrases; ``table`` is the locale's unless given. Never returns "all" unless k = N.
    """
    if k < 1 or n < k:
        raise ValueError(f"cannot quantify {k} of {n} speakers: need 1 <= k <= N")
    row = next((r for r in (locale.quantifiers if table is None else table) if r.applies(k, n)), None)
    if row is None:
        raise ValueError(f"the quantifier table has no row for k = {k}, N = {n}; add one")
    phrase = row.phrases[turn % len(row.phrases)]
    singular, plural = locale.speaker
    if row.qualify and category is not None and category in locale.category_nouns:
        singular, plural = locale.category_nouns[category]
    return Quantified(phrase.format(noun=plural, noun1=singular), row)


def other(phrase: str, nth: int = 1, locale: Locale = ENGLISH) -> str:
    """The phrase for further, different speakers in a run of sentences that would open alike:
    "one speaker" → "another speaker" → "a further speaker"; "two Member States" → "two other Member
    States" → "a further two Member States" (``nth`` 1, then 2 and after). A phrase that does not open
    with a number is returned as is."""
    first, _, rest = phrase.partition(" ")
    if not rest or not (first in locale.numbers or first.isdigit()):
        return phrase
    one = first == locale.numbers[1]
    if nth > 1:
        return (locale.further_one if one else locale.further).format(count=first, rest=rest)
    return (locale.another if one else locale.other).format(count=first, rest=rest)


def punctuate_items(texts: Sequence[str], locale: Locale = ENGLISH) -> list[str]:
    """Sub-items as UN documents end them after a lead-in colon: "…;", "…; and", "….".

    Only items that end with a full stop are changed (a list of questions keeps its question marks).
    """
    if len(texts) < 2 or not all(t.endswith(".") and not t.endswith("..") for t in texts):
        return list(texts)
    out = [t[:-1] + ";" for t in texts[:-1]] + [texts[-1]]
    out[-2] += f" {locale.conjunction}"
    return out


# -- names --------------------------------------------------------------------------------------

def with_article(name: str, locale: Locale = ENGLISH) -> str:
    """``name`` as it reads mid-sentence: "the Netherlands", "the European Union", "UNODC", "Group A"."""
    folded = name.casefold()
    if folded.startswith(locale.article.format(name="").casefold()) or _placeholder_name(locale).fullmatch(folded):
        return name
    if folded in locale.with_the or folded.startswith(locale.the_prefixes):
        return locale.article.format(name=name)
    return name


@functools.cache
def _placeholder_name(locale: Locale) -> re.Pattern[str]:
    return re.compile(rf"({'|'.join(locale.placeholder_names)}) [a-z]{{1,2}}")


def pronoun(honorific: str, locale: Locale = ENGLISH) -> str:
    """ "She"/"He" from a programme honorific, else "" (the caller repeats the name)."""
    words = honorific.replace(".", " ").split()
    if any(w in words for w in locale.female):
        return locale.she
    if any(w in words for w in locale.male):
        return locale.he
    return ""


# -- reported speech ----------------------------------------------------------------------------

# Adverbs that may open a fragment before its verb ("also called for…").
ADVERBS = _ADVERBS = {
    "also",
    "further",
    "furthermore",
    "strongly",
    "again",
    "particularly",
    "especially",
    "firmly",
    "fully",
    "repeatedly",
    "equally",
}
_IRREGULAR_PAST = {
    "said", "made", "spoke", "took", "gave", "drew", "held", "saw", "felt", "led", "put", "set", "brought", "sought",
    "thought", "told", "was", "were", "had", "shared", "outlined", "underlined", "underscored", "laid",
    "struck", "wrote", "read", "met", "began", "chose", "knew", "found", "paid", "won", "rose", "spent", "stood",
}  # fmt: skip
# Base-form verbs that open recommendations ("establish…", "train…"); written as "called for establishing…".
_BASE_VERBS = {
    "abolish", "accede", "adopt", "address", "align", "allocate", "apply", "assist", "avoid", "build", "collect",
    "combat", "commit", "consider", "continue", "cooperate", "coordinate", "create", "criminalize", "criminalise",
    "designate", "detect", "develop", "dismantle", "eliminate", "empower", "end", "engage", "enhance", "enshrine",
    "ensure", "establish", "evaluate", "expand", "extend", "facilitate", "follow", "foster", "fund", "give",
    "guarantee", "harmonize", "hold", "identify", "implement", "improve", "include", "increase", "integrate",
    "introduce", "invest", "involve", "launch", "listen", "make", "map", "mobilize", "monitor", "offer", "partner",
    "pay", "prevent", "prioritize", "promote", "prosecute", "protect", "provide", "put", "raise", "ratify", "reach",
    "recognize", "reduce", "regulate", "reinforce", "remove", "require", "review", "revise", "scale", "set", "share",
    "step", "stop", "strengthen", "support", "tackle", "take", "target", "train", "treat", "update", "upgrade", "use",
    "work", "bring", "close", "deliver", "educate", "encourage", "enforce", "focus", "help", "link",
    "recruit", "report", "respect", "respond", "safeguard", "simplify", "standardize",
    "publish", "conduct", "enact", "amend", "sign", "join", "allow", "grant", "draft", "mainstream", "pursue",
    "redouble", "seize", "confiscate", "freeze", "trace", "investigate", "consult",
}  # fmt: skip
_DOUBLE_FINAL = {"commit", "admit", "permit", "submit", "omit", "refer", "prefer", "transfer", "occur", "deter",
                 "regret", "equip", "compel", "control", "patrol", "enrol", "expel", "propel", "label", "model",
                 "travel", "cancel", "fuel", "signal", "channel", "level", "counsel"}  # fmt: skip
_VOWELS = set("aeiou")


def _first_words(text: str) -> tuple[str, str]:
    """The first word (lower-cased, letters only) and the first word after any leading adverbs."""
    words = [w.strip(",;:").lower() for w in text.split(None, 4)[:4]]  # the rest of the text left unsplit
    first = words[0] if words else ""
    verb = next((w for w in words if w not in _ADVERBS), first)
    return first, verb


def is_reported(text: str) -> bool:
    """True when ``text`` opens with a past-tense verb, so "Several speakers " + text is a sentence."""
    _, verb = _first_words(text)
    return verb.isalpha() and (verb.endswith("ed") or verb in _IRREGULAR_PAST)


def gerund(verb: str) -> str:
    """ "establish" → "establishing", "strengthen" → "strengthening", "step" → "stepping", "label" → "labelling"."""
    if verb in ("be", "see", "agree", "guarantee", "free"):
        return verb + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ing"
    # one syllable, consonant-vowel-consonant: stop, map, set, step
    vowels = [c for c in verb if c in _VOWELS]
    if (len(vowels) == 1 and len(verb) >= 3 and verb[-1] not in _VOWELS | set("wxy")
            and verb[-2] in _VOWELS and verb[-3] not in _VOWELS):  # fmt: skip
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _is_base_verb(word: str) -> bool:
    return word in _BASE_VERBS or (len(word) > 4 and word.endswith(("ize", "ise", "ify")))


def predicate(text: str, kind: str = "key_point", locale: Locale = ENGLISH) -> tuple[str, bool]:
    """The verb phrase a subject is put in front of, and whether it needed rewording.

    Key points are past-tense fragments ("called for stronger referral mechanisms") and are kept as
    typed. A recommendation typed as an imperative ("establish referral mechanisms") becomes "called
    for establishing referral mechanisms"; a noun phrase ("more funding for shelters") becomes "called
    for more funding for shelters". Anything else is introduced neutrally ("made the following point:")
    and flagged so staff rephrase it.
    """
    text = text.strip().rstrip(".;")
    if not text:
        return "", True
    lowered = lower_first(text)
    first, verb = _first_words(lowered)
    if verb.isalpha() and (verb.endswith("ed") or verb in _IRREGULAR_PAST):  # is_reported(lowered)
        return lowered, False
    if kind == "recommendation":
        if _is_base_verb(first):
            rest = lowered.split(" ", 1)[1] if " " in lowered else ""
            return locale.calls_for.format(f"{gerund(first)} {rest}").rstrip(), False
        return locale.calls_for.format(lowered), False
    return locale.made_point.format(text), True


def recommendation(text: str, locale: Locale = ENGLISH) -> str:
    """A panellist's or speaker's recommendation as a sentence predicate ("called for training judges…")."""
    return predicate(text, "recommendation", locale)[0]
