"""``hlmnotes check``: an edited Word draft read against the records and the programme.

After export the Chair's staff shorten, merge and retype the draft in Word. Each sentence of the
draft still carries the Word comment listing the interventions behind it (``#id`` lines, see
``model.source_ids``), so every claim can be recomputed: the quantifier from k and N by the house
table (the ``Locale``'s, the same rows that chose it), the participation counts from the floor,
names, titles, the theme, dates, times and symbols from the programme, and the editorial rules of the
UN Editorial Manual. The draft is read in the locale it was written in (``locale=``, English by
default). Findings name the paragraph as printed ("para. 12 (b)") and the words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.model import PODIUM, SavedIntervention
from ...domain.text import fold
from ...domain.timing import reading_budget
from ..blocks import roman, source_ids
from ..compose import language as lang
from ..compose.build import as_printed
from ..compose.discussion import panel_voices, point_voices
from ..compose.staff import WORDS_PER_MINUTE  # the pace the draft's reading-time note assumes
from ..locale import ENGLISH, Locale
from . import facts
from .claims import Claim, claims
from .draftfile import Draft, DraftParagraph, Note, annotate, read_draft

if TYPE_CHECKING:
    from ...domain.context import MeetingContext
    from ...domain.programme import Panel

_SECTIONS = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][”’\"]))\s+(?=[“\"(\[A-Z0-9])")


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer must look at: where (panel, paragraph as printed), which words, and why."""

    kind: str  # quantifier, unsourced, source, programme, delegation, editorial, reading time
    panel: int | None
    paragraph: int  # the paragraph's place in the document, counting every paragraph from 1
    where: str  # as printed: "para. 12", "para. 18 (b)", "masthead", "heading “III. Interactive…”"
    words: str
    message: str
    start: int = 0
    end: int = 0

    def line(self) -> str:
        panel = f"panel {self.panel}, " if self.panel is not None else ""
        return f"{panel}{self.where}: {self.kind}: “{self.words}”: {self.message}"


@dataclass(frozen=True)
class Reading:
    panel: int
    words: int

    @property
    def minutes(self) -> float:
        return round(self.words / WORDS_PER_MINUTE, 1)


@dataclass
class Report:
    """What ``check_draft`` found, with each panel's reading time of sections I to V."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    draft: Draft | None = field(default=None, repr=False)

    def text(self) -> str:
        lines = [f.line() for f in self.findings]
        times = "; ".join(
            f"panel {r.panel}: sections I–V about {r.minutes:g} min ({r.words} words)" for r in self.readings
        )
        lines.append(
            f"{self.path}: {len(self.findings) or 'no'} finding{'' if len(self.findings) == 1 else 's'}; {times}"
        )
        return "\n".join(lines) + "\n"

    def json(self) -> str:
        return (
            json.dumps(
                {
                    "file": self.path,
                    "findings": [asdict(f) for f in self.findings],
                    "panels": [{"panel": r.panel, "words": r.words, "minutes": r.minutes} for r in self.readings],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )

    def annotate(self, output: str | Path) -> Path:
        """A copy of the draft with a Word comment (author "hlmnotes check") on each finding's words."""
        assert self.draft is not None
        notes = [Note(f.paragraph, f.start, f.end, f"{f.kind}: {f.message}") for f in self.findings]
        return annotate(self.draft, notes, output)


@dataclass
class _Part:
    """One panel's summary in the draft: its paragraphs with the section each is in."""

    panel: Panel | None  # None until matched (a retitled part is matched by its sources)
    paragraphs: list[tuple[str, str, DraftParagraph]]  # (section, where, paragraph)


def check_draft(
    meeting: MeetingContext, records: Iterable[SavedIntervention], path: str | Path, *, minutes: float | None = None,
    locale: Locale = ENGLISH,
) -> Report:  # fmt: skip
    """Check the edited draft at ``path`` against the meeting's live ``records`` and its programme.

    ``minutes`` is the reading-time budget of sections I to V of each panel's summary; None reads
    the time out without judging it; ``locale`` is the one the draft was written in. Raises
    ``HlmnotesError`` for a file that is not a Word draft.
    """
    minutes = reading_budget(minutes)  # before the draft is read: a finite number above 0, or None
    draft = read_draft(path)
    by_id = {r.id: r for r in records}
    parts = _parts(draft, meeting, by_id, locale)
    report = Report(str(path), draft=draft)
    known = facts.Known.of(meeting.programme, meeting.codebook.text, meeting.reference, locale)
    for part in parts:
        checker = _PanelCheck(part, meeting, by_id, draft, known)
        report.findings += checker.run()
        words = checker.words()
        report.readings.append(Reading(checker.panel.id, words))
        if minutes is not None and words > minutes * WORDS_PER_MINUTE:
            title = part.paragraphs[0][2]
            report.findings.append(Finding(
                "reading time", checker.panel.id, title.index, "title", title.text[:60],
                f"sections I–V take about {words / WORDS_PER_MINUTE:.1f} minutes to read aloud ({words} words at"
                f" {WORDS_PER_MINUTE} a minute), over the budget of {minutes:g}: shorten section III or refer to"
                " the guiding questions instead of reading them", 0, len(title.text),
            ))  # fmt: skip
    return report


def _parts(
    draft: Draft, meeting: MeetingContext, records: dict[int, SavedIntervention], locale: Locale
) -> list[_Part]:
    """The draft cut at each Title paragraph, each part matched to its programme panel; each paragraph
    with its section as a Roman numeral ("I" to "V", whatever the locale labels them) or "annex"."""
    from ...errors import HlmnotesError

    panels = meeting.programme.panels
    labels = {label.casefold(): roman(i) for i, (label, _) in enumerate(locale.sections, 1)}
    parts: list[_Part] = []
    section, number = "", ""
    for paragraph in draft.paragraphs:
        style = paragraph.style.casefold()
        if style == "title":  # a panel's summary starts; retitled beyond recognition, its sources tell which
            parts.append(_Part(_panel_of(paragraph.text, panels), []))
            section, number = "masthead", ""
        if not parts:
            continue
        text = paragraph.text.strip()
        heading = style.startswith("heading")
        if heading and style.endswith("1"):
            label = text.split(None, 1)[0].casefold() if text else ""
            found = labels.get(label) if label != text.casefold() else None
            numeral = _SECTIONS.match(text)
            found = found or (numeral.group(1) if numeral else None)
            section = found or ("annex" if text.casefold() == locale.annex.casefold() else section)
        if re.fullmatch(r"\d+\.", paragraph.label):
            number = paragraph.label[:-1]
            where = f"para. {number}"
        elif paragraph.label and number:
            where = f"para. {number} {paragraph.label}"
        elif heading:
            where = f"heading “{text[:50]}”"
        else:
            where = "masthead" if section == "masthead" else f"paragraph {paragraph.index} of the document"
        parts[-1].paragraphs.append((section, where, paragraph))
    for part in parts:
        if part.panel is None:
            part.panel = _panel_by_sources(part, draft, records, panels)
    parts = [p for p in parts if p.panel is not None]
    if not parts:
        titles = "; ".join(f"“Summary of {lang.lower_first(p.title)}: …”" for p in panels)
        raise HlmnotesError(
            f"{draft.path}: no panel summary of this meeting found: a draft has a paragraph in the Title style such as"
            f" {titles}; check it is a draft of {meeting.programme.meeting.short_title or 'this meeting'}"
        )
    return parts


def _panel_by_sources(part: _Part, draft: Draft, records: dict, panels: Iterable[Panel]) -> Panel | None:
    """The panel most of the part's commented interventions were recorded in, if any are."""
    votes: Counter[int] = Counter()
    for _, _, paragraph in part.paragraphs:
        for cid in paragraph.comments_over(0, len(paragraph.text)):
            comment = draft.comments.get(cid)
            votes.update(records[i].panel for i in source_ids(comment.text if comment else "") if i in records)
    best = votes.most_common(1)
    return next((p for p in panels if best and p.id == best[0][0]), None)


def _panel_of(text: str, panels: Iterable[Panel]) -> Panel | None:
    folded = fold(text)
    for panel in panels:
        if re.search(rf"\b{re.escape(fold(panel.title))}\b", folded) or fold(panel.theme) in folded:
            return panel
    return None


class _PanelCheck:
    def __init__(self, part: _Part, meeting: MeetingContext, records: dict, draft: Draft, known: facts.Known):
        assert part.panel is not None  # parts without a panel were dropped
        self.part = part
        self.panel = part.panel
        self.draft = draft
        self.records = records
        self.reference = meeting.reference
        self.known = known
        self.locale = known.wording.locale
        self.panel_records = [r for r in records.values() if r.panel == self.panel.id]
        # Who speaks for whom as the writer counted it: names as printed, and an organization speaking
        # "on behalf of" itself one voice of its own category, not a group statement (``build.as_printed``).
        self.voiced = {r.id: r for r in as_printed(self.panel_records, self.reference)}
        self.n = len(panel_voices(list(self.voiced.values())))
        self.spoke = facts.spoken(self.panel_records)
        self.programme_text = known.panel_text(self.panel)
        self.findings: list[Finding] = []

    # helpers ----------------------------------------------------------------------------------

    def sources(self, paragraph: DraftParagraph, start: int, end: int) -> tuple[list[int], list[SavedIntervention]]:
        """Ids listed by the comments over ``text[start:end]``, and the records among them."""
        ids: list[int] = []
        for cid in sorted(paragraph.comments_over(start, end)):
            comment = self.draft.comments.get(cid)
            ids += [i for i in source_ids(comment.text) if i not in ids] if comment else []
        return ids, [self.records[i] for i in ids if i in self.records]

    def add(self, kind: str, where: str, paragraph: DraftParagraph, start: int, end: int, message: str) -> None:
        self.findings.append(
            Finding(kind, self.panel.id, paragraph.index, where, paragraph.text[start:end], message, start, end)
        )

    # the checks -------------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        for section, where, paragraph in self.part.paragraphs:
            if section == "annex" or paragraph.style.casefold() == "staff note" or not paragraph.text.strip():
                continue
            text = paragraph.text
            source_text = " ".join(
                r.key_points + " " + r.recommendations for r in self.sources(paragraph, 0, len(text))[1]
            )
            for kind, start, end, message in facts.programme_findings(text, self.panel, self.known, source_text):
                self.add(kind, where, paragraph, start, end, message)
            named = facts.delegation_findings(
                text, self.panel, self.known, self.spoke, self.programme_text, source_text
            )
            for start, end, message in () if paragraph.style.casefold().startswith("heading") else named:
                self.add("delegation", where, paragraph, start, end, message)
            if section in ("II", "III", "IV", "V", "I"):
                self.quantifiers(section, where, paragraph)
            if section in ("II", "III", "IV") and paragraph.style.casefold() not in (
                "chair placeholder",
                "heading 1",
                "heading 2",
            ):
                self.unsourced(where, paragraph)
        return self.findings

    def quantifiers(self, section: str, where: str, paragraph: DraftParagraph) -> None:
        for claim in claims(paragraph.text, self.locale):
            ids, sources = self.sources(paragraph, claim.start, claim.end)
            if not ids:
                if section == "I" and claim.participants:
                    self.participation(where, paragraph, claim, claim.participants)
                continue
            missing = [i for i in ids if i not in self.records]
            if missing:
                self.add("source", where, paragraph, claim.start, claim.end,
                         f"the comment lists {', '.join(f'#{i}' for i in missing)}, not in the records (deleted?);"
                         " recompute the quantifier from the records that remain")  # fmt: skip
            floor = [r for r in sources if r.category not in PODIUM and r.panel == self.panel.id]
            voices = point_voices([self.voiced[r.id] for r in floor], self.reference)[0] if floor else []
            k = len(voices)
            problem = claim.problem(k, self.n, voices, self.locale)
            if problem:
                self.add("quantifier", where, paragraph, claim.start, claim.end, problem)

    def participation(self, where: str, paragraph: DraftParagraph, claim: Claim, category: str) -> None:
        counted = {fold(r.delegation) for r in self.panel_records if r.category == category}
        if claim.count is not None and claim.count != len(counted):
            noun = self.locale.participant_nouns[category]
            self.add("quantifier", where, paragraph, claim.start, claim.end,
                     f"the floor of panel {self.panel.id} had {lang.counted_pair(len(counted), noun, self.locale)}")  # fmt: skip

    def unsourced(self, where: str, paragraph: DraftParagraph) -> None:
        text = paragraph.text
        for start, end in sentences(text, self.locale):
            sentence = text[start:end].strip()
            if not sentence or sentence.startswith("[") or sentence.rstrip().endswith(":") or "\t" in sentence[:6]:
                continue
            ids, _ = self.sources(paragraph, start, end)
            if not ids:
                self.add("unsourced", where, paragraph, start, end,
                         "no comment lists the interventions behind this sentence: restore the comment, or cite the"
                         " records (#id) in a comment of its own")  # fmt: skip

    def words(self) -> int:
        """Sections I to V as a word processor counts them, as the draft's staff note does: the
        whitespace-separated words of every paragraph (bracketed text included), headings and paragraph
        numbers aside (a guiding question's typed "3.\t" is its number)."""
        total = 0
        for section, _, paragraph in self.part.paragraphs:
            if section not in ("I", "II", "III", "IV", "V") or paragraph.style.casefold().startswith("heading"):
                continue
            total += len(_NUMBERED.sub("", paragraph.text, count=1).split())
        return total


_NUMBERED = re.compile(r"^\s*\d+\.\t")


def sentences(text: str, locale: Locale = ENGLISH) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; "Mr." or "a.m." followed by a capital does not end one."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if before.endswith(locale.abbreviations) or re.search(r"\b[A-Z]\.$", before):
            continue
        out.append((start, match.start()))
        start = match.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def check(meeting: MeetingContext, records: Iterable[SavedIntervention], path: str | Path, *, minutes: float | None = None,
          annotate_to: str | Path | None = None, locale: Locale = ENGLISH) -> Report:  # fmt: skip
    """``check_draft`` and, with ``annotate_to``, the annotated copy written there."""
    report = check_draft(meeting, records, path, minutes=minutes, locale=locale)
    if annotate_to is not None:
        report.annotate(annotate_to)
    return report
