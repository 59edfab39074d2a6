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
from . import grammar, spelling

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


def indefinite(noun: str, locale: Locale = ENGLISH) -> str:
    """ "an intergovernmental organization", "an observer State", "a United Nations entity": the locale's
    article by the sound the noun opens with (a vowel letter, but "a" before a "you" or "wun" sound)."""
    a, an = locale.indefinite
    first = noun[:1].lower()
    vowel = first in "aeiou" and not noun.lower().startswith(locale.consonant_sounds)
    return f"{an if vowel else a} {noun}"


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

# Adverbs that may open a fragment before its verb ("also called for…"); the locale's, named here as before.
ADVERBS = ENGLISH.adverbs
_EDGES = ",;:()[]\"'“”‘’!?."


def _bare(token: str) -> str:
    """A token as the grammar reads it: lower-cased, without the punctuation around it."""
    return token.strip(_EDGES).lower()


def _inflected(token: str, form: str) -> str:
    """``token`` replaced by ``form``, keeping a capital and the punctuation around it."""
    core = token.strip(_EDGES)
    if not core or not form:
        return token
    start = token.index(core)
    form = capitalise(form) if core[:1].isupper() else form
    return token[:start] + form + token[start + len(core) :]


def _verb_reading(word: grammar.Verb, following: str, locale: Locale, then: str = "") -> bool:
    """Whether ``word`` is read as a verb before ``following``: a word that is only a verb always is; a
    word that is also an adjective ("better data", "secure funding") is one only before a determiner
    ("secure the release"); one that is also a noun ("need", "visit", "support") is one unless a
    conjunction, nothing or a preposition other than the locale's ``verb_prepositions`` follows
    ("support for victims", "access to justice", but "work with companies"), or "and" and a noun
    (``then`` is the word after ``following``: "stress and welcome" are verbs)."""
    if not word.noun and not word.adjective:
        return True
    if following in locale.determiners:
        return True
    if word.adjective:
        return False
    if following in locale.prepositions:
        return following in locale.verb_prepositions
    if following in locale.coordinators:  # "stress and welcome…": a verb when a verb is listed with it
        return grammar.verb(then).base
    return bool(following)


def of_one(predicate: str, one: str, locale: Locale = ENGLISH) -> tuple[str, str]:
    """A lone speaker's ``predicate`` said of several ("Some speakers announced X and described …"), its
    pronouns agreeing, and the pronoun written as ``one`` ("" when none was).

    "its" becomes "their" and "itself" after a verb "themselves", bound to the plural subject ("committed
    themselves to"). An "it" that is the agent of a reported clause refers to that one speaker within
    the group and becomes ``one`` ("one of them", or in named style its name): a verb's object before
    "to" and a verb ("had allowed it to open a shelter" → "had allowed one of them to open a shelter"), or
    the subject of the clause the predicate opens with, before an auxiliary or a past tense ("noted that it
    had adopted a plan" → "that one of them had adopted"; "said it would"). The rest of the predicate is then about that one, and its later "it", "its"
    and "itself" stay. Any other "it" stays as written: an expletive ("that it was important to"), or
    one that may mean a thing ("urged States to ratify it", "welcomed the Protocol and noted that it had
    entered into force")."""
    it, its, itself = locale.singular
    if f"{it} " not in predicate and its not in predicate:  # "it", "its", "itself": most predicates have none
        return predicate, ""
    tokens = predicate.split(" ")
    words = [_bare(t) for t in tokens]
    for i, word in enumerate(words):
        if word == its:
            tokens[i] = _inflected(tokens[i], locale.their)
        elif word == itself and i and grammar.verb(words[i - 1]).tags & {"VBD", "VBN"}:  # "committed itself"
            tokens[i] = _inflected(tokens[i], locale.themselves)
        elif word == it and tokens[i].strip(_EDGES) == tokens[i] and _agent(words, i, locale):
            tokens[i] = one
            return " ".join(tokens), word
    return " ".join(tokens), ""


def _agent(words: list[str], at: int, locale: Locale) -> bool:
    """Whether the "it" at ``at`` is a reported clause's agent: "allowed it to open", "that it had adopted"."""
    before = words[at - 1] if at else ""
    after, then = (words[at + 1 : at + 3] + ["", ""])[:2]
    if after == locale.infinitive:  # "allowed it to open"
        return bool(before) and bool(grammar.verb(before).lemma) and grammar.verb(then).base
    # a clause's subject right after the reporting verb ("noted that it had", "said it would"), where no
    # thing the predicate names comes before it ("welcomed the Protocol and noted that it had entered …")
    if not (at == 2 and before in locale.clause_openers or at == 1) or not after or after in locale.expletive_verbs:
        return False
    if after in locale.auxiliaries:
        return bool(then) and then not in locale.expletive_verbs
    return "VBD" in grammar.verb(after).tags


def _coordinated(tokens: list[str], words: list[str], at: int, form: str, locale: Locale) -> None:
    """Put the verbs listed with the one at ``at`` ("ratify and implement", "train, equip and deploy")
    into the same ``form`` ("gerund" or "past"), in place, up to the first word that is not one."""
    j = at + 1
    while j < len(words):
        if words[j] in locale.coordinators or tokens[j - 1].endswith(","):
            k = j + 1 if words[j] in locale.coordinators else j
            while k < len(words) and words[k] in locale.adverbs:
                k += 1
            found = grammar.verb(words[k]) if k < len(words) else grammar.NOT_A_VERB
            if not found.base:
                return
            tokens[k] = _inflected(tokens[k], getattr(found, form))
            j = k + 1
        else:
            return


def _later_calls(tokens: list[str], words: list[str], start: int, locale: Locale, form: str = "gerund") -> None:
    """A fragment's further verbs ("ratify the Protocol and implement it fully", "recognized X and need
    Y"): a base-form verb after "and" or "or", outside a clause of its own ("to protect and assist"),
    takes the ``form`` of the first ("gerund" after "called for", else "past"); in the past only a word
    that is no noun or adjective, or one before a determiner ("and need more support"), since a key
    point lists things as well as acts ("police and service providers")."""
    for j in range(start, len(words) - 1):
        if words[j] in locale.subordinators:
            return
        if words[j] not in locale.coordinators or _bare(tokens[j + 1]) != words[j + 1]:
            continue  # not after "and"/"or", or already put in its form (a list after "called for")
        found = grammar.verb(words[j + 1])
        following = words[j + 2] if j + 2 < len(words) else ""
        if form == "past" and (found.noun or found.adjective) and following not in locale.determiners:
            continue  # a key point lists things as well as acts: "police and service providers"
        if found.base and _verb_reading(found, following, locale, words[j + 3] if j + 3 < len(words) else ""):
            tokens[j + 1] = _inflected(tokens[j + 1], getattr(found, form))


def _back_a_step(tokens: list[str], words: list[str], start: int, locale: Locale) -> None:
    """Tenses of a reported that-clause put back a step: "noted that the law has promoted…" → "had
    promoted"; "stressed that trafficking remains…" → "remained". Quoted words are left as said."""
    clause = False
    quoted = False
    for j in range(start, len(words)):
        token = tokens[j]
        if token[:1] in "“\"‘":
            quoted = True
        if not quoted and clause and words[j]:
            if words[j] in locale.backshift:
                tokens[j] = _inflected(token, locale.backshift[words[j]])
            else:
                found = grammar.verb(words[j])
                if found.tags == {"VBZ"} and not found.noun and found.past and not token.strip(_EDGES)[:1].isupper():
                    tokens[j] = _inflected(token, found.past)
        if token[-1:] in "”\"’" or token.rstrip(".,;:")[-1:] in "”\"’":
            quoted = False
        if words[j] == locale.clause and j and "VBD" in grammar.verb(words[j - 1]).tags:
            clause = True  # "stressed that…", not "legislation that…" (a relative clause keeps its tense)
        elif token.endswith(";"):
            clause = False


def _clause_end(words: list[str], locale: Locale) -> int:
    """Where the fragment's first clause ends: at its first subordinator ("that", "who"…), else the end."""
    return next((i for i, w in enumerate(words) if w in locale.subordinators), len(words))


def _gerund_only(word: str) -> bool:
    """A gerund that is no noun ("establishing", not "funding" or "training")."""
    found = grammar.verb(word)
    return "VBG" in found.tags and not found.noun


def reported(text: str, kind: str = "key_point", locale: Locale = ENGLISH) -> str | None:
    """``text`` as the words after a subject in reported speech, or None when the lexicon cannot tell
    how (the caller then flags the line for staff rather than print it wrong).

    A key point keeps a past-tense verb ("built national capacity"); a verb in another form is put in
    the past ("need more funding" → "needed more funding"; "stress and welcome" → "stressed and
    welcomed"); a that-clause's tenses go back a step ("has promoted" → "had promoted"). A
    recommendation typed as a call ("ratify and implement the Protocol", "visit shelters") becomes
    "called for ratifying and implementing the Protocol", "called for visiting shelters"; a noun phrase
    ("more funding for shelters") "called for more funding for shelters"; a sentence in the past
    ("urged States to…") is kept.
    """
    tokens = text.split(" ")
    words = [_bare(t) for t in tokens]
    at = next((i for i, w in enumerate(words) if w not in locale.adverbs), len(words))
    if at == len(words):
        return None
    word = words[at]
    found = grammar.verb(word)
    following = words[at + 1] if at + 1 < len(words) else ""
    then = words[at + 2] if at + 2 < len(words) else ""
    opened_in_capitals = tokens[at].strip(_EDGES)[:2].isupper() or (at and tokens[at][:1].isupper())
    if kind == "recommendation":
        if "VBD" in found.tags and (
            "VBN" not in found.tags or following in locale.determiners or following in locale.prepositions
            or following in locale.subordinators or tokens[at + 1 : at + 2] and tokens[at + 1][:1].isupper()
            or _gerund_only(following)
        ):  # fmt: skip
            return text  # a call already reported: "called for…", "urged States to…"
        if found.base and not opened_in_capitals and _verb_reading(found, following, locale, then):
            tokens[at] = _inflected(tokens[at], found.gerund)
            _coordinated(tokens, words, at, "gerund", locale)
            _later_calls(tokens, words, at + 1, locale)
            said = locale.calls_for.format(" ".join(tokens[at:]))
            return " ".join([*tokens[:at], said])
        if not found.known and not found.lemma and word.isalpha() and word not in locale.determiners and not opened_in_capitals:
            return None  # a word the lexicon does not have, where a verb may be
        return " ".join([*tokens[:at], locale.calls_for.format(" ".join(tokens[at:]))])
    if "VBD" in found.tags:
        for j in range(at + 1, len(words) - 1):  # "called for ratifying and implement…": the list's verbs alike
            if words[j] in locale.prepositions and _gerund_only(words[j + 1]):
                _coordinated(tokens, words, j + 1, "gerund", locale)
        _later_calls(tokens, words, at + 1, locale, "past")  # "recognized X and need Y" → "and needed Y"
        _back_a_step(tokens, words, at + 1, locale)
        return " ".join(tokens)
    in_other_form = found.lemma and found.lemma != "be" and found.tags & {"VB", "VBP", "VBZ", "VBG"}
    # "Labour migration is rising": a noun that has a verb of its own after it is the subject of a sentence
    own_verb = found.noun and any(w in locale.backshift for w in words[at + 1 : _clause_end(words, locale)])
    if in_other_form and not opened_in_capitals and not own_verb and _verb_reading(found, following, locale, then):
        tokens[at] = _inflected(tokens[at], found.past)
        _coordinated(tokens, words, at, "past", locale)
        _back_a_step(tokens, words, at + 1, locale)
        return " ".join(tokens)
    return None


def is_reported(text: str, locale: Locale = ENGLISH) -> bool:
    """True when ``text`` opens with a past-tense verb, so "Several speakers " + text is a sentence."""
    words = [_bare(t) for t in text.split(" ", 4)[:4]]
    verb = next((w for w in words if w not in locale.adverbs), "")
    return "VBD" in grammar.verb(verb).tags


def gerund(verb: str) -> str:
    """ "establish" → "establishing", "step" → "stepping" (the lexicon's form; the verb itself when it has none)."""
    return grammar.verb(verb).gerund or verb


def predicate(text: str, kind: str = "key_point", locale: Locale = ENGLISH) -> tuple[str, bool]:
    """The verb phrase a subject is put in front of, and whether it needed rewording.

    ``reported`` puts the fragment into reported speech and ``spelling.edit`` into UN spelling and
    typography; a fragment it cannot tell how to (a noun
    phrase as a key point, "Data collection remains weak"; a word the lexicon does not know where the
    verb should be) is introduced neutrally ("made the following point:") and flagged so staff
    rephrase it: the staff note lists it "to rephrase".
    """
    text = text.strip().rstrip(".;")
    if not text:
        return "", True
    said = reported(lower_first(text), kind, locale)
    if said is None:
        return locale.made_point.format(spelling.edit(text, locale)), True
    return spelling.edit(said, locale), False


def recommendation(text: str, locale: Locale = ENGLISH) -> str:
    """A panellist's or speaker's recommendation as a sentence predicate ("called for training judges…")."""
    return predicate(text, "recommendation", locale)[0]
