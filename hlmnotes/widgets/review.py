"""The Review: filter the records, correct them, tag themes in bulk, accept groups of similar points,
and look at the charts (coverage of the questions, themes, speaking time, timeline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..analysis import plots, tables
from ..analysis.tables import filter_records
from ..app.recording import saved_message
from ..app.workspace import Workspace
from ..domain.entry import Editing
from ..domain.model import CATEGORIES, SavedIntervention
from ..domain.timing import meeting_clock, mmss
from ._common import CATEGORY_LABELS, CSS, FLAG_LABELS, StatusLine, esc, html_table, poll, reports
from ._select import SelectMany
from ._session import remembered_rapporteur
from .balance_tab import BalanceTab
from .form import InterventionForm

if TYPE_CHECKING:
    from ..summary.compose.build import DraftTopic
    from ..summary.compose.grouping import ProposedGroup

MAX_PROPOSALS = 12
CHARTS = ("Interventions per question", "Themes by question", "Speaking time by category", "Timeline")


class Review:
    """Review and tag a meeting's records; ``panel`` is the one shown first (None: all panels)."""

    def __init__(self, workspace: Workspace | None = None, *, panel: int | None = None, rapporteur: str | None = None):
        self.ws = workspace or Workspace.open()
        self.rapporteur = rapporteur if rapporteur is not None else remembered_rapporteur(self.ws)
        self.status = StatusLine(meeting_clock(self.ws.programme))
        programme, codebook = self.ws.programme, self.ws.codebook
        self.editing: Editing | None = None
        self.proposals: list[ProposedGroup] = []
        self.proposed_in = 0  # the panel the proposals were made for: the filter may change before a click

        small = {"description_width": "5.5em"}
        self.panel = w.Dropdown(description="Panel", options=[("All panels", 0)] + [(f"Panel {p.id}", p.id) for p in programme.panels],
                                value=panel or 0, style=small, layout=w.Layout(width="15em"))  # fmt: skip
        self.question = w.Dropdown(
            description="Question", options=[("Any", 0)], style=small, layout=w.Layout(width="12em")
        )
        self.theme = w.Dropdown(description="Theme", options=[("Any", "")] + [(t.label, t.id) for t in codebook.themes],
                                style=small, layout=w.Layout(width="26em"))  # fmt: skip
        self.category = w.Dropdown(description="Category", options=[("Any", "")] + [(CATEGORY_LABELS[c], c) for c in CATEGORIES],
                                   style=small, layout=w.Layout(width="17em"))  # fmt: skip
        self.count = w.HTML()
        self.warnings = w.HTML()
        self.table = w.HTML(layout=w.Layout(max_height="26em", overflow="auto"))
        self.records = SelectMany(
            description="Records", rows=8, options=[], style=small, layout=w.Layout(width="60%")
        )
        self.select_all = w.Button(description="Select all shown", icon="check-square-o")
        self.tag = w.Combobox(description="Theme", placeholder="theme label or id", options=tuple(t.label for t in codebook.themes),
                              style=small, layout=w.Layout(width="30em"))  # fmt: skip
        self.add_button = w.Button(description="Add theme", icon="tag", tooltip="Add the theme to the selected records")
        self.remove_button = w.Button(
            description="Remove theme", icon="times", tooltip="Remove it from the selected records"
        )
        self.edit_button = w.Button(description="Edit", icon="pencil", tooltip="Edit the selected record")
        self.form = InterventionForm(self.ws, programme.panels[0].id, self.status)
        self.save_button = w.Button(description="Save changes", icon="check", button_style="primary")
        self.cancel_button = w.Button(description="Cancel", icon="times")
        self.delete_button = w.Button(description="Delete (withdrawn)", icon="trash", button_style="danger",
                                      tooltip="Take the record out of every table and the summary; Undo brings it back")  # fmt: skip
        self.undo_button = w.Button(description="Undo", icon="undo", tooltip="Undo your last change here (an edit, a deletion)")
        self.edit_box = w.VBox([w.HTML("<b>Editing</b>"), self.form.widget, w.HBox([self.save_button, self.cancel_button, self.delete_button])],
                               layout=w.Layout(display="none", border="1px solid #ccc", padding="6px"))  # fmt: skip

        self.propose_button = w.Button(description="Propose groups", icon="object-group", button_style="info")
        self.groups_box = w.VBox()
        self.topics_button = w.Button(description="Show topics", icon="sitemap",
                                      tooltip="The topics the draft of the chosen panel writes: take a point out, join two, reword")  # fmt: skip
        self.topics: list[DraftTopic] = []
        self.topics_in = 0  # the panel the topics were shown for
        self.topics_box = w.VBox()
        self.charts = {  # natural size: a stretched chart is a blurred chart
            name: w.Image(format="png", layout=w.Layout(width="auto", max_width="100%", align_self="flex-start"))
            for name in CHARTS
        }
        self.refresh_charts = w.Button(description="Draw charts", icon="bar-chart")

        listing = w.VBox([
            w.HBox([self.panel, self.question, self.theme, self.category]), self.count, self.table,
            w.HBox([self.records, w.VBox([self.select_all, self.edit_button])]),
            w.HBox([self.tag, self.add_button, self.remove_button, self.undo_button]), self.status.label, self.edit_box,
        ])  # fmt: skip
        groups = w.VBox([
            w.HTML("<span class='hlm-muted'>Similar points of the chosen panel's floor interventions, proposed by the"
                   " library. Accept (with your wording) to count them once in the Chair's summary.</span>"),
            self.propose_button, self.status.label, self.groups_box,
            w.HTML("<span class='hlm-muted'>Topics the draft writes: points about one thing, however worded. Take a"
                   " point out that is about something else, join two topics, or reword one (kept as a group).</span>"),
            self.topics_button, self.topics_box,
        ])  # fmt: skip
        charts = w.VBox(
            [
                self.refresh_charts,
                self.status.label,
                *(w.VBox([w.HTML(f"<b>{esc(n)}</b>"), img]) for n, img in self.charts.items()),
            ]
        )
        self.balance = BalanceTab(self.ws, self.status, lambda: self.panel_id)
        self.tabs = w.Tab(children=[listing, groups, charts, self.balance.widget],
                          titles=("Interventions", "Groups of points", "Charts", "Balance"))  # fmt: skip
        # The status line shows in each tab under its buttons (one label, one view per tab): a tall table
        # or the warnings would otherwise push it below the window, and a bulk tag would pass unconfirmed.
        self.widget = w.VBox([w.HTML(CSS), self.warnings, self.tabs, self.status.log_box])

        for control in (self.panel, self.question, self.theme, self.category):
            control.observe(self._on_filter, names="value")
        self.select_all.on_click(self.choose_all)
        self.add_button.on_click(self.add_theme)
        self.remove_button.on_click(self.remove_theme)
        self.edit_button.on_click(self.edit)
        self.save_button.on_click(self.save_edit)
        self.cancel_button.on_click(self.cancel_edit)
        self.delete_button.on_click(self.delete)
        self.undo_button.on_click(self.undo)
        self.propose_button.on_click(self.propose)
        self.topics_button.on_click(self.show_topics)
        self.refresh_charts.on_click(self.draw_charts)
        self.tabs.observe(self._on_tab, names="selected_index")
        self._questions()
        self.view = self.ws.panel_view(None)
        self._rows: dict[int, tuple[SavedIntervention, list[str]]] = {}
        self.refresh()
        self._seen = self.ws.revision()
        self._poll_task = poll(self._changed, self.refresh, self.status)

    def _changed(self) -> bool:
        """Whether anyone saved since the last look: other rapporteurs' records appear within seconds."""
        revision = self.ws.revision()
        changed, self._seen = revision != self._seen, revision
        return changed

    def close(self) -> None:
        """Stop following the store."""
        if self._poll_task is not None:
            self._poll_task.cancel()
            self._poll_task = None

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # -- filtering ----------------------------------------------------------------------------------

    @property
    def panel_id(self) -> int | None:
        return int(self.panel.value) or None

    def _questions(self) -> None:
        if self.panel_id is None:
            self.question.options, self.question.disabled = [("Any", 0)], True
        else:
            numbers = [q.number for q in self.ws.programme.panel(self.panel_id).questions]
            self.question.options = [("Any", 0)] + [(f"Q{n}", n) for n in numbers]
            self.question.disabled = False

    @reports
    def _on_filter(self, change: dict) -> None:
        if change["owner"] is self.panel:
            self._questions()
        self.refresh()

    def shown(self, records: Sequence[SavedIntervention] | None = None) -> list[SavedIntervention]:
        """The records that pass the filters (of ``records``, else of the whole store)."""
        return filter_records(self.ws.records() if records is None else records, panel=self.panel_id,
                              question=self.question.value or None, theme=self.theme.value or None,
                              category=self.category.value or None)  # fmt: skip

    def refresh(self) -> None:
        """Redraw the table, the record choices and the warnings from the store.

        The records are followed incrementally (``PanelView`` over every panel) and each row's HTML is
        kept until its record changes: the refresh also runs on every poll, at 10,000 records.
        """
        self.view.refresh()
        everything = self.view.records()
        records = self.shown(everything)
        self.count.value = f"<b>{len(records)}</b> interventions shown"
        rows = [self._row(r) for r in records]
        header = ["#", "Panel", "Seq", "Delegation", "Category", "Q", "Themes", "Flags", "Time", "By", "Key points"]
        self.table.value = html_table(header, rows, empty="No interventions match these filters.")
        chosen = set(self.records.value)
        self.records.options = [(f"#{r.id} · panel {r.panel} · {r.seq}. {r.delegation}", r.id) for r in records]
        ids = {r.id for r in records}
        self.records.value = tuple(i for i in chosen if i in ids)
        gaps = tables.unaddressed_questions(everything, self.ws.programme)
        if self.panel_id is not None:
            gaps = gaps[gaps["panel"] == self.panel_id]
        if len(gaps):
            items = "".join(
                f"<li>Panel {p}, Q{q}: {esc(str(t)[:110])}…</li>"
                for p, q, t in gaps[["panel", "question", "text"]].itertuples(index=False)
            )
            self.warnings.value = (
                f"<div style='color:#8a5300'><b>⚠ Questions nobody addressed yet</b><ul>{items}</ul></div>"
            )
        else:
            self.warnings.value = "<span style='color:#1b5e20'>Every guiding question has been addressed.</span>"
        mismatched = [line for r, line in self.ws.mismatched(everything) if self.panel_id in (None, r.panel)]
        if mismatched:
            items = "".join(f"<li>{esc(line)}</li>" for line in mismatched)
            self.warnings.value += (
                f"<div style='color:#8a5300'><b>⚠ Podium records the programme does not list</b><ul>{items}</ul></div>"
            )

    def _row(self, r: SavedIntervention) -> list[str]:
        """The table cells of one record, rendered once per version of it."""
        cached = self._rows.get(r.id)
        if cached is None or cached[0] is not r:  # the view keeps a record until it changes
            cells = [f"#{r.id}", str(r.panel), str(r.seq), esc(r.delegation) + (f" <i>(on behalf of {esc(r.on_behalf_of)})</i>" if r.on_behalf_of else ""),
                     esc(CATEGORY_LABELS.get(r.category, r.category)), esc(",".join(map(str, r.questions))), esc(", ".join(r.themes)),
                     esc(", ".join(FLAG_LABELS[f] for f in r.flags)), mmss(r.duration_s), esc(r.rapporteur),
                     esc(r.key_points).replace("\n", "<br>")]  # fmt: skip
            cached = self._rows[r.id] = (r, cells)
        return cached[1]

    # -- editing and tagging ------------------------------------------------------------------------

    @reports
    def choose_all(self, _: Any = None) -> None:
        self.records.value = tuple(value for _, value in self.records.options)

    @reports
    def add_theme(self, _: Any = None) -> None:
        changed = self.ws.tag(self.records.value, add=[self.tag.value.strip()], by=self.rapporteur)
        self.status.ok(
            f"Tagged {len(changed)} of {len(self.records.value)} records with {self.ws.codebook.resolve(self.tag.value.strip())}"
        )
        self.refresh()

    @reports
    def remove_theme(self, _: Any = None) -> None:
        changed = self.ws.tag(self.records.value, remove=[self.tag.value.strip()], by=self.rapporteur)
        self.status.ok(f"Removed {self.ws.codebook.resolve(self.tag.value.strip())} from {len(changed)} records")
        self.refresh()

    @reports
    def edit(self, _: Any = None) -> None:
        if len(self.records.value) != 1:
            self.status.warn("Choose exactly one record to edit")
            return
        record = self.ws.record(int(self.records.value[0]))
        self.form.set_panel(record.panel)
        self.editing = Editing.of(record)
        dropped = self.form.set_values(self.editing.row)
        self.edit_box.layout.display = None
        self.form.delegation.focus()  # brings the form, far below the list, into view
        self.status.info(
            f"Editing #{record.id} ({record.delegation})" + (f"; cannot show {', '.join(dropped)}" if dropped else "")
        )

    @reports
    def save_edit(self, _: Any = None) -> None:
        if self.editing is None:
            self.status.warn("Nothing is being edited")
            return
        data = self.editing.data() | self.form.values() | {"duration_s": self.editing.row["duration_s"]}
        if data.get("started_at") and data.get("ended_at"):
            data["duration_s"] = None
        record = self.ws.save(data, expected_version=self.editing.version)
        self.editing = None
        self.edit_box.layout.display = "none"
        if mismatch := self.ws.mismatch(record):  # saved all the same: the programme may be the one out of date
            self.status.warn(f"{saved_message(record, True, data)} · ⚠ {mismatch}")
        else:
            self.status.ok(saved_message(record, True, data))
        self.refresh()

    @reports
    def cancel_edit(self, _: Any = None) -> None:
        self.editing = None
        self.edit_box.layout.display = "none"
        self.status.info("Edit cancelled; the record is unchanged")

    @reports
    def delete(self, _: Any = None) -> None:
        """Soft-delete the record being edited (a withdrawn statement, a duplicate): kept in history, undoable."""
        if self.editing is None:
            self.status.warn("Choose a record and press Edit first; Delete removes the record being edited")
            return
        record = self.ws.delete(self.editing.id, by=self.rapporteur)
        self.editing = None
        self.edit_box.layout.display = "none"
        self.status.ok(f"Deleted #{record.id} ({record.delegation}); Undo brings it back")
        self.refresh()

    @reports
    def undo(self, _: Any = None) -> None:
        self.status.ok(self.ws.undo(by=self.rapporteur))
        self.refresh()

    # -- groups of similar points ---------------------------------------------------------------------

    @reports
    def propose(self, _: Any = None) -> None:
        if self.panel_id is None:
            self.status.warn("Choose a panel first: groups are proposed within one panel")
            return
        self.proposed_in = self.panel_id
        self.proposals = self.ws.drafting.propose_groups(self.panel_id)[:MAX_PROPOSALS]
        self.groups_box.children = [self._card(i, g) for i, g in enumerate(self.proposals)]
        self.status.info(f"{len(self.proposals)} groups proposed for panel {self.panel_id}" if self.proposals
                         else f"No similar points to group in panel {self.panel_id}")  # fmt: skip

    def _card(self, index: int, group: ProposedGroup) -> w.Widget:
        points = "".join(f"<li>{esc(p.delegation)}: {esc(p.text)}</li>" for p in group.points)
        wording = w.Text(value=group.text, description="Wording", layout=w.Layout(width="90%"))
        accept = w.Button(description="Accept", icon="check", button_style="success")
        reject = w.Button(description="Reject", icon="times")
        card = w.VBox([w.HTML(f"<b>{len(group.points)} points</b> (similarity {group.score:.0f})<ul>{points}</ul>"),
                       wording, w.HBox([accept, reject])], layout=w.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"))  # fmt: skip
        accept.on_click(lambda _: self.accept(index, wording.value, card))
        reject.on_click(lambda _: self.reject(index, card))
        return card

    @reports
    def accept(self, index: int, wording: str, card: w.Widget | None = None) -> int:
        group = self.proposals[index]
        group_id = self.ws.drafting.accept_group(self.proposed_in, group.points, text=wording.strip() or None, by=self.rapporteur)
        self._drop(card)
        self.status.ok(
            f"Accepted group #{group_id}: {len(group.points)} points counted once as “{wording.strip() or group.text}”"
        )
        return group_id

    @reports
    def reject(self, index: int, card: w.Widget | None = None) -> None:
        group = self.proposals[index]
        self.ws.drafting.reject_group(self.proposed_in, group.points, by=self.rapporteur)
        self._drop(card)
        self.status.info(f"Rejected: these {len(group.points)} points stay separate and will not be proposed again")

    def _drop(self, card: w.Widget | None) -> None:
        if card is not None:
            self.groups_box.children = tuple(c for c in self.groups_box.children if c is not card)

    # -- topics of the draft -------------------------------------------------------------------------

    @reports
    def show_topics(self, _: Any = None) -> None:
        if self.panel_id is None:
            self.status.warn("Choose a panel first: a draft's topics are a panel's")
            return
        self.topics_in = self.panel_id
        self.topics = self.ws.drafting.topics(self.panel_id)
        self.topics_box.children = [self._topic_card(i, t) for i, t in enumerate(self.topics)]
        self.status.info(f"{len(self.topics)} topics in the draft of panel {self.panel_id}")

    def _topic_card(self, index: int, topic: DraftTopic) -> w.Widget:
        points = SelectMany(description="Points", rows=min(6, len(topic.points)), layout=w.Layout(width="95%"),
                            options=[(f"{p.delegation}: {p.text}", i) for i, p in enumerate(topic.points)])  # fmt: skip
        wording = w.Text(description="Wording", placeholder="reported speech, e.g. announced new contributions to the Trust Fund",
                         layout=w.Layout(width="90%"))  # fmt: skip
        others = [(f"Topic {j + 1}: {t.points[0].text[:50]}", j) for j, t in enumerate(self.topics) if j != index]
        join_with = w.Dropdown(description="Join with", options=others, layout=w.Layout(width="60%"))
        take_out = w.Button(description="Take out", icon="minus", tooltip="Keep the chosen points out of this topic")
        reword = w.Button(description="Reword", icon="pencil", tooltip="Write this topic as one sentence in your wording")
        join = w.Button(description="Join", icon="link", tooltip="Write this topic and the other as one, in your wording")
        card = w.VBox([w.HTML(f"<b>Topic {index + 1}</b>: {len(topic.points)} points. {esc(topic.shares)}"), points, wording,
                       w.HBox([take_out, reword]), w.HBox([join_with, join])],
                      layout=w.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"))  # fmt: skip
        take_out.on_click(lambda _: self.take_out(index, points.value, card))
        reword.on_click(lambda _: self.reword(index, wording.value, card))
        join.on_click(lambda _: self.join(index, join_with.value, wording.value, card))
        return card

    @reports
    def take_out(self, index: int, chosen: Sequence[int], card: w.Widget | None = None) -> None:
        topic = self.topics[index]
        if not chosen:
            self.status.warn("Choose the points to take out of the topic")
            return
        for i in chosen:
            self.ws.drafting.take_out(self.topics_in, topic.points[i], topic.points, by=self.rapporteur)
        self._drop_topic(card)
        self.status.ok(f"Taken out of topic {index + 1}: {len(chosen)} point{'s' if len(chosen) > 1 else ''}; the next draft keeps them apart")

    @reports
    def reword(self, index: int, wording: str, card: w.Widget | None = None) -> int | None:
        return self._as_one([index], wording, card)

    @reports
    def join(self, index: int, other: int | None, wording: str, card: w.Widget | None = None) -> int | None:
        if other is None:
            self.status.warn("Choose the topic to join this one with")
            return None
        return self._as_one([index, other], wording, card)

    def _as_one(self, indexes: list[int], wording: str, card: w.Widget | None) -> int | None:
        if not wording.strip():
            self.status.warn("Give the wording the sentence should read as (reported speech: “announced …”)")
            return None
        points = list({p.key: p for i in indexes for p in self.topics[i].points}.values())
        group_id = self.ws.drafting.accept_group(self.topics_in, points, text=wording.strip(), by=self.rapporteur)
        self._drop_topic(card)
        self.status.ok(f"Kept as group #{group_id}: {len(points)} points written once as “{wording.strip()}”")
        return group_id

    def _drop_topic(self, card: w.Widget | None) -> None:
        """Shows the topics again as the next draft will write them (numbers change: a topic joined, one left)."""
        self.topics = self.ws.drafting.topics(self.topics_in)
        self.topics_box.children = [self._topic_card(i, t) for i, t in enumerate(self.topics)]

    # -- charts -------------------------------------------------------------------------------------

    @reports
    def _on_tab(self, change: dict) -> None:
        self.status.clear()  # one status line shows in every tab: a message stays with the tab that made it
        if change["new"] == 2:
            self.draw_charts()
        elif change["new"] == 3:
            self.balance.draw()

    @reports
    def draw_charts(self, _: Any = None) -> None:
        panel = self.panel_id or self.ws.programme.panels[0].id
        records, programme = self.ws.records(panel), self.ws.programme
        figures = {
            CHARTS[0]: plots.interventions_per_question(records, programme, panel),
            CHARTS[1]: plots.theme_question_heatmap(records, programme, self.ws.codebook, panel),
            CHARTS[2]: plots.speaking_time_by_category(records, programme, panel),
            CHARTS[3]: plots.timeline(records, programme, panel),
        }
        for name, figure in figures.items():
            self.charts[name].value = plots.png(figure, dpi=110)
        self.status.info(f"Charts drawn for panel {panel}")
