"""Sections I and II of a panel's summary: the introduction and the panellists' presentations.

Both are written from the programme as the Chair reads it (names, titles, the theme, the mandate, the
guiding questions in the concept note's numbering) and from the podium's records: the Chair's own
points in section I, each panellist's in section II, named. The floor appears here only as counts of
delegations by category. Programmes change during a meeting: ``panellists`` matches the programme's
panellists to what was recorded and notes for staff where the two differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...analysis import reconcile
from ...domain.model import CATEGORIES, SavedIntervention
from ...domain.programme import Meeting, Panel, Person
from ...domain.text import clean_text, fold, lines
from ..blocks import Paragraph, Sentence, Source
from ..locale import Locale
from . import language as lang
from .discussion import Writer
from .gate import screen


def introduction(
    meeting: Meeting, panel: Panel, records: list[SavedIntervention], floor: list[SavedIntervention], writer: Writer, locale: Locale
) -> list[Paragraph]:
    """Section I: when, where and under which mandate the panel met and its theme; who chaired it and who
    the panellists were, with the Chair's own recorded points; the floor counted by category; the guiding
    questions (numbered paragraphs carry 0 until ``build`` renumbers them)."""
    title = lang.lower_first(meeting.title)
    # The instrument the meeting appraises, when its title ends by naming it ("… on the appraisal of the United
    # Nations Global Plan of Action to Combat Trafficking in Persons"), takes its resolution there, not again
    # in full after the convening resolution (14 words read twice in one sentence).
    named = len(meeting.mandate) > 1 and re.search(locale.appraised, meeting.title) is not None
    if named:
        title += locale.appraised_symbol.format(symbol=meeting.mandate[1])
    held = locale.held.format(
        panel=lang.capitalise(panel.title), meeting=title, date=lang.day(panel.date, locale), venue=panel.venue,
        place=meeting.place,
    )  # fmt: skip
    if meeting.mandate:
        held += locale.pursuant.format(body=meeting.body, symbol=meeting.mandate[0])
    if len(meeting.mandate) > 1 and not named:
        held += locale.appraise.format(instrument=locale.instrument, symbol=meeting.mandate[1])
    first = [Sentence(lang.sentence(held))]
    if meeting.outcome:
        first.append(Sentence(lang.sentence(meeting.outcome)))
    first.append(Sentence(locale.theme.format(theme=panel.theme)))

    chair = panel.chair
    chaired = f"{lang.in_running_text(chair.honorific, locale)} {chair.name}".strip()
    people = [
        Sentence(lang.sentence(locale.chaired.format(chair=chaired, title=chair.title)), notes=_spelling(chair.name, locale))
    ]
    listed = panellists(panel, records, locale)
    if listed:
        text = lang.sentence(
            locale.panellists.format(panellists=lang.join([p.text for p in listed], separator=";", locale=locale))
        )
        notes = tuple(n for p in listed for n in _spelling(p.person.name if p.person else p.name, locale))
        people.append(Sentence(text, notes=notes))
    for r in records:
        if r.category == "chair":
            people += [_sourced(writer, locale.the_chair, r, "key_point", line, locale) for line in lines(r.key_points)]

    paragraphs = [Paragraph(tuple(first), 0), Paragraph(tuple(people), 0), Paragraph((participation(floor, locale),), 0)]
    # Numbered as in the concept note, so "Question 3" in section III and in the records is question 3 here.
    questions = tuple(Sentence(q.text) for q in panel.questions)
    lead = Sentence(locale.questions_lead)
    paragraphs.append(Paragraph((lead,), 0, items=questions, labels=tuple(f"{q.number}." for q in panel.questions)))
    return paragraphs


def _spelling(name: str, locale: Locale) -> tuple[str, ...]:
    """A note when a name repeats a word ("Carmen Carmen Martinez" in the 2017 programme): names are
    printed as the programme spells them (check 1 of docs/design.md), so staff confirm the spelling instead."""
    repeated = re.search(r"\b(\w+) \1\b", name, re.IGNORECASE)
    if not repeated:
        return ()
    return (locale.spelling.format(name=name, word=repeated.group(1)),)


def participation(floor: list[SavedIntervention], locale: Locale) -> Sentence:
    """ "Statements from the floor were made by 19 Member States, one observer State, …" (distinct delegations)."""
    if not floor:
        return Sentence(locale.no_floor)
    seen: dict[str, set[str]] = {}
    names: dict[str, dict[str, str]] = {}
    for r in floor:
        seen.setdefault(r.category or "other", set()).add(fold(r.delegation))
        names.setdefault(r.category or "other", {}).setdefault(fold(r.delegation), r.delegation)
    nouns = locale.participant_nouns
    parts = [lang.counted_pair(len(seen[c]), nouns[c], locale) for c in CATEGORIES if c in seen and c in nouns]
    text = locale.floor.format(counts=lang.join(parts, locale=locale))
    on_behalf = [r.on_behalf_of for r in floor if r.on_behalf_of]
    if on_behalf:
        groups = [lang.with_article(g, locale) for g in dict.fromkeys(on_behalf)]
        text += locale.on_behalf.format(
            statements=lang.counted_pair(len(on_behalf), locale.statement, locale), groups=lang.join(groups, locale=locale)
        )
    # The counts' evidence, for the Word comment: who was counted under each category.
    notes = tuple(
        locale.counted_category.format(
            category=lang.capitalise(nouns[c][1]), count=len(names[c]), names=", ".join(names[c].values())
        )
        for c in CATEGORIES
        if c in names and c in nouns
    )
    return Sentence(lang.sentence(text), notes=(locale.counted, *notes))


@dataclass(frozen=True)
class Panellist:
    """A panellist as the summary names them, the records of their presentation, and a note for staff."""

    person: Person | None  # None for someone the programme does not list
    text: str  # "Ms. Name, title"
    records: tuple[SavedIntervention, ...]
    note: str = ""

    @property
    def name(self) -> str:
        return self.text.split(",")[0]


def panellists(panel: Panel, records: list[SavedIntervention], locale: Locale) -> list[Panellist]:
    """The programme's panellists in programme order, then anyone recorded as a panellist it does not list.

    Programmes change during a meeting, and the programme as updated is what the Chair reads from: a
    listed panellist with no record of their own, whose organization's record names someone else, is
    presented as the programme has them, from that record, with a note for staff naming both; a
    recorded panellist the programme does not list is presented from the record, also noted.
    """
    spoke = [r for r in records if r.category == "panellist"]
    unlisted = [r for r in spoke if not any(_is(p, r) for p in panel.panellists)]
    out = []
    for person in panel.panellists:
        own = tuple(r for r in spoke if _is(person, r))
        stand_ins = tuple(r for r in unlisted if reconcile.same_organization(person, r))
        note = ""
        if not own and stand_ins:
            unlisted = [r for r in unlisted if r not in stand_ins]
            own = stand_ins
            recorded = lang.join(list(dict.fromkeys(r.speaker or r.delegation for r in stand_ins)), locale=locale)
            note = locale.recorded_instead.format(
                recorded=recorded, name=f"{lang.in_running_text(person.honorific, locale)} {person.name}",
                organization=person.delegation or person.organization,
            ).replace("  ", " ")  # fmt: skip
        name = f"{lang.in_running_text(person.honorific, locale)} {person.name}".strip()
        if person.provisional and not own:
            name += locale.provisional
        out.append(Panellist(person, locale.panellist.format(name=name, title=person.title).strip(", "), own, note))
    by_label: dict[str, list[SavedIntervention]] = {}
    for r in unlisted:
        by_label.setdefault(_recorded_as(r), []).append(r)
    return out + [
        Panellist(None, label, tuple(own), locale.not_in_programme.format(label=label, panel=panel.id))
        for label, own in by_label.items()
    ]


def _recorded_as(record: SavedIntervention) -> str:
    return ", ".join(x for x in (record.speaker, record.delegation) if x)


def _is(person: Person, record: SavedIntervention) -> bool:
    return reconcile.names(person, record)


def presentations(panel: Panel, records: list[SavedIntervention], writer: Writer, locale: Locale) -> list[Paragraph]:
    """One named paragraph per panellist, from their records; a placeholder where nothing was recorded."""
    out = []
    for panellist in panellists(panel, records, locale):
        points = [(r, "key_point", line) for r in panellist.records for line in lines(r.key_points)]
        points += [(r, "recommendation", line) for r in panellist.records for line in lines(r.recommendations)]
        if not points:
            text = locale.nothing_presented.format(name=panellist.name)
            out.append(Paragraph((Sentence(text),), role="placeholder"))
            continue
        she = lang.pronoun(panellist.person.honorific, locale) if panellist.person else ""
        sentences = _presented(writer, panellist.text + ",", she or panellist.name, points, locale)
        notes = (
            (locale.programme_note.format(note=panellist.note),)
            if panellist.note
            else _spelling(panellist.person.name if panellist.person else "", locale)
        )
        if notes:
            sentences[0] = replace(sentences[0], notes=(*notes, *sentences[0].notes))
        out.append(Paragraph(tuple(sentences), 0))
    return out


PER_SENTENCE = 2  # a panellist's points joined in one sentence ("noted X and called for Y")


def _presented(
    writer: Writer, who: str, again: str, points: list[tuple[SavedIntervention, str, str]], locale: Locale
) -> list[Sentence]:
    """A panellist's recorded points as sentences: two to a sentence, the first opening with the name
    and title, the next with the locale's follow-ons in turn ("She also…", "She further…", "In
    addition, she…"), so that no two sentences in a row open "She also…". A line the editorial gate
    holds back is a placeholder of its own; a line the grammar cannot put in reported speech stands
    alone, flagged for staff."""
    out: list[Sentence] = []
    chunk: list[tuple[str, tuple[Source, ...]]] = []

    def opener() -> str:
        if not out:
            return who
        template = locale.follow_ons[(len(out) - 1) % len(locale.follow_ons)]
        lower = again.lower() if again in (locale.she, locale.he) else again
        return template.format(who=again if template.startswith("{who}") else lower)

    def flush(notes: tuple[str, ...] = ()) -> None:
        if chunk:
            predicates = [p if i == 0 else _without_also(p) for i, (p, _) in enumerate(chunk)]
            text = clean_text(f"{opener()} {lang.join(predicates, locale=locale)}")
            out.append(Sentence(lang.sentence(text), sources=tuple(s for _, ss in chunk for s in ss), notes=notes))
            chunk.clear()

    for record, kind, line in points:
        screened = screen(line)
        source = writer.source(record, kind, line)
        if not screened.ok:
            flush()
            out.append(Sentence(
                screened.placeholder((again if out else who).rstrip(","), locale), sources=(source,),
                notes=(screened.note(locale),),
                rephrase=screened.line(f"#{record.id} {record.speaker or record.delegation}", locale),
            ))  # fmt: skip
            continue
        predicate, reworded = lang.predicate(screened.text, kind, locale)
        if out and chunk == [] and predicate.split(" ", 1)[0].lower() in locale.adverbs:
            predicate = _without_also(predicate)
        if reworded:
            flush()
            chunk.append((predicate, (source,)))
            flush((locale.please_rephrase,))
            continue
        chunk.append((predicate, (source,)))
        if len(chunk) == PER_SENTENCE:
            flush()
    flush()
    return out


def _without_also(predicate: str) -> str:
    """ "noted X and stressed Y", not "… and also stressed Y": the sentence already joins them."""
    first, _, rest = predicate.partition(" ")
    return rest if first.lower() == "also" and rest else predicate


def _sourced(
    writer: Writer, who: str, record: SavedIntervention, kind: str, line: str, locale: Locale
) -> Sentence:
    """``who`` and the recorded ``line`` in reported speech, or the editorial gate's placeholder."""
    screened = screen(line)
    source = writer.source(record, kind, line)
    if not screened.ok:
        return Sentence(
            screened.placeholder(who.rstrip(","), locale), sources=(source,), notes=(screened.note(locale),),
            rephrase=screened.line(f"#{record.id} {record.speaker or record.delegation}", locale),
        )  # fmt: skip
    predicate, reworded = lang.predicate(screened.text, kind, locale)
    return Sentence(
        lang.sentence(clean_text(f"{who} {predicate}")), sources=(source,),
        notes=(locale.please_rephrase,) if reworded else (),
    )  # fmt: skip


def as_listed(panel: Panel, records: list[SavedIntervention], locale: Locale) -> dict[int, str]:
    """Records presented as the programme's panellist under another name than recorded (intervention id:
    the programme's name), so the annex names the same person as section II; the staff note says so."""
    return {
        r.id: p.person.name for p in panellists(panel, records, locale) if p.person and p.note for r in p.records
    }
