"""The words of a Chair's summary: quantifiers, numbers, dates, lists and reported speech.

Everything here follows the UN Editorial Manual as summarised in docs/design.md: numbers under 10 in
words, dates as "27 September 2017", third person and past tense, and quantifiers that can be
recomputed from the records. Nothing here knows about Word, Markdown or the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..domain import categories

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(n: int) -> str:
    """A count as UN documents write it: words under 10, figures from 10 ("three", "12")."""
    return _WORDS[n] if 0 <= n < 10 else str(n)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """ "one observer State", "three United Nations entities", "19 Member States"."""
    return f"{number(n)} {singular if n == 1 else plural or singular + 's'}"


def day(value: dt.date) -> str:
    """ "27 September 2017": day, month, year, no leading zero, no weekday."""
    return f"{value.day} {value:%B %Y}"


def clock(value: dt.time | dt.datetime) -> str:
    """UN time style: "3 p.m.", "4.30 p.m.", "10 a.m."."""
    hour = value.hour % 12 or 12
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes} {'a.m.' if value.hour < 12 else 'p.m.'}"


def clock_range(start: dt.time | dt.datetime, end: dt.time | dt.datetime) -> str:
    """A span of time in UN style: "3 to 4.30 p.m." (one "p.m." when both are in the afternoon), "11 a.m. to 1 p.m."."""
    first, last = clock(start), clock(end)
    if (start.hour < 12) == (end.hour < 12):
        first = first.rsplit(" ", 1)[0]
    return f"{first} to {last}"


def in_running_text(honorific: str) -> str:
    """An honorific as running text prints it: "H.E. Mr." → "Mr." (the Editorial Manual keeps "His/Her
    Excellency" for mastheads and lists, not for the body)."""
    words = [w for w in honorific.split() if w.rstrip(".").casefold() not in ("h.e", "he", "excellency", "his", "her")]
    return " ".join(words)


def join(items: Sequence[str], conjunction: str = "and", separator: str = ",") -> str:
    """ "A", "A and B", "A, B and C" (no serial comma, as in UN English); ``separator=";"`` for long items."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    last_separator = f"{separator} {conjunction} " if separator == ";" else f" {conjunction} "
    return f"{separator} ".join(items[:-1]) + last_separator + items[-1]


def letter(index: int) -> str:
    """Sub-item labels as UN documents number them: a…z, then aa, bb… (index from 0)."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def roman(n: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


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


@dataclass(frozen=True)
class Quantifier:
    """One row of the quantifier table.

    ``applies(k, n)`` is true when ``k`` voices out of ``n`` floor speakers fall in this row. The
    row's ``phrases`` are interchangeable wordings (used in turn so a long summary does not repeat
    "several speakers" twenty times); ``{noun}`` is "speakers" or, when ``qualify`` is true and every
    voice is of one category, that category ("Member States"). A phrase without ``{noun}`` is a
    sentence opening of its own ("Speakers broadly").
    """

    label: str
    min_k: int = 1
    max_k: int | None = None
    min_share: Fraction = Fraction(0)
    max_share: Fraction | None = None
    phrases: tuple[str, ...] = ("{noun}",)
    qualify: bool = True
    whole: bool = False  # only when every floor speaker made the point (k = N)

    def applies(self, k: int, n: int) -> bool:
        if k < self.min_k or (self.max_k is not None and k > self.max_k):
            return False
        if self.whole:
            return k == n
        # k / n compared with the bounds in whole numbers: exact, and far cheaper than Fractions
        low, high = self.min_share, self.max_share
        return k * low.denominator >= low.numerator * n and (high is None or k * high.denominator < high.numerator * n)


# The house convention of docs/design.md, row by row; k = distinct floor voices behind a point (a group
# statement counts once), N = distinct floor voices in the panel. Rows are tried in order and the
# first that applies wins, so "1", "2" and "3–4" hold whatever N is. The table's "speakers broadly
# agreed" is written "Speakers broadly <verb>…" ("Speakers broadly stressed…"): the sentence keeps
# the speakers' own verb, and "agreed" is avoided because the editorial rules reserve it for
# negotiated text. Replace or reorder rows to change the convention; ``quantify`` reads this tuple.
QUANTIFIERS: tuple[Quantifier, ...] = (
    Quantifier("k = 1", max_k=1, phrases=("one {noun1}",)),
    Quantifier("k = 2", min_k=2, max_k=2, phrases=("two {noun}",)),
    Quantifier("k = 3–4", min_k=3, max_k=4, phrases=("some {noun}", "a few {noun}")),
    Quantifier("k = N", min_k=5, whole=True, phrases=("all speakers",), qualify=False),
    Quantifier("5 ≤ k < N/3", min_k=5, max_share=Fraction(1, 3), phrases=("several {noun}", "a number of {noun}")),
    Quantifier(
        "N/3 ≤ k < N/2",
        min_k=5,
        min_share=Fraction(1, 3),
        max_share=Fraction(1, 2),
        phrases=("many speakers",),
        qualify=False,
    ),
    Quantifier(
        "N/2 ≤ k < 0.9 N",
        min_k=5,
        min_share=Fraction(1, 2),
        max_share=Fraction(9, 10),
        phrases=("most speakers",),
        qualify=False,
    ),
    Quantifier("k ≥ 0.9 N", min_k=5, min_share=Fraction(9, 10), phrases=("speakers broadly",), qualify=False),
)

# How a category is named when every voice behind a point belongs to it (singular, plural).
CATEGORY_NOUNS = categories.nouns()
# How participation is counted in the introduction ("three United Nations entities").
PARTICIPANT_NOUNS = categories.participant_nouns()


@dataclass(frozen=True)
class Quantified:
    """The chosen wording for k of N, with the table row it came from (shown in Word comments)."""

    phrase: str
    row: Quantifier


def quantify(
    k: int, n: int, *, category: str | None = None, turn: int = 0, table: Sequence[Quantifier] = QUANTIFIERS
) -> Quantified:
    """The quantifier for ``k`` voices of ``n`` floor speakers, e.g. "several Member States".

    ``category`` is the one category of every voice, if they share one; ``turn`` picks among a row's
    interchangeable phrases. Never returns "all" unless k = N.
    """
    if k < 1 or n < k:
        raise ValueError(f"cannot quantify {k} of {n} speakers: need 1 <= k <= N")
    row = next((r for r in table if r.applies(k, n)), None)
    if row is None:
        raise ValueError(f"the quantifier table has no row for k = {k}, N = {n}; add one")
    phrase = row.phrases[turn % len(row.phrases)]
    singular, plural = ("speaker", "speakers")
    if row.qualify and category in CATEGORY_NOUNS:
        singular, plural = CATEGORY_NOUNS[category]
    return Quantified(phrase.format(noun=plural, noun1=singular), row)


def other(phrase: str, nth: int = 1) -> str:
    """The phrase for further, different speakers in a run of sentences that would open alike:
    "one speaker" → "another speaker" → "a further speaker"; "two Member States" → "two other Member
    States" → "a further two Member States" (``nth`` 1, then 2 and after). A phrase that does not open
    with a number is returned as is."""
    first, _, rest = phrase.partition(" ")
    if not rest or not (first in _WORDS or first.isdigit()):
        return phrase
    if nth > 1:
        return f"a further {rest}" if first == "one" else f"a further {first} {rest}"
    return f"another {rest}" if first == "one" else f"{first} other {rest}"


def punctuate_items(texts: Sequence[str]) -> list[str]:
    """Sub-items as UN documents end them after a lead-in colon: "…;", "…; and", "….".

    Only items that end with a full stop are changed (a list of questions keeps its question marks).
    """
    if len(texts) < 2 or not all(t.endswith(".") and not t.endswith("..") for t in texts):
        return list(texts)
    out = [t[:-1] + ";" for t in texts[:-1]] + [texts[-1]]
    out[-2] += " and"
    return out


# -- names --------------------------------------------------------------------------------------

# UN short names read with "the" in running text ("the representative of the Netherlands").
_WITH_THE = {
    "bahamas", "central african republic", "comoros", "congo", "czech republic", "democratic people's republic of korea",
    "democratic republic of the congo", "dominican republic", "gambia", "holy see", "lao people's democratic republic",
    "maldives", "marshall islands", "netherlands", "niger", "philippines", "republic of korea", "republic of moldova",
    "russian federation", "solomon islands", "state of palestine", "sudan", "syrian arab republic",
    "united arab emirates", "united kingdom", "united states", "united kingdom of great britain and northern ireland", "united republic of tanzania",
    "united states of america", "former yugoslav republic of macedonia",
}  # fmt: skip
_THE_PREFIXES = (
    "united nations", "international", "office ", "council ", "organization ", "organisation ", "european ",
    "african union", "league ", "inter-", "special rapporteur", "special representative", "group of",
    "nordic ", "executive office", "economic community", "southern african", "sovereign order", "association of",
    "latin american", "african group", "president of",
)  # fmt: skip


def with_article(name: str) -> str:
    """``name`` as it reads mid-sentence: "the Netherlands", "the European Union", "UNODC", "Group A"."""
    folded = name.casefold()
    if folded.startswith("the ") or re.fullmatch(
        r"(group|member state|observer state|un entity|organization"
        r"|civil society organization|university|company|media outlet) [a-z]{1,2}",
        folded,
    ):
        return name
    if folded in _WITH_THE or folded.startswith(_THE_PREFIXES):
        return f"the {name}"
    return name


def pronoun(honorific: str) -> str:
    """ "She"/"He" from a programme honorific, else "" (the caller repeats the name)."""
    words = honorific.replace(".", " ").split()
    if "Ms" in words or "Mrs" in words or "Madam" in words:
        return "She"
    if "Mr" in words or "Sir" in words:
        return "He"
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
    words = [w.strip(",;:").lower() for w in text.split()[:4]]
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


def predicate(text: str, kind: str = "key_point") -> tuple[str, bool]:
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
    if is_reported(lowered):
        return lowered, False
    first, _ = _first_words(lowered)
    if kind == "recommendation":
        if _is_base_verb(first):
            rest = lowered.split(" ", 1)[1] if " " in lowered else ""
            return f"called for {gerund(first)} {rest}".rstrip(), False
        return f"called for {lowered}", False
    return f"made the following point: {text}", True


def recommendation(text: str) -> str:
    """A panellist's or speaker's recommendation as a sentence predicate ("called for training judges…")."""
    return predicate(text, "recommendation")[0]
