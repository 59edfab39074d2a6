"""``build_summary``: the store's records of one or more panels as a draft Chair's summary model.

Sections follow docs/design.md: masthead; I. Introduction (mandate, chair, panellists, participation
in UN style, guiding questions); II. Panellists' presentations (named); III. Interactive discussion
(by guiding question or by theme); IV. Recommendations and the way forward ((a), (b)…); V. Chair's
concluding observations (left for the Chair); Annex: list of speakers. Paragraphs are numbered
consecutively within each panel's summary.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ...domain.model import PODIUM, SavedIntervention
from ...domain.points import Point, PointGroup, PointKey, RejectedGroup
from ...domain.programme import Panel, Programme
from ...domain.reference import Reference
from ...domain.text import fold, lines
from ...domain.timing import reading_budget
from ...errors import ProgrammeError, ValidationError
from ..blocks import AnnexRow, Heading, PanelSummary, Paragraph, Sentence
from ..locale import ENGLISH, Locale
from ..model import Summary
from . import grammar, opening, readout
from . import language as lang
from .anonymity import anonymity_notes
from .discussion import Writer, discussion, floor_points, panel_voices, topic_note
from .floor import floor_note
from .grouping import ProposedGroup, proposals
from .staff import proposals_note, staff_notes
from .topics import Vocabulary
from .variety import varied

if TYPE_CHECKING:
    from ...domain.context import MeetingContext
    from ...domain.regions import Regions

BY = ("question", "theme")
ATTRIBUTION = ("anonymous", "named")
PROPOSALS_UP_TO = 1_000  # floor points of a panel up to which each draft looks for proposals still waiting


@dataclass(frozen=True)
class SummarySources:
    """What a draft is written from: the meeting (programme, codebook, reference lists), the UN regional
    groups, every live record, and the staff's decisions on similar points: the accepted groups of
    every panel and, by panel, the rejected proposals (``Workspace.drafting.sources`` reads them)."""

    meeting: MeetingContext
    regions: Regions
    records: list[SavedIntervention]
    groups: list[PointGroup]
    rejected: Mapping[int, list[RejectedGroup]]


def build_summary(
    sources: SummarySources, panels: int | Iterable[int] | str = "all", by: str = "question",
    attribution: str = "anonymous", *, now: dt.datetime | None = None, minutes: float | None = None,
    locale: Locale = ENGLISH,
) -> Summary:  # fmt: skip
    """The draft Chair's summary of ``panels`` ("all", a panel id or a list of ids), in programme order.

    ``by`` sorts section III by guiding "question" or by codebook "theme"; ``attribution`` is
    "anonymous" (a Chair's summary: "Several speakers stressed…") or "named" ("Belgium, on behalf of
    the European Union, stressed…"). Panellists are named in either style. ``minutes``: the read-out
    version, sections I–V of each panel within that many minutes at 120 words a minute (``readout``).
    ``locale`` holds every word and format the summary writes (``locale.ENGLISH`` by default).
    """
    minutes = reading_budget(minutes)  # a finite number above 0, or None
    if by not in BY:
        raise ValidationError(f"by: expected question or theme, got {by!r}", field="by")
    if attribution not in ATTRIBUTION:
        raise ValidationError(f"attribution: expected anonymous or named, got {attribution!r}", field="attribution")
    programme = sources.meeting.programme
    wanted = _panel_ids(programme, panels)
    zone = ZoneInfo(programme.meeting.timezone)
    with acyclic():
        built = _built(sources, wanted, by, attribution, zone, minutes, locale)
    grammar.remember()  # the verb forms looked up in lemminflect, for the next draft
    if len(built) == 1:
        title = locale.summary_title.format(panel=lang.lower_first(programme.panel(wanted[0]).title))
    else:
        title = locale.summaries_title.format(panels=lang.join([str(p) for p in wanted], locale=locale))
    return Summary(
        title=title, meeting=programme.meeting.title, by=by, attribution=attribution, panels=built,
        created=now or dt.datetime.now(dt.UTC), preface=_closing(programme, locale) if len(built) > 1 else (),
        locale=locale,
    )  # fmt: skip


@contextmanager
def acyclic() -> Iterator[None]:
    """Build without the cyclic garbage collector.

    The model is hundreds of thousands of small acyclic objects (units, sentences, sources) made
    while the store's records are alive; each full collection re-scans all of them, which made the
    build grow faster than the record (16x from 2,000 to 20,000 interventions). Reference counting
    frees everything here; the collector is switched back on, as it was, when the build ends.

    Switched back on, the collector's first pass would scan everything made meanwhile as young
    objects: the whole model, alive until it is written (19 ms at 2,000 interventions, a fifth of
    the writing). So what is alive then first goes to the oldest generation unscanned (``gc.freeze``
    then ``gc.unfreeze``, as documented): scanned with the other long-lived objects at the next full
    collection; nothing is kept from being freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _built(
    sources: SummarySources, wanted: list[int], by: str, attribution: str, zone: dt.tzinfo, minutes: float | None,
    locale: Locale,
) -> tuple[PanelSummary, ...]:  # fmt: skip
    """Each wanted panel's summary, in programme order."""
    built = []
    vocabulary = Vocabulary(sources.records, sources.meeting.codebook, locale)  # the meeting's terms, counted once
    for p in wanted:
        records = [r for r in sources.records if r.panel == p]
        groups = [g for g in sources.groups if g.panel == p]
        rejected = list(sources.rejected.get(p, []))
        built.append(_panel(sources, sources.meeting.programme.panel(p), records, groups, rejected,
                            _waiting(records, groups, rejected), by, attribution, zone, minutes, locale,
                            vocabulary))  # fmt: skip
    return tuple(built)


def _waiting(
    records: list[SavedIntervention], groups: list[PointGroup], rejected: list[RejectedGroup]
) -> list[ProposedGroup] | None:
    """The proposals of similar points still waiting in a panel, for the staff note; None when the panel
    has more floor points than ``PROPOSALS_UP_TO``: the search compares every pair of wordings, too slow
    to run with every draft of a very large record (``hlmnotes groups propose`` still does it)."""
    floor = sum(len(lines(r.key_points)) + len(lines(r.recommendations)) for r in records)
    return proposals(records, groups, rejected) if floor <= PROPOSALS_UP_TO else None


def _closing(programme: Programme, locale: Locale) -> tuple[str, ...]:
    """ "Closing segment, 28 September 2017, General Assembly Hall" and its summaries item, from the programme."""
    segment = next((s for s in programme.segments if s.kind == "closing"), None)
    if segment is None:
        return ()
    item = next((i for i in segment.items if "summar" in i.lower()), "")
    line = locale.closing.format(segment=segment.title, date=lang.day(segment.date, locale), venue=segment.venue)
    return tuple(x for x in (line, item) if x)


def _panel_ids(programme: Programme, panels: int | Iterable[int] | str) -> list[int]:
    order = [p.id for p in programme.panels]
    if isinstance(panels, str):
        if panels.strip().lower() == "all":
            return order
        if not all(part.strip().isdigit() for part in panels.split(",")):
            known = ", ".join(str(p) for p in order)
            raise ValidationError(f"panel: expected a panel number ({known}) or all, got {panels!r}", field="panels")
        panels = [int(part) for part in panels.split(",")]
    chosen = [panels] if isinstance(panels, int) else list(panels)
    if not chosen:
        raise ValidationError("panels: name at least one panel, or all", field="panels")
    for p in chosen:
        try:
            programme.panel(int(p))
        except (ProgrammeError, TypeError, ValueError) as exc:
            raise ValidationError(
                str(exc) if isinstance(exc, ProgrammeError) else f"panels: {p!r} is not a panel number", field="panels"
            ) from None
    return [p for p in order if p in {int(c) for c in chosen}]


def _panel(
    sources: SummarySources, panel: Panel, records: list[SavedIntervention], groups: list[PointGroup],
    rejected: list[RejectedGroup], proposals: list[ProposedGroup] | None, by: str, attribution: str, zone: dt.tzinfo,
    minutes: float | None, locale: Locale, vocabulary: Vocabulary,
) -> PanelSummary:  # fmt: skip
    meeting, reference = sources.meeting.programme.meeting, sources.meeting.reference
    records = as_printed(records, reference)
    floor = [r for r in records if r.category not in PODIUM]
    writer = Writer(reference, len(panel_voices(records)), attribution, zone, locale)
    intro = opening.introduction(meeting, panel, records, floor, writer, locale)
    presentations = opening.presentations(panel, records, writer, locale)
    if minutes is not None:
        full = readout.spoken_words(presentations)
        chaired = f"{lang.in_running_text(panel.chair.honorific, locale)} {panel.chair.name}".strip()
        names = [p.name for p in opening.panellists(panel, records, locale)]
        intro = readout.introduction(panel, chaired, names, opening.participation(floor, locale), locale)
        presentations = readout.presentations(presentations)
        shortened = readout.spoken_words(presentations) < full
        fixed = readout.spoken_words([*intro, *presentations]) + sum(
            len(text.split()) for text in (locale.recommendations_lead, locale.chair_placeholder)
        )
        if readout.budget(minutes) < fixed:
            raise ValidationError(
                locale.readout_minimum.format(panel=panel.id, minutes=readout.minutes_for(fixed), words=fixed),
                field="minutes",
            )
    room = None if minutes is None else readout.budget(minutes) - readout.spoken_words([*intro, *presentations])
    while True:  # the read-out version: shrink section III and IV's words until the whole fits
        section3, section4, n, left_out, unread = discussion(
            records, groups, panel=panel, codebook=sources.meeting.codebook, reference=reference,
            by=by, attribution=attribution, zone=zone, rejected=rejected, budget=None if room is None else max(room, 0),
            locale=locale, vocabulary=vocabulary,
        )  # fmt: skip
        one, two, three, four, five = (Heading(1, label, text) for label, text in locale.sections)
        blocks: list[Heading | Paragraph] = [
            one, *intro, two, *presentations, three, *section3, four, *section4,
            five, Paragraph((Sentence(locale.chair_placeholder),), role="placeholder"),
        ]  # fmt: skip
        over = 0 if minutes is None else readout.spoken_words(blocks) - readout.budget(minutes)
        if over <= 0 or room is None or room <= 0:
            break
        room -= max(over, 10)
    chair = panel.chair
    labels = locale.masthead
    masthead = (
        (labels[0], locale.masthead_chair.format(name=chair.display, title=chair.title).strip(", ")),
        (labels[1], locale.masthead_date.format(
            date=lang.day(panel.date, locale), time=lang.clock_range(panel.start, panel.end, locale))),
        (labels[2], locale.masthead_place.format(venue=panel.venue, place=meeting.place)),
    )  # fmt: skip
    blocks = _renumber(varied(blocks, locale))
    words = readout.spoken_words(blocks)
    left = [readout.note(minutes, words, left_out, shortened, locale)] if minutes is not None else []
    if minutes is not None and words > readout.budget(minutes):  # only divergent views are kept over the budget
        left.append(locale.readout_over.format(over=words - readout.budget(minutes), minutes=minutes))
    return PanelSummary(
        panel=panel.id,
        title=locale.panel_title.format(panel=lang.lower_first(panel.title), theme=panel.theme),
        masthead=masthead,
        blocks=tuple(blocks),
        annex_title=locale.annex_title.format(panel=lang.lower_first(panel.title)),
        annex=tuple(_annex(records, locale, opening.as_listed(panel, records, locale))),
        floor_voices=n,
        interventions=len(records),
        words=words,
        notes=(
            *staff_notes(blocks, words, waiting=proposals_note(blocks, proposals, locale), left_out=left, locale=locale,
                         unread=unread),
            floor_note(records, section3, reference, sources.regions, locale),
            *(anonymity_notes(blocks, reference, locale) if attribution == "anonymous" else ()),
            *(locale.panellists_note.format(note=p.note) for p in opening.panellists(panel, records, locale) if p.note),
        ),  # fmt: skip
    )


@dataclass(frozen=True)
class DraftTopic:
    """A topic of a panel's draft as the Chair's staff judge it in Review: what its points share (as the
    Word comment says) and its points, each a floor line (``Point``) of the panel."""

    shares: str
    points: tuple[Point, ...]


def draft_topics(sources: SummarySources, panel: int, locale: Locale = ENGLISH) -> list[DraftTopic]:
    """The topics the draft of ``panel`` writes, largest first: what staff take a point out of, join or
    reword in Review (the decisions are kept as rejected and accepted groups, and the next draft honours
    them)."""
    programme = sources.meeting.programme
    _panel_ids(programme, [panel])  # an unknown panel is refused as build_summary refuses it
    records = as_printed([r for r in sources.records if r.panel == panel], sources.meeting.reference)
    vocabulary = Vocabulary(sources.records, sources.meeting.codebook, locale)
    floor = floor_points(
        records, [g for g in sources.groups if g.panel == panel], panel=programme.panel(panel),
        codebook=sources.meeting.codebook, reference=sources.meeting.reference,
        rejected=list(sources.rejected.get(panel, [])), vocabulary=vocabulary,
    )  # fmt: skip
    found = [e.topic for e in floor.entries if e.topic is not None]
    found += [t for i in floor.items for t in i.topics if all(t is not f for f in found)]
    out = []
    for topic in sorted(found, key=lambda t: -len(t.units)):
        points = {
            PointKey(r.id, kind, text): Point(r.id, kind, text, r.delegation) for u in topic.units for r, kind, text in u.points
        }
        out.append(DraftTopic(" ".join(topic_note(topic, vocabulary, locale)), tuple(points.values())))
    return out


def as_printed(records: Iterable[SavedIntervention], reference: Reference) -> list[SavedIntervention]:
    """The records with delegations and groups named as a draft prints them (UN short names from the
    reference lists: "United Kingdom"), and without "on behalf of" where an organization spoke for
    itself ("the European Union, on behalf of the European Union")."""
    out = []
    for r in records:
        delegation = reference.printed(r.delegation)
        group = reference.printed(r.on_behalf_of) if r.on_behalf_of else ""
        if group and _same_body(r.delegation, r.on_behalf_of, reference):
            group = ""
        if delegation != r.delegation or group != r.on_behalf_of:
            r = replace(r, delegation=delegation, on_behalf_of=group)
        out.append(r)
    return out


def _same_body(delegation: str, group: str, reference: Reference) -> bool:
    if fold(delegation) == fold(group):
        return True
    found = reference.find_group(group)
    return found is not None and found is reference.find_group(delegation)


def _renumber(blocks: Sequence[Heading | Paragraph]) -> list[Heading | Paragraph]:
    counter = itertools.count(1)
    out: list[Heading | Paragraph] = []
    for b in blocks:
        if isinstance(b, Paragraph) and b.number is not None:
            b = replace(b, number=next(counter))
        out.append(b)
    return out


def _annex(records: list[SavedIntervention], locale: Locale, speakers: dict[int, str] | None = None) -> list[AnnexRow]:
    """The list of speakers in order of speaking; ``speakers`` overrides a record's speaker by its id."""
    speakers = speakers or {}
    ordered = sorted(records, key=lambda r: (r.seq or 0, r.id))
    labels = locale.category_labels
    return [
        AnnexRow(
            number=i,
            intervention=r.id,
            delegation=r.delegation,
            on_behalf_of=r.on_behalf_of,
            category=labels.get(r.category, r.category),
            speaker=speakers.get(r.id, r.speaker),
        )  # fmt: skip
        for i, r in enumerate(ordered, 1)
    ]
