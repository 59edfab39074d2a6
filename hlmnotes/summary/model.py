"""The draft Chair's summary as plain data, independent of Word, Markdown or HTML.

A ``Summary`` holds one ``PanelSummary`` per panel in programme order, the options it was built with
and the ``Locale`` whose words it is written in; its parts (``PanelSummary``, ``Heading``,
``Paragraph``, ``Sentence``, ``Source``, ``AnnexRow``) are in ``blocks`` and named here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .blocks import AnnexRow, Block, Heading, PanelSummary, Paragraph, Sentence, Source, source_ids, source_note
from .locale import ENGLISH, Locale

__all__ = [
    "AnnexRow", "Block", "Heading", "PanelSummary", "Paragraph", "Sentence", "Source", "Summary", "source_ids",
    "source_note",
]  # fmt: skip


@dataclass(frozen=True)
class Summary:
    """What ``build_summary`` returns and every writer reads."""

    title: str
    meeting: str
    by: str
    attribution: str
    panels: tuple[PanelSummary, ...]
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    author: str = "hlmnotes"
    preface: tuple[str, ...] = ()  # the closing segment's lines, when several panels are read out together
    locale: Locale = ENGLISH  # the words the writers use: headings of the annex, comments, the page header…

    @property
    def interventions(self) -> int:
        return sum(p.interventions for p in self.panels)
