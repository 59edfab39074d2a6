"""The Review's "Balance" tab: the floor by UN regional group against the draft, as a table and a bar chart.

Check 5 of docs/design.md (does the draft read as if only one group spoke?) at a glance, for the panel chosen in
the Review's filter or all panels; the same numbers as ``hlmnotes balance`` and the draft's staff note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..analysis import plots
from ..analysis.balance import Balance
from ..app.workspace import Workspace
from ..domain.timing import COLOURS, mmss
from ..summary.compose.floor import section_iii_verdict
from ._common import StatusLine, esc, html_table, reports


class BalanceTab:
    """Count the floor by regional group when asked (building the draft takes a moment on a large panel).

    ``panel`` says which panel the Review's filter shows (None: all panels).
    """

    def __init__(self, workspace: Workspace, status: StatusLine, panel: Callable[[], int | None] = lambda: None):
        self.ws = workspace
        self.status = status
        self.panel = panel
        self.table: Balance | None = None
        self.count_button = w.Button(description="Count by region", icon="balance-scale",
                                     tooltip="Count the floor by UN regional group against the draft summary")  # fmt: skip
        self.verdict = w.HTML()
        self.table_html = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="auto", max_width="100%", align_self="flex-start"))
        self.widget = w.VBox([
            w.HTML("<span class='hlm-muted'>Floor speakers by UN regional group (a group statement counts once), their"
                   " share of speaking time, and the sentences of the draft that cite them.</span>"),
            self.count_button, self.status.label, self.verdict, self.table_html, self.chart,
        ])  # fmt: skip
        self.count_button.on_click(self.draw)

    @reports
    def draw(self, _: Any = None) -> Balance:
        """Count the chosen panel (or every panel) and show the table, the verdict and the chart."""
        panel = self.panel()
        table = self.ws.drafting.balance(panel if panel else "all")
        self.table = table
        verdict = section_iii_verdict(table)
        colour = COLOURS["over"] if table.uncited() else COLOURS["ok"]
        self.verdict.value = f"<b style='color:{colour}'>{esc(verdict[0].upper() + verdict[1:])}.</b>"
        rows = [
            [esc(r.region), str(r.speakers), mmss(r.speaking_time_s) or "0:00", f"{r.share_of_time:.0%}", str(r.points),
             ("cited" if r.cited_in_iii else "<b>not cited</b>") if r.speakers else "", esc(", ".join(r.names))]
            for r in table.rows
        ]  # fmt: skip
        header = ["Region", "Speakers", "Time", "Share", "Points", "Section III", "Who"]
        self.table_html.value = html_table(header, rows)
        self.chart.value = plots.png(plots.floor_balance(table), dpi=110)
        which = f"panel {panel}" if panel else "all panels"
        self.status.info(f"Floor counted by regional group for {which}")
        return table
