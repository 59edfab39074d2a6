"""What a sentence of a draft claims, found in its words: names, titles, the theme, dates, times, symbols
and delegations; and the editorial rules of the UN Editorial Manual (docs/design.md).

``check`` holds each claim against the records and the programme; its quantifiers are ``claims``'.
Dates, times, figures and the words kept for negotiated text are read in the draft's ``Locale``
(months, "p.m.", "to", …), compiled once per locale (``Wording``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...domain.model import Intervention
from ...domain.text import fold
from ..compose import language as lang
from ..locale import ENGLISH, Locale

if TYPE_CHECKING:
    from ...domain.programme import Panel, Person, Programme
    from ...domain.reference import Reference

TIME_24H = re.compile(r"(?<![\d.:/])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
SYMBOL = re.compile(r"(?<![\w/])(?:A/RES/)?\d{2,3}/\d{1,4}(?![\w/])")
SDG_TARGETS = re.compile(r"\bSDG\s+targets?\s+((?:\d{1,2}\.\d{1,2}|,|\s|and)+)")
QUOTED = re.compile(r"[“\"]([^”\"]{20,})[”\"]")
_PARTICLES = {"de", "del", "della", "da", "van", "von", "der", "den", "du", "la", "le", "bin", "al", "y", "ter"}
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w’'-]*|(?:" + "|".join(sorted(_PARTICLES)) + r")\b")


def _any(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class Wording:
    """A locale's dates, times, figures and words for negotiated text as patterns over a draft's text."""

    locale: Locale
    date: re.Pattern[str]  # "27 September 2017"
    wrong_dates: tuple[re.Pattern[str], ...]  # "September 27, 2017", "27th of September 2017", "2017-09-27"…
    time: re.Pattern[str]  # "3 p.m.", "4.30 p.m."; group 3 is the half of the day
    range_start: re.Pattern[str]  # the "3" of "3 to 4.30 p.m."
    figure: re.Pattern[str]  # a figure under 10
    figure_after: re.Pattern[str]  # … where it is a reference ("question 3")
    numbered: re.Pattern[str]  # "Question 3", masked before figures are looked for
    banned: re.Pattern[str]  # "consensus", "agreed"

    @staticmethod
    @functools.cache
    def of(locale: Locale) -> Wording:
        month, ordinal, half = _any(locale.months), _any(locale.ordinals), _any((locale.morning, locale.afternoon))
        until = locale.time_range.format(start="\0", end="\0").split("\0")[1].strip()
        clock = r"(?<![\d.:])\b(\d{1,2})(?:\.(\d{2}))?"
        return Wording(
            locale,
            re.compile(rf"\b(\d{{1,2}}) ({month}) (\d{{4}})\b"),
            (
                re.compile(rf"\b(?P<month>{month})\s+(?P<day>\d{{1,2}})(?:{ordinal})?,?\s+(?P<year>\d{{4}})\b"),
                re.compile(rf"\b(?P<day>\d{{1,2}})(?:{ordinal})\s+(?:{re.escape(locale.of)}\s+)?(?P<month>{month}),?\s+(?P<year>\d{{4}})\b"),
                re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_any(locale.short_months)})\.?\s+(?P<year>\d{{4}})\b"),
                re.compile(r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b"),
                re.compile(r"\b(?P<day>\d{1,2})[/.](?P<nmonth>\d{1,2})[/.](?P<year>\d{4})\b"),
            ),
            re.compile(rf"{clock}\s*({half})"),
            re.compile(rf"{clock}(?=\s+{re.escape(until)}\s+\d{{1,2}}(?:\.\d{{2}})?\s*({half}))"),
            re.compile(rf"(?<![\w.,/:#§-])([1-9])(?![\w.,/:%]|\s*(?:{_any(locale.per_cent)}))"),
            # "question 3", and each figure of a list after the word ("questions 1, 4 and 5")
            re.compile(rf"(?:{_any(locale.figure_after)})\s*(?:\d+(?:\s*,\s*|\s+(?:{_any((locale.conjunction, locale.alternative))})\s+))*$",
                       re.IGNORECASE),  # fmt: skip
            re.compile(rf"\b(?:{_any(locale.numbered)})\s+\d+"),
            re.compile(rf"\b({_any(locale.banned)})\b", re.IGNORECASE),
        )  # fmt: skip

    def day(self, day: int, month: str, year: int) -> dt.date | None:
        """The date "``day`` ``month`` ``year``" names (the month in full or short), None if there is none."""
        months = self.locale.months
        try:
            return dt.date(year, months.index(month) + 1 if month in months else self._short_month(month), day)
        except ValueError:
            return None

    def _short_month(self, month: str) -> int:
        return next(i for i, m in enumerate(self.locale.months, 1) if m.startswith(month[:3]))


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
    wording: Wording  # the draft's locale: how dates, times and figures are written in it

    @classmethod
    def of(cls, programme: Programme, codebook_text: str, reference: Reference, locale: Locale = ENGLISH) -> Known:
        m = programme.meeting
        wording = Wording.of(locale)
        sources = " ".join((programme.text, codebook_text, " ".join(m.mandate), m.mandate_text, m.outcome))
        dates = {m.start_date, m.end_date, *(s.date for s in programme.segments), *(p.date for p in programme.panels)}
        said = (wording.day(int(d), month, int(y)) for d, month, y in wording.date.findall(sources))
        dates |= {day for day in said if day is not None}
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
                   canonical, fold(" ".join((m.title, m.mandate_text, m.outcome, codebook_text))), wording)  # fmt: skip

    def panel_text(self, panel: Panel) -> str:
        """Everything the programme prints about ``panel``, folded: words a draft copies from it are not claims."""
        people = [panel.chair, *panel.panellists]
        parts = [panel.title, panel.theme, *(q.text for q in panel.questions)]
        parts += [f"{p.name} {p.title} {p.organization} {p.delegation}" for p in people]
        return fold(" ".join(parts)) + " " + self.meeting_text


# -- programme facts and editorial rules --------------------------------------------------------


def programme_findings(text: str, panel: Panel, known: Known, source_text: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, message) for each date, time, symbol, theme, name or title of ``text`` that
    differs from the programme, and each editorial rule it breaks. ``source_text`` is what the
    sentence's records say: words a speaker said are reported, not judged."""
    masked = list(text)
    wording = known.wording
    locale = wording.locale

    def mask(start: int, end: int) -> None:
        masked[start:end] = " " * (end - start)

    for match in wording.date.finditer(text):
        mask(*match.span())
        when = wording.day(int(match.group(1)), match.group(2), int(match.group(3)))
        if when not in known.dates and match.group(0) not in source_text:
            yield (
                "programme",
                *match.span(),
                f"{match.group(0)} is not a date of the programme (panel {panel.id}: {lang.day(panel.date, locale)})",
            )
    for pattern in wording.wrong_dates:
        for match in pattern.finditer(text):
            mask(*match.span())
            parts = match.groupdict()
            number = int(parts.get("nmonth") or 0)
            month = parts.get("month") or (locale.months[number - 1] if 0 < number <= 12 else "")
            when = wording.day(int(parts["day"]), month, int(parts["year"])) if month else None
            shown = lang.day(when, locale) if when else "day month year"
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
    yield from _unlisted(text, panel, known.programme)
    for match in wording.numbered.finditer(text):
        mask(*match.span())
    plain = "".join(masked)
    for match in wording.figure.finditer(plain):
        if wording.figure_after.search(plain[: match.start()]) or re.match(r"\d\.\t", text[match.start() :]):
            continue
        if _as_said(text, *match.span(), source_text):  # the speaker's own figure, as the writer kept it ("1 July")
            continue
        word = lang.number(int(match.group(1)), locale)
        yield "editorial", *match.span(), f"numbers under 10 are written in words (“{word}”)"
    for match in wording.banned.finditer(text):
        if match.group(0).casefold() not in source_text.casefold():
            yield (
                "editorial",
                *match.span(),
                (
                    f"“{match.group(0)}” is for negotiated text; a Chair's summary reports views (“stressed”, “called for”)"
                ),
            )


def _as_said(text: str, start: int, end: int, source_text: str) -> bool:
    """Whether the figure at ``text[start:end]``, with the word after it (or, last, the word before it),
    is in the records' own words: reported, not judged (``spelling.edit`` writes a count in words)."""
    after = re.match(r"\s+[^\s.,;:]+", text[end:])
    before = re.search(r"[^\s]+\s+$", text[:start])
    said = text[start : end + after.end()] if after else (text[before.start() : end] if before else "")
    return bool(said) and said in source_text


def _times(text: str, panel: Panel, known: Known, source_text: str, mask: Callable[[int, int], None]) -> Iterator[tuple[str, int, int, str]]:
    times = {t for s in known.programme.segments for t in (s.start, s.end) if t} | {panel.start, panel.end}
    wording = known.wording
    locale = wording.locale
    shown = lang.clock_range(panel.start, panel.end, locale)
    found = [(m, m.group(3)) for m in wording.time.finditer(text)]
    found += [(m, m.group(3)) for m in wording.range_start.finditer(text)]
    for match, half in found:
        mask(*match.span())
        hour = int(match.group(1)) % 12 + (12 if half == locale.afternoon else 0)
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
        yield "editorial", *match.span(), f"times are written “{lang.clock(when, locale)}” in UN style"


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


# A person presented with a title of courtesy ("Ms. Phumzile Mlambo-Ngcuka", "H.E. Mr. …"): the draft's
# Chair and panellists, in the introduction, section II and the masthead.
_COURTESY = re.compile(r"(?:(?<![\w.])(?:Mr|Ms|Mrs|Dr|Prof)\.|(?<!\w)(?:Sir|Dame))\s$")


def _unlisted(text: str, panel: Panel, programme: Programme) -> Iterator[tuple[str, int, int, str]]:
    """People the draft presents ("Ms. …") whom the programme lists nowhere, as when the programme was
    updated after the draft was made (a panellist replaced). A name the programme holds in any form, or
    one ``_people`` reads as a misspelling of it, is not one of them."""
    people = [*panel.panellists, panel.chair] + [
        p for other in programme.panels for p in (other.chair, *other.panellists)
    ] + [p for segment in programme.segments for p in segment.speakers]  # fmt: skip
    for start, end, run in _runs_of_names(text):
        if not _COURTESY.search(text[max(start - 8, 0) : start]) or any(_names(run, p.name) for p in people):
            continue
        listed = "; ".join(f"{p.display}, {_role(p, panel)}" for p in (panel.chair, *panel.panellists))
        yield (
            "programme", start, end,
            f"“{run}” is not among the people the programme lists for panel {panel.id} ({listed}): it may have"
            " changed since the draft was made; present the people it lists, or update the programme",
        )  # fmt: skip


def _names(run: str, name: str) -> bool:
    """Whether ``run`` (capitalised words of a draft) names the person ``name``, in full, without the first
    name, by a surname, or misspelt."""
    words = name.split()
    surnames = {w for w in words[1:] if w not in _PARTICLES and len(w) > 2}
    return name in run or " ".join(words[1:]) in run and len(words) > 1 or bool(surnames & set(run.split())) or (
        _similar(run, name, 0.85)
    )


def _similar(a: str, b: str, threshold: float) -> bool:
    """difflib's ratio at least ``threshold``, its cheap upper bounds tried first (most runs are far off)."""
    if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):  # the ratio's bound from the lengths alone
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold
    )


def _role(person: Person, panel: Panel) -> str:
    return "Chair" if person is panel.chair else "panellist"


def _title(text: str, end: int, person: Person) -> Iterator[tuple[str, int, int, str]]:
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
        with_article = lang.with_article(printed, known.wording.locale)  # "the Philippines" in running text is right
        if written != printed and written.casefold() != with_article.casefold() and len(written) > len(printed) and " " in written and not in_programme:
            defined = text[match.end() :].startswith(f" ({printed})")
            state = category in ("member_state", "observer_state")
            if state or (not defined and re.search(rf"(?<![\w-]){re.escape(printed)}(?![\w-])", text)):
                yield *match.span(), f"the UN short name is “{printed}”"
