"""What a sentence of a draft claims, found in its words: quantifiers, names, titles, the theme, dates,
times, symbols and delegations; and the editorial rules of the UN Editorial Manual (docs/design.md).

``check`` holds each claim against the records and the programme. The quantifier patterns are built
from the house table itself (``language.QUANTIFIERS``), so a row changed there is checked as changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.model import Intervention
from ..domain.text import fold
from . import language as lang

if TYPE_CHECKING:
    from ..domain.programme import Panel, Programme
    from ..domain.reference import Reference

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_MONTH = "|".join(_MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b")
_WRONG_DATES = (
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b"),
    re.compile(
        r"\b(?P<day>\d{1,2})\s+(?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?P<year>\d{4})\b"
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})[/.](?P<nmonth>\d{1,2})[/.](?P<year>\d{4})\b"),
)
TIME = re.compile(r"(?<![\d.:])\b(\d{1,2})(?:\.(\d{2}))?\s*([ap])\.m\.")
TIME_RANGE_START = re.compile(r"(?<![\d.:])\b(\d{1,2})(?:\.(\d{2}))?(?=\s+to\s+\d{1,2}(?:\.\d{2})?\s*([ap])\.m\.)")
TIME_24H = re.compile(r"(?<![\d.:/])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
SYMBOL = re.compile(r"(?<![\w/])(?:A/RES/)?\d{2,3}/\d{1,4}(?![\w/])")
SDG_TARGETS = re.compile(r"\bSDG\s+targets?\s+((?:\d{1,2}\.\d{1,2}|,|\s|and)+)")
FIGURE = re.compile(r"(?<![\w.,/:#§-])([1-9])(?![\w.,/:%]|\s*(?:per cent|percent|%))")
_FIGURE_OK_BEFORE = re.compile(
    r"(?:question|questions|panel|discussion|paragraph|paragraphs|para\.|target|targets|resolution|article|goal|"
    r"sdg|section|annex|table|page|no\.|chapter|item|group|member state|segment|part)\s*$",
    re.IGNORECASE,
)
WORDS = re.compile(r"\b(consensus|agreed)\b", re.IGNORECASE)
QUOTED = re.compile(r"[“\"]([^”\"]{20,})[”\"]")
_PARTICLES = {"de", "del", "della", "da", "van", "von", "der", "den", "du", "la", "le", "bin", "al", "y", "ter"}
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w’'-]*|(?:" + "|".join(sorted(_PARTICLES)) + r")\b")


# -- what the programme and reference lists say --------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The programme's facts as the check compares them: symbols, SDG targets, dates, and the names
    of delegations and groups with their printed (short) forms."""

    symbols: frozenset[str]
    targets: frozenset[str]
    dates: frozenset[dt.date]
    programme: Programme
    names: re.Pattern[str] | None
    canonical: dict[str, tuple[str, str, str]]  # name as written → (key, printed form, category)
    meeting_text: str

    @classmethod
    def of(cls, programme: Programme, codebook_text: str, reference: Reference) -> Known:
        m = programme.meeting
        sources = " ".join((programme.text, codebook_text, " ".join(m.mandate), m.mandate_text, m.outcome))
        dates = {m.start_date, m.end_date, *(s.date for s in programme.segments), *(p.date for p in programme.panels)}
        dates |= {_date(int(d), month, int(y)) for d, month, y in DATE.findall(sources)} - {None}  # type: ignore[arg-type]
        targets = {t for found in SDG_TARGETS.findall(sources) for t in re.findall(r"\d{1,2}\.\d{1,2}", found)}
        canonical: dict[str, tuple[str, str, str]] = {}
        for d in reference.delegations:
            printed = d.in_text or d.name
            for written in (d.name, *d.aliases, d.in_text):
                if written and (written[:1].isupper() or written[:1].isdigit()):
                    canonical.setdefault(written, (fold(d.name), printed, d.category))
        for g in reference.groups:
            for written in (g.name, *g.aliases):
                if written and written[:1].isupper():
                    canonical.setdefault(written, (fold(g.name), g.name, "group"))
        alternatives = "|".join(re.escape(n) for n in sorted(canonical, key=len, reverse=True))
        names = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if alternatives else None
        return cls(frozenset(SYMBOL.findall(sources)), frozenset(targets), frozenset(dates), programme, names,
                   canonical, fold(" ".join((m.title, m.mandate_text, m.outcome, codebook_text))))  # fmt: skip

    def panel_text(self, panel: Panel) -> str:
        """Everything the programme prints about ``panel``, folded: words a draft copies from it are not claims."""
        people = [panel.chair, *panel.panellists]
        parts = [panel.title, panel.theme, *(q.text for q in panel.questions)]
        parts += [f"{p.name} {p.title} {p.organization} {p.delegation}" for p in people]
        return fold(" ".join(parts)) + " " + self.meeting_text


def _date(day: int, month: str, year: int) -> dt.date | None:
    try:
        return dt.date(year, _MONTHS.index(month) + 1 if month in _MONTHS else _short_month(month), day)
    except ValueError:
        return None


def _short_month(month: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(month[:3]))


# -- programme facts and editorial rules --------------------------------------------------------


def programme_findings(text: str, panel: Panel, known: Known, source_text: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, message) for each date, time, symbol, theme, name or title of ``text`` that
    differs from the programme, and each editorial rule it breaks. ``source_text`` is what the
    sentence's records say: words a speaker said are reported, not judged."""
    masked = list(text)

    def mask(start: int, end: int) -> None:
        masked[start:end] = " " * (end - start)

    for match in DATE.finditer(text):
        mask(*match.span())
        when = _date(int(match.group(1)), match.group(2), int(match.group(3)))
        if when not in known.dates and match.group(0) not in source_text:
            yield (
                "programme",
                *match.span(),
                f"{match.group(0)} is not a date of the programme (panel {panel.id}: {lang.day(panel.date)})",
            )
    for pattern in _WRONG_DATES:
        for match in pattern.finditer(text):
            mask(*match.span())
            parts = match.groupdict()
            month = parts.get("month") or (_MONTHS[int(parts["nmonth"]) - 1] if 0 < int(parts["nmonth"]) <= 12 else "")
            when = _date(int(parts["day"]), month, int(parts["year"])) if month else None
            shown = lang.day(when) if when else "day month year"
            yield "editorial", *match.span(), f"dates are written “{shown}” (day, month in words, year)"
    yield from _times(text, panel, known, source_text, mask)
    for match in SYMBOL.finditer(text):
        mask(*match.span())
        if match.group(0) not in known.symbols and match.group(0) not in source_text:
            cited = ", ".join(sorted(known.symbols))
            yield "programme", *match.span(), f"symbol {match.group(0)} is not in the programme (it cites {cited})"
    for match in SDG_TARGETS.finditer(text):
        mask(*match.span())
        for target in re.finditer(r"\d{1,2}\.\d{1,2}", match.group(1)):
            if target.group(0) not in known.targets and target.group(0) not in source_text:
                start = match.start(1) + target.start()
                yield (
                    "programme",
                    start,
                    start + len(target.group(0)),
                    (
                        f"SDG target {target.group(0)} is not one the programme cites ({', '.join(sorted(known.targets))})"
                    ),
                )
    yield from _theme(text, panel)
    yield from _people(text, panel)
    for match in re.finditer(r"\b(?:Question|question|panel discussion|Panel)\s+\d+", text):
        mask(*match.span())
    plain = "".join(masked)
    for match in FIGURE.finditer(plain):
        if _FIGURE_OK_BEFORE.search(plain[: match.start()]) or re.match(r"\d\.\t", text[match.start() :]):
            continue
        word = lang.number(int(match.group(1)))
        yield "editorial", *match.span(), f"numbers under 10 are written in words (“{word}”)"
    for match in WORDS.finditer(text):
        if match.group(0).casefold() not in source_text.casefold():
            yield (
                "editorial",
                *match.span(),
                (
                    f"“{match.group(0)}” is for negotiated text; a Chair's summary reports views (“stressed”, “called for”)"
                ),
            )


def _times(text: str, panel: Panel, known: Known, source_text: str, mask: Any) -> Iterator[tuple[str, int, int, str]]:
    times = {t for s in known.programme.segments for t in (s.start, s.end) if t} | {panel.start, panel.end}
    shown = lang.clock_range(panel.start, panel.end)
    found = [(m, m.group(3)) for m in TIME.finditer(text)]
    found += [(m, m.group(3)) for m in TIME_RANGE_START.finditer(text)]
    for match, half in found:
        mask(*match.span())
        hour = int(match.group(1)) % 12 + (12 if half == "p" else 0)
        minute = int(match.group(2) or 0)
        valid = int(match.group(1)) <= 12 and minute < 60
        if not valid or dt.time(hour, minute) not in times and match.group(0) not in source_text:
            yield (
                "programme",
                *match.span(),
                f"{match.group(0).strip()} is not a time of the programme (panel {panel.id}: {shown})",
            )
    for match in TIME_24H.finditer(text):
        mask(*match.span())
        when = dt.time(int(match.group(1)), int(match.group(2)))
        yield "editorial", *match.span(), f"times are written “{lang.clock(when)}” in UN style"


def _theme(text: str, panel: Panel) -> Iterator[tuple[str, int, int, str]]:
    for match in QUOTED.finditer(text):
        quoted = match.group(1)
        if quoted != panel.theme and _similar(quoted, panel.theme, 0.75):
            yield "programme", *match.span(1), f"the theme differs from the programme's: “{panel.theme}”"


def _runs_of_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Runs of capitalised words (with particles: "Pecsteen de Buytswerve") joined by single spaces."""
    tokens = list(_NAME_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and text[tokens[j].end() : tokens[j + 1].start()] == " ":
            j += 1
        while j > i and tokens[j].group(0) in _PARTICLES:
            j -= 1
        if tokens[i].group(0) not in _PARTICLES:
            yield tokens[i].start(), tokens[j].end(), text[tokens[i].start() : tokens[j].end()]
        i = j + 1


def _people(text: str, panel: Panel) -> Iterator[tuple[str, int, int, str]]:
    """Names of the Chair and panellists as the programme prints them (in full, or without the first
    name), and their titles after them."""
    people = [panel.chair, *panel.panellists]
    for start, end, run in _runs_of_names(text):
        for person in people:
            name = person.name
            words = name.split()
            accepted = {name, " ".join(words[1:])} if len(words) > 1 else {name}
            if any(a and a in run for a in accepted):
                if name in run:
                    yield from _title(text, end, person)
                continue
            surnames = {w for w in words[1:] if w not in _PARTICLES and len(w) > 2}
            close = _similar(run, name, 0.85)
            if surnames & set(run.split()) or close:
                yield "programme", start, end, f"the programme names the {_role(person, panel)} “{name}”"
                break


def _similar(a: str, b: str, threshold: float) -> bool:
    """difflib's ratio at least ``threshold``, its cheap upper bounds tried first (most runs are far off)."""
    if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):  # the ratio's bound from the lengths alone
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold
    )


def _role(person: Any, panel: Panel) -> str:
    return "Chair" if person is panel.chair else "panellist"


def _title(text: str, end: int, person: Any) -> Iterator[tuple[str, int, int, str]]:
    title = person.title
    if not title or not text[end:].startswith(", "):
        return
    written = text[end + 2 : end + 2 + len(title)]
    if written != title and _similar(written, title, 0.8):
        yield "programme", end + 2, end + 2 + len(written), f"the programme's title is “{title}”"


def spoken(records: Iterable[Intervention]) -> frozenset[str]:
    """The folded names of every delegation and group that took the floor in ``records``."""
    return frozenset(fold(n) for r in records for n in (r.delegation, r.on_behalf_of) if n)


def delegation_findings(
    text: str, panel: Panel, known: Known, spoke: frozenset[str], programme: str, source_text: str
) -> Iterator[tuple[int, int, str]]:
    """Delegations named in ``text`` that did not speak in ``panel`` (``spoke``: ``spoken(records)``),
    and long names where the UN short name is used (the draft's own short form, or a State's UN short
    name). ``programme`` is ``known.panel_text(panel)``: names a draft copies from it are no claims."""
    if known.names is None:
        return
    for match in known.names.finditer(text):
        written = match.group(0)
        key, printed, category = known.canonical[written]
        in_programme = fold(written) in programme
        if key not in spoke and fold(written) not in spoke and not in_programme and written not in source_text:
            yield *match.span(), f"{printed} did not speak in panel {panel.id}: no view can be attributed to it there"
        if written != printed and len(written) > len(printed) and " " in written and not in_programme:
            defined = text[match.end() :].startswith(f" ({printed})")
            state = category in ("member_state", "observer_state")
            if state or (not defined and re.search(rf"(?<![\w-]){re.escape(printed)}(?![\w-])", text)):
                yield *match.span(), f"the UN short name is “{printed}”"


# -- quantifiers --------------------------------------------------------------------------------


_GENERIC_NOUNS = ("speakers", "speaker", "delegations", "delegation", "participants", "participant",
                  "representatives", "representative", "States", "State", "countries", "country")  # fmt: skip
_CATEGORY_BY_NOUN = {noun: c for c, pair in lang.CATEGORY_NOUNS.items() for noun in pair}
_PARTICIPANTS_BY_NOUN = {noun: c for c, pair in lang.PARTICIPANT_NOUNS.items() for noun in pair}
_NOUNS = sorted({*_GENERIC_NOUNS, *_CATEGORY_BY_NOUN, *_PARTICIPANTS_BY_NOUN}, key=len, reverse=True)
_NOUN = "(?P<noun>" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _NOUNS) + ")"
_COUNT_WORDS = {
    w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
}
_COUNT = re.compile(
    rf"\b(?:(?P<further>a\s+further|another)\s+)?(?P<count>{'|'.join(_COUNT_WORDS)}|\d+)?\s*(?:other\s+)?{_NOUN}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """A quantifier in the text: an exact count ("two speakers", "5 delegations") or a row of the
    table ("several speakers"), with the category its noun names, if any."""

    start: int
    end: int
    words: str
    count: int | None
    row: lang.Quantifier | None
    category: str | None
    participants: str | None  # the PARTICIPANT_NOUNS category, for the introduction's counts

    def problem(self, k: int, n: int, voices: Sequence[Any]) -> str:
        """Why the records do not support this claim (k of n floor voices), or "" when they do."""
        if k == 0:
            return "the comment's sources are the Chair's or panellists' records, not the floor's: no floor quantifier applies"
        fits = lang.quantify(k, n, category=_one_category(voices)).phrase
        basis = f"the comment's sources give k = {k} of N = {n} floor speakers (“{fits}”)"
        if self.count is not None and self.count != k:
            return basis
        if self.row is not None and not self.row.applies(k, n):
            return f"{basis}; “{self.words}” is for {self.row.label}"
        if self.category and any(v.group or v.category != self.category for v in voices):
            return f"{basis}; not every one of them is a {lang.CATEGORY_NOUNS[self.category][0]}"
        return ""


def _one_category(voices: Sequence[Any]) -> str | None:
    categories = {v.category for v in voices}
    return categories.pop() if len(categories) == 1 and all(not v.group for v in voices) else None


def _row_patterns() -> list[tuple[re.Pattern[str], lang.Quantifier]]:
    """A pattern for each wording of each row of the table that is not a plain count."""
    out = []
    for row in lang.QUANTIFIERS:
        for phrase in row.phrases:
            if phrase.split(" ", 1)[0] in _COUNT_WORDS:
                continue
            pattern = re.escape(phrase).replace(r"\{noun\}", _NOUN).replace(r"\{noun1\}", _NOUN).replace(r"\ ", r"\s+")
            out.append((re.compile(rf"\b{pattern}\b", re.IGNORECASE), row))
    return out


_ROWS = _row_patterns()


def claims(text: str) -> list[Claim]:
    """Every quantifier of ``text``, in order."""
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for pattern, row in _ROWS:
        for match in pattern.finditer(text):
            noun = match.groupdict().get("noun")
            found.append(Claim(*match.span(), match.group(0), None, row, _category(noun), None))
            taken.append(match.span())
    for match in _COUNT.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        count_word = (match.group("count") or "").lower()
        if match.group("further") and not count_word:
            count = 1
        elif count_word:
            count = int(count_word) if count_word.isdigit() else _COUNT_WORDS[count_word]
        else:
            continue
        noun = match.group("noun")
        found.append(Claim(*match.span(), match.group(0), count, None, _category(noun), _participants(noun)))
    return sorted(found, key=lambda c: c.start)


def _category(noun: str | None) -> str | None:
    return _CATEGORY_BY_NOUN.get(" ".join(noun.split())) if noun else None


def _participants(noun: str | None) -> str | None:
    return _PARTICIPANTS_BY_NOUN.get(" ".join(noun.split())) if noun else None
