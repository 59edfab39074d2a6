"""United Nations spelling and typography of the rapporteurs' words, never of the programme's.

Rapporteurs type "emphasised", "program", "the UN" and "straight quotes"; a Chair's summary is
United Nations English. ``edit`` corrects the words of one recorded line as the draft reports them
(``language.predicate`` calls it); the programme's own text (titles, themes, guiding questions,
names) is quoted verbatim elsewhere and never passes through here, so a guiding question that
writes "analyse" keeps it. Only words in lower case are re-spelled: a capitalised word is a name
("Organisation for Economic Co-operation and Development", "Department of Labor") and keeps the
spelling of its owner.

The source of every table is the United Nations Editorial Manual (Department for General Assembly
and Conference Management), "Spelling": UN English follows the first spelling of the Concise Oxford
English Dictionary, that is British spelling with -ize ("organization", "emphasize", "specialized")
but "analyse", "programme", "labour", "centre", "defence", a final l doubled ("travelled",
"labelling"), "fulfil", "ageing", "per cent"; and "United Nations" written in full in running text.
The tables are this module's own, short and stated here, rather than a spelling package's: each entry
is a change the Editorial Manual asks for, and a word not in them is left as typed.
"""

from __future__ import annotations

import functools
import re

from ..locale import ENGLISH, Locale

# Stems that take -ize in UN English (the Editorial Manual's -ize words and their families): "organ" +
# "ise" → "organize", "organisation" → "organization". Words in -yse ("analyse") and words whose -ise
# is no suffix ("advise", "comprise", "exercise", "revise", "supervise", "enterprise") are not here.
IZE_STEMS = (
    "apolog", "author", "capital", "categor", "central", "character", "civil", "commercial", "conceptual",
    "contextual", "critic", "decentral", "democrat", "digit", "emphas", "familiar", "final", "formal", "global",
    "harmon", "hospital", "human", "immun", "incentiv", "individual", "industrial", "institutional",
    "internal", "international", "jeopard", "legal", "local", "marginal", "material", "maxim",
    "memor", "minim", "mobil", "modern", "monet", "moral", "natural", "neutral", "normal", "operational",
    "optim", "organ", "patron", "penal", "polar", "politic", "priorit", "public", "rational", "real", "recogn",
    "sensit", "social", "special", "stabil", "standard", "stigmat", "subsid", "summar", "symbol", "sympath",
    "synchron", "theor", "urban", "util", "victim", "visual", "scrutin", "criminal", "computer",
)  # fmt: skip
_STEMS = frozenset(IZE_STEMS)
_PREFIXES = ("re", "de", "un", "non-", "over", "under", "self-")
# A word that may be one of them: a simple scan, then the stem looked up (an alternation of 80 stems
# tried at every word was a third of the time ``edit`` took).
_IZE = re.compile(r"\b([a-z][a-z-]*?)is(e|es|ed|ing|ation|ations|ational|ationally|er|ers)\b")

# Other spellings of the same words, as UN English writes them (lower case; a capitalised word is a name).
SPELLINGS = {
    "program": "programme", "programs": "programmes", "labor": "labour", "labors": "labours",
    "center": "centre", "centers": "centres", "behavior": "behaviour", "behaviors": "behaviours",
    "favor": "favour", "favorable": "favourable", "honor": "honour", "neighbor": "neighbour",
    "neighbors": "neighbours", "neighboring": "neighbouring", "endeavor": "endeavour", "endeavors": "endeavours",
    "defense": "defence", "offense": "offence", "offenses": "offences", "catalog": "catalogue", "dialog": "dialogue",
    "analyze": "analyse", "analyzed": "analysed", "analyzes": "analyses", "analyzing": "analysing",
    "paralyze": "paralyse", "fulfill": "fulfil", "fulfills": "fulfils", "fulfillment": "fulfilment",
    "enrollment": "enrolment", "traveled": "travelled", "traveling": "travelling", "traveler": "traveller",
    "travelers": "travellers", "labeled": "labelled", "labeling": "labelling", "modeled": "modelled",
    "modeling": "modelling", "counseled": "counselled", "counseling": "counselling", "counselor": "counsellor",
    "counselors": "counsellors", "canceled": "cancelled", "canceling": "cancelling", "fueled": "fuelled",
    "fueling": "fuelling", "signaled": "signalled", "signaling": "signalling", "channeled": "channelled",
    "channeling": "channelling", "leveled": "levelled", "gray": "grey", "aging": "ageing",
    "acknowledgment": "acknowledgement", "skeptical": "sceptical", "percent": "per cent", "toward": "towards",
    "co-operation": "cooperation", "co-operate": "cooperate", "co-ordination": "coordination",
    "co-ordinate": "coordinate", "co-ordinated": "coordinated",
}  # fmt: skip
_SPELLINGS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(SPELLINGS, key=len, reverse=True))) + r")(?![\w-])")

# Names of reports and instruments as published (UNODC, General Assembly), whatever their case as typed.
TITLES = (
    "Global Report on Trafficking in Persons",
    "Global Plan of Action to Combat Trafficking in Persons",
    "United Nations Convention against Transnational Organized Crime",
    "Convention against Transnational Organized Crime",
    "2030 Agenda for Sustainable Development",
    "Sustainable Development Goals",
)
_SPELLED = frozenset(SPELLINGS)
_WORDS = re.compile(r"[a-z][a-z-]*")
_DIGIT = re.compile(r"\d")
_TITLE_ENDS = frozenset(t.rsplit(" ", 1)[-1].lower() for t in TITLES)  # "persons", "crime", "development"…
_THE_UN = re.compile(r"\b([Tt]he) UN\b(?![-\w’']| Women)")
_QUOTE_START = re.compile(r"(^|[:,]\s*)([“‘])(\w)")


@functools.cache
def _titles() -> re.Pattern[str]:
    alternatives = [re.escape(t).replace(r"\ ", r"\s+").replace("ize", "i[sz]e") for t in TITLES]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


@functools.cache
def _published(found: str) -> str:
    folded = " ".join(found.split()).casefold().replace("organised", "organized")
    return next(t for t in TITLES if t.casefold() == folded)


def curly(text: str, locale: Locale = ENGLISH) -> str:
    """Straight quotation marks made curly: “…” and ‘…’ (an apostrophe inside a word is left as typed)."""
    if '"' not in text and "'" not in text:
        return text
    opening, closing, inner_opening, inner_closing = locale.quotes
    out: list[str] = []
    single = False
    for i, ch in enumerate(text):
        before = out[-1] if out else " "  # as made curly: "'N and “‘N read alike
        after = text[i + 1] if i + 1 < len(text) else " "
        starts = before.isspace() or before in "([{—–/“‘"
        if ch == '"':
            out.append(opening if starts else closing)
        elif ch == "'" and starts and after.isalnum():
            out.append(inner_opening)
            single = True
        elif ch == "'" and single and not after.isalnum():
            out.append(inner_closing)
            single = False
        else:
            out.append(ch)
    return "".join(out)


@functools.cache
def _counts(locale: Locale) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A figure under 10 before a word in lower case ("3 cases"), and what makes it a reference instead
    ("question 3 of", "article 5 on"): the same words ``hlmnotes check`` reads figures by."""
    per_cent = "|".join(re.escape(p) for p in locale.per_cent)
    figure = re.compile(rf"(?<![\w.,/:#§-])([1-9])(?= (?!{per_cent})[a-z])")
    after = re.compile(rf"(?:{'|'.join(re.escape(w) for w in locale.figure_after)})\s*$", re.IGNORECASE)
    return figure, after


def _in_words(text: str, locale: Locale) -> str:
    """Counts under 10 in words, as UN documents write them: "noted 3 cases" → "noted three cases"."""
    figure, after = _counts(locale)
    return figure.sub(lambda m: m.group(0) if after.search(text[: m.start()]) else locale.numbers[int(m.group(1))], text)


def _ize(match: re.Match[str]) -> str:
    stem = match.group(1)
    bare = next((stem[len(p) :] for p in _PREFIXES if stem.startswith(p) and stem[len(p) :] in _STEMS), stem)
    return f"{stem}iz{match.group(2)}" if bare in _STEMS else match.group(0)


def edit(text: str, locale: Locale = ENGLISH) -> str:
    """A rapporteur's words as UN English writes them: -ize spelling and the Editorial Manual's other
    spellings, report names as published, "the United Nations" for "the UN", counts under 10 in words
    ("three cases", not "question three"), curly quotation marks and a capital at the start of a
    quotation introduced by a colon or a comma."""
    if not locale.un_spelling:
        return text
    # Each rule only where a cheap test says it may apply: most lines need none of them.
    text = _IZE.sub(_ize, text) if "is" in text else text
    folded = text.lower()
    if not _SPELLED.isdisjoint(_WORDS.findall(text)):
        text = _SPELLINGS.sub(lambda m: SPELLINGS[m.group(1)], text)
    if any(end in folded for end in _TITLE_ENDS):
        text = _titles().sub(lambda m: _published(m.group(0)), text)
    text = _THE_UN.sub(lambda m: f"{m.group(1)} {locale.united_nations}", text) if "UN" in text else text
    text = _in_words(text, locale) if _DIGIT.search(text) else text
    text = curly(text, locale)
    if "“" in text or "‘" in text:
        text = _QUOTE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)
    return text
