"""The meeting at a glance: which store is open, the programme as tables, the speakers' lists, who records."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from ..analysis.reconcile import ProgrammeChanges
from ..app.workspace import Workspace
from ..domain.programme import Programme
from ..domain.timing import meeting_clock
from ..errors import HlmnotesError
from ._common import CSS, StatusLine, esc, panel_options, reports
from ._session import remember_rapporteur, remembered_rapporteur

TEXT = pd.StringDtype()


def programme_tables(programme: Programme) -> dict[str, pd.DataFrame]:
    """The programme as three tables: panels, panellists and guiding questions."""
    panels = pd.DataFrame(
        [
            {
                "panel": p.id, "date": p.date.isoformat(), "start": f"{p.start:%H:%M}", "end": f"{p.end:%H:%M}",
                "venue": p.venue, "chair": f"{p.chair.display}, {p.chair.title}".strip(", "), "theme": p.theme,
                "limits (min)": f"chair {p.limits.chair}, panellists {p.limits.panellist}, floor {p.limits.floor}",
            }
            for p in programme.panels
        ]
    )  # fmt: skip
    panellists = pd.DataFrame(
        [
            {"panel": p.id, "order": i, "name": person.display, "title": person.title,
             "organization": person.organization, "delegation": person.delegation}
            for p in programme.panels
            for i, person in enumerate(p.panellists, 1)
        ]
    )  # fmt: skip
    questions = pd.DataFrame(
        [{"panel": p.id, "question": q.number, "text": q.text} for p in programme.panels for q in p.questions]
    )
    frames = {"panels": panels, "panellists": panellists, "questions": questions}
    for frame in frames.values():
        text_columns = [c for c in frame.columns if c not in ("panel", "order", "question")]
        frame[text_columns] = frame[text_columns].astype(TEXT)
    return frames


def meeting_summary(workspace: Workspace) -> str:
    """Two lines naming the meeting, its dates and place, and the store's record count."""
    m = workspace.programme.meeting
    days = m.start_date.strftime("%-d %B %Y")
    if m.end_date != m.start_date:
        days = f"{m.start_date:%-d}–{m.end_date.strftime('%-d %B %Y')}"
    return f"{m.title}\n{days}, {m.place} ({m.status or 'final'} programme); {len(workspace.programme.panels)} panels"


class MeetingView:
    """Import a panel's speakers' list and set the rapporteur's name, with the programme beside them."""

    def __init__(self, workspace: Workspace | None = None):
        self.ws = workspace or Workspace.open()
        self.status = StatusLine(meeting_clock(self.ws.programme))  # the meeting's time, as the Recorder's log
        self.store_label = w.HTML()
        self.rapporteur = w.Text(description="Rapporteur", value=remembered_rapporteur(self.ws),
                                 placeholder="your name, as it goes into each record")  # fmt: skip
        self.remember_button = w.Button(description="Remember name", icon="user")
        self.panel = w.Dropdown(description="Panel", options=panel_options(self.ws.programme, 60))
        self.upload = w.FileUpload(accept=".csv,.xlsx,.json", multiple=False, description="Speakers' list")
        self.import_button = w.Button(description="Import speakers' list", icon="upload", button_style="primary")
        self.queue_html = w.HTML()
        # The programme as held: see what an update would change, then apply it (the records are kept).
        self.programme_upload = w.FileUpload(accept=".toml", multiple=False, description="Programme")
        self.diff_button = w.Button(description="Show changes", icon="search")
        self.update_button = w.Button(description="Update programme", icon="refresh", button_style="warning")
        self.changes_html = w.HTML()

        self.remember_button.on_click(self.remember)
        self.import_button.on_click(self.import_list)
        self.diff_button.on_click(self.show_changes)
        self.update_button.on_click(self.update_programme)
        self.panel.observe(lambda change: self.refresh(), names="value")

        help_text = (
            "<span class='hlm-muted'>Columns: order, delegation, speaker, category, on_behalf_of (CSV UTF-8,"
            " XLSX or JSON). Importing replaces the panel's speakers who have not yet spoken.</span>"
        )
        self.widget = w.VBox([
            w.HTML(CSS), self.store_label,
            w.HBox([self.rapporteur, self.remember_button]),
            w.HTML("<b>Speakers' list</b>"), w.HBox([self.panel]), w.HBox([self.upload, self.import_button]),
            self.status.label,  # under the buttons: a long list must not push the confirmation out of sight
            w.HTML(help_text), self.queue_html,
            w.HTML("<b>Programme changed on the day?</b>"),
            w.HBox([self.programme_upload, self.diff_button, self.update_button]), self.changes_html,
            self.status.log_box,
        ])  # fmt: skip
        self.refresh()
        for line in self.ws.warnings:  # a stored programme holding characters now refused: said once, on opening
            self.status.warn(line)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        self.store_label.value = (
            f"<b>Store</b>: <code>{esc(self.ws.label)}</code> · {self.ws.count()} interventions recorded"
        )
        entries = self.ws.speakers.queue(self.panel.value)
        if not entries:
            self.queue_html.value = f"<p class='hlm-muted'>No speakers' list for panel {self.panel.value} yet.</p>"
            return
        rows = "".join(
            f"<li>{esc(s.delegation)}{esc(f' ({s.speaker})' if s.speaker else '')}"
            f"{esc(f', on behalf of {s.on_behalf_of}' if s.on_behalf_of else '')}"
            f"{' — spoke' if s.taken_by else ''}</li>"
            for s in entries
        )
        self.queue_html.value = f"<ol style='max-height:14em;overflow:auto'>{rows}</ol>"

    @reports
    def remember(self, _: Any = None) -> None:
        name = " ".join(self.rapporteur.value.split())
        if not name:
            self.status.warn("Type your name first")
            return
        remember_rapporteur(self.ws, name)
        self.status.ok(f"The Recorder will record as {name} (HLMNOTES_RAPPORTEUR overrides it)")

    @reports
    def import_list(self, _: Any = None) -> None:
        if not self.upload.value:
            self.status.warn("Choose a speakers' list file first")
            return
        with _uploaded(self.upload) as (name, path):
            entries = self.import_file(path)
        self.status.ok(f"Imported {len(entries)} speakers from {name} into panel {self.panel.value}")

    def import_file(self, path: str | Path) -> list[Any]:
        """Import a speakers' list file into the chosen panel (the upload button does the same)."""
        entries = self.ws.speakers.import_file(path, int(self.panel.value))
        self.refresh()
        return entries

    @reports
    def show_changes(self, _: Any = None) -> ProgrammeChanges | None:
        """What updating to the chosen programme file would change; nothing is applied."""
        return self._programme(apply=False)

    @reports
    def update_programme(self, _: Any = None) -> ProgrammeChanges | None:
        """Apply the chosen programme file; every record is kept, and podium records it does not list are shown."""
        return self._programme(apply=True)

    def _programme(self, *, apply: bool) -> ProgrammeChanges | None:
        if not self.programme_upload.value:
            self.status.warn("Choose the new programme file (TOML) first")
            return None
        with _uploaded(self.programme_upload) as (name, path):
            changes = self.ws.update_programme(path) if apply else self.ws.programme_changes(path)
        self.changes_html.value = changes_html(changes, f"Updated to {name}" if apply else f"Updating to {name} would change")
        if not apply:
            self.status.info(f"{len(changes.changes)} changes in {name}; nothing is applied until Update programme")
            return changes
        self.panel.options = panel_options(self.ws.programme, 60)
        done = f"Programme updated from {name}: {len(changes.changes)} changes, every record kept"
        if changes.mismatches:
            self.status.warn(f"{done}; {len(changes.mismatches)} podium records it does not list (below)")
        else:
            self.status.ok(done)
        self.refresh()
        return changes


def changes_html(changes: ProgrammeChanges, lead: str) -> str:
    """The changes as a list, then the podium records the programme would not list and any refusal."""
    items = "".join(f"<li>{esc(line)}</li>" for line in changes.lines) or "<li>nothing</li>"
    out = f"<b>{esc(lead)}:</b><ul>{items}</ul>"
    if changes.mismatches:
        records = "".join(f"<li>{esc(line)}</li>" for line in changes.mismatches)
        out += f"<div style='color:#8a5300'><b>⚠ Podium records the programme does not list</b><ul>{records}</ul></div>"
    if changes.refused:
        out += f"<div style='color:#b00020'><b>An update would be refused:</b> {esc(changes.refusal)}</div>"
    return out


@contextmanager
def _uploaded(upload: w.FileUpload) -> Iterator[tuple[str, Path]]:
    """The uploaded file as a temporary file, for the library's file readers; errors name the file as the
    person knows it, not its temporary copy."""
    content = upload.value[0]
    name = Path(content["name"]).name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(bytes(content["content"]))
        try:
            yield name, path
        except HlmnotesError as exc:
            raise HlmnotesError(str(exc).replace(str(path), name)) from exc
