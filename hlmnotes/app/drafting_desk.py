"""Groups of similar points, the Chair's summary (built, or written to a file), its check and the balance,
as ``Workspace.drafting`` offers them. The summary package (python-docx, rapidfuzz, numpy) is imported only when one of these is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis.balance import Balance
    from ..domain.context import MeetingContext
    from ..domain.model import SavedIntervention
    from ..domain.points import Point, PointGroup, PointKey, RejectedGroup
    from ..domain.regions import Regions
    from ..storage.store import Store
    from ..summary import Summary, SummarySources
    from ..summary.compose.build import DraftTopic
    from ..summary.compose.grouping import ProposedGroup
    from ..summary.verify.check import Report


class DraftingDesk:
    """What the Chair's staff do with the records: group similar points, draft, check, weigh the balance.

    It holds the store, the meeting (programme, codebook, reference lists) and the regional groups the
    floor is counted by.
    """

    def __init__(self, store: Store, meeting: MeetingContext, regions: Regions):
        self.store = store
        self.meeting = meeting
        self.regions = regions

    def records(self) -> list[SavedIntervention]:
        """Every live record, in order of speaking: what a draft, its check and the balance are made from."""
        return self.store.records.interventions()

    def groups(self, panel: int | None = None) -> list[PointGroup]:
        """The accepted groups of similar points (of ``panel``, default all): each counted once in the summary."""
        return self.store.groups.accepted(panel)

    def delete_group(self, group_id: int) -> None:
        """Undo an accepted group: its points are counted one by one again."""
        self.store.groups.delete(group_id)

    def propose_groups(self, panel: int, threshold: float | None = None) -> list[ProposedGroup]:
        """Groups of similar points of ``panel`` not yet accepted or rejected, largest first (``threshold``:
        the similarity, 0 to 100, each point must reach; default ``summary.grouping.DEFAULT_THRESHOLD``)."""
        from ..summary.compose import grouping

        limit = grouping.DEFAULT_THRESHOLD if threshold is None else threshold
        return grouping.propose_groups(self.store, self.meeting.programme, panel, limit)

    def accept_group(
        self, panel: int, points: Sequence[Point | PointKey], *, text: str | None = None, by: str = ""
    ) -> int:
        """Keep that ``points`` (a proposal's, or any lines of the panel's floor) say one thing, worded as
        ``text`` (default: the first point's): the summary writes them once. Returns the group's id."""
        from ..summary.compose import grouping

        return grouping.accept_group(self.store, self.meeting.programme, panel, points, text, by)

    def reject_group(self, panel: int, points: Sequence[Point | PointKey], *, by: str = "") -> int:
        """Keep that ``points`` do not say one thing: that proposal, or any part of it, is not proposed again."""
        from ..summary.compose import grouping

        return grouping.reject_group(self.store, self.meeting.programme, panel, points, by)

    def topics(self, panel: int) -> list[DraftTopic]:
        """The topics the draft of ``panel`` writes (what its points share, and the points), largest first."""
        from ..summary.compose.build import draft_topics

        return draft_topics(self.sources(), panel)

    def take_out(self, panel: int, point: Point | PointKey, topic: Sequence[Point | PointKey], *, by: str = "") -> list[int]:
        """Keep ``point`` out of the topic whose points are ``topic``: it is never put together with any of
        them again (one rejected pair each, so the others stay together). Returns the decisions' ids."""
        from ..domain.points import key_of
        from ..summary.compose import grouping

        taken = key_of(point)
        others = [p for p in topic if key_of(p) != taken]
        programme = self.meeting.programme
        return [grouping.reject_group(self.store, programme, panel, [taken, other], by) for other in others]

    # -- the Chair's summary ----------------------------------------------------------------------

    def sources(self) -> SummarySources:
        """What a draft is written from, read in one go: the meeting, its regional groups, every live record,
        the accepted groups of similar points and, by panel, the rejected proposals."""
        from ..summary import SummarySources

        groups = self.store.groups.accepted()
        rejected = {p.id: self.store.groups.rejected(p.id) for p in self.meeting.programme.panels}
        return SummarySources(self.meeting, self.regions, self.records(), groups, rejected)

    def summary(
        self, panels: int | Sequence[int] | str = "all", by: str = "question", attribution: str = "anonymous",
        *, now: dt.datetime | None = None, minutes: float | None = None,
    ) -> Summary:  # fmt: skip
        """The draft Chair's summary of ``panels`` (see ``summary.build_summary`` for the options)."""
        from ..summary import build_summary
        from ..summary.compose.build import acyclic

        with acyclic():  # the records are read inside it too: see acyclic
            return build_summary(self.sources(), panels, by, attribution, now=now, minutes=minutes)

    def export(
        self, output: str | Path | None, *, fmt: str | None = None, panels: int | Sequence[int] | str = "all",
        by: str = "question", attribution: str = "anonymous", comments: bool = True,
        template: str | Path | None = None, minutes: float | None = None, warn: Callable[[str], None] | None = None,
    ) -> tuple[Summary, str | None]:  # fmt: skip
        """Build the summary and write it to ``output`` (Word, or a Markdown/HTML preview; ``summary.export``).

        Returns the summary and, when ``output`` is None (a preview), the text to print. A device, pipe or
        folder named as ``output`` is refused before anything is read or built.
        """
        from .. import summary
        from ..io.interchange import kept_files, output_file

        if output:  # neither the store's files nor the template being read
            read = [(template, "the template being read")] if template else []
            output_file(output, kept_files(store_file(self.store), *read), "draft")
        return summary.export(
            self.sources, output, fmt=fmt, panels=panels, by=by, attribution=attribution, comments=comments,
            template=template, minutes=minutes, warn=warn,
        )  # fmt: skip

    def check(
        self, path: str | Path, *, minutes: float | None = None, annotate_to: str | Path | None = None
    ) -> Report:
        """Check an edited Word draft against the records and the programme (``summary.check``); with
        ``annotate_to``, also write a copy with a Word comment on each finding there (a device, pipe or
        folder named so is refused before the draft is read)."""
        from ..io.interchange import kept_files, output_file
        from ..summary.verify.check import check

        if annotate_to is not None:  # neither the store's files nor the draft being checked
            kept = kept_files(store_file(self.store), (path, "the draft being checked"))
            output_file(annotate_to, kept, "annotated copy")

        return check(self.meeting, self.records(), path, minutes=minutes, annotate_to=annotate_to)

    def balance(self, panels: int | Sequence[int] | str = "all") -> Balance:
        """The floor by UN regional group against the draft built from the same records (check 5)."""
        from ..summary.compose.floor import balance

        summary = self.summary(panels)
        return balance(summary, self.records(), self.meeting.reference, self.regions)

    def rejected_groups(self, panel: int) -> list[RejectedGroup]:
        """Proposals of similar points a person rejected in ``panel``: the draft never merges them."""
        return self.store.groups.rejected(panel)


def store_file(store: Store) -> Path | None:
    """The SQLite file that holds the records; None for a PostgreSQL or in-memory store (no file to mind)."""
    if store.db.kind != "sqlite":
        return None
    path = store.db.target.removeprefix("sqlite:///")
    return None if path == ":memory:" else Path(path)
