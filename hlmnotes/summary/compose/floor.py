"""The balance of the floor against a built draft: which regional groups' voices section III cites
(check 5), and the staff note that says so under each panel's summary.

The counting is ``analysis.balance.tally`` (records only); this module reads the draft's sources and
words the verdict in the summary's ``Locale``, so the analysis layer never reaches up into the summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...analysis.balance import UNPLACED_ROW, Balance, tally
from ...domain.model import Intervention
from ...domain.reference import Reference
from ...domain.regions import Regions
from ..blocks import Heading, Paragraph
from ..locale import ENGLISH, Locale
from ..model import Summary
from .language import join


def draft_citations(summary: Summary) -> tuple[list[set[int]], set[int]]:
    """From a built summary: the intervention ids each sentence of sections III and IV cites, and those of III."""
    cited: list[set[int]] = []
    in_iii: set[int] = set()
    for panel in summary.panels:
        section = ""
        for block in panel.blocks:
            if isinstance(block, Heading):
                section = block.label if block.level == 1 else section
                continue
            if section not in ("III.", "IV.") or not isinstance(block, Paragraph):
                continue
            for sentence in (*block.sentences, *block.items):
                ids = {s.intervention for s in sentence.sources}
                if ids:
                    cited.append(ids)
                    if section == "III.":
                        in_iii |= ids
    return cited, in_iii


def balance(summary: Summary, records: Sequence[Intervention], reference: Reference, regions: Regions) -> Balance:
    """The balance of the panels of ``summary``, against that draft (built from the same ``records``)."""
    chosen = [p.panel for p in summary.panels]
    cited, in_iii = draft_citations(summary)
    mine = [r for r in records if r.panel in chosen]
    return tally(mine, reference, regions=regions, cited=cited, cited_in_iii=in_iii, panels=chosen)


def section_iii_verdict(table: Balance, locale: Locale | None = None) -> str:
    """``section III cites every group that spoke``, or which regional group no sentence of it cites."""
    words = locale or ENGLISH
    missing = table.uncited()
    if not any(r.speakers for r in table.regions()):
        return words.no_group_spoke
    if not missing:
        return words.cites_every_group
    return words.cites_no_sentence.format(groups=join(missing, locale=words))


def floor_note(
    records: Sequence[Intervention], section3: Iterable[Heading | Paragraph], reference: Reference,
    regions: Regions | None, locale: Locale,
) -> str:  # fmt: skip
    """The staff note's line on balance: ``Floor: African States 3, …; section III cites every group that spoke``.

    ``section3`` is the blocks of section III as the summary builds them, so the note needs no second build.
    """
    sentences = [s for b in section3 if isinstance(b, Paragraph) for s in (*b.sentences, *b.items)]
    in_iii = {source.intervention for s in sentences for source in s.sources}
    table = tally(records, reference, regions=regions, cited_in_iii=in_iii)
    counts = ", ".join(f"{r.region} {r.speakers}" for r in table.regions())
    unplaced = next((r.speakers for r in table.rows if r.region == UNPLACED_ROW), 0)
    extra = locale.unplaced[unplaced > 1].format(count=unplaced) if unplaced else ""
    return locale.floor_note.format(counts=counts, unplaced=extra, verdict=section_iii_verdict(table, locale))
